import{A as e,C as t,D as n,I as r,N as i,R as a,T as o,c as s,d as c,f as l,i as u,l as d,m as f,p,s as m,u as h,x as g}from"./element-plus-CnnpmuMS.js";import{r as _,s as v}from"./index-D87b0cee.js";import{t as y}from"./FlagTag-Cg1YoPSp.js";import{f as b,g as x,m as S,n as C}from"./vocabulary-kHZl0qWD.js";var w=`query WebhookDeliveries($endpointId: ID, $status: WebhookDeliveryStatus, $first: Int) {
  webhookDeliveries(endpointId: $endpointId, status: $status, first: $first) {
    totalCount
    edges {
      node {
        id
        endpointId
        status
        attempts
        redeliveries
        lastStatusCode
        lastError
        lastAttemptAt
        deliveredAt
        createdAt
        event {
          type
          caseNo
        }
      }
    }
  }
}
`,T=`query WebhookEndpoints {
  webhookEndpoints {
    id
    utility
    url
    eventTypes
    description
    enabled
    secretHint
    createdAt
  }
}
`,E=`mutation RedeliverWebhook($deliveryId: ID!) {
  redeliverWebhook(deliveryId: $deliveryId) {
    id
    status
  }
}
`,D={class:`toolbar`},O=_({__name:`AdminWebhooks`,setup(_){let O=i([]),k=i([]),A=i(null),j=i(null),M=i(``),N=s(()=>Object.fromEntries(O.value.map(e=>[e.id,e.url]))),P={DELIVERED:`success`,FAILED:`danger`,PENDING:`warning`};async function F(){try{O.value=(await v(T)).webhookEndpoints,await I(),M.value=``}catch(e){M.value=x(e)}}async function I(){let e=await v(w,{endpointId:A.value,status:j.value,first:100});k.value=e.webhookDeliveries.edges.map(e=>e.node)}async function L(){try{await I()}catch(e){M.value=x(e)}}async function R(e){try{await v(E,{deliveryId:e.id}),u.success(`已安排重新投递`),await I()}catch(e){M.value=x(e)}}return g(F),(i,s)=>{let u=n(`el-alert`),g=n(`el-table-column`),_=n(`el-table`),v=n(`el-option`),x=n(`el-select`),w=n(`el-button`);return t(),l(`section`,null,[s[6]||=d(`h1`,{class:`page-title`},`Webhook 推送`,-1),M.value?(t(),h(u,{key:0,title:M.value,type:`error`,closable:!1,role:`alert`},null,8,[`title`])):c(``,!0),s[7]||=d(`h2`,{class:`section-title`},`推送地址`,-1),f(_,{data:O.value,"row-key":`id`,"empty-text":`尚未登记推送地址`,size:`small`},{default:e(()=>[f(g,{label:`公用企业`,width:`100`},{default:e(({row:e})=>[p(a(r(b)[e.utility]),1)]),_:1}),f(g,{label:`地址`,prop:`url`,"min-width":`260`}),f(g,{label:`事件`,"min-width":`160`},{default:e(({row:e})=>[p(a(e.eventTypes.length?e.eventTypes.join(`、`):`全部`),1)]),_:1}),f(g,{label:`说明`,prop:`description`,"min-width":`120`}),f(g,{label:`状态`,width:`90`},{default:e(({row:t})=>[f(y,{kind:t.enabled?`success`:`info`},{default:e(()=>[p(a(t.enabled?`启用`:`停用`),1)]),_:2},1032,[`kind`])]),_:1})]),_:1},8,[`data`]),s[8]||=d(`h2`,{class:`section-title`},`投递记录`,-1),d(`div`,D,[s[3]||=d(`label`,{for:`delivery-endpoint`},`推送地址`,-1),f(x,{id:`delivery-endpoint`,modelValue:A.value,"onUpdate:modelValue":s[0]||=e=>A.value=e,clearable:``,placeholder:`全部`,style:{width:`280px`},onChange:L},{default:e(()=>[(t(!0),l(m,null,o(O.value,e=>(t(),h(v,{key:e.id,value:e.id,label:e.url},null,8,[`value`,`label`]))),128))]),_:1},8,[`modelValue`]),s[4]||=d(`label`,{for:`delivery-status`},`投递状态`,-1),f(x,{id:`delivery-status`,modelValue:j.value,"onUpdate:modelValue":s[1]||=e=>j.value=e,clearable:``,placeholder:`全部`,style:{width:`140px`},onChange:L},{default:e(()=>[(t(!0),l(m,null,o(r(C),(e,n)=>(t(),h(v,{key:n,value:n,label:e},null,8,[`value`,`label`]))),128))]),_:1},8,[`modelValue`]),f(w,{onClick:L},{default:e(()=>[...s[2]||=[p(`刷新`,-1)]]),_:1})]),f(_,{data:k.value,"row-key":`id`,"empty-text":`暂无投递记录`,size:`small`},{default:e(()=>[f(g,{label:`事件`,"min-width":`170`},{default:e(({row:e})=>[p(a(e.event.type)+` · `+a(e.event.caseNo),1)]),_:1}),f(g,{label:`推送地址`,"min-width":`200`},{default:e(({row:e})=>[p(a(N.value[e.endpointId]||e.endpointId),1)]),_:1}),f(g,{label:`状态`,width:`90`},{default:e(({row:t})=>[f(y,{kind:P[t.status]},{default:e(()=>[p(a(r(C)[t.status]),1)]),_:2},1032,[`kind`])]),_:1}),f(g,{label:`尝试次数`,prop:`attempts`,width:`90`}),f(g,{label:`最近结果`,"min-width":`160`},{default:e(({row:e})=>[p(a(e.lastStatusCode??``)+` `+a(e.lastError||``),1)]),_:1}),f(g,{label:`最近尝试`,width:`150`},{default:e(({row:e})=>[p(a(r(S)(e.lastAttemptAt)),1)]),_:1}),f(g,{label:`操作`,width:`100`},{default:e(({row:t})=>[f(w,{link:``,type:`primary`,"aria-label":`重新投递 ${t.event.type}`,onClick:e=>R(t)},{default:e(()=>[...s[5]||=[p(`重新投递`,-1)]]),_:1},8,[`aria-label`,`onClick`])]),_:1})]),_:1},8,[`data`])])}}},[[`__scopeId`,`data-v-89958432`]]);export{O as default};
import{E as e,F as t,L as n,M as r,S as i,b as a,c as o,d as s,f as c,i as l,k as u,l as d,m as f,p,s as m,u as h,w as g}from"./element-plus-0B_ePywo.js";import{a as _,n as v}from"./index-GhtDMuHv.js";import{t as y}from"./FlagTag-oc3DA9JU.js";import{f as b,g as x,m as S,n as C}from"./vocabulary-0WDTHO7P.js";var w=`query WebhookDeliveries($endpointId: ID, $status: WebhookDeliveryStatus, $first: Int) {
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
`,D={class:`toolbar`},O=v({__name:`AdminWebhooks`,setup(v){let O=r([]),k=r([]),A=r(null),j=r(null),M=r(``),N=o(()=>Object.fromEntries(O.value.map(e=>[e.id,e.url]))),P={DELIVERED:`success`,FAILED:`danger`,PENDING:`warning`};async function F(){try{O.value=(await _(T)).webhookEndpoints,await I(),M.value=``}catch(e){M.value=x(e)}}async function I(){let e=await _(w,{endpointId:A.value,status:j.value,first:100});k.value=e.webhookDeliveries.edges.map(e=>e.node)}async function L(){try{await I()}catch(e){M.value=x(e)}}async function R(e){try{await _(E,{deliveryId:e.id}),l.success(`已安排重新投递`),await I()}catch(e){M.value=x(e)}}return a(F),(r,a)=>{let o=e(`el-alert`),l=e(`el-table-column`),_=e(`el-table`),v=e(`el-option`),x=e(`el-select`),w=e(`el-button`);return i(),c(`section`,null,[a[6]||=d(`h1`,{class:`page-title`},`Webhook 推送`,-1),M.value?(i(),h(o,{key:0,title:M.value,type:`error`,closable:!1,role:`alert`},null,8,[`title`])):s(``,!0),a[7]||=d(`h2`,{class:`section-title`},`推送地址`,-1),f(_,{data:O.value,"row-key":`id`,"empty-text":`尚未登记推送地址`,size:`small`},{default:u(()=>[f(l,{label:`公用企业`,width:`100`},{default:u(({row:e})=>[p(n(t(b)[e.utility]),1)]),_:1}),f(l,{label:`地址`,prop:`url`,"min-width":`260`}),f(l,{label:`事件`,"min-width":`160`},{default:u(({row:e})=>[p(n(e.eventTypes.length?e.eventTypes.join(`、`):`全部`),1)]),_:1}),f(l,{label:`说明`,prop:`description`,"min-width":`120`}),f(l,{label:`状态`,width:`90`},{default:u(({row:e})=>[f(y,{kind:e.enabled?`success`:`info`},{default:u(()=>[p(n(e.enabled?`启用`:`停用`),1)]),_:2},1032,[`kind`])]),_:1})]),_:1},8,[`data`]),a[8]||=d(`h2`,{class:`section-title`},`投递记录`,-1),d(`div`,D,[a[3]||=d(`label`,{for:`delivery-endpoint`},`推送地址`,-1),f(x,{id:`delivery-endpoint`,modelValue:A.value,"onUpdate:modelValue":a[0]||=e=>A.value=e,clearable:``,placeholder:`全部`,style:{width:`280px`},onChange:L},{default:u(()=>[(i(!0),c(m,null,g(O.value,e=>(i(),h(v,{key:e.id,value:e.id,label:e.url},null,8,[`value`,`label`]))),128))]),_:1},8,[`modelValue`]),a[4]||=d(`label`,{for:`delivery-status`},`投递状态`,-1),f(x,{id:`delivery-status`,modelValue:j.value,"onUpdate:modelValue":a[1]||=e=>j.value=e,clearable:``,placeholder:`全部`,style:{width:`140px`},onChange:L},{default:u(()=>[(i(!0),c(m,null,g(t(C),(e,t)=>(i(),h(v,{key:t,value:t,label:e},null,8,[`value`,`label`]))),128))]),_:1},8,[`modelValue`]),f(w,{onClick:L},{default:u(()=>[...a[2]||=[p(`刷新`,-1)]]),_:1})]),f(_,{data:k.value,"row-key":`id`,"empty-text":`暂无投递记录`,size:`small`},{default:u(()=>[f(l,{label:`事件`,"min-width":`170`},{default:u(({row:e})=>[p(n(e.event.type)+` · `+n(e.event.caseNo),1)]),_:1}),f(l,{label:`推送地址`,"min-width":`200`},{default:u(({row:e})=>[p(n(N.value[e.endpointId]||e.endpointId),1)]),_:1}),f(l,{label:`状态`,width:`90`},{default:u(({row:e})=>[f(y,{kind:P[e.status]},{default:u(()=>[p(n(t(C)[e.status]),1)]),_:2},1032,[`kind`])]),_:1}),f(l,{label:`尝试次数`,prop:`attempts`,width:`90`}),f(l,{label:`最近结果`,"min-width":`160`},{default:u(({row:e})=>[p(n(e.lastStatusCode??``)+` `+n(e.lastError||``),1)]),_:1}),f(l,{label:`最近尝试`,width:`150`},{default:u(({row:e})=>[p(n(t(S)(e.lastAttemptAt)),1)]),_:1}),f(l,{label:`操作`,width:`100`},{default:u(({row:e})=>[f(w,{link:``,type:`primary`,"aria-label":`重新投递 ${e.event.type}`,onClick:t=>R(e)},{default:u(()=>[...a[5]||=[p(`重新投递`,-1)]]),_:1},8,[`aria-label`,`onClick`])]),_:1})]),_:1},8,[`data`])])}}},[[`__scopeId`,`data-v-89958432`]]);export{O as default};
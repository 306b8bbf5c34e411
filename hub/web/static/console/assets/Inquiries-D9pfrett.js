import{A as e,D as t,E as n,F as r,L as i,M as a,S as o,b as s,c,d as l,f as u,i as d,j as f,k as p,l as m,m as h,o as g,p as _,s as v,u as y,x as b}from"./element-plus-0B_ePywo.js";import{a as x,i as S,n as C}from"./index-GhtDMuHv.js";import{t as w}from"./FlagTag-oc3DA9JU.js";import{d as T,g as E,h as D,m as O,r as k}from"./vocabulary-0WDTHO7P.js";import{t as A}from"./session-4ylGSoSo.js";var j=`mutation AnswerInquiry($inquiryId: ID!, $answer: String!) {
  answerInquiry(inquiryId: $inquiryId, answer: $answer) {
    id
    status
  }
}
`,M=`query Inquiries($filter: InquiryFilter, $first: Int) {
  inquiries(filter: $filter, first: $first) {
    totalCount
    edges {
      node {
        id
        unit
        caseId
        question
        raisedBy
        raisedAt
        dueAt
        status
        answer
        plan
        planDate
        answeredAt
        overdue
      }
    }
  }
}
`,N=`mutation PlanInquiry($inquiryId: ID!, $plan: String!, $planDate: Date!) {
  planInquiry(inquiryId: $inquiryId, plan: $plan, planDate: $planDate) {
    id
    status
  }
}
`,P={class:`page-title`},F={key:0},I={class:`toolbar`},L={key:0,class:`reply`},R={key:1,class:`reply`},z={key:0,class:`question`},B=C({__name:`Inquiries`,setup(C){let B=a([]),V=a(``),H=a(!0),U=a(!1),W=f({open:!1,mode:`answer`,inquiry:null,answer:``,plan:``,planDate:``,busy:!1,error:null}),G=null,K={OPEN:0,PLANNED:1,ANSWERED:2},q=c(()=>B.value.filter(e=>U.value||e.status!==`ANSWERED`).sort((e,t)=>e.overdue===t.overdue?e.status===t.status?Date.parse(e.dueAt)-Date.parse(t.dueAt):K[e.status]-K[t.status]:e.overdue?-1:1));function J(e){let t=A.user;return!t||e.status===`ANSWERED`?!1:t.role===`ADMIN`?!0:t.role===`LIAISON`?t.unit===e.unit:t.role===`WINDOW`?e.unit===`SERVICE_CENTRE`:t.role===`UTILITY`&&t.utility===e.unit}async function Y(){try{let e=await x(M,{first:100});B.value=e.inquiries.edges.map(e=>e.node),V.value=``}catch(e){V.value=E(e)}finally{H.value=!1}}function X(e,t){Object.assign(W,{open:!0,mode:t,inquiry:e,answer:``,plan:``,planDate:``,error:null})}async function Z(){W.busy=!0,W.error=null;try{if(W.mode===`answer`)await x(j,{inquiryId:W.inquiry.id,answer:W.answer}),d.success(`已答复`);else{if(!W.planDate){W.error={message:`请选择计划完成日期`,fields:{planDate:`请选择计划完成日期`}};return}await x(N,{inquiryId:W.inquiry.id,plan:W.plan,planDate:W.planDate}),d.success(`已登记解决计划`)}W.open=!1,Y()}catch(e){W.error=e}finally{W.busy=!1}}return s(()=>{Y(),G=S({},e=>e.type.startsWith(`INQUIRY_`)&&Y())}),b(()=>G?.()),(a,s)=>{let c=n(`el-alert`),d=n(`el-checkbox`),f=n(`el-button`),b=n(`el-table-column`),x=n(`el-table`),S=n(`el-input`),C=n(`el-form-item`),j=n(`el-date-picker`),M=n(`el-form`),N=n(`el-dialog`),B=t(`loading`);return o(),u(`section`,null,[m(`h1`,P,[s[6]||=_(`协调事项`,-1),r(A).user?.unit?(o(),u(`span`,F,`（`+i(r(T)[r(A).user.unit])+`）`,1)):l(``,!0)]),V.value?(o(),y(c,{key:0,title:V.value,type:`error`,closable:!1,role:`alert`},null,8,[`title`])):l(``,!0),m(`p`,I,[h(d,{modelValue:U.value,"onUpdate:modelValue":s[0]||=e=>U.value=e},{default:p(()=>[...s[7]||=[_(`显示已答复的`,-1)]]),_:1},8,[`modelValue`]),h(f,{onClick:Y},{default:p(()=>[...s[8]||=[_(`刷新`,-1)]]),_:1})]),e((o(),y(x,{data:q.value,"row-key":`id`,"empty-text":`暂无协调事项`,class:`inquiries`},{default:p(()=>[h(b,{label:`问题`,"min-width":`260`},{default:p(({row:e})=>[m(`div`,null,i(e.question),1),e.answer?(o(),u(`div`,L,`答复：`+i(e.answer),1)):l(``,!0),e.plan?(o(),u(`div`,R,`计划：`+i(e.plan)+`（`+i(e.planDate)+`）`,1)):l(``,!0)]),_:1}),h(b,{label:`协调单位`,width:`120`},{default:p(({row:e})=>[_(i(r(T)[e.unit]),1)]),_:1}),h(b,{label:`提出人`,width:`120`,prop:`raisedBy`}),h(b,{label:`答复期限`,width:`150`},{default:p(({row:e})=>[_(i(r(O)(e.dueAt)),1)]),_:1}),h(b,{label:`状态`,width:`150`},{default:p(({row:e})=>[_(i(r(k)[e.status])+` `,1),e.overdue?(o(),y(w,{key:0,kind:`danger`},{default:p(()=>[...s[9]||=[_(`已超期`,-1)]]),_:1})):l(``,!0)]),_:1}),h(b,{label:`操作`,width:`150`},{default:p(({row:e})=>[J(e)?(o(),u(v,{key:0},[h(f,{link:``,type:`primary`,onClick:t=>X(e,`answer`)},{default:p(()=>[...s[10]||=[_(`答复`,-1)]]),_:1},8,[`onClick`]),h(f,{link:``,type:`primary`,onClick:t=>X(e,`plan`)},{default:p(()=>[...s[11]||=[_(`计划`,-1)]]),_:1},8,[`onClick`])],64)):l(``,!0)]),_:1})]),_:1},8,[`data`])),[[B,H.value]]),h(N,{modelValue:W.open,"onUpdate:modelValue":s[5]||=e=>W.open=e,title:W.mode===`answer`?`答复协调事项`:`登记解决计划`,width:`520px`},{footer:p(()=>[h(f,{onClick:s[4]||=e=>W.open=!1},{default:p(()=>[...s[12]||=[_(`取消`,-1)]]),_:1}),h(f,{type:`primary`,loading:W.busy,onClick:Z},{default:p(()=>[...s[13]||=[_(`提交`,-1)]]),_:1},8,[`loading`])]),default:p(()=>[W.inquiry?(o(),u(`p`,z,`问题：`+i(W.inquiry.question),1)):l(``,!0),h(M,{"label-position":`top`,onSubmit:g(Z,[`prevent`])},{default:p(()=>[W.mode===`answer`?(o(),y(C,{key:0,label:`答复内容`,for:`inquiry-answer`,error:r(D)(W.error,`answer`)},{default:p(()=>[h(S,{id:`inquiry-answer`,modelValue:W.answer,"onUpdate:modelValue":s[1]||=e=>W.answer=e,type:`textarea`,rows:4,maxlength:`4000`},null,8,[`modelValue`])]),_:1},8,[`error`])):(o(),u(v,{key:1},[h(C,{label:`解决计划`,for:`inquiry-plan`,error:r(D)(W.error,`plan`)},{default:p(()=>[h(S,{id:`inquiry-plan`,modelValue:W.plan,"onUpdate:modelValue":s[2]||=e=>W.plan=e,type:`textarea`,rows:3,maxlength:`4000`},null,8,[`modelValue`])]),_:1},8,[`error`]),h(C,{label:`计划完成日期`,for:`inquiry-plan-date`,error:r(D)(W.error,`planDate`)},{default:p(()=>[h(j,{id:`inquiry-plan-date`,modelValue:W.planDate,"onUpdate:modelValue":s[3]||=e=>W.planDate=e,type:`date`,"value-format":`YYYY-MM-DD`},null,8,[`modelValue`])]),_:1},8,[`error`])],64)),W.error?(o(),y(c,{key:2,title:r(E)(W.error),type:`error`,closable:!1,role:`alert`},null,8,[`title`])):l(``,!0)]),_:1})]),_:1},8,[`modelValue`,`title`])])}}},[[`__scopeId`,`data-v-ffa630fc`]]);export{B as default};
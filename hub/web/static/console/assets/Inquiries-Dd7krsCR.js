import{A as e,C as t,D as n,I as r,M as i,N as a,O as o,R as s,S as c,c as l,d as u,f as d,i as f,j as p,l as m,m as h,o as g,p as _,s as v,u as y,x as b}from"./element-plus-CnnpmuMS.js";import{o as x,r as S,s as C}from"./index-D87b0cee.js";import{t as w}from"./FlagTag-Cg1YoPSp.js";import{d as T,g as E,h as D,m as O,r as k}from"./vocabulary-kHZl0qWD.js";import{t as A}from"./session-9zhZ8T0u.js";var j=`mutation AnswerInquiry($inquiryId: ID!, $answer: String!) {
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
`,P={class:`page-title`},F={key:0},I={class:`toolbar`},L={key:0,class:`reply`},R={key:1,class:`reply`},z={key:0,class:`question`},B=S({__name:`Inquiries`,setup(S){let B=a([]),V=a(``),H=a(!0),U=a(!1),W=i({open:!1,mode:`answer`,inquiry:null,answer:``,plan:``,planDate:``,busy:!1,error:null}),G=null,K={OPEN:0,PLANNED:1,ANSWERED:2},q=l(()=>B.value.filter(e=>U.value||e.status!==`ANSWERED`).sort((e,t)=>e.overdue===t.overdue?e.status===t.status?Date.parse(e.dueAt)-Date.parse(t.dueAt):K[e.status]-K[t.status]:e.overdue?-1:1));function J(e){let t=A.user;return!t||e.status===`ANSWERED`?!1:t.role===`ADMIN`?!0:t.role===`LIAISON`?t.unit===e.unit:t.role===`WINDOW`?e.unit===`SERVICE_CENTRE`:t.role===`UTILITY`&&t.utility===e.unit}async function Y(){try{let e=await C(M,{first:100});B.value=e.inquiries.edges.map(e=>e.node),V.value=``}catch(e){V.value=E(e)}finally{H.value=!1}}function X(e,t){Object.assign(W,{open:!0,mode:t,inquiry:e,answer:``,plan:``,planDate:``,error:null})}async function Z(){W.busy=!0,W.error=null;try{if(W.mode===`answer`)await C(j,{inquiryId:W.inquiry.id,answer:W.answer}),f.success(`已答复`);else{if(!W.planDate){W.error={code:`BAD_USER_INPUT`,message:`请选择计划完成日期`,fields:{planDate:`请选择计划完成日期`}};return}await C(N,{inquiryId:W.inquiry.id,plan:W.plan,planDate:W.planDate}),f.success(`已登记解决计划`)}W.open=!1,Y()}catch(e){W.error=e}finally{W.busy=!1}}let Q=null;return b(()=>{Y(),G=x({},e=>e.type.startsWith(`INQUIRY_`)&&Y()),Q=setInterval(Y,3e4)}),c(()=>{G?.(),clearInterval(Q)}),(i,a)=>{let c=n(`el-alert`),l=n(`el-checkbox`),f=n(`el-button`),b=n(`el-table-column`),x=n(`el-table`),S=n(`el-input`),C=n(`el-form-item`),j=n(`el-date-picker`),M=n(`el-form`),N=n(`el-dialog`),B=o(`loading`);return t(),d(`section`,null,[m(`h1`,P,[a[6]||=_(`协调事项`,-1),r(A).user?.unit?(t(),d(`span`,F,`（`+s(r(T)[r(A).user.unit])+`）`,1)):u(``,!0)]),V.value?(t(),y(c,{key:0,title:V.value,type:`error`,closable:!1,role:`alert`},null,8,[`title`])):u(``,!0),m(`p`,I,[h(l,{modelValue:U.value,"onUpdate:modelValue":a[0]||=e=>U.value=e},{default:e(()=>[...a[7]||=[_(`显示已答复的`,-1)]]),_:1},8,[`modelValue`]),h(f,{onClick:Y},{default:e(()=>[...a[8]||=[_(`刷新`,-1)]]),_:1})]),p((t(),y(x,{data:q.value,"row-key":`id`,"empty-text":`暂无协调事项`,class:`inquiries`},{default:e(()=>[h(b,{label:`问题`,"min-width":`260`},{default:e(({row:e})=>[m(`div`,null,s(e.question),1),e.answer?(t(),d(`div`,L,`答复：`+s(e.answer),1)):u(``,!0),e.plan?(t(),d(`div`,R,`计划：`+s(e.plan)+`（`+s(e.planDate)+`）`,1)):u(``,!0)]),_:1}),h(b,{label:`协调单位`,width:`120`},{default:e(({row:e})=>[_(s(r(T)[e.unit]),1)]),_:1}),h(b,{label:`提出人`,width:`120`,prop:`raisedBy`}),h(b,{label:`答复期限`,width:`150`},{default:e(({row:e})=>[_(s(r(O)(e.dueAt)),1)]),_:1}),h(b,{label:`状态`,width:`150`},{default:e(({row:n})=>[_(s(r(k)[n.status])+` `,1),n.overdue?(t(),y(w,{key:0,kind:`danger`},{default:e(()=>[...a[9]||=[_(`已超期`,-1)]]),_:1})):u(``,!0)]),_:1}),h(b,{label:`操作`,width:`150`},{default:e(({row:n})=>[J(n)?(t(),d(v,{key:0},[h(f,{link:``,type:`primary`,onClick:e=>X(n,`answer`)},{default:e(()=>[...a[10]||=[_(`答复`,-1)]]),_:1},8,[`onClick`]),h(f,{link:``,type:`primary`,onClick:e=>X(n,`plan`)},{default:e(()=>[...a[11]||=[_(`计划`,-1)]]),_:1},8,[`onClick`])],64)):u(``,!0)]),_:1})]),_:1},8,[`data`])),[[B,H.value]]),h(N,{modelValue:W.open,"onUpdate:modelValue":a[5]||=e=>W.open=e,title:W.mode===`answer`?`答复协调事项`:`登记解决计划`,width:`520px`},{footer:e(()=>[h(f,{onClick:a[4]||=e=>W.open=!1},{default:e(()=>[...a[12]||=[_(`取消`,-1)]]),_:1}),h(f,{type:`primary`,loading:W.busy,onClick:Z},{default:e(()=>[...a[13]||=[_(`提交`,-1)]]),_:1},8,[`loading`])]),default:e(()=>[W.inquiry?(t(),d(`p`,z,`问题：`+s(W.inquiry.question),1)):u(``,!0),h(M,{"label-position":`top`,onSubmit:g(Z,[`prevent`])},{default:e(()=>[W.mode===`answer`?(t(),y(C,{key:0,label:`答复内容`,for:`inquiry-answer`,error:r(D)(W.error,`answer`)},{default:e(()=>[h(S,{id:`inquiry-answer`,modelValue:W.answer,"onUpdate:modelValue":a[1]||=e=>W.answer=e,type:`textarea`,rows:4,maxlength:`4000`},null,8,[`modelValue`])]),_:1},8,[`error`])):(t(),d(v,{key:1},[h(C,{label:`解决计划`,for:`inquiry-plan`,error:r(D)(W.error,`plan`)},{default:e(()=>[h(S,{id:`inquiry-plan`,modelValue:W.plan,"onUpdate:modelValue":a[2]||=e=>W.plan=e,type:`textarea`,rows:3,maxlength:`4000`},null,8,[`modelValue`])]),_:1},8,[`error`]),h(C,{label:`计划完成日期`,for:`inquiry-plan-date`,error:r(D)(W.error,`planDate`)},{default:e(()=>[h(j,{id:`inquiry-plan-date`,modelValue:W.planDate,"onUpdate:modelValue":a[3]||=e=>W.planDate=e,type:`date`,"value-format":`YYYY-MM-DD`},null,8,[`modelValue`])]),_:1},8,[`error`])],64)),W.error?(t(),y(c,{key:2,title:r(E)(W.error),type:`error`,closable:!1,role:`alert`},null,8,[`title`])):u(``,!0)]),_:1})]),_:1},8,[`modelValue`,`title`])])}}},[[`__scopeId`,`data-v-19fcc5ad`]]);export{B as default};
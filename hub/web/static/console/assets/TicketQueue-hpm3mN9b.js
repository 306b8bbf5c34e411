import{A as e,C as t,D as n,I as r,N as i,O as a,R as o,S as s,c,d as l,f as u,j as d,l as f,m as p,p as m,u as h,x as g}from"./element-plus-CnnpmuMS.js";import{o as _,r as v,s as y}from"./index-D87b0cee.js";import{t as b}from"./FlagTag-Cg1YoPSp.js";import{f as x,g as S,i as C,m as w,u as T}from"./vocabulary-kHZl0qWD.js";import{t as E}from"./session-9zhZ8T0u.js";var D=`query Tickets($filter: TicketFilter, $first: Int) {
  tickets(filter: $filter, first: $first, orderBy: { field: REVIEW_DUE_AT, direction: ASC }) {
    totalCount
    edges {
      node {
        id
        utility
        status
        dispatchedAt
        reviewDueAt
        feedbackDueAt
        overdue
        case {
          id
          caseNo
          isKeyProject
          surveyAppointment
          applicant {
            name
          }
          project {
            name
          }
        }
      }
    }
  }
}
`,O={class:`page-title`},k={key:0},A={class:`queue-count`,"aria-live":`polite`},j=v({__name:`TicketQueue`,setup(v){let j=i([]),M=i(``),N=i(!0),P=null;function F(e){return e.status===`SURVEYED`?e.feedbackDueAt:e.reviewDueAt}let I=c(()=>[...j.value].sort((e,t)=>{if(e.overdue!==t.overdue)return e.overdue?-1:1;let[n,r]=[F(e),F(t)];return!n||!r?n?-1:+!!r:Date.parse(n)-Date.parse(r)}));async function L(){try{let e=await y(D,{filter:{status:C,utility:E.user?.utility||null},first:100});j.value=e.tickets.edges.map(e=>e.node),M.value=``}catch(e){M.value=S(e)}finally{N.value=!1}}return g(()=>{L(),P=_({utility:E.user?.utility||null},L)}),s(()=>P?.()),(i,s)=>{let c=n(`el-alert`),g=n(`router-link`),_=n(`el-table-column`),v=n(`el-table`),y=a(`loading`);return t(),u(`section`,null,[f(`h1`,O,[s[0]||=m(`工单队列`,-1),r(E).user?.utility?(t(),u(`span`,k,`（`+o(r(x)[r(E).user.utility])+`）`,1)):l(``,!0)]),M.value?(t(),h(c,{key:0,title:M.value,type:`error`,closable:!1,role:`alert`},null,8,[`title`])):l(``,!0),f(`p`,A,`待办工单 `+o(I.value.length)+` 件`,1),d((t(),h(v,{data:I.value,"row-key":`id`,"empty-text":`暂无待办工单`,class:`ticket-queue`},{default:e(()=>[p(_,{label:`案件编号`,"min-width":`160`},{default:e(({row:t})=>[p(g,{to:`/tickets/${t.id}`,class:`ticket-link`},{default:e(()=>[m(o(t.case.caseNo),1)]),_:2},1032,[`to`])]),_:1}),p(_,{label:`项目`,"min-width":`200`},{default:e(({row:e})=>[m(o(e.case.project.name),1)]),_:1}),p(_,{label:`申请企业`,"min-width":`180`},{default:e(({row:e})=>[m(o(e.case.applicant.name),1)]),_:1}),p(_,{label:`状态`,width:`130`},{default:e(({row:e})=>[m(o(r(T)[e.status]),1)]),_:1}),p(_,{label:`截止时间`,width:`150`},{default:e(({row:e})=>[m(o(r(w)(F(e))),1)]),_:1}),p(_,{label:`标记`,width:`170`},{default:e(({row:n})=>[n.overdue?(t(),h(b,{key:0,kind:`danger`},{default:e(()=>[...s[1]||=[m(`已超期`,-1)]]),_:1})):l(``,!0),n.case.isKeyProject?(t(),h(b,{key:1,kind:`warning`},{default:e(()=>[...s[2]||=[m(`重点项目`,-1)]]),_:1})):l(``,!0)]),_:1})]),_:1},8,[`data`])),[[y,N.value]])])}}},[[`__scopeId`,`data-v-d7cf0bb9`]]);export{j as default};
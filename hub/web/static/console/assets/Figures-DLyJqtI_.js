import{A as e,C as t,D as n,I as r,N as i,R as a,S as o,c as s,d as c,f as l,k as u,l as d,m as f,p,s as m,u as h,x as g}from"./element-plus-CnnpmuMS.js";import{r as _,s as v}from"./index-D87b0cee.js";import{a as y,c as b,i as x,n as S,o as C,r as w,s as T,t as E}from"./echarts-D-eK5OW-.js";import{n as D}from"./downloads-BY7PKeUg.js";import{c as O,f as k,g as A,l as j,p as M}from"./vocabulary-kHZl0qWD.js";var N={class:`chart`},P=[`aria-label`],F=_({__name:`BarChart`,props:{title:{type:String,required:!0},categories:{type:Array,required:!0},series:{type:Array,required:!0},percent:{type:Boolean,default:!1}},setup(e){C([b,S,y,w,x,E]);let n=e,r=i(null),s=null;function c(){return n.series.map(e=>`${e.name}：${n.categories.map((t,n)=>`${t} ${f(e.data[n])}`).join(`，`)}`).join(`；`)}function f(e){return e==null?`无数据`:n.percent?`${(e*100).toFixed(1)}%`:String(e)}function p(){s??=T(r.value),s.setOption({aria:{enabled:!1},tooltip:{trigger:`axis`,valueFormatter:f},legend:{top:0},grid:{left:48,right:16,top:36,bottom:32},xAxis:{type:`category`,data:n.categories},yAxis:n.percent?{type:`value`,min:0,max:1,axisLabel:{formatter:e=>`${e*100}%`}}:{type:`value`,minInterval:1},series:n.series.map(e=>({type:`bar`,name:e.name,data:e.data}))},!0)}function m(){s?.resize()}return g(()=>{p(),window.addEventListener(`resize`,m)}),u(()=>[n.categories,n.series],p,{deep:!0}),o(()=>{window.removeEventListener(`resize`,m),s?.dispose()}),(n,i)=>(t(),l(`figure`,N,[d(`figcaption`,null,a(e.title),1),d(`div`,{ref_key:`element`,ref:r,class:`chart-canvas`,role:`img`,"aria-label":`${e.title}：${c()}`},null,8,P)]))}},[[`__scopeId`,`data-v-c6cac9a8`]]),I=`query CasesExport($filter: CaseFilter) {
  casesExport(filter: $filter) {
    id
    status
    filename
  }
}
`,L=`query CasesExportDownload($id: ID!) {
  casesExportFile(id: $id) {
    filename
    downloadUrl
  }
}
`,R=`query CasesExportStatus($id: ID!) {
  casesExportFile(id: $id) {
    status
  }
}
`,z=`query Figures($from: Date!, $to: Date!, $start: DateTime!, $end: DateTime!) {
  figures(from: $from, to: $to) {
    received
    accepted
    replied
    medianWorkingDaysToReply
    replyOnTimeRate
    zeroMaterialRate
    zeroVisitRate
    zeroApprovalRate
    zeroCostRate
    byUtility {
      utility
      tickets
      reviewOnTimeRate
      resultOnTimeRate
      approved
      notApproved
    }
    byMonth {
      month
      received
      accepted
      replied
      replyOnTimeRate
    }
  }
  slaReport(from: $start, to: $end) {
    utility
    clock
    owner
    started
    met
    missed
    open
    cancelled
    onTimeRate
    medianWorkingDays
    p90WorkingDays
  }
}
`,B={class:`toolbar`},V={role:`status`,class:`export-status`},H={class:`charts`},U=_({__name:`Figures`,setup(u){let _=new Date(Date.now()+288e5).toISOString().slice(0,10),y=i([`${_.slice(0,4)}-01-01`,_]),b=i(null),x=i([]),S=i(``),C=i(!1),w=i(``),T=null;function E(e){let t=new Date(`${e}T00:00:00+08:00`);return t.setUTCDate(t.getUTCDate()+1),`${t.toISOString().slice(0,10)}T00:00:00+08:00`}async function N(){if(!y.value||y.value.length!==2){S.value=`请选择统计期间`;return}C.value=!0,S.value=``;let[e,t]=y.value;try{let n=await v(z,{from:e,to:t,start:`${e}T00:00:00+08:00`,end:E(t)});b.value=n.figures,x.value=n.slaReport}catch(e){S.value=A(e)}finally{C.value=!1}}let P=s(()=>b.value?.byMonth.map(e=>e.month)||[]),U=s(()=>[{name:`收件`,data:b.value?.byMonth.map(e=>e.received)||[]},{name:`受理`,data:b.value?.byMonth.map(e=>e.accepted)||[]},{name:`答复`,data:b.value?.byMonth.map(e=>e.replied)||[]}]),W=e=>e==null?null:Number(e),G=s(()=>b.value?.byUtility.map(e=>k[e.utility])||[]),K=s(()=>[{name:`审核按时率`,data:b.value?.byUtility.map(e=>W(e.reviewOnTimeRate))||[]},{name:`结果反馈按时率`,data:b.value?.byUtility.map(e=>W(e.resultOnTimeRate))||[]}]),q=s(()=>x.value.map(e=>`${O[e.clock]}（${j[e.owner]}）`)),J=s(()=>[{name:`按时率`,data:x.value.map(e=>W(e.onTimeRate))}]),Y=[`零材料`,`零上门`,`零审批`,`零投资`],X=s(()=>[{name:`占比`,data:b.value?[b.value.zeroMaterialRate,b.value.zeroVisitRate,b.value.zeroApprovalRate,b.value.zeroCostRate].map(W):[]}]);async function Z(){clearTimeout(T),w.value=`正在生成导出文件…`;try{await Q((await v(I,{filter:null})).casesExport.id,0)}catch(e){w.value=A(e)}}async function Q(e,t){let{status:n}=(await v(R,{id:e})).casesExportFile;if(n===`READY`){let t=(await v(L,{id:e})).casesExportFile;D(async()=>t.downloadUrl,t.filename),w.value=`已生成 ${t.filename}`}else n===`FAILED`?w.value=`导出文件生成失败，请稍后重试`:t<150?(w.value=`导出文件生成中，完成后自动下载…`,T=setTimeout(()=>Q(e,t+1).catch(e=>w.value=A(e)),2e3)):w.value=`导出文件仍在生成，请稍后再试`}return g(N),o(()=>clearTimeout(T)),(i,o)=>{let s=n(`el-date-picker`),u=n(`el-button`),g=n(`el-alert`),_=n(`el-descriptions-item`),v=n(`el-descriptions`),T=n(`el-table-column`),E=n(`el-table`);return t(),l(`section`,null,[o[6]||=d(`h1`,{class:`page-title`},`统计分析`,-1),d(`div`,B,[o[4]||=d(`label`,{for:`figures-range`,class:`range-label`},`统计期间`,-1),f(s,{id:`figures-range`,modelValue:y.value,"onUpdate:modelValue":o[0]||=e=>y.value=e,type:`daterange`,"value-format":`YYYY-MM-DD`,"start-placeholder":`开始日期`,"end-placeholder":`结束日期`,"range-separator":`至`},null,8,[`modelValue`]),f(u,{type:`primary`,loading:C.value,onClick:N},{default:e(()=>[...o[2]||=[p(`查询`,-1)]]),_:1},8,[`loading`]),f(u,{onClick:o[1]||=e=>Z()},{default:e(()=>[...o[3]||=[p(`导出案件（XLSX）`,-1)]]),_:1}),d(`span`,V,a(w.value),1)]),S.value?(t(),h(g,{key:0,title:S.value,type:`error`,closable:!1,role:`alert`},null,8,[`title`])):c(``,!0),b.value?(t(),l(m,{key:1},[f(v,{column:4,border:``,class:`totals`},{default:e(()=>[f(_,{label:`收件`},{default:e(()=>[p(a(b.value.received),1)]),_:1}),f(_,{label:`受理`},{default:e(()=>[p(a(b.value.accepted),1)]),_:1}),f(_,{label:`答复`},{default:e(()=>[p(a(b.value.replied),1)]),_:1}),f(_,{label:`受理至答复（工作日中位数）`},{default:e(()=>[p(a(b.value.medianWorkingDaysToReply??`—`),1)]),_:1}),f(_,{label:`按时答复率`},{default:e(()=>[p(a(r(M)(b.value.replyOnTimeRate)),1)]),_:1}),f(_,{label:`零材料占比`},{default:e(()=>[p(a(r(M)(b.value.zeroMaterialRate)),1)]),_:1}),f(_,{label:`零上门 / 零审批 / 零投资`},{default:e(()=>[p(a(r(M)(b.value.zeroVisitRate))+` / `+a(r(M)(b.value.zeroApprovalRate))+` / `+a(r(M)(b.value.zeroCostRate)),1)]),_:1})]),_:1}),d(`div`,H,[f(F,{title:`每月收件、受理与答复`,categories:P.value,series:U.value},null,8,[`categories`,`series`]),f(F,{title:`各单位按时率`,categories:G.value,series:K.value,percent:``},null,8,[`categories`,`series`]),f(F,{title:`各时限按时率`,categories:q.value,series:J.value,percent:``},null,8,[`categories`,`series`]),f(F,{title:`“零”服务占比`,categories:Y,series:X.value,percent:``},null,8,[`series`])]),o[5]||=d(`h2`,{class:`section-title`},`时限统计`,-1),f(E,{data:x.value,size:`small`,"empty-text":`期间内无时限`},{default:e(()=>[f(T,{label:`时限`,"min-width":`150`},{default:e(({row:e})=>[p(a(r(O)[e.clock]),1)]),_:1}),f(T,{label:`责任方`,width:`100`},{default:e(({row:e})=>[p(a(r(j)[e.owner]),1)]),_:1}),f(T,{label:`开始`,prop:`started`,width:`70`}),f(T,{label:`按时`,prop:`met`,width:`70`}),f(T,{label:`超时`,prop:`missed`,width:`70`}),f(T,{label:`进行中`,prop:`open`,width:`80`}),f(T,{label:`已取消`,prop:`cancelled`,width:`80`}),f(T,{label:`按时率`,width:`90`},{default:e(({row:e})=>[p(a(r(M)(e.onTimeRate)),1)]),_:1}),f(T,{label:`用时中位数（工作日）`,width:`170`},{default:e(({row:e})=>[p(a(e.medianWorkingDays??`—`),1)]),_:1}),f(T,{label:`90 分位（工作日）`,width:`150`},{default:e(({row:e})=>[p(a(e.p90WorkingDays??`—`),1)]),_:1})]),_:1},8,[`data`])],64)):c(``,!0)])}}},[[`__scopeId`,`data-v-7bb1b44e`]]);export{U as default};
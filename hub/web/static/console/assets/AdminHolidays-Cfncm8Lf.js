import{A as e,C as t,D as n,I as r,M as i,N as a,R as o,T as s,d as c,f as l,i as u,l as d,m as f,o as p,p as m,s as h,u as g,x as _}from"./element-plus-CnnpmuMS.js";import{r as v,s as y}from"./index-D87b0cee.js";import{t as b}from"./FlagTag-Cg1YoPSp.js";import{g as x,h as S,s as C}from"./vocabulary-kHZl0qWD.js";var w=`mutation RecomputeOpenClocks {
  recomputeOpenClocks
}
`,T=`query HolidaySchedule($year: Int!, $fromYear: Int, $toYear: Int) {
  holidaySchedule(year: $year) {
    year
    source
    provisional
    holidays
    workingDays
  }
  calendarCoverage(fromYear: $fromYear, toYear: $toYear) {
    year
    source
    provisional
  }
}
`,E=`mutation SetHolidaySchedule($year: Int!, $holidays: [Date!]!, $workingDays: [Date!]!) {
  setHolidaySchedule(year: $year, holidays: $holidays, workingDays: $workingDays) {
    year
    source
  }
}
`,D={class:`toolbar`},O={class:`coverage`},k={key:0},A=v({__name:`AdminHolidays`,setup(v){let A=a(new Date().getFullYear()+1),j=a(null),M=a([]),N=a(``),P=i({holidays:``,workingDays:``,busy:!1,error:null});function F(e){return e.split(/[\s,，、]+/).map(e=>e.trim()).filter(Boolean)}async function I(){N.value=``;try{let e=await y(T,{year:A.value,fromYear:A.value-2,toYear:A.value+2});j.value=e.holidaySchedule,M.value=e.calendarCoverage,P.holidays=e.holidaySchedule.holidays.join(`
`),P.workingDays=e.holidaySchedule.workingDays.join(`
`),P.error=null}catch(e){N.value=x(e)}}function L(e){let t=e=>/^\d{4}-\d{2}-\d{2}$/.test(e)&&new Date(`${e}T00:00:00Z`).toISOString().startsWith(e);return e.filter(e=>{try{return!t(e)}catch{return!0}})}async function R(){P.error=null;let e={};for(let[t,n]of[[`holidays`,P.holidays],[`workingDays`,P.workingDays]]){let r=L(F(n));r.length&&(e[t]=`不是有效日期（YYYY-MM-DD）：${r.join(`、`)}`)}if(Object.keys(e).length)P.error={code:`BAD_USER_INPUT`,message:`日期格式不正确`,fields:e};else{P.busy=!0;try{await y(E,{year:A.value,holidays:F(P.holidays),workingDays:F(P.workingDays)}),u.success(`${A.value} 年安排已保存；已起算的时限须“重新计算”后才会变化`),I()}catch(e){P.error=e}finally{P.busy=!1}}}async function z(){try{let e=(await y(w)).recomputeOpenClocks;u.success(`已重新计算，${e} 个时限的期限有变化`)}catch(e){N.value=x(e)}}function B(e){let t=Object.keys(P.error?.fields||{}).find(t=>t===e||t.startsWith(`${e}[`));return t?S(P.error,t):``}return _(I),(i,a)=>{let u=n(`el-alert`),_=n(`el-input-number`),v=n(`el-button`),y=n(`el-input`),S=n(`el-form-item`),w=n(`el-form`);return t(),l(`section`,null,[a[6]||=d(`h1`,{class:`page-title`},`节假日安排`,-1),N.value?(t(),g(u,{key:0,title:N.value,type:`error`,closable:!1,role:`alert`},null,8,[`title`])):c(``,!0),d(`div`,D,[a[4]||=d(`label`,{for:`holiday-year`},`年份`,-1),f(_,{id:`holiday-year`,modelValue:A.value,"onUpdate:modelValue":a[0]||=e=>A.value=e,min:1950,max:9999,"controls-position":`right`,onChange:I},null,8,[`modelValue`]),f(v,{onClick:z},{default:e(()=>[...a[3]||=[m(`重新计算未结时限`,-1)]]),_:1})]),d(`p`,O,[a[5]||=m(` 各年来源： `,-1),(t(!0),l(h,null,s(M.value,n=>(t(),l(`span`,{key:n.year,class:`coverage-year`},[m(o(n.year)+` 年 `,1),f(b,{kind:n.provisional?`warning`:`info`},{default:e(()=>[m(o(r(C)[n.source]),1)]),_:2},1032,[`kind`])]))),128))]),j.value?(t(),l(h,{key:1},[d(`p`,null,[m(` 当前日历采用的 `+o(j.value.year)+` 年安排：`,1),d(`strong`,null,o(r(C)[j.value.source]),1),j.value.provisional?(t(),l(`span`,k,`（尚未公布，仅按周末和法定节假日计算，公布后请录入）`)):c(``,!0)]),f(w,{"label-position":`top`,class:`holiday-form`,onSubmit:p(R,[`prevent`])},{default:e(()=>[f(S,{label:`放假日（周一至周五中放假的日子，每行一个 YYYY-MM-DD）`,for:`holiday-days`,error:B(`holidays`)},{default:e(()=>[f(y,{id:`holiday-days`,modelValue:P.holidays,"onUpdate:modelValue":a[1]||=e=>P.holidays=e,type:`textarea`,rows:10},null,8,[`modelValue`])]),_:1},8,[`error`]),f(S,{label:`调休上班日（周末上班的日子，每行一个 YYYY-MM-DD）`,for:`holiday-working`,error:B(`workingDays`)},{default:e(()=>[f(y,{id:`holiday-working`,modelValue:P.workingDays,"onUpdate:modelValue":a[2]||=e=>P.workingDays=e,type:`textarea`,rows:10},null,8,[`modelValue`])]),_:1},8,[`error`]),P.error?(t(),g(u,{key:0,title:r(x)(P.error),type:`error`,closable:!1,role:`alert`},null,8,[`title`])):c(``,!0),f(v,{type:`primary`,"native-type":`submit`,loading:P.busy},{default:e(()=>[m(`按国务院通知保存 `+o(A.value)+` 年安排`,1)]),_:1},8,[`loading`])]),_:1})],64)):c(``,!0)])}}},[[`__scopeId`,`data-v-28b2cd7e`]]);export{A as default};
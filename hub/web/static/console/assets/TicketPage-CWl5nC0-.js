import{E as e,F as t,L as n,M as r,O as i,S as a,c as o,d as s,f as c,i as l,j as u,k as d,l as f,m as p,o as m,p as h,s as g,u as _,w as v,x as y}from"./element-plus-0B_ePywo.js";import{i as b}from"./vendor-DV1e-hhy.js";import{a as x,i as S,n as C}from"./index-GhtDMuHv.js";import{n as w,r as T,t as E}from"./files-CdlqKzIs.js";import{a as D,d as O,f as k,g as A,h as j,m as M,t as N,u as P}from"./vocabulary-0WDTHO7P.js";import{t as F}from"./FlagTag-oc3DA9JU.js";import{t as I}from"./session-4ylGSoSo.js";var L={key:0,class:`uploaded`},R={key:1},z={key:2,class:`upload-row`},B=C({__name:`ApprovalUpload`,props:{caseData:{type:Object,required:!0},ticket:{type:Object,required:!0}},emits:[`done`],setup(i,{emit:l}){let u=i,m=l,y=r(null),b=r(null),x=r(!1),S=r(``),C=o(()=>u.caseData.materials.filter(e=>e.ticketId===u.ticket.id)),w=o(()=>u.ticket.allowedActions.includes(`UPLOAD_APPROVAL_RESULT`));function D(e){b.value=e.target.files[0]||null}async function O(){if(S.value=``,!b.value)S.value=`请先选择审批结果文件`;else{x.value=!0;try{await T(b.value,{caseId:u.caseData.id,ticketId:u.ticket.id}),b.value=null,y.value&&(y.value.value=``),m(`done`,`审批结果已上传`)}catch(e){S.value=e.code?A(e):e.message}finally{x.value=!1}}}async function k(e){try{await E(e.id)}catch(e){S.value=A(e)}}return(r,i)=>{let o=e(`el-button`),l=e(`el-alert`);return a(),c(`div`,null,[C.value.length?(a(),c(`ul`,L,[(a(!0),c(g,null,v(C.value,e=>(a(),c(`li`,{key:e.id},[h(n(e.filename)+`（`+n(t(M)(e.createdAt))+`） `,1),p(o,{link:``,type:`primary`,"aria-label":`下载 ${e.filename}`,onClick:t=>k(e)},{default:d(()=>[...i[1]||=[h(`下载`,-1)]]),_:1},8,[`aria-label`,`onClick`])]))),128))])):(a(),c(`p`,R,`尚未上传审批结果。`)),w.value?(a(),c(`div`,z,[i[4]||=f(`label`,{for:`approval-file`},`审批结果文件`,-1),f(`input`,{id:`approval-file`,ref_key:`picker`,ref:y,class:`visually-hidden`,type:`file`,accept:`.pdf,.jpg,.jpeg,.png,.ofd`,onChange:D},null,544),p(o,{"aria-hidden":`true`,tabindex:`-1`,onClick:i[0]||=e=>y.value.click()},{default:d(()=>[...i[2]||=[h(`选择文件`,-1)]]),_:1}),f(`span`,null,n(b.value?b.value.name:`未选择文件`),1),p(o,{type:`primary`,loading:x.value,onClick:O},{default:d(()=>[...i[3]||=[h(`上传审批结果`,-1)]]),_:1},8,[`loading`])])):s(``,!0),S.value?(a(),_(l,{key:3,title:S.value,type:`error`,closable:!1,role:`alert`},null,8,[`title`])):s(``,!0)])}}},[[`__scopeId`,`data-v-e5fa4f5e`]]),V=`mutation RecordGreenChannelContact($ticketId: ID!, $note: String!) {
  recordGreenChannelContact(ticketId: $ticketId, note: $note) {
    id
  }
}
`,H={key:0},U={__name:`GreenChannelContact`,props:{contact:{type:Object,required:!0},canRecord:{type:Boolean,default:!1}},emits:[`done`],setup(i,{emit:o}){let l=i,u=o,g=r(``),v=r(null),y=r(!1);async function b(){y.value=!0,v.value=null;try{await x(V,{ticketId:l.contact.ticketId,note:g.value}),g.value=``,u(`done`,`绿色通道联系已记录`)}catch(e){v.value=e}finally{y.value=!1}}return(r,o)=>{let l=e(`el-input`),u=e(`el-form-item`),x=e(`el-alert`),S=e(`el-button`),C=e(`el-form`);return a(),c(`div`,null,[f(`p`,null,[h(` 首次联系期限：`+n(t(M)(i.contact.dueAt))+` `,1),i.contact.overdue?(a(),_(F,{key:0,kind:`danger`},{default:d(()=>[...o[1]||=[h(`已超期`,-1)]]),_:1})):s(``,!0),i.contact.contactedAt?(a(),_(F,{key:1,kind:`success`},{default:d(()=>[...o[2]||=[h(`已联系`,-1)]]),_:1})):s(``,!0)]),i.contact.contactedAt?(a(),c(`p`,H,`联系时间：`+n(t(M)(i.contact.contactedAt))+`；情况：`+n(i.contact.note),1)):i.canRecord?(a(),_(C,{key:1,"label-position":`top`,onSubmit:m(b,[`prevent`])},{default:d(()=>[p(u,{label:`联系情况`,for:`green-note`,error:t(j)(v.value,`note`)},{default:d(()=>[p(l,{id:`green-note`,modelValue:g.value,"onUpdate:modelValue":o[0]||=e=>g.value=e,type:`textarea`,rows:2,maxlength:`2000`},null,8,[`modelValue`])]),_:1},8,[`error`]),v.value?(a(),_(x,{key:0,title:t(A)(v.value),type:`error`,closable:!1,role:`alert`},null,8,[`title`])):s(``,!0),p(S,{type:`primary`,"native-type":`submit`,loading:y.value},{default:d(()=>[...o[3]||=[h(`记录联系`,-1)]]),_:1},8,[`loading`])]),_:1})):s(``,!0)])}}},W={__name:`NeededMaterials`,props:{caseData:{type:Object,required:!0}},setup(i){let l=i,u=r(``),f=o(()=>Object.fromEntries(l.caseData.checklist.map(e=>[e.requirementCode,e.title]))),m=o(()=>l.caseData.materials.filter(e=>!e.ticketId));async function g(e){u.value=``;try{await E(e.id)}catch(e){u.value=A(e)}}return(r,i)=>{let o=e(`el-alert`),l=e(`el-table-column`),v=e(`el-button`),y=e(`el-table`);return a(),c(`div`,null,[u.value?(a(),_(o,{key:0,title:u.value,type:`error`,closable:!1,role:`alert`},null,8,[`title`])):s(``,!0),p(y,{data:m.value,"row-key":`id`,"empty-text":`本单位无可查看的材料`,size:`small`},{default:d(()=>[p(l,{label:`材料`,"min-width":`200`},{default:d(({row:e})=>[h(n(f.value[e.requirementCode]||e.requirementCode||`其他材料`),1)]),_:1}),p(l,{label:`文件名`,prop:`filename`,"min-width":`200`}),p(l,{label:`提交时间`,width:`150`},{default:d(({row:e})=>[h(n(t(M)(e.createdAt)),1)]),_:1}),p(l,{label:`操作`,width:`110`},{default:d(({row:e})=>[p(v,{link:``,type:`primary`,"aria-label":`下载 ${e.filename}`,onClick:t=>g(e)},{default:d(()=>[...i[0]||=[h(`下载`,-1)]]),_:1},8,[`aria-label`,`onClick`])]),_:1})]),_:1},8,[`data`])])}}},G=`mutation RaiseInquiry($input: InquiryInput!) {
  raiseInquiry(input: $input) {
    id
    dueAt
  }
}
`,K={class:`raise-inquiry`},q={key:0,role:`status`,class:`raised`},J=C({__name:`RaiseInquiry`,props:{caseId:{type:String,required:!0}},emits:[`raised`],setup(i,{emit:o}){let l=i,f=o,y=r(!1),b=r(!1),S=r(null),C=r(``),w=u({unit:``,question:``});function T(){w.unit=``,w.question=``,S.value=null,y.value=!0}async function E(){b.value=!0,S.value=null;try{if(!w.unit){S.value={message:`请选择协调单位`,fields:{"input.unit":`请选择协调单位`}};return}let e=await x(G,{input:{unit:w.unit,caseId:l.caseId,question:w.question}});C.value=`已发起协调，答复期限 ${M(e.raiseInquiry.dueAt)}`,y.value=!1,f(`raised`,e.raiseInquiry)}catch(e){S.value=e}finally{b.value=!1}}return(r,i)=>{let o=e(`el-button`),l=e(`el-option`),u=e(`el-select`),f=e(`el-form-item`),x=e(`el-input`),D=e(`el-alert`),k=e(`el-form`),M=e(`el-dialog`);return a(),c(`span`,K,[p(o,{onClick:T},{default:d(()=>[...i[4]||=[h(`发起协调`,-1)]]),_:1}),C.value?(a(),c(`span`,q,n(C.value),1)):s(``,!0),p(M,{modelValue:y.value,"onUpdate:modelValue":i[3]||=e=>y.value=e,title:`发起协调`,width:`520px`},{footer:d(()=>[p(o,{onClick:i[2]||=e=>y.value=!1},{default:d(()=>[...i[5]||=[h(`取消`,-1)]]),_:1}),p(o,{type:`primary`,loading:b.value,onClick:E},{default:d(()=>[...i[6]||=[h(`提交`,-1)]]),_:1},8,[`loading`])]),default:d(()=>[p(k,{"label-position":`top`,onSubmit:m(E,[`prevent`])},{default:d(()=>[p(f,{label:`协调单位`,for:`inquiry-unit`,error:t(j)(S.value,`input.unit`)},{default:d(()=>[p(u,{id:`inquiry-unit`,modelValue:w.unit,"onUpdate:modelValue":i[0]||=e=>w.unit=e,placeholder:`请选择`,style:{width:`100%`}},{default:d(()=>[(a(!0),c(g,null,v(t(O),(e,t)=>(a(),_(l,{key:t,value:t,label:e},null,8,[`value`,`label`]))),128))]),_:1},8,[`modelValue`])]),_:1},8,[`error`]),p(f,{label:`问题描述`,for:`inquiry-question`,error:t(j)(S.value,`input.question`)},{default:d(()=>[p(x,{id:`inquiry-question`,modelValue:w.question,"onUpdate:modelValue":i[1]||=e=>w.question=e,type:`textarea`,rows:4,maxlength:`2000`},null,8,[`modelValue`])]),_:1},8,[`error`]),S.value?(a(),_(D,{key:0,title:t(A)(S.value),type:`error`,closable:!1,role:`alert`},null,8,[`title`])):s(``,!0)]),_:1})]),_:1},8,[`modelValue`])])}}},[[`__scopeId`,`data-v-da16f844`]]),Y=`mutation SubmitResultFeedback($ticketId: ID!, $input: ResultFeedbackInput!) {
  submitResultFeedback(ticketId: $ticketId, input: $input) {
    id
    status
  }
}
`,X=C({__name:`ResultFeedbackForm`,props:{ticketId:{type:String,required:!0}},emits:[`done`],setup(n,{emit:i}){let o=n,l=i,f=u({outcome:`APPROVED`,externalWorks:!1,renovationAdvice:``,designPlan:``,quoteAmount:``,externalWorksInfo:``,missingMaterials:``,reasons:``,zeroVisit:!1,zeroApproval:!1,zeroCost:!1}),v=r(null),y=r(!1);function b(e){return e.trim()?e.trim():null}function S(){if(f.outcome===`NOT_APPROVED`){let e=f.missingMaterials.split(`
`).map(e=>e.trim()).filter(Boolean);return{outcome:`NOT_APPROVED`,reasons:b(f.reasons),missingMaterials:e.length?e:null}}let e={outcome:`APPROVED`,externalWorks:f.externalWorks,zeroVisit:f.zeroVisit,zeroApproval:f.zeroApproval,zeroCost:f.zeroCost};return f.externalWorks?{...e,externalWorksInfo:b(f.externalWorksInfo)}:{...e,renovationAdvice:b(f.renovationAdvice),designPlan:b(f.designPlan),quoteAmount:b(f.quoteAmount)}}let C=e=>j(v.value,`input.${e}`);async function w(){y.value=!0,v.value=null;try{await x(Y,{ticketId:o.ticketId,input:S()}),l(`done`,`结果反馈表已提交`)}catch(e){v.value=e}finally{y.value=!1}}return(n,r)=>{let i=e(`el-radio`),o=e(`el-radio-group`),l=e(`el-form-item`),u=e(`el-checkbox`),b=e(`el-input`),x=e(`el-alert`),S=e(`el-button`),T=e(`el-form`);return a(),_(T,{"label-position":`top`,class:`result-form`,onSubmit:m(w,[`prevent`])},{default:d(()=>[p(l,{label:`办理结果`,error:C(`outcome`)},{default:d(()=>[p(o,{modelValue:f.outcome,"onUpdate:modelValue":r[0]||=e=>f.outcome=e,"aria-label":`办理结果`},{default:d(()=>[p(i,{value:`APPROVED`},{default:d(()=>[...r[11]||=[h(`同意`,-1)]]),_:1}),p(i,{value:`NOT_APPROVED`},{default:d(()=>[...r[12]||=[h(`不同意`,-1)]]),_:1})]),_:1},8,[`modelValue`])]),_:1},8,[`error`]),f.outcome===`APPROVED`?(a(),c(g,{key:0},[p(l,null,{default:d(()=>[p(u,{modelValue:f.externalWorks,"onUpdate:modelValue":r[1]||=e=>f.externalWorks=e},{default:d(()=>[...r[13]||=[h(`涉及外线工程`,-1)]]),_:1},8,[`modelValue`])]),_:1}),f.externalWorks?(a(),_(l,{key:0,label:`外线工程一次性告知内容`,for:`result-external`,error:C(`externalWorksInfo`)},{default:d(()=>[p(b,{id:`result-external`,modelValue:f.externalWorksInfo,"onUpdate:modelValue":r[2]||=e=>f.externalWorksInfo=e,type:`textarea`,rows:3,maxlength:`4000`},null,8,[`modelValue`])]),_:1},8,[`error`])):(a(),c(g,{key:1},[p(l,{label:`改造建议`,for:`result-advice`,error:C(`renovationAdvice`)},{default:d(()=>[p(b,{id:`result-advice`,modelValue:f.renovationAdvice,"onUpdate:modelValue":r[3]||=e=>f.renovationAdvice=e,type:`textarea`,rows:3,maxlength:`4000`},null,8,[`modelValue`])]),_:1},8,[`error`]),p(l,{label:`简易设计方案`,for:`result-design`,error:C(`designPlan`)},{default:d(()=>[p(b,{id:`result-design`,modelValue:f.designPlan,"onUpdate:modelValue":r[4]||=e=>f.designPlan=e,type:`textarea`,rows:3,maxlength:`4000`},null,8,[`modelValue`])]),_:1},8,[`error`]),p(l,{label:`初步报价（元）`,for:`result-quote`,error:C(`quoteAmount`)},{default:d(()=>[p(b,{id:`result-quote`,modelValue:f.quoteAmount,"onUpdate:modelValue":r[5]||=e=>f.quoteAmount=e,inputmode:`decimal`,style:{"max-width":`240px`}},null,8,[`modelValue`])]),_:1},8,[`error`])],64)),p(l,{label:`“三零”服务`},{default:d(()=>[p(u,{modelValue:f.zeroVisit,"onUpdate:modelValue":r[6]||=e=>f.zeroVisit=e},{default:d(()=>[...r[14]||=[h(`零上门`,-1)]]),_:1},8,[`modelValue`]),p(u,{modelValue:f.zeroApproval,"onUpdate:modelValue":r[7]||=e=>f.zeroApproval=e},{default:d(()=>[...r[15]||=[h(`零审批`,-1)]]),_:1},8,[`modelValue`]),p(u,{modelValue:f.zeroCost,"onUpdate:modelValue":r[8]||=e=>f.zeroCost=e},{default:d(()=>[...r[16]||=[h(`零投资`,-1)]]),_:1},8,[`modelValue`])]),_:1})],64)):(a(),c(g,{key:1},[p(l,{label:`不同意的原因`,for:`result-reasons`,error:C(`reasons`)},{default:d(()=>[p(b,{id:`result-reasons`,modelValue:f.reasons,"onUpdate:modelValue":r[9]||=e=>f.reasons=e,type:`textarea`,rows:3,maxlength:`4000`},null,8,[`modelValue`])]),_:1},8,[`error`]),p(l,{label:`缺少的材料（每行一项）`,for:`result-missing`,error:C(`missingMaterials`)},{default:d(()=>[p(b,{id:`result-missing`,modelValue:f.missingMaterials,"onUpdate:modelValue":r[10]||=e=>f.missingMaterials=e,type:`textarea`,rows:2},null,8,[`modelValue`])]),_:1},8,[`error`])],64)),v.value?(a(),_(x,{key:2,title:t(A)(v.value),type:`error`,closable:!1,role:`alert`},null,8,[`title`])):s(``,!0),p(S,{type:`primary`,"native-type":`submit`,loading:y.value},{default:d(()=>[...r[17]||=[h(`提交结果反馈表`,-1)]]),_:1},8,[`loading`])]),_:1})}}},[[`__scopeId`,`data-v-1f619911`]]),Z={key:0},Q={key:0},$={__name:`SharedResults`,props:{tickets:{type:Array,required:!0},currentId:{type:String,default:``}},setup(r){function i(e){return e?e.outcome===`NOT_APPROVED`?`原因：${e.reasons||`—`}`:e.externalWorks?`涉外线工程：${e.externalWorksInfo||`—`}`:`报价 ${e.quoteAmount??`—`} 元；改造建议：${e.renovationAdvice||`—`}`:`—`}return(o,l)=>{let u=e(`el-table-column`),f=e(`el-table`);return a(),_(f,{data:r.tickets,"row-key":`id`,size:`small`},{default:d(()=>[p(u,{label:`单位`,width:`110`},{default:d(({row:e})=>[h(n(t(k)[e.utility]),1),e.id===r.currentId?(a(),c(`span`,Z,`（本单）`)):s(``,!0)]),_:1}),p(u,{label:`状态`,width:`130`},{default:d(({row:e})=>[h(n(t(P)[e.status]),1)]),_:1}),p(u,{label:`审核结论`,width:`110`},{default:d(({row:e})=>[h(n(t(N)[e.decision]||`—`),1)]),_:1}),p(u,{label:`勘探时间`,width:`150`},{default:d(({row:e})=>[h(n(t(M)(e.surveyedAt)),1)]),_:1}),p(u,{label:`办理结果`,"min-width":`260`},{default:d(({row:e})=>[e.result?(a(),c(`span`,Q,n(t(D)[e.result.outcome])+` · `,1)):s(``,!0),h(n(i(e.result)),1)]),_:1})]),_:1},8,[`data`])}}},ee=`mutation RecordSurvey($ticketIds: [ID!]!, $surveyedAt: DateTime!, $notes: String) {
  recordSurvey(ticketIds: $ticketIds, surveyedAt: $surveyedAt, notes: $notes) {
    id
    status
  }
}
`,te={__name:`SurveyDialog`,props:{caseData:{type:Object,required:!0},currentId:{type:String,required:!0}},emits:[`done`],setup(i,{emit:l}){let y=i,b=l,S=r(!1),C=r(!1),w=r(null),T=o(()=>y.caseData.tickets.filter(e=>e.allowedActions.includes(`RECORD_SURVEY`))),E=u({ticketIds:[],surveyedAt:null,notes:``});function D(){let e=y.caseData.surveyAppointment?new Date(y.caseData.surveyAppointment):null,t=new Date;return t.setSeconds(0,0),e&&e<=t?e:t}function O(){E.ticketIds=T.value.map(e=>e.id),E.surveyedAt=D(),E.notes=``,w.value=null,S.value=!0}async function N(){C.value=!0,w.value=null;try{await x(ee,{ticketIds:E.ticketIds,surveyedAt:E.surveyedAt?new Date(E.surveyedAt).toISOString():null,notes:E.notes||null}),S.value=!1,b(`done`,`勘探已登记`)}catch(e){w.value=e}finally{C.value=!1}}return(r,o)=>{let l=e(`el-button`),u=e(`el-checkbox`),y=e(`el-checkbox-group`),b=e(`el-form-item`),x=e(`el-date-picker`),D=e(`el-input`),P=e(`el-alert`),F=e(`el-form`),I=e(`el-dialog`);return a(),c(`div`,null,[f(`p`,null,`预约勘探时间：`+n(t(M)(i.caseData.surveyAppointment)),1),p(l,{type:`primary`,onClick:O},{default:d(()=>[...o[5]||=[h(`登记勘探`,-1)]]),_:1}),p(I,{modelValue:S.value,"onUpdate:modelValue":o[4]||=e=>S.value=e,title:`登记勘探`,width:`520px`},{footer:d(()=>[p(l,{onClick:o[3]||=e=>S.value=!1},{default:d(()=>[...o[6]||=[h(`取消`,-1)]]),_:1}),p(l,{type:`primary`,loading:C.value,onClick:N},{default:d(()=>[...o[7]||=[h(`确认登记`,-1)]]),_:1},8,[`loading`])]),default:d(()=>[p(F,{"label-position":`top`,onSubmit:m(N,[`prevent`])},{default:d(()=>[p(b,{label:`一并登记的工单`,error:t(j)(w.value,`ticketIds`)},{default:d(()=>[p(y,{modelValue:E.ticketIds,"onUpdate:modelValue":o[0]||=e=>E.ticketIds=e,"aria-label":`一并登记的工单`},{default:d(()=>[(a(!0),c(g,null,v(T.value,e=>(a(),_(u,{key:e.id,value:e.id},{default:d(()=>[h(n(t(k)[e.utility])+`工单`,1)]),_:2},1032,[`value`]))),128))]),_:1},8,[`modelValue`])]),_:1},8,[`error`]),p(b,{label:`勘探时间`,for:`survey-at`,error:t(j)(w.value,`surveyedAt`)},{default:d(()=>[p(x,{id:`survey-at`,modelValue:E.surveyedAt,"onUpdate:modelValue":o[1]||=e=>E.surveyedAt=e,type:`datetime`,format:`YYYY-MM-DD HH:mm`},null,8,[`modelValue`])]),_:1},8,[`error`]),p(b,{label:`勘探说明`,for:`survey-notes`,error:t(j)(w.value,`notes`)},{default:d(()=>[p(D,{id:`survey-notes`,modelValue:E.notes,"onUpdate:modelValue":o[2]||=e=>E.notes=e,type:`textarea`,rows:2,maxlength:`2000`},null,8,[`modelValue`])]),_:1},8,[`error`]),w.value?(a(),_(P,{key:0,title:t(A)(w.value),type:`error`,closable:!1,role:`alert`},null,8,[`title`])):s(``,!0)]),_:1})]),_:1},8,[`modelValue`])])}}},ne=`mutation ReviewTicket($ticketId: ID!, $decision: ReviewDecision!, $reasons: String, $corrections: [CorrectionItemInput!]) {
  reviewTicket(ticketId: $ticketId, decision: $decision, reasons: $reasons, corrections: $corrections) {
    id
    status
  }
}
`,re=C({__name:`TicketReview`,props:{ticket:{type:Object,required:!0},checklist:{type:Array,required:!0}},emits:[`done`],setup(i,{emit:l}){let f=i,y=l,b=[[`ELIGIBLE`,`REVIEW_ELIGIBLE`,`符合条件`],[`INELIGIBLE`,`REVIEW_INELIGIBLE`,`不符合条件`],[`NEEDS_CORRECTION`,`REVIEW_NEEDS_CORRECTION`,`需补正`]],S=o(()=>b.filter(([,e])=>f.ticket.allowedActions.includes(e))),C=u({decision:``,reasons:``,codes:[],note:``}),w=r(null),T=r(!1);function E(){if(C.decision!==`NEEDS_CORRECTION`)return null;let e=Object.fromEntries(f.checklist.map(e=>[e.requirementCode,e.title])),t=C.codes.map(t=>({requirementCode:t,note:C.note||`请补正：${e[t]}`}));return t.length?t:C.note?[{note:C.note}]:[]}async function D(){if(w.value=null,!C.decision)w.value={message:`请选择审核结论`,fields:{decision:`请选择审核结论`}};else{T.value=!0;try{await x(ne,{ticketId:f.ticket.id,decision:C.decision,reasons:C.decision===`INELIGIBLE`?C.reasons:null,corrections:E()}),y(`done`,`审核结果已提交`)}catch(e){w.value=e}finally{T.value=!1}}}return(r,o)=>{let l=e(`el-radio`),u=e(`el-radio-group`),f=e(`el-form-item`),y=e(`el-input`),b=e(`el-option`),x=e(`el-select`),E=e(`el-alert`),O=e(`el-button`),k=e(`el-form`);return a(),_(k,{"label-position":`top`,class:`review-form`,onSubmit:m(D,[`prevent`])},{default:d(()=>[p(f,{label:`审核结论`,error:t(j)(w.value,`decision`)},{default:d(()=>[p(u,{modelValue:C.decision,"onUpdate:modelValue":o[0]||=e=>C.decision=e,"aria-label":`审核结论`},{default:d(()=>[(a(!0),c(g,null,v(S.value,([e,,t])=>(a(),_(l,{key:e,value:e},{default:d(()=>[h(n(t),1)]),_:2},1032,[`value`]))),128))]),_:1},8,[`modelValue`])]),_:1},8,[`error`]),C.decision===`INELIGIBLE`?(a(),_(f,{key:0,label:`不符合条件的理由`,for:`review-reasons`,error:t(j)(w.value,`reasons`)},{default:d(()=>[p(y,{id:`review-reasons`,modelValue:C.reasons,"onUpdate:modelValue":o[1]||=e=>C.reasons=e,type:`textarea`,rows:3,maxlength:`4000`},null,8,[`modelValue`])]),_:1},8,[`error`])):s(``,!0),C.decision===`NEEDS_CORRECTION`?(a(),c(g,{key:1},[p(f,{label:`需补正的材料`,for:`review-codes`,error:t(j)(w.value,`corrections`)},{default:d(()=>[p(x,{id:`review-codes`,modelValue:C.codes,"onUpdate:modelValue":o[2]||=e=>C.codes=e,multiple:``,placeholder:`从材料清单中选择`,style:{width:`100%`}},{default:d(()=>[(a(!0),c(g,null,v(i.checklist,e=>(a(),_(b,{key:e.requirementCode,value:e.requirementCode,label:e.title},null,8,[`value`,`label`]))),128))]),_:1},8,[`modelValue`])]),_:1},8,[`error`]),p(f,{label:`补正说明`,for:`review-note`,error:t(j)(w.value,`corrections[0].note`)},{default:d(()=>[p(y,{id:`review-note`,modelValue:C.note,"onUpdate:modelValue":o[3]||=e=>C.note=e,type:`textarea`,rows:2,maxlength:`1000`},null,8,[`modelValue`])]),_:1},8,[`error`])],64)):s(``,!0),w.value&&!w.value.fields?.decision?(a(),_(E,{key:2,title:t(A)(w.value),type:`error`,closable:!1,role:`alert`},null,8,[`title`])):s(``,!0),p(O,{type:`primary`,"native-type":`submit`,loading:T.value},{default:d(()=>[...o[4]||=[h(`提交审核`,-1)]]),_:1},8,[`loading`])]),_:1})}}},[[`__scopeId`,`data-v-d816da03`]]),ie=`query TicketDocumentUrl($id: ID!) {
  ticket(id: $id) {
    documents {
      id
      downloadUrl
      pdf {
        downloadUrl
      }
    }
  }
}
`,ae=`query Ticket($id: ID!) {
  ticket(id: $id) {
    id
    utility
    status
    dispatchedAt
    reviewDueAt
    feedbackDueAt
    overdue
    decision
    reasons
    corrections
    surveyedAt
    allowedActions
    documents {
      id
      kind
      status
      filename
    }
    case {
      id
      caseNo
      status
      utilities
      isKeyProject
      surveyAppointment
      acceptedAt
      replyDueAt
      applicant {
        uscc
        name
        contactName
        contactPhone
        contactEmail
      }
      project {
        name
        code
        address
        propertyTitleNo
      }
      checklist {
        requirementCode
        title
        mandatory
        satisfied
        materialIds
      }
      materials {
        id
        requirementCode
        filename
        size
        source
        ticketId
        createdAt
      }
      greenChannel {
        utility
        ticketId
        dueAt
        contactedAt
        note
        overdue
      }
      tickets {
        id
        utility
        status
        decision
        reasons
        surveyedAt
        allowedActions
        result {
          outcome
          externalWorks
          renovationAdvice
          designPlan
          quoteAmount
          externalWorksInfo
          reasons
          zeroVisit
          zeroApproval
          zeroCost
          submittedAt
        }
      }
    }
  }
}
`,oe={class:`ticket-page`},se={class:`page-title`},ce={class:`ticket-status`},le={key:0},ue={key:1},de={key:2},fe={class:`documents`},pe=C({__name:`TicketPage`,setup(u){let m=b(),C=r(null),T=r(!1),E=r(``),D=null,O=o(()=>C.value?.case),j=e=>C.value?.allowedActions.includes(e),L=o(()=>[`REVIEW_ELIGIBLE`,`REVIEW_INELIGIBLE`,`REVIEW_NEEDS_CORRECTION`].some(j)),R=o(()=>O.value?.greenChannel.find(e=>e.ticketId===C.value.id)),z=o(()=>I.user?.role===`ADMIN`||I.user?.utility===C.value?.utility),V=o(()=>{let e=C.value?.status;return e===`PENDING_REVIEW`?C.value.reviewDueAt:e===`SURVEYED`?C.value.feedbackDueAt:null});async function H(){try{let e=await x(ae,{id:m.params.id});C.value=e.ticket,T.value=!e.ticket,E.value=``}catch(e){E.value=A(e)}}function G(e){l.success(e),H()}async function K(e,t){try{let n=(await x(ie,{id:C.value.id})).ticket.documents.find(t=>t.id===e),r=t?n?.pdf?.downloadUrl:n?.downloadUrl;if(!r)throw Error(`文书尚未生成，请稍后再试`);w(r)}catch(e){E.value=e.code?A(e):e.message}}return i(()=>m.params.id,async e=>{D?.(),e&&(await H(),C.value&&(D=S({caseId:C.value.case.id},H)))},{immediate:!0}),y(()=>D?.()),(r,i)=>{let o=e(`el-alert`),l=e(`router-link`),u=e(`el-result`),m=e(`el-descriptions-item`),y=e(`el-descriptions`),b=e(`el-card`),x=e(`el-button`);return a(),c(`section`,oe,[E.value?(a(),_(o,{key:0,title:E.value,type:`error`,closable:!1,role:`alert`},null,8,[`title`])):s(``,!0),T.value?(a(),_(u,{key:1,icon:`warning`,title:`找不到该工单`,"sub-title":`工单不存在，或您无权查看。`},{extra:d(()=>[p(l,{to:`/tickets`},{default:d(()=>[...i[0]||=[h(`返回工单队列`,-1)]]),_:1})]),_:1})):s(``,!0),C.value?(a(),c(g,{key:2},[f(`h1`,se,[h(n(t(k)[C.value.utility])+`工单 · `+n(O.value.caseNo)+` `,1),C.value.overdue?(a(),_(F,{key:0,kind:`danger`},{default:d(()=>[...i[1]||=[h(`已超期`,-1)]]),_:1})):s(``,!0),O.value.isKeyProject?(a(),_(F,{key:1,kind:`warning`},{default:d(()=>[...i[2]||=[h(`重点项目`,-1)]]),_:1})):s(``,!0)]),f(`p`,ce,[i[3]||=h(` 状态：`,-1),f(`strong`,null,n(t(P)[C.value.status]),1),V.value?(a(),c(`span`,le,`；截止时间：`+n(t(M)(V.value)),1)):s(``,!0),C.value.decision?(a(),c(`span`,ue,`；审核结论：`+n(t(N)[C.value.decision]),1)):s(``,!0),C.value.reasons?(a(),c(`span`,de,`（`+n(C.value.reasons)+`）`,1)):s(``,!0),p(J,{"case-id":O.value.id,class:`ticket-raise`},null,8,[`case-id`])]),p(b,{shadow:`never`,class:`block`},{header:d(()=>[...i[4]||=[f(`h2`,null,`案件信息`,-1)]]),default:d(()=>[p(y,{column:2,border:``},{default:d(()=>[p(m,{label:`申请企业`},{default:d(()=>[h(n(O.value.applicant.name),1)]),_:1}),p(m,{label:`统一社会信用代码`},{default:d(()=>[h(n(O.value.applicant.uscc),1)]),_:1}),p(m,{label:`联系人`},{default:d(()=>[h(n(O.value.applicant.contactName),1)]),_:1}),p(m,{label:`联系电话`},{default:d(()=>[h(n(O.value.applicant.contactPhone),1)]),_:1}),p(m,{label:`项目名称`},{default:d(()=>[h(n(O.value.project.name),1)]),_:1}),p(m,{label:`项目代码`},{default:d(()=>[h(n(O.value.project.code||`—`),1)]),_:1}),p(m,{label:`项目地址`,span:2},{default:d(()=>[h(n(O.value.project.address),1)]),_:1}),p(m,{label:`报装业务`},{default:d(()=>[h(n(O.value.utilities.map(e=>t(k)[e]).join(`、`)),1)]),_:1}),p(m,{label:`受理时间`},{default:d(()=>[h(n(t(M)(O.value.acceptedAt)),1)]),_:1})]),_:1})]),_:1}),p(b,{shadow:`never`,class:`block`},{header:d(()=>[...i[5]||=[f(`h2`,null,`本单位所需材料`,-1)]]),default:d(()=>[p(W,{"case-data":O.value},null,8,[`case-data`])]),_:1}),p(b,{shadow:`never`,class:`block`},{header:d(()=>[...i[6]||=[f(`h2`,null,`各单位办理情况（结果互通）`,-1)]]),default:d(()=>[p($,{tickets:O.value.tickets,"current-id":C.value.id},null,8,[`tickets`,`current-id`])]),_:1}),L.value?(a(),_(b,{key:0,shadow:`never`,class:`block`},{header:d(()=>[...i[7]||=[f(`h2`,null,`审核`,-1)]]),default:d(()=>[p(re,{ticket:C.value,checklist:O.value.checklist,onDone:G},null,8,[`ticket`,`checklist`])]),_:1})):s(``,!0),j(`RECORD_SURVEY`)?(a(),_(b,{key:1,shadow:`never`,class:`block`},{header:d(()=>[...i[8]||=[f(`h2`,null,`勘探`,-1)]]),default:d(()=>[p(te,{"case-data":O.value,"current-id":C.value.id,onDone:G},null,8,[`case-data`,`current-id`])]),_:1})):s(``,!0),j(`SUBMIT_RESULT`)?(a(),_(b,{key:2,shadow:`never`,class:`block`},{header:d(()=>[...i[9]||=[f(`h2`,null,`结果反馈表`,-1)]]),default:d(()=>[p(X,{"ticket-id":C.value.id,onDone:G},null,8,[`ticket-id`])]),_:1})):s(``,!0),C.value.documents.length?(a(),_(b,{key:3,shadow:`never`,class:`block`},{header:d(()=>[...i[10]||=[f(`h2`,null,`文书`,-1)]]),default:d(()=>[f(`ul`,fe,[(a(!0),c(g,null,v(C.value.documents,e=>(a(),c(`li`,{key:e.id},[h(` 办理结果反馈表（`+n(e.status===`READY`?`已生成`:e.status===`FAILED`?`生成失败`:`生成中`)+`） `,1),e.status===`READY`?(a(),c(g,{key:0},[p(x,{link:``,type:`primary`,onClick:t=>K(e.id,!1)},{default:d(()=>[...i[11]||=[h(`下载 DOCX`,-1)]]),_:1},8,[`onClick`]),p(x,{link:``,type:`primary`,onClick:t=>K(e.id,!0)},{default:d(()=>[...i[12]||=[h(`下载 PDF`,-1)]]),_:1},8,[`onClick`])],64)):s(``,!0)]))),128))])]),_:1})):s(``,!0),C.value.status===`SURVEYED`||C.value.status===`RESULT_SUBMITTED`?(a(),_(b,{key:4,shadow:`never`,class:`block`},{header:d(()=>[...i[13]||=[f(`h2`,null,`审批结果`,-1)]]),default:d(()=>[p(B,{"case-data":O.value,ticket:C.value,onDone:G},null,8,[`case-data`,`ticket`])]),_:1})):s(``,!0),R.value?(a(),_(b,{key:5,shadow:`never`,class:`block`},{header:d(()=>[...i[14]||=[f(`h2`,null,`绿色通道`,-1)]]),default:d(()=>[p(U,{contact:R.value,"can-record":z.value,onDone:G},null,8,[`contact`,`can-record`])]),_:1})):s(``,!0)],64)):s(``,!0)])}}},[[`__scopeId`,`data-v-5a385e3a`]]);export{pe as default};
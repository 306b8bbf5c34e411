import{A as e,C as t,D as n,I as r,M as i,N as a,R as o,S as s,T as c,c as l,d as u,f as d,i as f,k as p,l as m,m as h,o as g,p as _,s as v,u as y}from"./element-plus-CnnpmuMS.js";import{i as b}from"./vendor-Dya28Tub.js";import{o as x,r as S,s as C}from"./index-D87b0cee.js";import{a as w,i as T,n as E,o as D,r as O,t as k}from"./SurveyDialog-DHbtb_3f.js";import{n as A}from"./downloads-BY7PKeUg.js";import{a as j,f as M,g as N,h as P,m as F,t as I,u as L}from"./vocabulary-kHZl0qWD.js";import{t as R}from"./FlagTag-Cg1YoPSp.js";import{t as z}from"./session-9zhZ8T0u.js";async function B(e){await A(async()=>(await C(D,{materialId:e})).materialDownloadUrl)}async function V(e,t){let n=new Uint8Array(await e.arrayBuffer()),r={...t,filename:e.name,contentType:e.type||`application/octet-stream`,size:n.length,sha256:await O(n)},i=(await C(T,{input:r})).requestMaterialUpload,a=await fetch(i.url,{method:i.method,headers:i.headers,body:n});if(!a.ok)throw Error(`上传失败（${a.status}），请重试`);return(await C(w,{uploadId:i.uploadId})).completeMaterialUpload}var H={key:0,class:`uploaded`},U={key:1},W={key:2,class:`upload-row`},G=S({__name:`ApprovalUpload`,props:{caseData:{type:Object,required:!0},ticket:{type:Object,required:!0}},emits:[`done`],setup(i,{emit:s}){let f=i,p=s,g=a(null),b=a(null),x=a(!1),S=a(``),C=l(()=>f.caseData.materials.filter(e=>e.ticketId===f.ticket.id)),w=l(()=>f.ticket.allowedActions.includes(`UPLOAD_APPROVAL_RESULT`));function T(e){b.value=e.target.files[0]||null}async function E(){if(S.value=``,!b.value)S.value=`请先选择审批结果文件`;else{x.value=!0;try{await V(b.value,{caseId:f.caseData.id,ticketId:f.ticket.id}),b.value=null,g.value&&(g.value.value=``),p(`done`,`审批结果已上传`)}catch(e){S.value=e.code?N(e):e.message}finally{x.value=!1}}}async function D(e){try{await B(e.id)}catch(e){S.value=N(e)}}return(i,a)=>{let s=n(`el-button`),l=n(`el-alert`);return t(),d(`div`,null,[C.value.length?(t(),d(`ul`,H,[(t(!0),d(v,null,c(C.value,n=>(t(),d(`li`,{key:n.id},[_(o(n.filename)+`（`+o(r(F)(n.createdAt))+`） `,1),h(s,{link:``,type:`primary`,"aria-label":`下载 ${n.filename}`,onClick:e=>D(n)},{default:e(()=>[...a[1]||=[_(`下载`,-1)]]),_:1},8,[`aria-label`,`onClick`])]))),128))])):(t(),d(`p`,U,`尚未上传审批结果。`)),w.value?(t(),d(`div`,W,[a[4]||=m(`label`,{for:`approval-file`},`审批结果文件`,-1),m(`input`,{id:`approval-file`,ref_key:`picker`,ref:g,class:`visually-hidden`,type:`file`,accept:`.pdf,.jpg,.jpeg,.png,.ofd`,onChange:T},null,544),h(s,{"aria-hidden":`true`,tabindex:`-1`,onClick:a[0]||=e=>g.value.click()},{default:e(()=>[...a[2]||=[_(`选择文件`,-1)]]),_:1}),m(`span`,null,o(b.value?b.value.name:`未选择文件`),1),h(s,{type:`primary`,loading:x.value,onClick:E},{default:e(()=>[...a[3]||=[_(`上传审批结果`,-1)]]),_:1},8,[`loading`])])):u(``,!0),S.value?(t(),y(l,{key:3,title:S.value,type:`error`,closable:!1,role:`alert`},null,8,[`title`])):u(``,!0)])}}},[[`__scopeId`,`data-v-e5fa4f5e`]]),K=`mutation RecordGreenChannelContact($ticketId: ID!, $note: String!) {
  recordGreenChannelContact(ticketId: $ticketId, note: $note) {
    id
  }
}
`,q={key:0},J={__name:`GreenChannelContact`,props:{contact:{type:Object,required:!0},canRecord:{type:Boolean,default:!1}},emits:[`done`],setup(i,{emit:s}){let c=i,l=s,f=a(``),p=a(null),v=a(!1);async function b(){v.value=!0,p.value=null;try{await C(K,{ticketId:c.contact.ticketId,note:f.value}),f.value=``,l(`done`,`绿色通道联系已记录`)}catch(e){p.value=e}finally{v.value=!1}}return(a,s)=>{let c=n(`el-input`),l=n(`el-form-item`),x=n(`el-alert`),S=n(`el-button`),C=n(`el-form`);return t(),d(`div`,null,[m(`p`,null,[_(` 首次联系期限：`+o(r(F)(i.contact.dueAt))+` `,1),i.contact.overdue?(t(),y(R,{key:0,kind:`danger`},{default:e(()=>[...s[1]||=[_(`已超期`,-1)]]),_:1})):u(``,!0),i.contact.contactedAt?(t(),y(R,{key:1,kind:`success`},{default:e(()=>[...s[2]||=[_(`已联系`,-1)]]),_:1})):u(``,!0)]),i.contact.contactedAt?(t(),d(`p`,q,`联系时间：`+o(r(F)(i.contact.contactedAt))+`；情况：`+o(i.contact.note),1)):i.canRecord?(t(),y(C,{key:1,"label-position":`top`,onSubmit:g(b,[`prevent`])},{default:e(()=>[h(l,{label:`联系情况`,for:`green-note`,error:r(P)(p.value,`note`)},{default:e(()=>[h(c,{id:`green-note`,modelValue:f.value,"onUpdate:modelValue":s[0]||=e=>f.value=e,type:`textarea`,rows:2,maxlength:`2000`},null,8,[`modelValue`])]),_:1},8,[`error`]),p.value?(t(),y(x,{key:0,title:r(N)(p.value),type:`error`,closable:!1,role:`alert`},null,8,[`title`])):u(``,!0),h(S,{type:`primary`,"native-type":`submit`,loading:v.value},{default:e(()=>[...s[3]||=[_(`记录联系`,-1)]]),_:1},8,[`loading`])]),_:1})):u(``,!0)])}}},Y={__name:`NeededMaterials`,props:{caseData:{type:Object,required:!0}},setup(i){let s=i,c=a(``),f=l(()=>Object.fromEntries(s.caseData.checklist.map(e=>[e.requirementCode,e.title]))),p=l(()=>s.caseData.materials.filter(e=>!e.ticketId));async function m(e){c.value=``;try{await B(e.id)}catch(e){c.value=N(e)}}return(i,a)=>{let s=n(`el-alert`),l=n(`el-table-column`),g=n(`el-button`),v=n(`el-table`);return t(),d(`div`,null,[c.value?(t(),y(s,{key:0,title:c.value,type:`error`,closable:!1,role:`alert`},null,8,[`title`])):u(``,!0),h(v,{data:p.value,"row-key":`id`,"empty-text":`本单位无可查看的材料`,size:`small`},{default:e(()=>[h(l,{label:`材料`,"min-width":`200`},{default:e(({row:e})=>[_(o(f.value[e.requirementCode]||e.requirementCode||`其他材料`),1)]),_:1}),h(l,{label:`文件名`,prop:`filename`,"min-width":`200`}),h(l,{label:`提交时间`,width:`150`},{default:e(({row:e})=>[_(o(r(F)(e.createdAt)),1)]),_:1}),h(l,{label:`操作`,width:`110`},{default:e(({row:t})=>[h(g,{link:``,type:`primary`,"aria-label":`下载 ${t.filename}`,onClick:e=>m(t)},{default:e(()=>[...a[0]||=[_(`下载`,-1)]]),_:1},8,[`aria-label`,`onClick`])]),_:1})]),_:1},8,[`data`])])}}},X=`mutation SubmitResultFeedback($ticketId: ID!, $input: ResultFeedbackInput!) {
  submitResultFeedback(ticketId: $ticketId, input: $input) {
    id
    status
  }
}
`,Z=S({__name:`ResultFeedbackForm`,props:{ticketId:{type:String,required:!0}},emits:[`done`],setup(o,{emit:s}){let c=o,l=s,f=i({outcome:`APPROVED`,externalWorks:!1,renovationAdvice:``,designPlan:``,quoteAmount:``,externalWorksInfo:``,missingMaterials:``,reasons:``,zeroVisit:!1,zeroApproval:!1,zeroCost:!1}),p=a(null),m=a(!1);function b(e){return e.trim()?e.trim():null}function x(){if(f.outcome===`NOT_APPROVED`){let e=f.missingMaterials.split(`
`).map(e=>e.trim()).filter(Boolean);return{outcome:`NOT_APPROVED`,reasons:b(f.reasons),missingMaterials:e.length?e:null}}let e={outcome:`APPROVED`,externalWorks:f.externalWorks,zeroVisit:f.zeroVisit,zeroApproval:f.zeroApproval,zeroCost:f.zeroCost};return f.externalWorks?{...e,externalWorksInfo:b(f.externalWorksInfo)}:{...e,renovationAdvice:b(f.renovationAdvice),designPlan:b(f.designPlan),quoteAmount:b(f.quoteAmount)}}let S=e=>P(p.value,`input.${e}`);async function w(){m.value=!0,p.value=null;try{await C(X,{ticketId:c.ticketId,input:x()}),l(`done`,`结果反馈表已提交`)}catch(e){p.value=e}finally{m.value=!1}}return(i,a)=>{let o=n(`el-radio`),s=n(`el-radio-group`),c=n(`el-form-item`),l=n(`el-checkbox`),b=n(`el-input`),x=n(`el-alert`),C=n(`el-button`),T=n(`el-form`);return t(),y(T,{"label-position":`top`,class:`result-form`,onSubmit:g(w,[`prevent`])},{default:e(()=>[h(c,{label:`办理结果`,error:S(`outcome`)},{default:e(()=>[h(s,{modelValue:f.outcome,"onUpdate:modelValue":a[0]||=e=>f.outcome=e,"aria-label":`办理结果`},{default:e(()=>[h(o,{value:`APPROVED`},{default:e(()=>[...a[11]||=[_(`同意`,-1)]]),_:1}),h(o,{value:`NOT_APPROVED`},{default:e(()=>[...a[12]||=[_(`不同意`,-1)]]),_:1})]),_:1},8,[`modelValue`])]),_:1},8,[`error`]),f.outcome===`APPROVED`?(t(),d(v,{key:0},[h(c,null,{default:e(()=>[h(l,{modelValue:f.externalWorks,"onUpdate:modelValue":a[1]||=e=>f.externalWorks=e},{default:e(()=>[...a[13]||=[_(`涉及外线工程`,-1)]]),_:1},8,[`modelValue`])]),_:1}),f.externalWorks?(t(),y(c,{key:0,label:`外线工程一次性告知内容`,for:`result-external`,error:S(`externalWorksInfo`)},{default:e(()=>[h(b,{id:`result-external`,modelValue:f.externalWorksInfo,"onUpdate:modelValue":a[2]||=e=>f.externalWorksInfo=e,type:`textarea`,rows:3,maxlength:`4000`},null,8,[`modelValue`])]),_:1},8,[`error`])):(t(),d(v,{key:1},[h(c,{label:`改造建议`,for:`result-advice`,error:S(`renovationAdvice`)},{default:e(()=>[h(b,{id:`result-advice`,modelValue:f.renovationAdvice,"onUpdate:modelValue":a[3]||=e=>f.renovationAdvice=e,type:`textarea`,rows:3,maxlength:`4000`},null,8,[`modelValue`])]),_:1},8,[`error`]),h(c,{label:`简易设计方案`,for:`result-design`,error:S(`designPlan`)},{default:e(()=>[h(b,{id:`result-design`,modelValue:f.designPlan,"onUpdate:modelValue":a[4]||=e=>f.designPlan=e,type:`textarea`,rows:3,maxlength:`4000`},null,8,[`modelValue`])]),_:1},8,[`error`]),h(c,{label:`初步报价（元）`,for:`result-quote`,error:S(`quoteAmount`)},{default:e(()=>[h(b,{id:`result-quote`,modelValue:f.quoteAmount,"onUpdate:modelValue":a[5]||=e=>f.quoteAmount=e,inputmode:`decimal`,style:{"max-width":`240px`}},null,8,[`modelValue`])]),_:1},8,[`error`])],64)),h(c,{label:`“三零”服务`},{default:e(()=>[h(l,{modelValue:f.zeroVisit,"onUpdate:modelValue":a[6]||=e=>f.zeroVisit=e},{default:e(()=>[...a[14]||=[_(`零上门`,-1)]]),_:1},8,[`modelValue`]),h(l,{modelValue:f.zeroApproval,"onUpdate:modelValue":a[7]||=e=>f.zeroApproval=e},{default:e(()=>[...a[15]||=[_(`零审批`,-1)]]),_:1},8,[`modelValue`]),h(l,{modelValue:f.zeroCost,"onUpdate:modelValue":a[8]||=e=>f.zeroCost=e},{default:e(()=>[...a[16]||=[_(`零投资`,-1)]]),_:1},8,[`modelValue`])]),_:1})],64)):(t(),d(v,{key:1},[h(c,{label:`不同意的原因`,for:`result-reasons`,error:S(`reasons`)},{default:e(()=>[h(b,{id:`result-reasons`,modelValue:f.reasons,"onUpdate:modelValue":a[9]||=e=>f.reasons=e,type:`textarea`,rows:3,maxlength:`4000`},null,8,[`modelValue`])]),_:1},8,[`error`]),h(c,{label:`缺少的材料（每行一项）`,for:`result-missing`,error:S(`missingMaterials`)},{default:e(()=>[h(b,{id:`result-missing`,modelValue:f.missingMaterials,"onUpdate:modelValue":a[10]||=e=>f.missingMaterials=e,type:`textarea`,rows:2},null,8,[`modelValue`])]),_:1},8,[`error`])],64)),p.value?(t(),y(x,{key:2,title:r(N)(p.value),type:`error`,closable:!1,role:`alert`},null,8,[`title`])):u(``,!0),h(C,{type:`primary`,"native-type":`submit`,loading:m.value},{default:e(()=>[...a[17]||=[_(`提交结果反馈表`,-1)]]),_:1},8,[`loading`])]),_:1})}}},[[`__scopeId`,`data-v-1f619911`]]),Q={key:0},$={key:0},ee={__name:`SharedResults`,props:{tickets:{type:Array,required:!0},currentId:{type:String,default:``}},setup(i){function a(e){return e?e.outcome===`NOT_APPROVED`?`原因：${e.reasons||`—`}`:e.externalWorks?`涉外线工程：${e.externalWorksInfo||`—`}`:`报价 ${e.quoteAmount??`—`} 元；改造建议：${e.renovationAdvice||`—`}`:`—`}return(s,c)=>{let l=n(`el-table-column`),f=n(`el-table`);return t(),y(f,{data:i.tickets,"row-key":`id`,size:`small`},{default:e(()=>[h(l,{label:`单位`,width:`110`},{default:e(({row:e})=>[_(o(r(M)[e.utility]),1),e.id===i.currentId?(t(),d(`span`,Q,`（本单）`)):u(``,!0)]),_:1}),h(l,{label:`状态`,width:`130`},{default:e(({row:e})=>[_(o(r(L)[e.status]),1)]),_:1}),h(l,{label:`审核结论`,width:`110`},{default:e(({row:e})=>[_(o(r(I)[e.decision]||`—`),1)]),_:1}),h(l,{label:`勘探时间`,width:`150`},{default:e(({row:e})=>[_(o(r(F)(e.surveyedAt)),1)]),_:1}),h(l,{label:`办理结果`,"min-width":`260`},{default:e(({row:e})=>[e.result?(t(),d(`span`,$,o(r(j)[e.result.outcome])+` · `,1)):u(``,!0),_(o(a(e.result)),1)]),_:1})]),_:1},8,[`data`])}}},te=`mutation ReviewTicket($ticketId: ID!, $decision: ReviewDecision!, $reasons: String, $corrections: [CorrectionItemInput!]) {
  reviewTicket(ticketId: $ticketId, decision: $decision, reasons: $reasons, corrections: $corrections) {
    id
    status
  }
}
`,ne=S({__name:`TicketReview`,props:{ticket:{type:Object,required:!0},checklist:{type:Array,required:!0}},emits:[`done`],setup(s,{emit:f}){let p=s,m=f,b=[[`ELIGIBLE`,`REVIEW_ELIGIBLE`,`符合条件`],[`INELIGIBLE`,`REVIEW_INELIGIBLE`,`不符合条件`],[`NEEDS_CORRECTION`,`REVIEW_NEEDS_CORRECTION`,`需补正`]],x=l(()=>b.filter(([,e])=>p.ticket.allowedActions.includes(e))),S=i({decision:``,reasons:``,codes:[],note:``}),w=a(null),T=a(!1);function E(){if(S.decision!==`NEEDS_CORRECTION`)return null;let e=Object.fromEntries(p.checklist.map(e=>[e.requirementCode,e.title])),t=S.codes.map(t=>({requirementCode:t,note:S.note||`请补正：${e[t]}`}));return t.length?t:S.note?[{note:S.note}]:[]}async function D(){if(w.value=null,!S.decision)w.value={code:`BAD_USER_INPUT`,message:`请选择审核结论`,fields:{decision:`请选择审核结论`}};else{T.value=!0;try{await C(te,{ticketId:p.ticket.id,decision:S.decision,reasons:S.decision===`INELIGIBLE`?S.reasons:null,corrections:E()}),m(`done`,`审核结果已提交`)}catch(e){w.value=e}finally{T.value=!1}}}return(i,a)=>{let l=n(`el-radio`),f=n(`el-radio-group`),p=n(`el-form-item`),m=n(`el-input`),b=n(`el-option`),C=n(`el-select`),E=n(`el-alert`),O=n(`el-button`),k=n(`el-form`);return t(),y(k,{"label-position":`top`,class:`review-form`,onSubmit:g(D,[`prevent`])},{default:e(()=>[h(p,{label:`审核结论`,error:r(P)(w.value,`decision`)},{default:e(()=>[h(f,{modelValue:S.decision,"onUpdate:modelValue":a[0]||=e=>S.decision=e,"aria-label":`审核结论`},{default:e(()=>[(t(!0),d(v,null,c(x.value,([n,,r])=>(t(),y(l,{key:n,value:n},{default:e(()=>[_(o(r),1)]),_:2},1032,[`value`]))),128))]),_:1},8,[`modelValue`])]),_:1},8,[`error`]),S.decision===`INELIGIBLE`?(t(),y(p,{key:0,label:`不符合条件的理由`,for:`review-reasons`,error:r(P)(w.value,`reasons`)},{default:e(()=>[h(m,{id:`review-reasons`,modelValue:S.reasons,"onUpdate:modelValue":a[1]||=e=>S.reasons=e,type:`textarea`,rows:3,maxlength:`4000`},null,8,[`modelValue`])]),_:1},8,[`error`])):u(``,!0),S.decision===`NEEDS_CORRECTION`?(t(),d(v,{key:1},[h(p,{label:`需补正的材料`,for:`review-codes`,error:r(P)(w.value,`corrections`)},{default:e(()=>[h(C,{id:`review-codes`,modelValue:S.codes,"onUpdate:modelValue":a[2]||=e=>S.codes=e,multiple:``,placeholder:`从材料清单中选择`,style:{width:`100%`}},{default:e(()=>[(t(!0),d(v,null,c(s.checklist,e=>(t(),y(b,{key:e.requirementCode,value:e.requirementCode,label:e.title},null,8,[`value`,`label`]))),128))]),_:1},8,[`modelValue`])]),_:1},8,[`error`]),h(p,{label:`补正说明`,for:`review-note`,error:r(P)(w.value,`corrections[0].note`)},{default:e(()=>[h(m,{id:`review-note`,modelValue:S.note,"onUpdate:modelValue":a[3]||=e=>S.note=e,type:`textarea`,rows:2,maxlength:`1000`},null,8,[`modelValue`])]),_:1},8,[`error`])],64)):u(``,!0),w.value&&!w.value.fields?.decision?(t(),y(E,{key:2,title:r(N)(w.value),type:`error`,closable:!1,role:`alert`},null,8,[`title`])):u(``,!0),h(O,{type:`primary`,"native-type":`submit`,loading:T.value},{default:e(()=>[...a[4]||=[_(`提交审核`,-1)]]),_:1},8,[`loading`])]),_:1})}}},[[`__scopeId`,`data-v-76ef55f8`]]),re=`query TicketDocumentUrl($id: ID!) {
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
`,ie=`query Ticket($id: ID!) {
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
`,ae={class:`ticket-page`},oe={class:`page-title`},se={class:`ticket-status`},ce={key:0},le={key:1},ue={key:2},de={class:`documents`},fe=S({__name:`TicketPage`,setup(i){let g=b(),S=a(null),w=a(!1),T=a(``),D=null,O=l(()=>S.value?.case),j=e=>S.value?.allowedActions.includes(e),P=l(()=>[`REVIEW_ELIGIBLE`,`REVIEW_INELIGIBLE`,`REVIEW_NEEDS_CORRECTION`].some(j)),B=l(()=>O.value?.greenChannel.find(e=>e.ticketId===S.value.id)),V=l(()=>z.user?.role===`ADMIN`||z.user?.utility===S.value?.utility),H=l(()=>{let e=S.value?.status;return e===`PENDING_REVIEW`?S.value.reviewDueAt:e===`SURVEYED`?S.value.feedbackDueAt:null});async function U(){try{let e=await C(ie,{id:g.params.id});S.value=e.ticket,w.value=!e.ticket,T.value=``}catch(e){T.value=N(e)}}function W(e){f.success(e),U()}async function K(e,t){try{let n=(await C(re,{id:S.value.id})).ticket.documents.find(t=>t.id===e),r=t?n?.pdf?.downloadUrl:n?.downloadUrl;if(!r)throw Error(`文书尚未生成，请稍后再试`);await A(async()=>r)}catch(e){T.value=e.code?N(e):e.message}}return p(()=>g.params.id,async e=>{D?.(),e&&(await U(),S.value&&(D=x({caseId:S.value.case.id},U)))},{immediate:!0}),s(()=>D?.()),(i,a)=>{let s=n(`el-alert`),l=n(`router-link`),f=n(`el-result`),p=n(`el-descriptions-item`),g=n(`el-descriptions`),b=n(`el-card`),x=n(`el-button`);return t(),d(`section`,ae,[T.value?(t(),y(s,{key:0,title:T.value,type:`error`,closable:!1,role:`alert`},null,8,[`title`])):u(``,!0),w.value?(t(),y(f,{key:1,icon:`warning`,title:`找不到该工单`,"sub-title":`工单不存在，或您无权查看。`},{extra:e(()=>[h(l,{to:`/tickets`},{default:e(()=>[...a[0]||=[_(`返回工单队列`,-1)]]),_:1})]),_:1})):u(``,!0),S.value?(t(),d(v,{key:2},[m(`h1`,oe,[_(o(r(M)[S.value.utility])+`工单 · `+o(O.value.caseNo)+` `,1),S.value.overdue?(t(),y(R,{key:0,kind:`danger`},{default:e(()=>[...a[1]||=[_(`已超期`,-1)]]),_:1})):u(``,!0),O.value.isKeyProject?(t(),y(R,{key:1,kind:`warning`},{default:e(()=>[...a[2]||=[_(`重点项目`,-1)]]),_:1})):u(``,!0)]),m(`p`,se,[a[3]||=_(` 状态：`,-1),m(`strong`,null,o(r(L)[S.value.status]),1),H.value?(t(),d(`span`,ce,`；截止时间：`+o(r(F)(H.value)),1)):u(``,!0),S.value.decision?(t(),d(`span`,le,`；审核结论：`+o(r(I)[S.value.decision]),1)):u(``,!0),S.value.reasons?(t(),d(`span`,ue,`（`+o(S.value.reasons)+`）`,1)):u(``,!0),h(E,{"case-id":O.value.id,class:`ticket-raise`},null,8,[`case-id`])]),h(b,{shadow:`never`,class:`block`},{header:e(()=>[...a[4]||=[m(`h2`,null,`案件信息`,-1)]]),default:e(()=>[h(g,{column:2,border:``},{default:e(()=>[h(p,{label:`申请企业`},{default:e(()=>[_(o(O.value.applicant.name),1)]),_:1}),h(p,{label:`统一社会信用代码`},{default:e(()=>[_(o(O.value.applicant.uscc),1)]),_:1}),h(p,{label:`联系人`},{default:e(()=>[_(o(O.value.applicant.contactName),1)]),_:1}),h(p,{label:`联系电话`},{default:e(()=>[_(o(O.value.applicant.contactPhone),1)]),_:1}),h(p,{label:`项目名称`},{default:e(()=>[_(o(O.value.project.name),1)]),_:1}),h(p,{label:`项目代码`},{default:e(()=>[_(o(O.value.project.code||`—`),1)]),_:1}),h(p,{label:`项目地址`,span:2},{default:e(()=>[_(o(O.value.project.address),1)]),_:1}),h(p,{label:`报装业务`},{default:e(()=>[_(o(O.value.utilities.map(e=>r(M)[e]).join(`、`)),1)]),_:1}),h(p,{label:`受理时间`},{default:e(()=>[_(o(r(F)(O.value.acceptedAt)),1)]),_:1})]),_:1})]),_:1}),h(b,{shadow:`never`,class:`block`},{header:e(()=>[...a[5]||=[m(`h2`,null,`本单位所需材料`,-1)]]),default:e(()=>[h(Y,{"case-data":O.value},null,8,[`case-data`])]),_:1}),h(b,{shadow:`never`,class:`block`},{header:e(()=>[...a[6]||=[m(`h2`,null,`各单位办理情况（结果互通）`,-1)]]),default:e(()=>[h(ee,{tickets:O.value.tickets,"current-id":S.value.id},null,8,[`tickets`,`current-id`])]),_:1}),P.value?(t(),y(b,{key:0,shadow:`never`,class:`block`},{header:e(()=>[...a[7]||=[m(`h2`,null,`审核`,-1)]]),default:e(()=>[h(ne,{ticket:S.value,checklist:O.value.checklist,onDone:W},null,8,[`ticket`,`checklist`])]),_:1})):u(``,!0),j(`RECORD_SURVEY`)?(t(),y(b,{key:1,shadow:`never`,class:`block`},{header:e(()=>[...a[8]||=[m(`h2`,null,`勘探`,-1)]]),default:e(()=>[h(k,{"case-data":O.value,onDone:W},null,8,[`case-data`])]),_:1})):u(``,!0),j(`SUBMIT_RESULT`)?(t(),y(b,{key:2,shadow:`never`,class:`block`},{header:e(()=>[...a[9]||=[m(`h2`,null,`结果反馈表`,-1)]]),default:e(()=>[h(Z,{"ticket-id":S.value.id,onDone:W},null,8,[`ticket-id`])]),_:1})):u(``,!0),S.value.documents.length?(t(),y(b,{key:3,shadow:`never`,class:`block`},{header:e(()=>[...a[10]||=[m(`h2`,null,`文书`,-1)]]),default:e(()=>[m(`ul`,de,[(t(!0),d(v,null,c(S.value.documents,n=>(t(),d(`li`,{key:n.id},[_(` 办理结果反馈表（`+o(n.status===`READY`?`已生成`:n.status===`FAILED`?`生成失败`:`生成中`)+`） `,1),n.status===`READY`?(t(),d(v,{key:0},[h(x,{link:``,type:`primary`,onClick:e=>K(n.id,!1)},{default:e(()=>[...a[11]||=[_(`下载 DOCX`,-1)]]),_:1},8,[`onClick`]),h(x,{link:``,type:`primary`,onClick:e=>K(n.id,!0)},{default:e(()=>[...a[12]||=[_(`下载 PDF`,-1)]]),_:1},8,[`onClick`])],64)):u(``,!0)]))),128))])]),_:1})):u(``,!0),S.value.status===`SURVEYED`||S.value.status===`RESULT_SUBMITTED`?(t(),y(b,{key:4,shadow:`never`,class:`block`},{header:e(()=>[...a[13]||=[m(`h2`,null,`审批结果`,-1)]]),default:e(()=>[h(G,{"case-data":O.value,ticket:S.value,onDone:W},null,8,[`case-data`,`ticket`])]),_:1})):u(``,!0),B.value?(t(),y(b,{key:5,shadow:`never`,class:`block`},{header:e(()=>[...a[14]||=[m(`h2`,null,`绿色通道`,-1)]]),default:e(()=>[h(J,{contact:B.value,"can-record":V.value,onDone:W},null,8,[`contact`,`can-record`])]),_:1})):u(``,!0)],64)):u(``,!0)])}}},[[`__scopeId`,`data-v-51259f45`]]);export{fe as default};
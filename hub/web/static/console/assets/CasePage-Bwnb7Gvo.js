import{A as e,C as t,D as n,E as r,F as i,I as a,O as o,P as s,T as c,b as l,c as u,d,f,i as p,j as m,k as h,l as g,m as _,o as v,p as y,r as b,s as x,u as S,x as C}from"./element-plus-CZ7N6cI6.js";import{i as w}from"./vendor-B1L5VEfq.js";import{a as T,i as E,n as D}from"./index-B85bGXi9.js";import{a as O,c as k,d as A,f as j,i as M,l as N,m as P,n as F,o as I,p as L,r as R,s as z,t as B,u as V}from"./desk-D9f8SoBF.js";var H={__name:`StatusTag`,props:{status:{type:String,required:!0},kind:{type:String,default:`case`}},setup(e){let t=e,n={case:F,ticket:A,document:O},r=u(()=>n[t.kind][t.status]||[t.status,`info`]);return(e,t)=>{let n=c(`el-tag`);return C(),S(n,{type:r.value[1],effect:`light`,"disable-transitions":``},{default:o(()=>[y(a(r.value[0]),1)]),_:1},8,[`type`])}}},U={class:`case-summary`,"aria-label":`申请信息`},W={key:1},G=D({__name:`CaseSummary`,props:{caseData:{type:Object,required:!0}},setup(e){let t=e,n=u(()=>t.caseData.utilities.map(e=>({utility:e,ticket:t.caseData.tickets.find(t=>t.utility===e)||null})));function r(e){return e.status===`PENDING_REVIEW`?e.reviewDueAt:e.status===`SURVEYED`?e.feedbackDueAt:null}function l(e){if(e.result){let t=[N[e.result.outcome]];return e.result.quoteAmount&&t.push(`报价 ${e.result.quoteAmount} 元`),e.result.externalWorks&&t.push(`涉外线工程`),e.result.reasons&&t.push(e.result.reasons),t.join(`；`)}return e.decision?[R[e.decision],e.reasons].filter(Boolean).join(`：`):``}return(t,u)=>{let p=c(`el-descriptions-item`),m=c(`el-descriptions`),h=c(`el-table-column`),v=c(`el-table`);return C(),f(`section`,U,[_(m,{column:2,border:``,size:`small`,title:`申请企业与项目`},{default:o(()=>[_(p,{label:`企业名称`},{default:o(()=>[y(a(e.caseData.applicant.name),1)]),_:1}),_(p,{label:`统一社会信用代码`},{default:o(()=>[y(a(e.caseData.applicant.uscc),1)]),_:1}),_(p,{label:`经办人`},{default:o(()=>[y(a(e.caseData.applicant.contactName),1)]),_:1}),_(p,{label:`联系电话`},{default:o(()=>[y(a(e.caseData.applicant.contactPhone),1)]),_:1}),_(p,{label:`身份证号`},{default:o(()=>[y(a(e.caseData.applicant.agentIdNumber||`未填`),1)]),_:1}),_(p,{label:`电子邮箱`},{default:o(()=>[y(a(e.caseData.applicant.contactEmail||`未填`),1)]),_:1}),_(p,{label:`项目名称`},{default:o(()=>[y(a(e.caseData.project.name),1)]),_:1}),_(p,{label:`项目代码`},{default:o(()=>[y(a(e.caseData.project.code||`未填`),1)]),_:1}),_(p,{label:`项目地址`},{default:o(()=>[y(a(e.caseData.project.address),1)]),_:1}),_(p,{label:`不动产权证号`},{default:o(()=>[y(a(e.caseData.project.propertyTitleNo||`未填`),1)]),_:1}),_(p,{label:`预约勘察时间`},{default:o(()=>[y(a(s(P)(e.caseData.surveyAppointment)),1)]),_:1}),_(p,{label:`重点项目`},{default:o(()=>[y(a(e.caseData.isKeyProject?`是（绿色通道）`:`否`),1)]),_:1})]),_:1}),u[0]||=g(`h2`,{class:`section-title`},`报装业务`,-1),_(v,{data:n.value,size:`small`,border:``,"aria-label":`报装业务与工单`},{default:o(()=>[_(h,{label:`业务`,width:`160`},{default:o(({row:e})=>[y(a(s(L)[e.utility])+`（`+a(s(j)[e.utility])+`）`,1)]),_:1}),_(h,{label:`工单状态`,width:`130`},{default:o(({row:e})=>[e.ticket?(C(),S(H,{key:0,status:e.ticket.status,kind:`ticket`},null,8,[`status`])):(C(),f(`span`,W,`受理后派发`))]),_:1}),_(h,{label:`截止时间`,width:`150`},{default:o(({row:e})=>[e.ticket&&r(e.ticket)?(C(),f(`span`,{key:0,class:i({overdue:e.ticket.overdue})},[y(a(s(P)(r(e.ticket))),1),e.ticket.overdue?(C(),f(x,{key:0},[y(`（已超期）`)],64)):d(``,!0)],2)):d(``,!0)]),_:1}),_(h,{label:`审核 / 结果`},{default:o(({row:e})=>[y(a(e.ticket?l(e.ticket):``),1)]),_:1})]),_:1},8,[`data`])])}}},[[`__scopeId`,`data-v-19f619ba`]]),K=`mutation RequestCorrection($caseId: ID!, $items: [CorrectionItemInput!]!) {
  requestCorrection(caseId: $caseId, items: $items) {
    id
    status
  }
}
`,q={class:`plain`},J={class:`plain`},ee=[`for`],te={class:`count`},ne=D({__name:`CorrectionComposer`,props:{modelValue:{type:Boolean,default:!1},caseData:{type:Object,required:!0}},emits:[`update:modelValue`,`done`],setup(r,{emit:i}){let s=r,l=i,p=e({}),h=m([]),v=m(``),w=m(!1);n(()=>s.modelValue,e=>{if(e){for(let e of Object.keys(p))delete p[e];h.value=[],v.value=``}});function E(e,t){t?p[e.requirementCode]=e.satisfied?`请重新提交${e.title}`:`请补充${e.title}`:delete p[e.requirementCode]}let D=u(()=>[...s.caseData.checklist.filter(e=>e.requirementCode in p).map(e=>({requirementCode:e.requirementCode,note:p[e.requirementCode].trim()})),...h.value.map(e=>({note:e.trim()})).filter(e=>e.note)]);async function O(){if(v.value=``,!D.value.length)v.value=`请至少选择一项材料或填写一条补正说明`;else if(D.value.some(e=>!e.note))v.value=`每项补正都须填写说明`;else{try{await b.confirm(`将向申请人发出一次性补正告知，共 ${D.value.length} 项；发出后不能撤回。`,`确认发出补正告知`,{confirmButtonText:`发出告知`,cancelButtonText:`取消`,type:`warning`})}catch{return}w.value=!0;try{await T(K,{caseId:s.caseData.id,items:D.value}),l(`update:modelValue`,!1),l(`done`)}catch(e){v.value=B(e)}finally{w.value=!1}}}return(e,n)=>{let i=c(`el-checkbox`),s=c(`el-input`),u=c(`el-button`),m=c(`el-alert`),b=c(`el-dialog`);return C(),S(b,{"model-value":r.modelValue,title:`一次性告知补正`,width:`760px`,top:`4vh`,"onUpdate:modelValue":n[2]||=e=>l(`update:modelValue`,e)},{footer:o(()=>[g(`span`,te,`共 `+a(D.value.length)+` 项`,1),_(u,{onClick:n[1]||=e=>l(`update:modelValue`,!1)},{default:o(()=>[...n[7]||=[y(`取消`,-1)]]),_:1}),_(u,{type:`primary`,loading:w.value,onClick:O},{default:o(()=>[...n[8]||=[y(`发出补正告知`,-1)]]),_:1},8,[`loading`])]),default:o(()=>[n[9]||=g(`p`,{class:`hint`},`勾选需补正的材料并填写说明，可另加其他补正事项；全部事项合成一份补正告知书。`,-1),g(`fieldset`,q,[n[3]||=g(`legend`,{class:`section-subtitle`},`材料清单中的事项`,-1),(C(!0),f(x,null,t(r.caseData.checklist,e=>(C(),f(`div`,{key:e.requirementCode,class:`pick`},[_(i,{"model-value":e.requirementCode in p,label:e.title+(e.satisfied?``:`（缺少）`),"onUpdate:modelValue":t=>E(e,t)},null,8,[`model-value`,`label`,`onUpdate:modelValue`]),e.requirementCode in p?(C(),S(s,{key:0,modelValue:p[e.requirementCode],"onUpdate:modelValue":t=>p[e.requirementCode]=t,"aria-label":`补正说明：${e.title}`,placeholder:`补正说明：${e.title}`,maxlength:`2000`},null,8,[`modelValue`,`onUpdate:modelValue`,`aria-label`,`placeholder`])):d(``,!0)]))),128))]),g(`fieldset`,J,[n[6]||=g(`legend`,{class:`section-subtitle`},`其他补正事项`,-1),(C(!0),f(x,null,t(h.value,(e,t)=>(C(),f(`div`,{key:t,class:`free-note`},[g(`label`,{for:`free-note-${t}`,class:`free-label`},`事项 `+a(t+1),9,ee),_(s,{id:`free-note-${t}`,modelValue:h.value[t],"onUpdate:modelValue":e=>h.value[t]=e,maxlength:`2000`},null,8,[`id`,`modelValue`,`onUpdate:modelValue`]),_(u,{link:``,type:`danger`,"aria-label":`删除事项 ${t+1}`,onClick:e=>h.value.splice(t,1)},{default:o(()=>[...n[4]||=[y(`删除`,-1)]]),_:1},8,[`aria-label`,`onClick`])]))),128)),_(u,{size:`small`,onClick:n[0]||=e=>h.value.push(``)},{default:o(()=>[...n[5]||=[y(`添加其他事项`,-1)]]),_:1})]),v.value?(C(),S(m,{key:0,title:v.value,type:`error`,"show-icon":``,closable:!1,role:`alert`},null,8,[`title`])):d(``,!0)]),_:1},8,[`model-value`])}}},[[`__scopeId`,`data-v-82c79d72`]]);async function Y(e){let t=window.open(``,`_blank`);try{let n=await e();t?(t.opener=null,t.location.href=n):window.location.assign(n)}catch(e){throw t?.close(),e}}async function X(e,t){let n=await e(),r=document.createElement(`a`);r.href=n,r.download=t||``,r.rel=`noopener`,document.body.append(r),r.click(),r.remove()}var Z=`query DocumentDownloadUrls($caseId: ID!) {
  case(id: $caseId) {
    id
    documents {
      id
      downloadUrl
      pdf {
        downloadUrl
      }
    }
  }
}
`,re={"aria-labelledby":`documents-title`},ie={key:0},ae={key:1,class:`muted`},oe={key:1,class:`muted`},se={key:2,class:`muted`},ce=D({__name:`DocumentList`,props:{caseData:{type:Object,required:!0}},setup(e){let t=e,n=m(``);function r(e){let n=t.caseData.tickets.find(t=>t.id===e.ticketId);return n?`（${L[n.utility]}）`:``}async function i(e,r){n.value=``;let i=async()=>{let n=(await T(Z,{caseId:t.caseData.id})).case?.documents.find(t=>t.id===e.id),i=r===`pdf`?n?.pdf?.downloadUrl:n?.downloadUrl;if(!i)throw Error(`该文书暂不能下载，请稍后再试`);return i};try{await X(i,r===`pdf`?e.pdf.filename:e.filename)}catch(e){n.value=B(e)}}return(t,l)=>{let u=c(`el-alert`),p=c(`el-empty`),m=c(`el-table-column`),h=c(`el-button`),v=c(`el-table`);return C(),f(`section`,re,[l[2]||=g(`h2`,{id:`documents-title`,class:`section-title`},`文书`,-1),n.value?(C(),S(u,{key:0,title:n.value,type:`error`,"show-icon":``,closable:!1,role:`alert`},null,8,[`title`])):d(``,!0),e.caseData.documents.length?(C(),S(v,{key:2,data:e.caseData.documents,size:`small`,border:``,"aria-label":`文书`},{default:o(()=>[_(m,{label:`文书`,"min-width":`180`},{default:o(({row:e})=>[y(a(s(M)[e.kind]||e.kind)+a(r(e))+` `,1),e.version>1?(C(),f(`span`,ie,`（第 `+a(e.version)+` 版）`,1)):d(``,!0)]),_:1}),_(m,{label:`状态`,width:`100`},{default:o(({row:e})=>[_(H,{status:e.status,kind:`document`},null,8,[`status`])]),_:1}),_(m,{label:`生成时间`,width:`150`},{default:o(({row:e})=>[y(a(s(P)(e.readyAt)),1)]),_:1}),_(m,{label:`下载`,"min-width":`220`},{default:o(({row:e})=>[e.status===`READY`?(C(),f(x,{key:0},[_(h,{size:`small`,"aria-label":`下载 DOCX：${s(M)[e.kind]||e.kind}`,"data-document-kind":e.kind,"data-format":`docx`,onClick:t=>i(e,`docx`)},{default:o(()=>[...l[0]||=[y(` 下载 DOCX `,-1)]]),_:1},8,[`aria-label`,`data-document-kind`,`onClick`]),e.pdf?(C(),S(h,{key:0,size:`small`,"aria-label":`下载 PDF：${s(M)[e.kind]||e.kind}`,"data-document-kind":e.kind,"data-format":`pdf`,onClick:t=>i(e,`pdf`)},{default:o(()=>[...l[1]||=[y(` 下载 PDF `,-1)]]),_:1},8,[`aria-label`,`data-document-kind`,`onClick`])):(C(),f(`span`,ae,a(e.error?`无 PDF：`+e.error:`无 PDF`),1))],64)):e.status===`FAILED`?(C(),f(`span`,oe,a(e.error),1)):(C(),f(`span`,se,`生成后可下载`))]),_:1})]),_:1},8,[`data`])):(C(),S(p,{key:1,description:`暂无文书`,"image-size":60}))])}}},[[`__scopeId`,`data-v-f33827fa`]]),le=`mutation RecordPaperHandover($caseId: ID!, $utility: Utility!, $items: [String!]!, $receivedBy: String!) {
  recordPaperHandover(caseId: $caseId, utility: $utility, items: $items, receivedBy: $receivedBy) {
    id
    status
  }
}
`,ue={__name:`HandoverDialog`,props:{modelValue:{type:Boolean,default:!1},caseData:{type:Object,required:!0}},emits:[`update:modelValue`,`done`],setup(r,{emit:i}){let a=r,l=i,u=e({utility:``,items:``,receivedBy:``}),p=m({}),h=m(``),g=m(!1);n(()=>a.modelValue,e=>{e&&(Object.assign(u,{utility:a.caseData.utilities[0],items:``,receivedBy:``}),p.value={},h.value=``)});async function b(){h.value=``;let e=u.items.split(`
`).map(e=>e.trim()).filter(Boolean);if(p.value={...e.length?{}:{items:`请至少填写一项纸质材料`},...u.receivedBy.trim()?{}:{receivedBy:`请填写接收人`}},!Object.keys(p.value).length){g.value=!0;try{await T(le,{caseId:a.caseData.id,utility:u.utility,items:e,receivedBy:u.receivedBy.trim()}),l(`update:modelValue`,!1),l(`done`)}catch(e){p.value=Object.fromEntries(Object.entries(e.fields||{}).map(([e,t])=>[e.replace(/\[\d+\]$/,``),t])),h.value=B(e)}finally{g.value=!1}}}return(e,n)=>{let i=c(`el-option`),a=c(`el-select`),m=c(`el-form-item`),w=c(`el-input`),T=c(`el-form`),E=c(`el-alert`),D=c(`el-button`),O=c(`el-dialog`);return C(),S(O,{"model-value":r.modelValue,title:`登记纸质材料交接`,width:`560px`,"onUpdate:modelValue":n[4]||=e=>l(`update:modelValue`,e)},{footer:o(()=>[_(D,{onClick:n[3]||=e=>l(`update:modelValue`,!1)},{default:o(()=>[...n[5]||=[y(`取消`,-1)]]),_:1}),_(D,{type:`primary`,loading:g.value,onClick:b},{default:o(()=>[...n[6]||=[y(`登记交接`,-1)]]),_:1},8,[`loading`])]),default:o(()=>[_(T,{"label-width":`110px`,onSubmit:v(b,[`prevent`])},{default:o(()=>[_(m,{label:`接收单位`,for:`handover-utility`,error:p.value.utility},{default:o(()=>[_(a,{id:`handover-utility`,modelValue:u.utility,"onUpdate:modelValue":n[0]||=e=>u.utility=e},{default:o(()=>[(C(!0),f(x,null,t(r.caseData.utilities,e=>(C(),S(i,{key:e,label:s(L)[e],value:e},null,8,[`label`,`value`]))),128))]),_:1},8,[`modelValue`])]),_:1},8,[`error`]),_(m,{label:`纸质材料`,for:`handover-items`,error:p.value.items},{default:o(()=>[_(w,{id:`handover-items`,modelValue:u.items,"onUpdate:modelValue":n[1]||=e=>u.items=e,type:`textarea`,rows:4,placeholder:`每行一项`},null,8,[`modelValue`])]),_:1},8,[`error`]),_(m,{label:`接收人`,for:`handover-received-by`,error:p.value.receivedBy},{default:o(()=>[_(w,{id:`handover-received-by`,modelValue:u.receivedBy,"onUpdate:modelValue":n[2]||=e=>u.receivedBy=e,maxlength:`1000`},null,8,[`modelValue`])]),_:1},8,[`error`])]),_:1}),h.value?(C(),S(E,{key:0,title:h.value,type:`error`,"show-icon":``,closable:!1,role:`alert`},null,8,[`title`])):d(``,!0)]),_:1},8,[`model-value`])}}},de=`mutation GrantLicenceConsent($caseId: ID!) {
  grantLicenceConsent(caseId: $caseId) {
    id
    licenceConsent
  }
}
`,fe=`mutation PullLicences($caseId: ID!, $kinds: [LicenceKind!]) {
  pullLicences(caseId: $caseId, kinds: $kinds) {
    materials {
      id
      requirementCode
      licence {
        kind
        number
      }
    }
    failures {
      kind
      code
      message
    }
  }
}
`,pe=`query ServiceGuideRequirements($utilities: [Utility!]!) {
  serviceGuide(utilities: $utilities) {
    requirements {
      code
      title
      licenceKinds
      mandatory
    }
  }
}
`,me={key:0},he={key:1},ge={__name:`LicencePullDialog`,props:{modelValue:{type:Boolean,default:!1},caseData:{type:Object,required:!0}},emits:[`update:modelValue`,`done`],setup(e,{emit:t}){let r=e,i=t,l=m([]),p=m(!1),h=m(!1),v=m(``),b=m(null),w=new Set([`ID_CARD`,`BUSINESS_LICENCE`,`PROPERTY_TITLE`]),E=u(()=>l.value.filter(e=>w.has(e))),D=u(()=>l.value.filter(e=>!w.has(e)));n(()=>r.modelValue,async e=>{if(e){p.value=r.caseData.licenceConsent,v.value=``,b.value=null;try{let e=await T(pe,{utilities:r.caseData.utilities}),t=new Set(r.caseData.checklist.map(e=>e.requirementCode));l.value=[...new Set(e.serviceGuide.requirements.filter(e=>t.has(e.code)).flatMap(e=>e.licenceKinds))]}catch(e){v.value=B(e)}}});async function O(){if(v.value=``,!p.value)v.value=`须先确认申请人已授权调取其电子证照`;else{h.value=!0;try{r.caseData.licenceConsent||await T(de,{caseId:r.caseData.id});let e=await T(fe,{caseId:r.caseData.id,kinds:null});b.value=e.pullLicences,i(`done`)}catch(e){v.value=B(e)}finally{h.value=!1}}}return(t,n)=>{let r=c(`el-checkbox`),l=c(`el-table-column`),u=c(`el-table`),m=c(`el-alert`),w=c(`el-button`),T=c(`el-dialog`);return C(),S(T,{"model-value":e.modelValue,title:`调取电子证照`,width:`640px`,"onUpdate:modelValue":n[3]||=e=>i(`update:modelValue`,e)},{footer:o(()=>[b.value?(C(),S(w,{key:1,type:`primary`,onClick:n[2]||=e=>i(`update:modelValue`,!1)},{default:o(()=>[...n[8]||=[y(`关闭`,-1)]]),_:1})):(C(),f(x,{key:0},[_(w,{onClick:n[1]||=e=>i(`update:modelValue`,!1)},{default:o(()=>[...n[6]||=[y(`取消`,-1)]]),_:1}),_(w,{type:`primary`,loading:h.value,onClick:O},{default:o(()=>[...n[7]||=[y(`授权并调取`,-1)]]),_:1},8,[`loading`])],64))]),default:o(()=>[b.value?(C(),f(x,{key:1},[g(`p`,null,`已调取 `+a(b.value.materials.length)+` 项证照。`,1),b.value.failures.length?(C(),S(u,{key:0,data:b.value.failures,size:`small`,border:``,"aria-label":`未能调取的证照`},{default:o(()=>[_(l,{label:`证照`,width:`180`},{default:o(({row:e})=>[y(a(s(z)[e.kind]),1)]),_:1}),_(l,{label:`原因（可改为上传）`},{default:o(({row:e})=>[y(a(s(B)(e)),1)]),_:1})]),_:1},8,[`data`])):d(``,!0)],64)):(C(),f(x,{key:0},[n[4]||=g(`p`,null,`将为本案调取以下证照，作为申请材料，无需申请人再提交纸质或扫描件：`,-1),g(`ul`,null,[E.value.length?(C(),f(`li`,me,` 从电子证照库按号码调取：`+a(E.value.map(e=>s(z)[e]).join(`、`))+`（核对经办人姓名与企业信息） `,1)):d(``,!0),D.value.length?(C(),f(`li`,he,` 从工程建设项目审批系统（工建系统）按项目代码调取：`+a(D.value.map(e=>s(z)[e]).join(`、`)),1)):d(``,!0)]),n[5]||=g(`p`,null,`每次调取均记入审计。调取前须取得申请人的授权。`,-1),_(r,{modelValue:p.value,"onUpdate:modelValue":n[0]||=e=>p.value=e,disabled:e.caseData.licenceConsent,label:`申请人已同意授权调取其电子证照（已当面或书面确认）`},null,8,[`modelValue`,`disabled`])],64)),v.value?(C(),S(m,{key:2,title:v.value,type:`error`,"show-icon":``,closable:!1,role:`alert`},null,8,[`title`])):d(``,!0)]),_:1},8,[`model-value`])}}},_e=`query MaterialDownloadUrl($materialId: ID!) {
  materialDownloadUrl(materialId: $materialId)
}
`,ve=`mutation CompleteMaterialUpload($uploadId: ID!) {
  completeMaterialUpload(uploadId: $uploadId) {
    id
    requirementCode
  }
}
`,ye=`mutation RequestMaterialUpload($input: UploadRequestInput!) {
  requestMaterialUpload(input: $input) {
    uploadId
    url
    method
    headers
  }
}
`,be=new Uint32Array([0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,961987163,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,310598401,607225278,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,0xe49b69c1,0xefbe4786,0xfc19dc6,604807628,770255983,0x4a7484aa,0x5cb0a9dc,0x76f988da,0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x6ca6351,338241895,666307205,773529912,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,275423344,430227734,506948616,659060556,883997877,958139571,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2]);function xe(e){let t=new Uint32Array([0x6a09e667,0xbb67ae85,0x3c6ef372,0xa54ff53a,0x510e527f,0x9b05688c,528734635,0x5be0cd19]),n=e.length,r=new Uint8Array(Math.ceil((n+9)/64)*64);r.set(e),r[n]=128;let i=new DataView(r.buffer);i.setUint32(r.length-8,Math.floor(n/536870912)),i.setUint32(r.length-4,n*8>>>0);let a=new Uint32Array(64),o=(e,t)=>e>>>t|e<<32-t;for(let e=0;e<r.length;e+=64){for(let t=0;t<16;t++)a[t]=i.getUint32(e+t*4);for(let e=16;e<64;e++){let t=o(a[e-15],7)^o(a[e-15],18)^a[e-15]>>>3,n=o(a[e-2],17)^o(a[e-2],19)^a[e-2]>>>10;a[e]=a[e-16]+t+a[e-7]+n>>>0}let[n,r,s,c,l,u,d,f]=t;for(let e=0;e<64;e++){let t=f+(o(l,6)^o(l,11)^o(l,25))+(l&u^~l&d)+be[e]+a[e]>>>0,i=(o(n,2)^o(n,13)^o(n,22))+(n&r^n&s^r&s)>>>0;f=d,d=u,u=l,l=c+t>>>0,c=s,s=r,r=n,n=t+i>>>0}[n,r,s,c,l,u,d,f].forEach((e,n)=>{t[n]=t[n]+e>>>0})}return Array.from(t,e=>e.toString(16).padStart(8,`0`)).join(``)}async function Se(e){let t=new Uint8Array(e);if(globalThis.crypto?.subtle){let e=new Uint8Array(await crypto.subtle.digest(`SHA-256`,t));return Array.from(e,e=>e.toString(16).padStart(2,`0`)).join(``)}return xe(t)}var Q={pdf:`application/pdf`,ofd:`application/ofd`,jpg:`image/jpeg`,jpeg:`image/jpeg`,png:`image/png`,docx:`application/vnd.openxmlformats-officedocument.wordprocessingml.document`,xlsx:`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`},Ce=Object.keys(Q).map(e=>`.${e}`).join(`,`);function we(e){return Q[e.name.split(`.`).pop().toLowerCase()]||e.type||`application/octet-stream`}async function Te({caseId:e,requirementCode:t,file:n}){let r=await n.arrayBuffer(),i={caseId:e,requirementCode:t,filename:n.name,contentType:we(n),size:r.byteLength,sha256:await Se(r)},{requestMaterialUpload:a}=await T(ye,{input:i}),o=await fetch(a.url,{method:a.method,headers:a.headers,body:r});if(!o.ok)throw Error(`上传失败（${o.status}），请重试`);let{completeMaterialUpload:s}=await T(ve,{uploadId:a.uploadId});return s}var Ee={"aria-labelledby":`materials-title`},De=[`accept`],Oe={key:0,class:`mandatory`},ke={class:`other-materials`},Ae=D({__name:`MaterialList`,props:{caseData:{type:Object,required:!0},canUpload:{type:Boolean,default:!1}},emits:[`changed`],setup(e,{emit:n}){let r=e,i=n,l=m(``),p=m(``),h=m(null),v=null,b=u(()=>Object.fromEntries(r.caseData.materials.map(e=>[e.id,e]))),w=u(()=>{let e=new Set(r.caseData.checklist.flatMap(e=>e.materialIds));return r.caseData.materials.filter(t=>!e.has(t.id))});function E(e){return async()=>(await T(_e,{materialId:e.id})).materialDownloadUrl}async function D(e){l.value=``;try{await Y(E(e))}catch(e){l.value=B(e)}}async function O(e){l.value=``;try{await X(E(e),e.filename)}catch(e){l.value=B(e)}}function A(e){v=e,h.value.value=``,h.value.click()}async function j(e){let t=e.target.files[0];if(t&&v){l.value=``,p.value=v.requirementCode;try{await Te({caseId:r.caseData.id,requirementCode:v.requirementCode,file:t}),i(`changed`)}catch(e){l.value=`${v.title}：${B(e)}`}finally{p.value=``}}}function M(e){let t=k[e.source]||e.source;return e.licence?`${t}：${z[e.licence.kind]} ${e.licence.number}`:`${t}：${e.filename}`}return(n,r)=>{let i=c(`el-alert`),u=c(`el-table-column`),m=c(`el-tag`),v=c(`el-button`),T=c(`el-table`);return C(),f(`section`,Ee,[r[6]||=g(`h2`,{id:`materials-title`,class:`section-title`},`材料清单`,-1),l.value?(C(),S(i,{key:0,title:l.value,type:`error`,"show-icon":``,closable:!1,role:`alert`},null,8,[`title`])):d(``,!0),g(`input`,{ref_key:`fileInput`,ref:h,type:`file`,class:`visually-hidden`,accept:s(Ce),"aria-label":`选择要上传的材料文件`,tabindex:`-1`,onChange:j},null,40,De),_(T,{data:e.caseData.checklist,size:`small`,border:``,"aria-label":`材料清单`,"row-key":`requirementCode`},{default:o(()=>[_(u,{label:`材料`,"min-width":`200`},{default:o(({row:e})=>[y(a(e.title),1),e.mandatory?(C(),f(`span`,Oe,`（必需）`)):d(``,!0)]),_:1}),_(u,{label:`状态`,width:`90`},{default:o(({row:e})=>[_(m,{type:e.satisfied?`success`:e.mandatory?`danger`:`info`,"disable-transitions":``},{default:o(()=>[y(a(e.satisfied?`已备齐`:`缺少`),1)]),_:2},1032,[`type`])]),_:1}),_(u,{label:`已有材料`,"min-width":`300`},{default:o(({row:e})=>[(C(!0),f(x,null,t(e.materialIds,e=>(C(),f(`div`,{key:e,class:`material`},[b.value[e]?(C(),f(x,{key:0},[g(`span`,null,a(M(b.value[e])),1),_(v,{link:``,type:`primary`,"aria-label":`打开 ${b.value[e].filename}`,onClick:t=>D(b.value[e])},{default:o(()=>[...r[0]||=[y(`打开`,-1)]]),_:1},8,[`aria-label`,`onClick`]),_(v,{link:``,type:`primary`,"aria-label":`下载 ${b.value[e].filename}`,onClick:t=>O(b.value[e])},{default:o(()=>[...r[1]||=[y(`下载`,-1)]]),_:1},8,[`aria-label`,`onClick`])],64)):d(``,!0)]))),128))]),_:1}),e.canUpload?(C(),S(u,{key:0,label:`上传`,width:`110`},{default:o(({row:e})=>[_(v,{size:`small`,loading:p.value===e.requirementCode,"aria-label":`上传 ${e.title}`,onClick:t=>A(e)},{default:o(()=>[...r[2]||=[y(` 上传 `,-1)]]),_:1},8,[`loading`,`aria-label`,`onClick`])]),_:1})):d(``,!0)]),_:1},8,[`data`]),w.value.length?(C(),f(x,{key:1},[r[5]||=g(`h3`,{class:`section-subtitle`},`其他材料（审批结果等）`,-1),g(`ul`,ke,[(C(!0),f(x,null,t(w.value,e=>(C(),f(`li`,{key:e.id},[y(a(M(e))+` `,1),_(v,{link:``,type:`primary`,"aria-label":`打开 ${e.filename}`,onClick:t=>D(e)},{default:o(()=>[...r[3]||=[y(`打开`,-1)]]),_:1},8,[`aria-label`,`onClick`]),_(v,{link:``,type:`primary`,"aria-label":`下载 ${e.filename}`,onClick:t=>O(e)},{default:o(()=>[...r[4]||=[y(`下载`,-1)]]),_:1},8,[`aria-label`,`onClick`])]))),128))])],64)):d(``,!0)])}}},[[`__scopeId`,`data-v-2eef3da6`]]),je={"aria-labelledby":`timeline-title`},Me={key:0},Ne={class:`actor`},Pe={key:1,class:`detail`},$=D({__name:`Timeline`,props:{events:{type:Array,required:!0}},setup(e){let n=e,r=u(()=>[...n.events].reverse());function i(e){let t=e.data||{};return e.type===`CORRECTION_REQUESTED`||e.type===`CORRECTIONS_GATHERED`?(t.items||[]).map(e=>e.note).join(`；`):e.type===`PAPER_HANDOVER`?`${(t.items||[]).join(`、`)}，接收人 ${t.receivedBy||``}`:e.type===`DOCUMENT_READY`||e.type===`DOCUMENT_FAILED`?`${M[t.kind]||t.kind||``} 第 ${t.version||1} 版`:e.type===`CASE_WITHDRAWN`?t.reason||``:e.type===`TICKET_REVIEWED`&&t.reasons||``}return(n,l)=>{let u=c(`el-empty`),p=c(`el-timeline-item`),m=c(`el-timeline`);return C(),f(`section`,je,[l[0]||=g(`h2`,{id:`timeline-title`,class:`section-title`},`办理时间线`,-1),e.events.length?(C(),S(m,{key:1},{default:o(()=>[(C(!0),f(x,null,t(r.value,e=>(C(),S(p,{key:e.id,timestamp:s(P)(e.at),placement:`top`},{default:o(()=>[g(`strong`,null,a(s(I)[e.type]||e.type),1),e.utility?(C(),f(`span`,Me,`（`+a(s(L)[e.utility])+`）`,1)):d(``,!0),g(`span`,Ne,[y(a(e.actor||s(V)[e.role]),1),e.onBehalf?(C(),f(x,{key:0},[y(`（帮办代办）`)],64)):d(``,!0)]),i(e)?(C(),f(`div`,Pe,a(i(e)),1)):d(``,!0)]),_:2},1032,[`timestamp`]))),128))]),_:1})):(C(),S(u,{key:0,description:`暂无记录`}))])}}},[[`__scopeId`,`data-v-dda0dd10`]]),Fe=`mutation AcceptCase($caseId: ID!) {
  acceptCase(caseId: $caseId) {
    id
    status
  }
}
`,Ie=`query CasePage($id: ID!) {
  case(id: $id) {
    id
    caseNo
    status
    utilities
    surveyAppointment
    isKeyProject
    licenceConsent
    filedOnBehalf
    createdAt
    submittedAt
    acceptedAt
    repliedAt
    withdrawnAt
    withdrawalReason
    allowedActions
    applicant {
      uscc
      name
      contactName
      contactPhone
      contactEmail
      agentIdNumber
    }
    project {
      name
      code
      address
      propertyTitleNo
    }
    tickets {
      id
      utility
      status
      dispatchedAt
      reviewDueAt
      feedbackDueAt
      overdue
      decision
      reasons
      result {
        outcome
        externalWorks
        quoteAmount
        reasons
        submittedAt
      }
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
      source
      filename
      contentType
      size
      createdAt
      ticketId
      licence {
        kind
        number
        issuer
        validUntil
      }
    }
    documents {
      id
      kind
      status
      version
      ticketId
      filename
      error
      readyAt
      createdAt
      pdf {
        filename
        size
      }
    }
    corrections
    events(first: 100) {
      totalCount
      edges {
        node {
          id
          type
          utility
          at
          actor
          role
          onBehalf
          data
        }
      }
    }
  }
}
`,Le=`mutation IssueConsolidatedReply($caseId: ID!) {
  issueConsolidatedReply(caseId: $caseId) {
    id
    status
  }
}
`,Re=`mutation SubmitApplication($caseId: ID!) {
  submitApplication(caseId: $caseId) {
    id
    status
  }
}
`,ze={class:`case-page`},Be={key:0,class:`loading`,"element-loading-text":`加载中`},Ve={class:`case-header`},He={class:`page-title`},Ue={class:`case-times`},We={class:`actions`,role:`toolbar`,"aria-label":`案件操作`},Ge=D({__name:`CasePage`,setup(e){let i=w(),v=m(null),D=m(!1),O=m(``),k=m(``),A=m({correction:!1,handover:!1,licences:!1}),j=u(()=>new Set(v.value?.allowedActions||[])),M=u(()=>v.value?.events.edges.map(e=>e.node)||[]),N=u(()=>(v.value?.corrections||[]).filter(e=>!e.resolved)),F=null,I=null;async function R(){try{let e=await T(Ie,{id:i.params.id});v.value=e.case,O.value=``}catch(e){O.value=B(e)}finally{D.value=!0}}function z(){clearTimeout(I),I=setTimeout(R,150)}n(()=>i.params.id,e=>{F?.(),v.value=null,D.value=!1,e&&(F=E({caseId:e},z),R())},{immediate:!0}),l(()=>{F?.(),clearTimeout(I)});async function V(e,t,n){try{return await b.confirm(e,t,{confirmButtonText:n,cancelButtonText:`取消`,type:`warning`}),!0}catch{return!1}}async function U(e,t,{message:n,title:r,button:i,done:a}){if(await V(n,r,i)){k.value=e,O.value=``;try{await T(t,{caseId:v.value.id}),p.success(a),await R()}catch(e){O.value=B(e)}finally{k.value=``}}}function W(){return U(`accept`,Fe,{message:`受理后将出具收件通知书，并向${v.value.utilities.map(e=>L[e]).join(`、`)}派发工单；受理不能撤销。`,title:`确认受理`,button:`受理`,done:`已受理，工单已派发`})}function K(){return U(`reply`,Le,{message:`将汇总各单位结果，向申请人出具统一答复书；出具后案件办结，不能更改。`,title:`确认出具联合答复`,button:`出具答复`,done:`已出具联合答复`})}function q(){return U(`submit`,Re,{message:`提交后申请进入窗口形式审查，申请表将生成。`,title:`确认提交申请`,button:`提交`,done:`已提交`})}function J(e){e&&p.success(e),R()}return(e,n)=>{let i=c(`el-tag`),l=c(`el-button`),u=c(`el-alert`),p=c(`el-result`),m=r(`loading`);return C(),f(`section`,ze,[D.value?v.value?(C(),f(x,{key:1},[g(`header`,Ve,[g(`h1`,He,[y(` 案件 `+a(v.value.caseNo)+` `,1),_(H,{status:v.value.status},null,8,[`status`]),v.value.isKeyProject?(C(),S(i,{key:0,type:`danger`,effect:`plain`},{default:o(()=>[...n[10]||=[y(`重点项目`,-1)]]),_:1})):d(``,!0),v.value.filedOnBehalf?(C(),S(i,{key:1,type:`info`,effect:`plain`},{default:o(()=>[...n[11]||=[y(`帮办代办`,-1)]]),_:1})):d(``,!0)]),g(`p`,Ue,[y(` 创建 `+a(s(P)(v.value.createdAt))+` `,1),v.value.submittedAt?(C(),f(x,{key:0},[y(` · 提交 `+a(s(P)(v.value.submittedAt)),1)],64)):d(``,!0),v.value.acceptedAt?(C(),f(x,{key:1},[y(` · 受理 `+a(s(P)(v.value.acceptedAt)),1)],64)):d(``,!0),v.value.repliedAt?(C(),f(x,{key:2},[y(` · 答复 `+a(s(P)(v.value.repliedAt)),1)],64)):d(``,!0),v.value.withdrawnAt?(C(),f(x,{key:3},[y(` · 撤回 `+a(s(P)(v.value.withdrawnAt))+`（`+a(v.value.withdrawalReason)+`）`,1)],64)):d(``,!0)]),g(`div`,We,[j.value.has(`ACCEPT`)?(C(),S(l,{key:0,type:`primary`,loading:k.value===`accept`,onClick:W},{default:o(()=>[...n[12]||=[y(`受理`,-1)]]),_:1},8,[`loading`])):d(``,!0),j.value.has(`REQUEST_CORRECTION`)?(C(),S(l,{key:1,type:`warning`,onClick:n[0]||=e=>A.value.correction=!0},{default:o(()=>[...n[13]||=[y(` 一次性告知补正 `,-1)]]),_:1})):d(``,!0),j.value.has(`RECORD_HANDOVER`)?(C(),S(l,{key:2,onClick:n[1]||=e=>A.value.handover=!0},{default:o(()=>[...n[14]||=[y(`登记纸质材料交接`,-1)]]),_:1})):d(``,!0),j.value.has(`ISSUE_REPLY`)?(C(),S(l,{key:3,type:`primary`,loading:k.value===`reply`,onClick:K},{default:o(()=>[...n[15]||=[y(` 出具联合答复 `,-1)]]),_:1},8,[`loading`])):d(``,!0),j.value.has(`PULL_LICENCES`)||j.value.has(`GRANT_CONSENT`)?(C(),S(l,{key:4,onClick:n[2]||=e=>A.value.licences=!0},{default:o(()=>[...n[16]||=[y(` 调取电子证照 `,-1)]]),_:1})):d(``,!0),j.value.has(`SUBMIT`)?(C(),S(l,{key:5,type:`primary`,loading:k.value===`submit`,onClick:q},{default:o(()=>[...n[17]||=[y(` 提交申请 `,-1)]]),_:1},8,[`loading`])):d(``,!0)]),O.value?(C(),S(u,{key:0,title:O.value,type:`error`,"show-icon":``,closable:!1,role:`alert`},null,8,[`title`])):d(``,!0)]),N.value.length?(C(),S(u,{key:0,type:`warning`,closable:!1,title:`待申请人补正`,class:`notices`},{default:o(()=>[g(`ol`,null,[(C(!0),f(x,null,t(N.value.flatMap(e=>e.items),(e,t)=>(C(),f(`li`,{key:t},a(e.note),1))),128))])]),_:1})):d(``,!0),_(G,{"case-data":v.value},null,8,[`case-data`]),_(Ae,{"case-data":v.value,"can-upload":j.value.has(`CHANGE_MATERIALS`),onChanged:n[3]||=e=>J(`材料已上传`)},null,8,[`case-data`,`can-upload`]),_(ce,{"case-data":v.value},null,8,[`case-data`]),_($,{events:M.value},null,8,[`events`]),_(ne,{modelValue:A.value.correction,"onUpdate:modelValue":n[4]||=e=>A.value.correction=e,"case-data":v.value,onDone:n[5]||=e=>J(`补正告知已发出`)},null,8,[`modelValue`,`case-data`]),_(ue,{modelValue:A.value.handover,"onUpdate:modelValue":n[6]||=e=>A.value.handover=e,"case-data":v.value,onDone:n[7]||=e=>J(`交接已登记`)},null,8,[`modelValue`,`case-data`]),_(ge,{modelValue:A.value.licences,"onUpdate:modelValue":n[8]||=e=>A.value.licences=e,"case-data":v.value,onDone:n[9]||=e=>J()},null,8,[`modelValue`,`case-data`])],64)):(C(),S(p,{key:2,icon:`warning`,title:`找不到该案件`,"sub-title":O.value||`案件不存在，或您无权查看。`},{extra:o(()=>[_(l,{onClick:R},{default:o(()=>[...n[18]||=[y(`重新加载`,-1)]]),_:1})]),_:1},8,[`sub-title`])):h((C(),f(`div`,Be,null,512)),[[m,!0]])])}}},[[`__scopeId`,`data-v-816fafbe`]]);export{Ge as default};
import{A as e,C as t,D as n,I as r,L as i,M as a,N as o,O as s,R as c,T as l,b as u,c as d,d as f,f as p,i as m,j as h,k as g,l as _,m as v,o as y,p as b,r as x,s as S,u as C}from"./element-plus-CnnpmuMS.js";import{i as w}from"./vendor-Dya28Tub.js";import{o as T,r as E,s as D}from"./index-D87b0cee.js";import{a as O,c as k,d as A,f as j,i as M,l as N,n as P,o as F,p as I,r as L,s as R,t as z,u as B}from"./labels-HPuVKJIz.js";import{n as V}from"./ErrorText-BfiGtQmi.js";import{n as H,t as U}from"./downloads-BY7PKeUg.js";import{a as W,i as G,n as ee,o as K,r as q,t as te}from"./SurveyDialog-DHbtb_3f.js";import{t as ne}from"./session-9zhZ8T0u.js";/* empty css             */var J={__name:`StatusTag`,props:{status:{type:String,required:!0},kind:{type:String,default:`case`}},setup(r){let i=r,a={case:z,ticket:B,document:M},o=d(()=>a[i.kind][i.status]||[i.status,`info`]);return(r,i)=>{let a=n(`el-tag`);return t(),C(a,{type:o.value[1],effect:`light`,"disable-transitions":``},{default:e(()=>[b(c(o.value[0]),1)]),_:1},8,[`type`])}}},Y={class:`case-summary`,"aria-label":`申请信息`},X={key:1},re=E({__name:`CaseSummary`,props:{caseData:{type:Object,required:!0}},setup(a){let o=a,s=d(()=>o.caseData.utilities.map(e=>({utility:e,ticket:o.caseData.tickets.find(t=>t.utility===e)||null})));function l(e){return e.status===`PENDING_REVIEW`?e.reviewDueAt:e.status===`SURVEYED`?e.feedbackDueAt:null}function u(e){if(e.result){let t=[k[e.result.outcome]];return e.result.quoteAmount&&t.push(`报价 ${e.result.quoteAmount} 元`),e.result.externalWorks&&t.push(`涉外线工程`),e.result.reasons&&t.push(e.result.reasons),t.join(`；`)}return e.decision?[P[e.decision],e.reasons].filter(Boolean).join(`：`):``}return(o,d)=>{let m=n(`el-descriptions-item`),h=n(`el-descriptions`),g=n(`el-table-column`),y=n(`el-table`);return t(),p(`section`,Y,[v(h,{column:2,border:``,size:`small`,title:`申请企业与项目`},{default:e(()=>[v(m,{label:`企业名称`},{default:e(()=>[b(c(a.caseData.applicant.name),1)]),_:1}),v(m,{label:`统一社会信用代码`},{default:e(()=>[b(c(a.caseData.applicant.uscc),1)]),_:1}),v(m,{label:`经办人`},{default:e(()=>[b(c(a.caseData.applicant.contactName),1)]),_:1}),v(m,{label:`联系电话`},{default:e(()=>[b(c(a.caseData.applicant.contactPhone),1)]),_:1}),v(m,{label:`身份证号`},{default:e(()=>[b(c(a.caseData.applicant.agentIdNumber||`未填`),1)]),_:1}),v(m,{label:`电子邮箱`},{default:e(()=>[b(c(a.caseData.applicant.contactEmail||`未填`),1)]),_:1}),v(m,{label:`项目名称`},{default:e(()=>[b(c(a.caseData.project.name),1)]),_:1}),v(m,{label:`项目代码`},{default:e(()=>[b(c(a.caseData.project.code||`未填`),1)]),_:1}),v(m,{label:`项目地址`},{default:e(()=>[b(c(a.caseData.project.address),1)]),_:1}),v(m,{label:`不动产权证号`},{default:e(()=>[b(c(a.caseData.project.propertyTitleNo||`未填`),1)]),_:1}),v(m,{label:`预约勘察时间`},{default:e(()=>[b(c(r(I)(a.caseData.surveyAppointment)),1)]),_:1}),v(m,{label:`重点项目`},{default:e(()=>[b(c(a.caseData.isKeyProject?`是（绿色通道）`:`否`),1)]),_:1})]),_:1}),d[0]||=_(`h2`,{class:`section-title`},`报装业务`,-1),v(y,{data:s.value,size:`small`,border:``,"aria-label":`报装业务与工单`},{default:e(()=>[v(g,{label:`业务`,width:`160`},{default:e(({row:e})=>[b(c(r(j)[e.utility])+`（`+c(r(A)[e.utility])+`）`,1)]),_:1}),v(g,{label:`工单状态`,width:`130`},{default:e(({row:e})=>[e.ticket?(t(),C(J,{key:0,status:e.ticket.status,kind:`ticket`},null,8,[`status`])):(t(),p(`span`,X,`受理后派发`))]),_:1}),v(g,{label:`截止时间`,width:`150`},{default:e(({row:e})=>[e.ticket&&l(e.ticket)?(t(),p(`span`,{key:0,class:i({overdue:e.ticket.overdue})},[b(c(r(I)(l(e.ticket))),1),e.ticket.overdue?(t(),p(S,{key:0},[b(`（已超期）`)],64)):f(``,!0)],2)):f(``,!0)]),_:1}),v(g,{label:`审核 / 结果`},{default:e(({row:e})=>[b(c(e.ticket?u(e.ticket):``),1)]),_:1})]),_:1},8,[`data`])])}}},[[`__scopeId`,`data-v-19f619ba`]]),Z=`mutation RequestCorrection($caseId: ID!, $items: [CorrectionItemInput!]!) {
  requestCorrection(caseId: $caseId, items: $items) {
    id
    status
  }
}
`,Q={class:`plain`},ie={class:`plain`},ae=[`for`],oe={class:`count`},se=E({__name:`CorrectionComposer`,props:{modelValue:{type:Boolean,default:!1},caseData:{type:Object,required:!0}},emits:[`update:modelValue`,`done`],setup(r,{emit:i}){let s=r,u=i,m=a({}),h=o([]),y=o(``),w=o(!1);g(()=>s.modelValue,e=>{if(e){for(let e of Object.keys(m))delete m[e];h.value=[],y.value=``}});function T(e,t){t?m[e.requirementCode]=e.satisfied?`请重新提交${e.title}`:`请补充${e.title}`:delete m[e.requirementCode]}let E=d(()=>[...s.caseData.checklist.filter(e=>e.requirementCode in m).map(e=>({requirementCode:e.requirementCode,note:m[e.requirementCode].trim()})),...h.value.map(e=>({note:e.trim()})).filter(e=>e.note)]);async function O(){if(y.value=``,!E.value.length)y.value=`请至少选择一项材料或填写一条补正说明`;else if(E.value.some(e=>!e.note))y.value=`每项补正都须填写说明`;else{try{await x.confirm(`将向申请人发出一次性补正告知，共 ${E.value.length} 项；发出后不能撤回。`,`确认发出补正告知`,{confirmButtonText:`发出告知`,cancelButtonText:`取消`,type:`warning`})}catch{return}w.value=!0;try{await D(Z,{caseId:s.caseData.id,items:E.value}),u(`update:modelValue`,!1),u(`done`)}catch(e){y.value=V(e)}finally{w.value=!1}}}return(i,a)=>{let o=n(`el-checkbox`),s=n(`el-input`),d=n(`el-button`),g=n(`el-alert`),x=n(`el-dialog`);return t(),C(x,{"model-value":r.modelValue,title:`一次性告知补正`,width:`760px`,top:`4vh`,"onUpdate:modelValue":a[2]||=e=>u(`update:modelValue`,e)},{footer:e(()=>[_(`span`,oe,`共 `+c(E.value.length)+` 项`,1),v(d,{onClick:a[1]||=e=>u(`update:modelValue`,!1)},{default:e(()=>[...a[7]||=[b(`取消`,-1)]]),_:1}),v(d,{type:`primary`,loading:w.value,onClick:O},{default:e(()=>[...a[8]||=[b(`发出补正告知`,-1)]]),_:1},8,[`loading`])]),default:e(()=>[a[9]||=_(`p`,{class:`hint`},`勾选需补正的材料并填写说明，可另加其他补正事项；全部事项合成一份补正告知书。`,-1),_(`fieldset`,Q,[a[3]||=_(`legend`,{class:`section-subtitle`},`材料清单中的事项`,-1),(t(!0),p(S,null,l(r.caseData.checklist,e=>(t(),p(`div`,{key:e.requirementCode,class:`pick`},[v(o,{"model-value":e.requirementCode in m,label:e.title+(e.satisfied?``:`（缺少）`),"onUpdate:modelValue":t=>T(e,t)},null,8,[`model-value`,`label`,`onUpdate:modelValue`]),e.requirementCode in m?(t(),C(s,{key:0,modelValue:m[e.requirementCode],"onUpdate:modelValue":t=>m[e.requirementCode]=t,"aria-label":`补正说明：${e.title}`,placeholder:`补正说明：${e.title}`,maxlength:`2000`},null,8,[`modelValue`,`onUpdate:modelValue`,`aria-label`,`placeholder`])):f(``,!0)]))),128))]),_(`fieldset`,ie,[a[6]||=_(`legend`,{class:`section-subtitle`},`其他补正事项`,-1),(t(!0),p(S,null,l(h.value,(n,r)=>(t(),p(`div`,{key:r,class:`free-note`},[_(`label`,{for:`free-note-${r}`,class:`free-label`},`事项 `+c(r+1),9,ae),v(s,{id:`free-note-${r}`,modelValue:h.value[r],"onUpdate:modelValue":e=>h.value[r]=e,maxlength:`2000`},null,8,[`id`,`modelValue`,`onUpdate:modelValue`]),v(d,{link:``,type:`danger`,"aria-label":`删除事项 ${r+1}`,onClick:e=>h.value.splice(r,1)},{default:e(()=>[...a[4]||=[b(`删除`,-1)]]),_:1},8,[`aria-label`,`onClick`])]))),128)),v(d,{size:`small`,onClick:a[0]||=e=>h.value.push(``)},{default:e(()=>[...a[5]||=[b(`添加其他事项`,-1)]]),_:1})]),y.value?(t(),C(g,{key:0,title:y.value,type:`error`,"show-icon":``,closable:!1,role:`alert`},null,8,[`title`])):f(``,!0)]),_:1},8,[`model-value`])}}},[[`__scopeId`,`data-v-82c79d72`]]),ce=`query DocumentDownloadUrls($caseId: ID!) {
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
`,le={"aria-labelledby":`documents-title`},ue={key:0},de={key:1,class:`muted`},fe={key:1,class:`muted`},pe={key:2,class:`muted`},me=E({__name:`DocumentList`,props:{caseData:{type:Object,required:!0}},setup(i){let a=i,s=o(``);function l(e){let t=a.caseData.tickets.find(t=>t.id===e.ticketId);return t?`（${j[t.utility]}）`:``}async function u(e,t){s.value=``;let n=async()=>{let n=(await D(ce,{caseId:a.caseData.id})).case?.documents.find(t=>t.id===e.id),r=t===`pdf`?n?.pdf?.downloadUrl:n?.downloadUrl;if(!r)throw Error(`该文书暂不能下载，请稍后再试`);return r};try{await H(n,t===`pdf`?e.pdf.filename:e.filename)}catch(e){s.value=V(e)}}return(a,o)=>{let d=n(`el-alert`),m=n(`el-empty`),h=n(`el-table-column`),g=n(`el-button`),y=n(`el-table`);return t(),p(`section`,le,[o[2]||=_(`h2`,{id:`documents-title`,class:`section-title`},`文书`,-1),s.value?(t(),C(d,{key:0,title:s.value,type:`error`,"show-icon":``,closable:!1,role:`alert`},null,8,[`title`])):f(``,!0),i.caseData.documents.length?(t(),C(y,{key:2,data:i.caseData.documents,size:`small`,border:``,"aria-label":`文书`},{default:e(()=>[v(h,{label:`文书`,"min-width":`180`},{default:e(({row:e})=>[b(c(r(L)[e.kind]||e.kind)+c(l(e))+` `,1),e.version>1?(t(),p(`span`,ue,`（第 `+c(e.version)+` 版）`,1)):f(``,!0)]),_:1}),v(h,{label:`状态`,width:`100`},{default:e(({row:e})=>[v(J,{status:e.status,kind:`document`},null,8,[`status`])]),_:1}),v(h,{label:`生成时间`,width:`150`},{default:e(({row:e})=>[b(c(r(I)(e.readyAt)),1)]),_:1}),v(h,{label:`下载`,"min-width":`220`},{default:e(({row:n})=>[n.status===`READY`?(t(),p(S,{key:0},[v(g,{size:`small`,"aria-label":`下载 DOCX：${r(L)[n.kind]||n.kind}`,"data-document-kind":n.kind,"data-format":`docx`,onClick:e=>u(n,`docx`)},{default:e(()=>[...o[0]||=[b(` 下载 DOCX `,-1)]]),_:1},8,[`aria-label`,`data-document-kind`,`onClick`]),n.pdf?(t(),C(g,{key:0,size:`small`,"aria-label":`下载 PDF：${r(L)[n.kind]||n.kind}`,"data-document-kind":n.kind,"data-format":`pdf`,onClick:e=>u(n,`pdf`)},{default:e(()=>[...o[1]||=[b(` 下载 PDF `,-1)]]),_:1},8,[`aria-label`,`data-document-kind`,`onClick`])):(t(),p(`span`,de,c(n.error?`无 PDF：`+n.error:`无 PDF`),1))],64)):n.status===`FAILED`?(t(),p(`span`,fe,c(n.error),1)):(t(),p(`span`,pe,`生成后可下载`))]),_:1})]),_:1},8,[`data`])):(t(),C(m,{key:1,description:`暂无文书`,"image-size":60}))])}}},[[`__scopeId`,`data-v-f33827fa`]]),he=`mutation RecordPaperHandover($caseId: ID!, $utility: Utility!, $items: [String!]!, $receivedBy: String!) {
  recordPaperHandover(caseId: $caseId, utility: $utility, items: $items, receivedBy: $receivedBy) {
    id
    status
  }
}
`,ge={__name:`HandoverDialog`,props:{modelValue:{type:Boolean,default:!1},caseData:{type:Object,required:!0}},emits:[`update:modelValue`,`done`],setup(i,{emit:s}){let c=i,u=s,d=a({utility:``,items:``,receivedBy:``}),m=o({}),h=o(``),_=o(!1);g(()=>c.modelValue,e=>{e&&(Object.assign(d,{utility:c.caseData.utilities[0],items:``,receivedBy:``}),m.value={},h.value=``)});async function x(){h.value=``;let e=d.items.split(`
`).map(e=>e.trim()).filter(Boolean);if(m.value={...e.length?{}:{items:`请至少填写一项纸质材料`},...d.receivedBy.trim()?{}:{receivedBy:`请填写接收人`}},!Object.keys(m.value).length){_.value=!0;try{await D(he,{caseId:c.caseData.id,utility:d.utility,items:e,receivedBy:d.receivedBy.trim()}),u(`update:modelValue`,!1),u(`done`)}catch(e){m.value=Object.fromEntries(Object.entries(e.fields||{}).map(([e,t])=>[e.replace(/\[\d+\]$/,``),t])),h.value=V(e)}finally{_.value=!1}}}return(a,o)=>{let s=n(`el-option`),c=n(`el-select`),g=n(`el-form-item`),w=n(`el-input`),T=n(`el-form`),E=n(`el-alert`),D=n(`el-button`),O=n(`el-dialog`);return t(),C(O,{"model-value":i.modelValue,title:`登记纸质材料交接`,width:`560px`,"onUpdate:modelValue":o[4]||=e=>u(`update:modelValue`,e)},{footer:e(()=>[v(D,{onClick:o[3]||=e=>u(`update:modelValue`,!1)},{default:e(()=>[...o[5]||=[b(`取消`,-1)]]),_:1}),v(D,{type:`primary`,loading:_.value,onClick:x},{default:e(()=>[...o[6]||=[b(`登记交接`,-1)]]),_:1},8,[`loading`])]),default:e(()=>[v(T,{"label-width":`110px`,onSubmit:y(x,[`prevent`])},{default:e(()=>[v(g,{label:`接收单位`,for:`handover-utility`,error:m.value.utility},{default:e(()=>[v(c,{id:`handover-utility`,modelValue:d.utility,"onUpdate:modelValue":o[0]||=e=>d.utility=e},{default:e(()=>[(t(!0),p(S,null,l(i.caseData.utilities,e=>(t(),C(s,{key:e,label:r(j)[e],value:e},null,8,[`label`,`value`]))),128))]),_:1},8,[`modelValue`])]),_:1},8,[`error`]),v(g,{label:`纸质材料`,for:`handover-items`,error:m.value.items},{default:e(()=>[v(w,{id:`handover-items`,modelValue:d.items,"onUpdate:modelValue":o[1]||=e=>d.items=e,type:`textarea`,rows:4,placeholder:`每行一项`},null,8,[`modelValue`])]),_:1},8,[`error`]),v(g,{label:`接收人`,for:`handover-received-by`,error:m.value.receivedBy},{default:e(()=>[v(w,{id:`handover-received-by`,modelValue:d.receivedBy,"onUpdate:modelValue":o[2]||=e=>d.receivedBy=e,maxlength:`1000`},null,8,[`modelValue`])]),_:1},8,[`error`])]),_:1}),h.value?(t(),C(E,{key:0,title:h.value,type:`error`,"show-icon":``,closable:!1,role:`alert`},null,8,[`title`])):f(``,!0)]),_:1},8,[`model-value`])}}},_e=`mutation GrantLicenceConsent($caseId: ID!) {
  grantLicenceConsent(caseId: $caseId) {
    id
    licenceConsent
  }
}
`,ve=`mutation PullLicences($caseId: ID!, $kinds: [LicenceKind!]) {
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
`,ye=`query ServiceGuideRequirements($utilities: [Utility!]!) {
  serviceGuide(utilities: $utilities) {
    requirements {
      code
      title
      licenceKinds
      mandatory
    }
  }
}
`,be={key:0},xe={key:1},Se={__name:`LicencePullDialog`,props:{modelValue:{type:Boolean,default:!1},caseData:{type:Object,required:!0}},emits:[`update:modelValue`,`done`],setup(i,{emit:a}){let s=i,l=a,u=o([]),m=o(!1),h=o(!1),y=o(``),x=o(null),w=new Set([`ID_CARD`,`BUSINESS_LICENCE`,`PROPERTY_TITLE`]),T=d(()=>u.value.filter(e=>w.has(e))),E=d(()=>u.value.filter(e=>!w.has(e)));g(()=>s.modelValue,async e=>{if(e){m.value=s.caseData.licenceConsent,y.value=``,x.value=null;try{let e=await D(ye,{utilities:s.caseData.utilities}),t=new Set(s.caseData.checklist.map(e=>e.requirementCode));u.value=[...new Set(e.serviceGuide.requirements.filter(e=>t.has(e.code)).flatMap(e=>e.licenceKinds))]}catch(e){y.value=V(e)}}});async function O(){if(y.value=``,!m.value)y.value=`须先确认申请人已授权调取其电子证照`;else{h.value=!0;try{s.caseData.licenceConsent||await D(_e,{caseId:s.caseData.id});let e=await D(ve,{caseId:s.caseData.id,kinds:null});x.value=e.pullLicences,l(`done`)}catch(e){y.value=V(e)}finally{h.value=!1}}}return(a,o)=>{let s=n(`el-checkbox`),u=n(`el-table-column`),d=n(`el-table`),g=n(`el-alert`),w=n(`el-button`),D=n(`el-dialog`);return t(),C(D,{"model-value":i.modelValue,title:`调取电子证照`,width:`640px`,"onUpdate:modelValue":o[3]||=e=>l(`update:modelValue`,e)},{footer:e(()=>[x.value?(t(),C(w,{key:1,type:`primary`,onClick:o[2]||=e=>l(`update:modelValue`,!1)},{default:e(()=>[...o[8]||=[b(`关闭`,-1)]]),_:1})):(t(),p(S,{key:0},[v(w,{onClick:o[1]||=e=>l(`update:modelValue`,!1)},{default:e(()=>[...o[6]||=[b(`取消`,-1)]]),_:1}),v(w,{type:`primary`,loading:h.value,onClick:O},{default:e(()=>[...o[7]||=[b(`授权并调取`,-1)]]),_:1},8,[`loading`])],64))]),default:e(()=>[x.value?(t(),p(S,{key:1},[_(`p`,null,`已调取 `+c(x.value.materials.length)+` 项证照。`,1),x.value.failures.length?(t(),C(d,{key:0,data:x.value.failures,size:`small`,border:``,"aria-label":`未能调取的证照`},{default:e(()=>[v(u,{label:`证照`,width:`180`},{default:e(({row:e})=>[b(c(r(F)[e.kind]),1)]),_:1}),v(u,{label:`原因（可改为上传）`},{default:e(({row:e})=>[b(c(r(V)(e)),1)]),_:1})]),_:1},8,[`data`])):f(``,!0)],64)):(t(),p(S,{key:0},[o[4]||=_(`p`,null,`将为本案调取以下证照，作为申请材料，无需申请人再提交纸质或扫描件：`,-1),_(`ul`,null,[T.value.length?(t(),p(`li`,be,` 从电子证照库按号码调取：`+c(T.value.map(e=>r(F)[e]).join(`、`))+`（核对经办人姓名与企业信息） `,1)):f(``,!0),E.value.length?(t(),p(`li`,xe,` 从工程建设项目审批系统（工建系统）按项目代码调取：`+c(E.value.map(e=>r(F)[e]).join(`、`)),1)):f(``,!0)]),o[5]||=_(`p`,null,`每次调取均记入审计。调取前须取得申请人的授权。`,-1),v(s,{modelValue:m.value,"onUpdate:modelValue":o[0]||=e=>m.value=e,disabled:i.caseData.licenceConsent,label:`申请人已同意授权调取其电子证照（已当面或书面确认）`},null,8,[`modelValue`,`disabled`])],64)),y.value?(t(),C(g,{key:2,title:y.value,type:`error`,"show-icon":``,closable:!1,role:`alert`},null,8,[`title`])):f(``,!0)]),_:1},8,[`model-value`])}}},$={pdf:`application/pdf`,ofd:`application/ofd`,jpg:`image/jpeg`,jpeg:`image/jpeg`,png:`image/png`,docx:`application/vnd.openxmlformats-officedocument.wordprocessingml.document`,xlsx:`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`},Ce=Object.keys($).map(e=>`.${e}`).join(`,`);function we(e){return $[e.name.split(`.`).pop().toLowerCase()]||e.type||`application/octet-stream`}async function Te({caseId:e,requirementCode:t,file:n}){let r=await n.arrayBuffer(),i={caseId:e,requirementCode:t,filename:n.name,contentType:we(n),size:r.byteLength,sha256:await q(r)},{requestMaterialUpload:a}=await D(G,{input:i}),o=await fetch(a.url,{method:a.method,headers:a.headers,body:r});if(!o.ok)throw Error(`上传失败（${o.status}），请重试`);let{completeMaterialUpload:s}=await D(W,{uploadId:a.uploadId});return s}var Ee={"aria-labelledby":`materials-title`},De=[`accept`],Oe={key:0,class:`mandatory`},ke={class:`other-materials`},Ae=E({__name:`MaterialList`,props:{caseData:{type:Object,required:!0},canUpload:{type:Boolean,default:!1}},emits:[`changed`],setup(i,{emit:a}){let s=i,u=a,m=o(``),h=o(``),g=o(null),y=null,x=d(()=>Object.fromEntries(s.caseData.materials.map(e=>[e.id,e]))),w=d(()=>{let e=new Set(s.caseData.checklist.flatMap(e=>e.materialIds));return s.caseData.materials.filter(t=>!e.has(t.id))});function T(e){return async()=>(await D(K,{materialId:e.id})).materialDownloadUrl}async function E(e){m.value=``;try{await U(T(e))}catch(e){m.value=V(e)}}async function O(e){m.value=``;try{await H(T(e),e.filename)}catch(e){m.value=V(e)}}function k(e){y=e,g.value.value=``,g.value.click()}async function A(e){let t=e.target.files[0];if(t&&y){m.value=``,h.value=y.requirementCode;try{await Te({caseId:s.caseData.id,requirementCode:y.requirementCode,file:t}),u(`changed`)}catch(e){m.value=`${y.title}：${V(e)}`}finally{h.value=``}}}function j(e){let t=R[e.source]||e.source;return e.licence?`${t}：${F[e.licence.kind]} ${e.licence.number}`:`${t}：${e.filename}`}return(a,o)=>{let s=n(`el-alert`),u=n(`el-table-column`),d=n(`el-tag`),y=n(`el-button`),T=n(`el-table`);return t(),p(`section`,Ee,[o[6]||=_(`h2`,{id:`materials-title`,class:`section-title`},`材料清单`,-1),m.value?(t(),C(s,{key:0,title:m.value,type:`error`,"show-icon":``,closable:!1,role:`alert`},null,8,[`title`])):f(``,!0),_(`input`,{ref_key:`fileInput`,ref:g,type:`file`,class:`visually-hidden`,accept:r(Ce),"aria-label":`选择要上传的材料文件`,tabindex:`-1`,onChange:A},null,40,De),v(T,{data:i.caseData.checklist,size:`small`,border:``,"aria-label":`材料清单`,"row-key":`requirementCode`},{default:e(()=>[v(u,{label:`材料`,"min-width":`200`},{default:e(({row:e})=>[b(c(e.title),1),e.mandatory?(t(),p(`span`,Oe,`（必需）`)):f(``,!0)]),_:1}),v(u,{label:`状态`,width:`90`},{default:e(({row:t})=>[v(d,{type:t.satisfied?`success`:t.mandatory?`danger`:`info`,"disable-transitions":``},{default:e(()=>[b(c(t.satisfied?`已备齐`:`缺少`),1)]),_:2},1032,[`type`])]),_:1}),v(u,{label:`已有材料`,"min-width":`300`},{default:e(({row:n})=>[(t(!0),p(S,null,l(n.materialIds,n=>(t(),p(`div`,{key:n,class:`material`},[x.value[n]?(t(),p(S,{key:0},[_(`span`,null,c(j(x.value[n])),1),v(y,{link:``,type:`primary`,"aria-label":`打开 ${x.value[n].filename}`,onClick:e=>E(x.value[n])},{default:e(()=>[...o[0]||=[b(`打开`,-1)]]),_:1},8,[`aria-label`,`onClick`]),v(y,{link:``,type:`primary`,"aria-label":`下载 ${x.value[n].filename}`,onClick:e=>O(x.value[n])},{default:e(()=>[...o[1]||=[b(`下载`,-1)]]),_:1},8,[`aria-label`,`onClick`])],64)):f(``,!0)]))),128))]),_:1}),i.canUpload?(t(),C(u,{key:0,label:`上传`,width:`110`},{default:e(({row:t})=>[v(y,{size:`small`,loading:h.value===t.requirementCode,"aria-label":`上传 ${t.title}`,onClick:e=>k(t)},{default:e(()=>[...o[2]||=[b(` 上传 `,-1)]]),_:1},8,[`loading`,`aria-label`,`onClick`])]),_:1})):f(``,!0)]),_:1},8,[`data`]),w.value.length?(t(),p(S,{key:1},[o[5]||=_(`h3`,{class:`section-subtitle`},`其他材料（审批结果等）`,-1),_(`ul`,ke,[(t(!0),p(S,null,l(w.value,n=>(t(),p(`li`,{key:n.id},[b(c(j(n))+` `,1),v(y,{link:``,type:`primary`,"aria-label":`打开 ${n.filename}`,onClick:e=>E(n)},{default:e(()=>[...o[3]||=[b(`打开`,-1)]]),_:1},8,[`aria-label`,`onClick`]),v(y,{link:``,type:`primary`,"aria-label":`下载 ${n.filename}`,onClick:e=>O(n)},{default:e(()=>[...o[4]||=[b(`下载`,-1)]]),_:1},8,[`aria-label`,`onClick`])]))),128))])],64)):f(``,!0)])}}},[[`__scopeId`,`data-v-2eef3da6`]]),je={"aria-labelledby":`timeline-title`},Me={key:0},Ne={key:1},Pe={class:`actor`},Fe={key:2,class:`detail`},Ie=E({__name:`Timeline`,props:{events:{type:Array,required:!0},titles:{type:Object,default:()=>({})}},setup(i){let a=i,o=new Set([`MATERIAL_ADDED`,`MATERIAL_REMOVED`,`LICENCE_PULLED`,`LICENCE_PULL_FAILED`]),s=d(()=>{let e=[];for(let t of[...a.events].reverse()){let n=e.at(-1);n&&o.has(t.type)&&n.type===t.type&&n.actor===t.actor&&n.onBehalf===t.onBehalf?n.runs.push(t):e.push({...t,runs:[t]})}return e});function u(e){return e.runs.map(e=>{let{requirementCode:t,kind:n}=e.data||{};return a.titles[t]||F[n]||t||n}).filter(Boolean).reverse().join(`、`)}function m(e){let t=e.data||{};return o.has(e.type)?u(e):e.type===`CORRECTION_REQUESTED`||e.type===`CORRECTIONS_GATHERED`?(t.items||[]).map(e=>e.note).join(`；`):e.type===`PAPER_HANDOVER`?`${(t.items||[]).join(`、`)}，接收人 ${t.receivedBy||``}`:e.type===`DOCUMENT_READY`||e.type===`DOCUMENT_FAILED`?`${L[t.kind]||t.kind||``} 第 ${t.version||1} 版`:e.type===`CASE_WITHDRAWN`?t.reason||``:e.type===`TICKET_REVIEWED`&&t.reasons||``}return(a,o)=>{let u=n(`el-empty`),d=n(`el-timeline-item`),h=n(`el-timeline`);return t(),p(`section`,je,[o[0]||=_(`h2`,{id:`timeline-title`,class:`section-title`},`办理时间线`,-1),i.events.length?(t(),C(h,{key:1},{default:e(()=>[(t(!0),p(S,null,l(s.value,n=>(t(),C(d,{key:n.id,timestamp:r(I)(n.at),placement:`top`},{default:e(()=>[_(`strong`,null,c(r(O)[n.type]||n.type),1),n.runs.length>1?(t(),p(`span`,Me,`（`+c(n.runs.length)+` 项）`,1)):f(``,!0),n.utility?(t(),p(`span`,Ne,`（`+c(r(j)[n.utility])+`）`,1)):f(``,!0),_(`span`,Pe,[b(c(n.actor||r(N)[n.role]),1),n.onBehalf?(t(),p(S,{key:0},[b(`（帮办代办）`)],64)):f(``,!0)]),m(n)?(t(),p(`div`,Fe,c(m(n)),1)):f(``,!0)]),_:2},1032,[`timestamp`]))),128))]),_:1})):(t(),C(u,{key:0,description:`暂无记录`}))])}}},[[`__scopeId`,`data-v-fa0e6a54`]]),Le=`mutation AcceptCase($caseId: ID!) {
  acceptCase(caseId: $caseId) {
    id
    status
  }
}
`,Re=`query CasePage($id: ID!) {
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
      allowedActions
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
      pageInfo {
        hasNextPage
        endCursor
      }
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
`,ze=`mutation IssueConsolidatedReply($caseId: ID!) {
  issueConsolidatedReply(caseId: $caseId) {
    id
    status
  }
}
`,Be=`mutation ResubmitApplication($caseId: ID!) {
  resubmitApplication(caseId: $caseId) {
    id
    status
  }
}
`,Ve=`mutation SubmitApplication($caseId: ID!) {
  submitApplication(caseId: $caseId) {
    id
    status
  }
}
`,He=`query CaseTimelinePage($id: ID!, $after: String) {
  case(id: $id) {
    id
    events(first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
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
`,Ue={class:`case-page`},We={key:0,class:`loading`,"element-loading-text":`加载中`},Ge={class:`case-header`},Ke={class:`page-title`},qe={class:`case-times`},Je={class:`actions`,role:`toolbar`,"aria-label":`案件操作`},Ye={key:1,class:`joint-survey`},Xe=E({__name:`CasePage`,setup(i){let a=w(),y=o(null),E=o(!1),O=o(``),k=o(``),A=o({correction:!1,handover:!1,licences:!1}),M=d(()=>new Set(y.value?.allowedActions||[])),N=d(()=>y.value?.events.edges.map(e=>e.node)||[]),P=d(()=>Object.fromEntries((y.value?.checklist||[]).map(e=>[e.requirementCode,e.title]))),F=d(()=>(y.value?.corrections||[]).filter(e=>!e.resolved)),L=null,R=null;async function z(){let e=a.params.id;try{let t=await D(Re,{id:e});if(t.case&&await B(e,t.case.events),e!==a.params.id)return;y.value=t.case,O.value=``,U(e,t.case!==null)}catch(e){O.value=V(e)}finally{E.value=!0}}async function B(e,t){let n=t;for(;n.pageInfo.hasNextPage;){let r=await D(He,{id:e,after:n.pageInfo.endCursor});if(!r.case)return;n=r.case.events,t.edges.push(...n.edges)}}let H=null;function U(e,t){let n=t?`case:${e}`:`all`;H!==n&&(L?.(),H=n,L=T(t?{caseId:e}:{},t=>{t.caseId===e&&W()}))}function W(){clearTimeout(R),R=setTimeout(z,150)}g(()=>a.params.id,e=>{L?.(),L=null,H=null,y.value=null,E.value=!1,e&&z()},{immediate:!0}),u(()=>{L?.(),clearTimeout(R)});async function G(e,t,n){try{return await x.confirm(e,t,{confirmButtonText:n,cancelButtonText:`取消`,type:`warning`}),!0}catch{return!1}}async function K(e,t,{message:n,title:r,button:i,done:a}){if(await G(n,r,i)){k.value=e,O.value=``;try{await D(t,{caseId:y.value.id}),m.success(a),await z()}catch(e){O.value=V(e)}finally{k.value=``}}}function q(){return K(`accept`,Le,{message:`受理后将出具收件通知书，并向${y.value.utilities.map(e=>j[e]).join(`、`)}派发工单；受理不能撤销。`,title:`确认受理`,button:`受理`,done:`已受理，工单已派发`})}function Y(){return K(`reply`,ze,{message:`将汇总各单位结果，向申请人出具统一答复书；出具后案件办结，不能更改。`,title:`确认出具联合答复`,button:`出具答复`,done:`已出具联合答复`})}function X(){return K(`submit`,Ve,{message:`提交后申请进入窗口形式审查，申请表将生成。`,title:`确认提交申请`,button:`提交`,done:`已提交`})}function Z(){return K(`resubmit`,Be,{message:`代申请人提交补正后的申请：未受理的回到窗口形式审查，已受理的回到要求补正的单位重新审核。`,title:`确认补正后重新提交`,button:`重新提交`,done:`已重新提交`})}function Q(e){e&&m.success(e),z()}return(i,a)=>{let o=n(`el-tag`),u=n(`el-button`),d=n(`el-alert`),m=n(`el-result`),g=s(`loading`);return t(),p(`section`,Ue,[E.value?y.value?(t(),p(S,{key:1},[_(`header`,Ge,[_(`h1`,Ke,[b(` 案件 `+c(y.value.caseNo)+` `,1),v(J,{status:y.value.status},null,8,[`status`]),y.value.isKeyProject?(t(),C(o,{key:0,type:`danger`,effect:`plain`},{default:e(()=>[...a[11]||=[b(`重点项目`,-1)]]),_:1})):f(``,!0),y.value.filedOnBehalf?(t(),C(o,{key:1,type:`info`,effect:`plain`},{default:e(()=>[...a[12]||=[b(`帮办代办`,-1)]]),_:1})):f(``,!0)]),_(`p`,qe,[b(` 创建 `+c(r(I)(y.value.createdAt))+` `,1),y.value.submittedAt?(t(),p(S,{key:0},[b(` · 提交 `+c(r(I)(y.value.submittedAt)),1)],64)):f(``,!0),y.value.acceptedAt?(t(),p(S,{key:1},[b(` · 受理 `+c(r(I)(y.value.acceptedAt)),1)],64)):f(``,!0),y.value.repliedAt?(t(),p(S,{key:2},[b(` · 答复 `+c(r(I)(y.value.repliedAt)),1)],64)):f(``,!0),y.value.withdrawnAt?(t(),p(S,{key:3},[b(` · 撤回 `+c(r(I)(y.value.withdrawnAt))+`（`+c(y.value.withdrawalReason)+`）`,1)],64)):f(``,!0)]),_(`div`,Je,[M.value.has(`ACCEPT`)?(t(),C(u,{key:0,type:`primary`,loading:k.value===`accept`,onClick:q},{default:e(()=>[...a[13]||=[b(`受理`,-1)]]),_:1},8,[`loading`])):f(``,!0),M.value.has(`REQUEST_CORRECTION`)?(t(),C(u,{key:1,type:`warning`,onClick:a[0]||=e=>A.value.correction=!0},{default:e(()=>[...a[14]||=[b(` 一次性告知补正 `,-1)]]),_:1})):f(``,!0),M.value.has(`RECORD_HANDOVER`)?(t(),C(u,{key:2,onClick:a[1]||=e=>A.value.handover=!0},{default:e(()=>[...a[15]||=[b(`登记纸质材料交接`,-1)]]),_:1})):f(``,!0),M.value.has(`ISSUE_REPLY`)?(t(),C(u,{key:3,type:`primary`,loading:k.value===`reply`,onClick:Y},{default:e(()=>[...a[16]||=[b(` 出具联合答复 `,-1)]]),_:1},8,[`loading`])):f(``,!0),M.value.has(`PULL_LICENCES`)||M.value.has(`GRANT_CONSENT`)?(t(),C(u,{key:4,onClick:a[2]||=e=>A.value.licences=!0},{default:e(()=>[...a[17]||=[b(` 调取电子证照 `,-1)]]),_:1})):f(``,!0),M.value.has(`SUBMIT`)?(t(),C(u,{key:5,type:`primary`,loading:k.value===`submit`,onClick:X},{default:e(()=>[...a[18]||=[b(` 提交申请 `,-1)]]),_:1},8,[`loading`])):f(``,!0),M.value.has(`RESUBMIT`)?(t(),C(u,{key:6,type:`primary`,loading:k.value===`resubmit`,onClick:Z},{default:e(()=>[...a[19]||=[b(` 补正后重新提交 `,-1)]]),_:1},8,[`loading`])):f(``,!0),[`WINDOW`,`UTILITY`].includes(r(ne).user?.role)?(t(),C(ee,{key:7,"case-id":y.value.id},null,8,[`case-id`])):f(``,!0)]),O.value?(t(),C(d,{key:0,title:O.value,type:`error`,"show-icon":``,closable:!1,role:`alert`},null,8,[`title`])):f(``,!0)]),F.value.length?(t(),C(d,{key:0,type:`warning`,closable:!1,title:`待申请人补正`,class:`notices`},{default:e(()=>[_(`ol`,null,[(t(!0),p(S,null,l(F.value.flatMap(e=>e.items),(e,n)=>(t(),p(`li`,{key:n},c(e.note),1))),128))])]),_:1})):f(``,!0),y.value.tickets.some(e=>e.allowedActions.includes(`RECORD_SURVEY`))?(t(),p(`div`,Ye,[v(te,{"case-data":y.value,onDone:a[3]||=e=>Q(`勘探已登记`)},null,8,[`case-data`])])):f(``,!0),v(re,{"case-data":y.value},null,8,[`case-data`]),v(Ae,{"case-data":y.value,"can-upload":M.value.has(`CHANGE_MATERIALS`),onChanged:a[4]||=e=>Q(`材料已上传`)},null,8,[`case-data`,`can-upload`]),v(me,{"case-data":y.value},null,8,[`case-data`]),v(Ie,{events:N.value,titles:P.value},null,8,[`events`,`titles`]),v(se,{modelValue:A.value.correction,"onUpdate:modelValue":a[5]||=e=>A.value.correction=e,"case-data":y.value,onDone:a[6]||=e=>Q(`补正告知已发出`)},null,8,[`modelValue`,`case-data`]),v(ge,{modelValue:A.value.handover,"onUpdate:modelValue":a[7]||=e=>A.value.handover=e,"case-data":y.value,onDone:a[8]||=e=>Q(`交接已登记`)},null,8,[`modelValue`,`case-data`]),v(Se,{modelValue:A.value.licences,"onUpdate:modelValue":a[9]||=e=>A.value.licences=e,"case-data":y.value,onDone:a[10]||=e=>Q()},null,8,[`modelValue`,`case-data`])],64)):(t(),C(m,{key:2,icon:`warning`,title:`找不到该案件`,"sub-title":O.value||`案件不存在，或您无权查看。`},{extra:e(()=>[v(u,{onClick:z},{default:e(()=>[...a[20]||=[b(`重新加载`,-1)]]),_:1})]),_:1},8,[`sub-title`])):h((t(),p(`div`,We,null,512)),[[g,!0]])])}}},[[`__scopeId`,`data-v-b642582a`]]);export{Xe as default};
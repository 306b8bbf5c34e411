import{r as e,s as t}from"./index-KbhLA3OG.js";import{A as n,C as r,D as i,I as a,M as o,N as s,R as c,T as l,d as u,f as d,m as f,o as p,p as m,s as h,u as g}from"./element-plus-CnnpmuMS.js";import{d as _,g as v,h as y,m as b}from"./vocabulary-B_CMWOkk.js";var x=`query MaterialDownloadUrl($materialId: ID!) {
  materialDownloadUrl(materialId: $materialId)
}
`,S=`mutation CompleteMaterialUpload($uploadId: ID!) {
  completeMaterialUpload(uploadId: $uploadId) {
    id
    requirementCode
    filename
  }
}
`,C=`mutation RequestMaterialUpload($input: UploadRequestInput!) {
  requestMaterialUpload(input: $input) {
    uploadId
    url
    method
    headers
  }
}
`,w=new Uint32Array([0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,961987163,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,310598401,607225278,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,0xe49b69c1,0xefbe4786,0xfc19dc6,604807628,770255983,0x4a7484aa,0x5cb0a9dc,0x76f988da,0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x6ca6351,338241895,666307205,773529912,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,275423344,430227734,506948616,659060556,883997877,958139571,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2]);function T(e){let t=new Uint32Array([0x6a09e667,0xbb67ae85,0x3c6ef372,0xa54ff53a,0x510e527f,0x9b05688c,528734635,0x5be0cd19]),n=e.length,r=new Uint8Array(Math.ceil((n+9)/64)*64);r.set(e),r[n]=128;let i=new DataView(r.buffer);i.setUint32(r.length-8,Math.floor(n/536870912)),i.setUint32(r.length-4,n*8>>>0);let a=new Uint32Array(64),o=(e,t)=>e>>>t|e<<32-t;for(let e=0;e<r.length;e+=64){for(let t=0;t<16;t++)a[t]=i.getUint32(e+t*4);for(let e=16;e<64;e++){let t=o(a[e-15],7)^o(a[e-15],18)^a[e-15]>>>3,n=o(a[e-2],17)^o(a[e-2],19)^a[e-2]>>>10;a[e]=a[e-16]+t+a[e-7]+n>>>0}let[n,r,s,c,l,u,d,f]=t;for(let e=0;e<64;e++){let t=f+(o(l,6)^o(l,11)^o(l,25))+(l&u^~l&d)+w[e]+a[e]>>>0,i=(o(n,2)^o(n,13)^o(n,22))+(n&r^n&s^r&s)>>>0;f=d,d=u,u=l,l=c+t>>>0,c=s,s=r,r=n,n=t+i>>>0}[n,r,s,c,l,u,d,f].forEach((e,n)=>{t[n]=t[n]+e>>>0})}return Array.from(t,e=>e.toString(16).padStart(8,`0`)).join(``)}async function E(e){let t=new Uint8Array(e);if(globalThis.crypto?.subtle){let e=new Uint8Array(await crypto.subtle.digest(`SHA-256`,t));return Array.from(e,e=>e.toString(16).padStart(2,`0`)).join(``)}return T(t)}var D=`mutation RaiseInquiry($input: InquiryInput!) {
  raiseInquiry(input: $input) {
    id
    dueAt
  }
}
`,O={class:`raise-inquiry`},k={key:0,role:`status`,class:`raised`},A=e({__name:`RaiseInquiry`,props:{caseId:{type:String,required:!0}},emits:[`raised`],setup(e,{emit:x}){let S=e,C=x,w=s(!1),T=s(!1),E=s(null),A=s(``),j=o({unit:``,question:``});function M(){j.unit=``,j.question=``,E.value=null,w.value=!0}async function N(){T.value=!0,E.value=null;try{if(!j.unit){E.value={message:`请选择协调单位`,fields:{"input.unit":`请选择协调单位`}};return}let e=await t(D,{input:{unit:j.unit,caseId:S.caseId,question:j.question}});A.value=`已发起协调，答复期限 ${b(e.raiseInquiry.dueAt)}`,w.value=!1,C(`raised`,e.raiseInquiry)}catch(e){E.value=e}finally{T.value=!1}}return(e,t)=>{let o=i(`el-button`),s=i(`el-option`),b=i(`el-select`),x=i(`el-form-item`),S=i(`el-input`),C=i(`el-alert`),D=i(`el-form`),P=i(`el-dialog`);return r(),d(`span`,O,[f(o,{onClick:M},{default:n(()=>[...t[4]||=[m(`发起协调`,-1)]]),_:1}),A.value?(r(),d(`span`,k,c(A.value),1)):u(``,!0),f(P,{modelValue:w.value,"onUpdate:modelValue":t[3]||=e=>w.value=e,title:`发起协调`,width:`520px`},{footer:n(()=>[f(o,{onClick:t[2]||=e=>w.value=!1},{default:n(()=>[...t[5]||=[m(`取消`,-1)]]),_:1}),f(o,{type:`primary`,loading:T.value,onClick:N},{default:n(()=>[...t[6]||=[m(`提交`,-1)]]),_:1},8,[`loading`])]),default:n(()=>[f(D,{"label-position":`top`,onSubmit:p(N,[`prevent`])},{default:n(()=>[f(x,{label:`协调单位`,for:`inquiry-unit`,error:a(y)(E.value,`input.unit`)},{default:n(()=>[f(b,{id:`inquiry-unit`,modelValue:j.unit,"onUpdate:modelValue":t[0]||=e=>j.unit=e,placeholder:`请选择`,style:{width:`100%`}},{default:n(()=>[(r(!0),d(h,null,l(a(_),(e,t)=>(r(),g(s,{key:t,value:t,label:e},null,8,[`value`,`label`]))),128))]),_:1},8,[`modelValue`])]),_:1},8,[`error`]),f(x,{label:`问题描述`,for:`inquiry-question`,error:a(y)(E.value,`input.question`)},{default:n(()=>[f(S,{id:`inquiry-question`,modelValue:j.question,"onUpdate:modelValue":t[1]||=e=>j.question=e,type:`textarea`,rows:4,maxlength:`2000`},null,8,[`modelValue`])]),_:1},8,[`error`]),E.value?(r(),g(C,{key:0,title:a(v)(E.value),type:`error`,closable:!1,role:`alert`},null,8,[`title`])):u(``,!0)]),_:1})]),_:1},8,[`modelValue`])])}}},[[`__scopeId`,`data-v-da16f844`]]);export{x as a,S as i,E as n,C as r,A as t};
import{a as e}from"./index-GhtDMuHv.js";var t=`mutation CompleteMaterialUpload($uploadId: ID!) {
  completeMaterialUpload(uploadId: $uploadId) {
    id
    filename
  }
}
`,n=`query MaterialDownloadUrl($materialId: ID!) {
  materialDownloadUrl(materialId: $materialId)
}
`,r=`mutation RequestMaterialUpload($input: UploadRequestInput!) {
  requestMaterialUpload(input: $input) {
    uploadId
    url
    method
    headers
  }
}
`,i=new Uint32Array([0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,961987163,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,310598401,607225278,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,0xe49b69c1,0xefbe4786,0xfc19dc6,604807628,770255983,0x4a7484aa,0x5cb0a9dc,0x76f988da,0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x6ca6351,338241895,666307205,773529912,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,275423344,430227734,506948616,659060556,883997877,958139571,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2]);function a(e){return Array.from(e,e=>e.toString(16).padStart(2,`0`)).join(``)}function o(e){let t=e.length,n=new Uint8Array(Math.ceil((t+9)/64)*64);n.set(e),n[t]=128;let r=new DataView(n.buffer);r.setUint32(n.length-8,Math.floor(t/536870912)),r.setUint32(n.length-4,t<<3>>>0);let o=new Uint32Array([0x6a09e667,0xbb67ae85,0x3c6ef372,0xa54ff53a,0x510e527f,0x9b05688c,528734635,0x5be0cd19]),s=new Uint32Array(64),c=(e,t)=>e>>>t|e<<32-t;for(let e=0;e<n.length;e+=64){for(let t=0;t<16;t++)s[t]=r.getUint32(e+t*4);for(let e=16;e<64;e++){let t=c(s[e-15],7)^c(s[e-15],18)^s[e-15]>>>3,n=c(s[e-2],17)^c(s[e-2],19)^s[e-2]>>>10;s[e]=s[e-16]+t+s[e-7]+n>>>0}let[t,n,a,l,u,d,f,p]=o;for(let e=0;e<64;e++){let r=p+(c(u,6)^c(u,11)^c(u,25))+(u&d^~u&f)+i[e]+s[e]>>>0,o=(c(t,2)^c(t,13)^c(t,22))+(t&n^t&a^n&a)>>>0;p=f,f=d,d=u,u=l+r>>>0,l=a,a=n,n=t,t=r+o>>>0}let m=[t,n,a,l,u,d,f,p];for(let e=0;e<8;e++)o[e]=o[e]+m[e]>>>0}let l=new Uint8Array(32),u=new DataView(l.buffer);for(let e=0;e<8;e++)u.setUint32(e*4,o[e]);return a(l)}async function s(e){return globalThis.crypto?.subtle?a(new Uint8Array(await crypto.subtle.digest(`SHA-256`,e))):o(e)}function c(e){let t=document.createElement(`a`);t.href=e,t.rel=`noopener`,t.download=``,document.body.appendChild(t),t.click(),t.remove()}async function l(t){c((await e(n,{materialId:t})).materialDownloadUrl)}async function u(n,i){let a=new Uint8Array(await n.arrayBuffer()),o={...i,filename:n.name,contentType:n.type||`application/octet-stream`,size:a.length,sha256:await s(a)},c=(await e(r,{input:o})).requestMaterialUpload,l=await fetch(c.url,{method:c.method,headers:c.headers,body:a});if(!l.ok)throw Error(`上传失败（${l.status}），请重试`);return(await e(t,{uploadId:c.uploadId})).completeMaterialUpload}export{c as n,u as r,l as t};
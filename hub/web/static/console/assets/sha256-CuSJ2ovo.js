var e=`query MaterialDownloadUrl($materialId: ID!) {
  materialDownloadUrl(materialId: $materialId)
}
`,t=`mutation CompleteMaterialUpload($uploadId: ID!) {
  completeMaterialUpload(uploadId: $uploadId) {
    id
    requirementCode
    filename
  }
}
`,n=`mutation RequestMaterialUpload($input: UploadRequestInput!) {
  requestMaterialUpload(input: $input) {
    uploadId
    url
    method
    headers
  }
}
`,r=new Uint32Array([0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,961987163,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,310598401,607225278,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,0xe49b69c1,0xefbe4786,0xfc19dc6,604807628,770255983,0x4a7484aa,0x5cb0a9dc,0x76f988da,0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x6ca6351,338241895,666307205,773529912,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,275423344,430227734,506948616,659060556,883997877,958139571,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2]);function i(e){let t=new Uint32Array([0x6a09e667,0xbb67ae85,0x3c6ef372,0xa54ff53a,0x510e527f,0x9b05688c,528734635,0x5be0cd19]),n=e.length,i=new Uint8Array(Math.ceil((n+9)/64)*64);i.set(e),i[n]=128;let a=new DataView(i.buffer);a.setUint32(i.length-8,Math.floor(n/536870912)),a.setUint32(i.length-4,n*8>>>0);let o=new Uint32Array(64),s=(e,t)=>e>>>t|e<<32-t;for(let e=0;e<i.length;e+=64){for(let t=0;t<16;t++)o[t]=a.getUint32(e+t*4);for(let e=16;e<64;e++){let t=s(o[e-15],7)^s(o[e-15],18)^o[e-15]>>>3,n=s(o[e-2],17)^s(o[e-2],19)^o[e-2]>>>10;o[e]=o[e-16]+t+o[e-7]+n>>>0}let[n,i,c,l,u,d,f,p]=t;for(let e=0;e<64;e++){let t=p+(s(u,6)^s(u,11)^s(u,25))+(u&d^~u&f)+r[e]+o[e]>>>0,a=(s(n,2)^s(n,13)^s(n,22))+(n&i^n&c^i&c)>>>0;p=f,f=d,d=u,u=l+t>>>0,l=c,c=i,i=n,n=t+a>>>0}[n,i,c,l,u,d,f,p].forEach((e,n)=>{t[n]=t[n]+e>>>0})}return Array.from(t,e=>e.toString(16).padStart(8,`0`)).join(``)}async function a(e){let t=new Uint8Array(e);if(globalThis.crypto?.subtle){let e=new Uint8Array(await crypto.subtle.digest(`SHA-256`,t));return Array.from(e,e=>e.toString(16).padStart(2,`0`)).join(``)}return i(t)}export{e as i,n,t as r,a as t};
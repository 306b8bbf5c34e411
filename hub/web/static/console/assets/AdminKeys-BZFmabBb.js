import{E as e,F as t,L as n,M as r,S as i,b as a,d as o,f as s,i as c,j as l,k as u,l as d,m as f,o as p,p as m,r as h,s as g,u as _,w as v}from"./element-plus-0B_ePywo.js";import{a as y,n as b}from"./index-GhtDMuHv.js";import{t as x}from"./FlagTag-oc3DA9JU.js";import{f as S,g as C,h as w,m as T}from"./vocabulary-0WDTHO7P.js";var E=`query ApiKeys {
  apiKeys {
    id
    name
    utility
    prefix
    createdAt
    lastUsedAt
    revokedAt
  }
}
`,D=`mutation CreateApiKey($utility: Utility!, $name: String!) {
  createApiKey(utility: $utility, name: $name) {
    secret
    key {
      id
      name
      prefix
    }
  }
}
`,O=`mutation RevokeApiKey($keyId: ID!) {
  revokeApiKey(keyId: $keyId) {
    id
    revokedAt
  }
}
`,k=b({__name:`AdminKeys`,setup(b){let k=r([]),A=r(``),j=l({open:!1,busy:!1,error:null,utility:`POWER`,name:``}),M=r(null);async function N(){try{k.value=(await y(E)).apiKeys,A.value=``}catch(e){A.value=C(e)}}function P(){Object.assign(j,{open:!0,error:null,utility:`POWER`,name:``})}async function F(){j.busy=!0,j.error=null;try{M.value=(await y(D,{utility:j.utility,name:j.name})).createApiKey,j.open=!1,N()}catch(e){j.error=e}finally{j.busy=!1}}async function I(){try{await navigator.clipboard.writeText(M.value.secret),c.success(`已复制`)}catch{c.warning(`无法自动复制，请手动选中复制`)}}async function L(e){try{await h.confirm(`撤销后使用“${e.name}”的平台立即无法访问。确定撤销？`,`撤销 API 密钥`,{confirmButtonText:`撤销`,cancelButtonText:`取消`,type:`warning`})}catch{return}try{await y(O,{keyId:e.id}),c.success(`已撤销`),N()}catch(e){A.value=C(e)}}return a(N),(r,a)=>{let c=e(`el-alert`),l=e(`el-button`),h=e(`el-table-column`),y=e(`el-table`),b=e(`el-option`),E=e(`el-select`),D=e(`el-form-item`),O=e(`el-input`),N=e(`el-form`),R=e(`el-dialog`);return i(),s(`section`,null,[a[14]||=d(`h1`,{class:`page-title`},`API 密钥`,-1),A.value?(i(),_(c,{key:0,title:A.value,type:`error`,closable:!1,role:`alert`},null,8,[`title`])):o(``,!0),d(`p`,null,[f(l,{type:`primary`,onClick:P},{default:u(()=>[...a[6]||=[m(`新建密钥`,-1)]]),_:1})]),f(y,{data:k.value,"row-key":`id`,"empty-text":`暂无 API 密钥`},{default:u(()=>[f(h,{label:`名称`,prop:`name`,"min-width":`160`}),f(h,{label:`公用企业`,width:`100`},{default:u(({row:e})=>[m(n(t(S)[e.utility]),1)]),_:1}),f(h,{label:`密钥前缀`,prop:`prefix`,width:`140`}),f(h,{label:`创建时间`,width:`150`},{default:u(({row:e})=>[m(n(t(T)(e.createdAt)),1)]),_:1}),f(h,{label:`最近使用`,width:`150`},{default:u(({row:e})=>[m(n(t(T)(e.lastUsedAt)),1)]),_:1}),f(h,{label:`状态`,width:`150`},{default:u(({row:e})=>[e.revokedAt?(i(),_(x,{key:0,kind:`info`},{default:u(()=>[m(`已撤销 `+n(t(T)(e.revokedAt)),1)]),_:2},1024)):(i(),_(x,{key:1,kind:`success`},{default:u(()=>[...a[7]||=[m(`有效`,-1)]]),_:1}))]),_:1}),f(h,{label:`操作`,width:`90`},{default:u(({row:e})=>[e.revokedAt?o(``,!0):(i(),_(l,{key:0,link:``,type:`danger`,"aria-label":`撤销 ${e.name}`,onClick:t=>L(e)},{default:u(()=>[...a[8]||=[m(`撤销`,-1)]]),_:1},8,[`aria-label`,`onClick`]))]),_:1})]),_:1},8,[`data`]),f(R,{modelValue:j.open,"onUpdate:modelValue":a[3]||=e=>j.open=e,title:`新建 API 密钥`,width:`480px`},{footer:u(()=>[f(l,{onClick:a[2]||=e=>j.open=!1},{default:u(()=>[...a[9]||=[m(`取消`,-1)]]),_:1}),f(l,{type:`primary`,loading:j.busy,onClick:F},{default:u(()=>[...a[10]||=[m(`创建`,-1)]]),_:1},8,[`loading`])]),default:u(()=>[f(N,{"label-position":`top`,onSubmit:p(F,[`prevent`])},{default:u(()=>[f(D,{label:`公用企业`,for:`key-utility`},{default:u(()=>[f(E,{id:`key-utility`,modelValue:j.utility,"onUpdate:modelValue":a[0]||=e=>j.utility=e,style:{width:`100%`}},{default:u(()=>[(i(!0),s(g,null,v(t(S),(e,t)=>(i(),_(b,{key:t,value:t,label:e},null,8,[`value`,`label`]))),128))]),_:1},8,[`modelValue`])]),_:1}),f(D,{label:`密钥名称`,for:`key-name`,error:t(w)(j.error,`name`)},{default:u(()=>[f(O,{id:`key-name`,modelValue:j.name,"onUpdate:modelValue":a[1]||=e=>j.name=e,placeholder:`如：供电营销系统`},null,8,[`modelValue`])]),_:1},8,[`error`]),j.error?(i(),_(c,{key:0,title:t(C)(j.error),type:`error`,closable:!1,role:`alert`},null,8,[`title`])):o(``,!0)]),_:1})]),_:1},8,[`modelValue`]),f(R,{"model-value":!!M.value,title:`密钥已创建`,width:`560px`,onClose:a[5]||=e=>M.value=null},{footer:u(()=>[f(l,{onClick:I},{default:u(()=>[...a[12]||=[m(`复制密钥`,-1)]]),_:1}),f(l,{type:`primary`,onClick:a[4]||=e=>M.value=null},{default:u(()=>[...a[13]||=[m(`我已保存，关闭`,-1)]]),_:1})]),default:u(()=>[M.value?(i(),s(g,{key:0},[f(c,{type:`warning`,closable:!1,title:`密钥只显示这一次，关闭后无法再查看，请立即复制并妥善保存。`}),d(`p`,null,`名称：`+n(M.value.key.name),1),a[11]||=d(`label`,{for:`key-secret`,class:`secret-label`},`密钥`,-1),f(O,{id:`key-secret`,"model-value":M.value.secret,readonly:``,class:`secret`},null,8,[`model-value`])],64)):o(``,!0)]),_:1},8,[`model-value`])])}}},[[`__scopeId`,`data-v-af13fd95`]]);export{k as default};
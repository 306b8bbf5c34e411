import{A as e,C as t,D as n,I as r,M as i,N as a,R as o,T as s,d as c,f as l,i as u,l as d,m as f,o as p,p as m,r as h,s as g,u as _,x as v}from"./element-plus-CnnpmuMS.js";import{r as y,s as b}from"./index-D87b0cee.js";import{t as x}from"./FlagTag-Cg1YoPSp.js";import{f as S,g as C,h as w,m as T}from"./vocabulary-kHZl0qWD.js";var E=`query ApiKeys {
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
`,k=y({__name:`AdminKeys`,setup(y){let k=a([]),A=a(``),j=i({open:!1,busy:!1,error:null,utility:`POWER`,name:``}),M=a(null);async function N(){try{k.value=(await b(E)).apiKeys,A.value=``}catch(e){A.value=C(e)}}function P(){Object.assign(j,{open:!0,error:null,utility:`POWER`,name:``})}async function F(){j.busy=!0,j.error=null;try{M.value=(await b(D,{utility:j.utility,name:j.name})).createApiKey,j.open=!1,N()}catch(e){j.error=e}finally{j.busy=!1}}async function I(){try{await navigator.clipboard.writeText(M.value.secret),u.success(`已复制`)}catch{u.warning(`无法自动复制，请手动选中复制`)}}async function L(e){try{await h.confirm(`撤销后使用“${e.name}”的平台立即无法访问。确定撤销？`,`撤销 API 密钥`,{confirmButtonText:`撤销`,cancelButtonText:`取消`,type:`warning`})}catch{return}try{await b(O,{keyId:e.id}),u.success(`已撤销`),N()}catch(e){A.value=C(e)}}return v(N),(i,a)=>{let u=n(`el-alert`),h=n(`el-button`),v=n(`el-table-column`),y=n(`el-table`),b=n(`el-option`),E=n(`el-select`),D=n(`el-form-item`),O=n(`el-input`),N=n(`el-form`),R=n(`el-dialog`);return t(),l(`section`,null,[a[14]||=d(`h1`,{class:`page-title`},`API 密钥`,-1),A.value?(t(),_(u,{key:0,title:A.value,type:`error`,closable:!1,role:`alert`},null,8,[`title`])):c(``,!0),d(`p`,null,[f(h,{type:`primary`,onClick:P},{default:e(()=>[...a[6]||=[m(`新建密钥`,-1)]]),_:1})]),f(y,{data:k.value,"row-key":`id`,"empty-text":`暂无 API 密钥`},{default:e(()=>[f(v,{label:`名称`,prop:`name`,"min-width":`160`}),f(v,{label:`公用企业`,width:`100`},{default:e(({row:e})=>[m(o(r(S)[e.utility]),1)]),_:1}),f(v,{label:`密钥前缀`,prop:`prefix`,width:`140`}),f(v,{label:`创建时间`,width:`150`},{default:e(({row:e})=>[m(o(r(T)(e.createdAt)),1)]),_:1}),f(v,{label:`最近使用`,width:`150`},{default:e(({row:e})=>[m(o(r(T)(e.lastUsedAt)),1)]),_:1}),f(v,{label:`状态`,width:`150`},{default:e(({row:n})=>[n.revokedAt?(t(),_(x,{key:0,kind:`info`},{default:e(()=>[m(`已撤销 `+o(r(T)(n.revokedAt)),1)]),_:2},1024)):(t(),_(x,{key:1,kind:`success`},{default:e(()=>[...a[7]||=[m(`有效`,-1)]]),_:1}))]),_:1}),f(v,{label:`操作`,width:`90`},{default:e(({row:n})=>[n.revokedAt?c(``,!0):(t(),_(h,{key:0,link:``,type:`danger`,"aria-label":`撤销 ${n.name}`,onClick:e=>L(n)},{default:e(()=>[...a[8]||=[m(`撤销`,-1)]]),_:1},8,[`aria-label`,`onClick`]))]),_:1})]),_:1},8,[`data`]),f(R,{modelValue:j.open,"onUpdate:modelValue":a[3]||=e=>j.open=e,title:`新建 API 密钥`,width:`480px`},{footer:e(()=>[f(h,{onClick:a[2]||=e=>j.open=!1},{default:e(()=>[...a[9]||=[m(`取消`,-1)]]),_:1}),f(h,{type:`primary`,loading:j.busy,onClick:F},{default:e(()=>[...a[10]||=[m(`创建`,-1)]]),_:1},8,[`loading`])]),default:e(()=>[f(N,{"label-position":`top`,onSubmit:p(F,[`prevent`])},{default:e(()=>[f(D,{label:`公用企业`,for:`key-utility`},{default:e(()=>[f(E,{id:`key-utility`,modelValue:j.utility,"onUpdate:modelValue":a[0]||=e=>j.utility=e,style:{width:`100%`}},{default:e(()=>[(t(!0),l(g,null,s(r(S),(e,n)=>(t(),_(b,{key:n,value:n,label:e},null,8,[`value`,`label`]))),128))]),_:1},8,[`modelValue`])]),_:1}),f(D,{label:`密钥名称`,for:`key-name`,error:r(w)(j.error,`name`)},{default:e(()=>[f(O,{id:`key-name`,modelValue:j.name,"onUpdate:modelValue":a[1]||=e=>j.name=e,placeholder:`如：供电营销系统`},null,8,[`modelValue`])]),_:1},8,[`error`]),j.error?(t(),_(u,{key:0,title:r(C)(j.error),type:`error`,closable:!1,role:`alert`},null,8,[`title`])):c(``,!0)]),_:1})]),_:1},8,[`modelValue`]),f(R,{"model-value":!!M.value,title:`密钥已创建`,width:`560px`,onClose:a[5]||=e=>M.value=null},{footer:e(()=>[f(h,{onClick:I},{default:e(()=>[...a[12]||=[m(`复制密钥`,-1)]]),_:1}),f(h,{type:`primary`,onClick:a[4]||=e=>M.value=null},{default:e(()=>[...a[13]||=[m(`我已保存，关闭`,-1)]]),_:1})]),default:e(()=>[M.value?(t(),l(g,{key:0},[f(u,{type:`warning`,closable:!1,title:`密钥只显示这一次，关闭后无法再查看，请立即复制并妥善保存。`}),d(`p`,null,`名称：`+o(M.value.key.name),1),a[11]||=d(`label`,{for:`key-secret`,class:`secret-label`},`密钥`,-1),f(O,{id:`key-secret`,"model-value":M.value.secret,readonly:``,class:`secret`},null,8,[`model-value`])],64)):c(``,!0)]),_:1},8,[`model-value`])])}}},[[`__scopeId`,`data-v-af13fd95`]]);export{k as default};
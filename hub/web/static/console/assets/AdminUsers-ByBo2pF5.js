import{A as e,C as t,D as n,I as r,M as i,N as a,R as o,T as s,d as c,f as l,i as u,l as d,m as f,o as p,p as m,r as h,s as g,u as _,x as v}from"./element-plus-CnnpmuMS.js";import{s as y}from"./index-D87b0cee.js";import{t as b}from"./FlagTag-Cg1YoPSp.js";import{d as x,f as S,g as C,h as w,m as T,o as E}from"./vocabulary-kHZl0qWD.js";var D=`mutation CreateUser($input: UserInput!) {
  createUser(input: $input) {
    id
    username
  }
}
`,O=`mutation DisableUser($userId: ID!) {
  disableUser(userId: $userId) {
    id
    disabled
  }
}
`,k=`mutation ResetUserPassword($userId: ID!, $newPassword: String!) {
  resetUserPassword(userId: $userId, newPassword: $newPassword) {
    id
  }
}
`,A=`query Users($first: Int, $after: String) {
  users(first: $first, after: $after) {
    totalCount
    edges {
      node {
        id
        username
        displayName
        role
        utility
        unit
        uscc
        disabled
        lastSignInAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`,j={key:0},M={__name:`AdminUsers`,setup(M){let N=a([]),P=a(``),F=i({open:!1,busy:!1,error:null,form:{}}),I=i({open:!1,busy:!1,error:null,user:null,password:``});async function L(){try{let e=[],t=null;for(;;){let n=(await y(A,{first:100,after:t})).users;if(e.push(...n.edges.map(e=>e.node)),!n.pageInfo.hasNextPage)break;t=n.pageInfo.endCursor}N.value=e,P.value=``}catch(e){P.value=C(e)}}function R(){F.form={username:``,displayName:``,role:`WINDOW`,utility:null,unit:null,uscc:``,password:``},F.error=null,F.open=!0}async function z(){F.busy=!0,F.error=null;let e=F.form;try{await y(D,{input:{username:e.username,displayName:e.displayName,role:e.role,password:e.password,utility:e.role===`UTILITY`?e.utility:null,unit:e.role===`LIAISON`?e.unit:null,uscc:e.role===`APPLICANT`?e.uscc:null}}),F.open=!1,u.success(`已创建用户 ${e.username}`),L()}catch(e){F.error=e}finally{F.busy=!1}}async function B(e){try{await h.confirm(`停用后 ${e.displayName} 不能再登录，其会话立即结束。确定停用？`,`停用用户`,{confirmButtonText:`停用`,cancelButtonText:`取消`,type:`warning`})}catch{return}try{await y(O,{userId:e.id}),u.success(`已停用`),L()}catch(e){P.value=C(e)}}function V(e){Object.assign(I,{open:!0,user:e,password:``,error:null})}async function H(){I.busy=!0,I.error=null;try{await y(k,{userId:I.user.id,newPassword:I.password}),I.open=!1,u.success(`密码已重置，该用户须用新密码重新登录`)}catch(e){I.error=e}finally{I.busy=!1}}function U(e){return S[e.utility]||x[e.unit]||e.uscc||`—`}return v(L),(i,a)=>{let u=n(`el-alert`),h=n(`el-button`),v=n(`el-table-column`),y=n(`el-table`),D=n(`el-input`),O=n(`el-form-item`),k=n(`el-option`),A=n(`el-select`),M=n(`el-form`),L=n(`el-dialog`);return t(),l(`section`,null,[a[21]||=d(`h1`,{class:`page-title`},`用户管理`,-1),P.value?(t(),_(u,{key:0,title:P.value,type:`error`,closable:!1,role:`alert`},null,8,[`title`])):c(``,!0),d(`p`,null,[f(h,{type:`primary`,onClick:R},{default:e(()=>[...a[12]||=[m(`新建用户`,-1)]]),_:1})]),f(y,{data:N.value,"row-key":`id`,"empty-text":`暂无用户`},{default:e(()=>[f(v,{label:`用户名`,prop:`username`,"min-width":`130`}),f(v,{label:`姓名`,prop:`displayName`,"min-width":`150`}),f(v,{label:`角色`,width:`100`},{default:e(({row:e})=>[m(o(r(E)[e.role]),1)]),_:1}),f(v,{label:`所属单位`,"min-width":`150`},{default:e(({row:e})=>[m(o(U(e)),1)]),_:1}),f(v,{label:`最近登录`,width:`150`},{default:e(({row:e})=>[m(o(r(T)(e.lastSignInAt)),1)]),_:1}),f(v,{label:`状态`,width:`90`},{default:e(({row:n})=>[n.disabled?(t(),_(b,{key:0,kind:`info`},{default:e(()=>[...a[13]||=[m(`已停用`,-1)]]),_:1})):(t(),_(b,{key:1,kind:`success`},{default:e(()=>[...a[14]||=[m(`正常`,-1)]]),_:1}))]),_:1}),f(v,{label:`操作`,width:`170`},{default:e(({row:n})=>[f(h,{link:``,type:`primary`,"aria-label":`重置密码：${n.username}`,onClick:e=>V(n)},{default:e(()=>[...a[15]||=[m(`重置密码`,-1)]]),_:1},8,[`aria-label`,`onClick`]),n.disabled?c(``,!0):(t(),_(h,{key:0,link:``,type:`danger`,"aria-label":`停用：${n.username}`,onClick:e=>B(n)},{default:e(()=>[...a[16]||=[m(`停用`,-1)]]),_:1},8,[`aria-label`,`onClick`]))]),_:1})]),_:1},8,[`data`]),f(L,{modelValue:F.open,"onUpdate:modelValue":a[8]||=e=>F.open=e,title:`新建用户`,width:`520px`},{footer:e(()=>[f(h,{onClick:a[7]||=e=>F.open=!1},{default:e(()=>[...a[17]||=[m(`取消`,-1)]]),_:1}),f(h,{type:`primary`,loading:F.busy,onClick:z},{default:e(()=>[...a[18]||=[m(`创建`,-1)]]),_:1},8,[`loading`])]),default:e(()=>[f(M,{"label-position":`top`,onSubmit:p(z,[`prevent`])},{default:e(()=>[f(O,{label:`用户名`,for:`user-username`,error:r(w)(F.error,`input.username`)},{default:e(()=>[f(D,{id:`user-username`,modelValue:F.form.username,"onUpdate:modelValue":a[0]||=e=>F.form.username=e,autocomplete:`off`},null,8,[`modelValue`])]),_:1},8,[`error`]),f(O,{label:`姓名`,for:`user-display-name`,error:r(w)(F.error,`input.displayName`)},{default:e(()=>[f(D,{id:`user-display-name`,modelValue:F.form.displayName,"onUpdate:modelValue":a[1]||=e=>F.form.displayName=e},null,8,[`modelValue`])]),_:1},8,[`error`]),f(O,{label:`角色`,for:`user-role`,error:r(w)(F.error,`input.role`)},{default:e(()=>[f(A,{id:`user-role`,modelValue:F.form.role,"onUpdate:modelValue":a[2]||=e=>F.form.role=e,style:{width:`100%`}},{default:e(()=>[(t(!0),l(g,null,s(r(E),(e,n)=>(t(),_(k,{key:n,value:n,label:e},null,8,[`value`,`label`]))),128))]),_:1},8,[`modelValue`])]),_:1},8,[`error`]),F.form.role===`UTILITY`?(t(),_(O,{key:0,label:`公用企业`,for:`user-utility`,error:r(w)(F.error,`input.utility`)},{default:e(()=>[f(A,{id:`user-utility`,modelValue:F.form.utility,"onUpdate:modelValue":a[3]||=e=>F.form.utility=e,style:{width:`100%`}},{default:e(()=>[(t(!0),l(g,null,s(r(S),(e,n)=>(t(),_(k,{key:n,value:n,label:e},null,8,[`value`,`label`]))),128))]),_:1},8,[`modelValue`])]),_:1},8,[`error`])):c(``,!0),F.form.role===`LIAISON`?(t(),_(O,{key:1,label:`联络单位`,for:`user-unit`,error:r(w)(F.error,`input.unit`)},{default:e(()=>[f(A,{id:`user-unit`,modelValue:F.form.unit,"onUpdate:modelValue":a[4]||=e=>F.form.unit=e,style:{width:`100%`}},{default:e(()=>[(t(!0),l(g,null,s(r(x),(e,n)=>(t(),_(k,{key:n,value:n,label:e},null,8,[`value`,`label`]))),128))]),_:1},8,[`modelValue`])]),_:1},8,[`error`])):c(``,!0),F.form.role===`APPLICANT`?(t(),_(O,{key:2,label:`统一社会信用代码`,for:`user-uscc`,error:r(w)(F.error,`input.uscc`)},{default:e(()=>[f(D,{id:`user-uscc`,modelValue:F.form.uscc,"onUpdate:modelValue":a[5]||=e=>F.form.uscc=e},null,8,[`modelValue`])]),_:1},8,[`error`])):c(``,!0),f(O,{label:`初始密码`,for:`user-password`,error:r(w)(F.error,`input.password`)},{default:e(()=>[f(D,{id:`user-password`,modelValue:F.form.password,"onUpdate:modelValue":a[6]||=e=>F.form.password=e,type:`password`,"show-password":``,autocomplete:`new-password`},null,8,[`modelValue`])]),_:1},8,[`error`]),F.error?(t(),_(u,{key:3,title:r(C)(F.error),type:`error`,closable:!1,role:`alert`},null,8,[`title`])):c(``,!0)]),_:1})]),_:1},8,[`modelValue`]),f(L,{modelValue:I.open,"onUpdate:modelValue":a[11]||=e=>I.open=e,title:`重置密码`,width:`480px`},{footer:e(()=>[f(h,{onClick:a[10]||=e=>I.open=!1},{default:e(()=>[...a[19]||=[m(`取消`,-1)]]),_:1}),f(h,{type:`primary`,loading:I.busy,onClick:H},{default:e(()=>[...a[20]||=[m(`重置`,-1)]]),_:1},8,[`loading`])]),default:e(()=>[I.user?(t(),l(`p`,j,`为 `+o(I.user.displayName)+`（`+o(I.user.username)+`）设置新密码，其全部会话将立即结束。`,1)):c(``,!0),f(M,{"label-position":`top`,onSubmit:p(H,[`prevent`])},{default:e(()=>[f(O,{label:`新密码`,for:`reset-password`,error:r(w)(I.error,`newPassword`)},{default:e(()=>[f(D,{id:`reset-password`,modelValue:I.password,"onUpdate:modelValue":a[9]||=e=>I.password=e,type:`password`,"show-password":``,autocomplete:`new-password`},null,8,[`modelValue`])]),_:1},8,[`error`]),I.error?(t(),_(u,{key:0,title:r(C)(I.error),type:`error`,closable:!1,role:`alert`},null,8,[`title`])):c(``,!0)]),_:1})]),_:1},8,[`modelValue`])])}}};export{M as default};
"""Users, sessions and API keys (API.md "Accounts and sign-in")."""

from __future__ import annotations

from enum import StrEnum

import strawberry

from hub import enums
from hub.models import ApiKey as ApiKeyRow
from hub.models import User as UserRow
from hub.schema.enums import Unit, Utility, described_enum
from hub.schema.rows import from_row
from hub.schema.scalars import DateTime


class _Role(StrEnum):
    """The roles a person or portal can have (the hub's own SYSTEM is not one)."""

    APPLICANT = enums.Role.APPLICANT.value
    WINDOW = enums.Role.WINDOW.value
    UTILITY = enums.Role.UTILITY.value
    LIAISON = enums.Role.LIAISON.value
    ADMIN = enums.Role.ADMIN.value


Role = described_enum(
    _Role,
    name="Role",
    description="用户的角色，决定能看到和能做什么（API.md“谁能做什么”）。A user's role: what "
    'they may see and do (API.md, "Who may do what").',
    values={
        _Role.APPLICANT: "申请企业，须绑定统一社会信用代码（uscc），只看本企业的案件。An "
        "enterprise applying; bound to its USCC (`uscc`), sees its own cases only.",
        _Role.WINDOW: "政务服务大厅窗口人员，看全部案件。"
        "Service-hall window staff; see every case.",
        _Role.UTILITY: "供能企业人员，须绑定 utility，看持有本单位工单的案件。Utility staff, bound "
        "to a `utility`; see the cases holding their utility's ticket.",
        _Role.LIAISON: "联络员，须绑定 unit。A liaison, bound to a `unit`.",
        _Role.ADMIN: "管理员：用户、API 密钥、Webhook、节假日。An admin: users, API keys, "
        "webhooks, holidays.",
    },
)


@strawberry.type(
    description="可登录的用户；只停用，从不删除。A person who signs in; disabled, never deleted."
)
class User:
    id: strawberry.ID = strawberry.field(description="用户 ID。The user's opaque id.")
    username: str = strawberry.field(
        description="登录名：3 到 64 个字母、数字或 . _ -，唯一。The sign-in name: 3 to 64 "
        "letters, digits, '.', '_' or '-', unique."
    )
    display_name: str = strawberry.field(
        description="显示的姓名，最多 100 个字符。The name shown, at most 100 characters."
    )
    role: Role = strawberry.field(description="角色。The role.")
    utility: Utility | None = strawberry.field(
        description="供能企业人员所属的单位；其他角色为 null。A utility staff member's utility; "
        "null for other roles."
    )
    unit: Unit | None = strawberry.field(
        description="联络员所属的单位；其他角色为 null。A liaison's unit; null for other roles."
    )
    uscc: str | None = strawberry.field(
        description="申请企业用户的统一社会信用代码；其他角色为 null。An applicant's USCC; null "
        "for other roles."
    )
    disabled: bool = strawberry.field(
        description="是否已停用：停用的用户不能登录，其会话已结束。Whether disabled: a disabled "
        "user cannot sign in and their sessions have ended."
    )
    last_sign_in_at: DateTime | None = strawberry.field(
        description="最近一次登录的时间；从未登录为 null。When they last signed in; null if never."
    )

    @classmethod
    def from_model(cls, row: UserRow) -> User:
        return from_row(cls, row, role=_Role(row.role.value))


@strawberry.type(
    description="登录会话：令牌作为 Authorization: Bearer 发送，到期、登出、停用或改密码后失效。"
    "A signed-in session: send the token as `Authorization: Bearer`; it ends at `expiresAt`, on "
    "signOut, when the user is disabled or the password changes."
)
class Session:
    token: str = strawberry.field(
        description="会话令牌（hubs_ 开头），只在登录时显示这一次；中心只保存其哈希。工作台登录"
        "（请求头 X-Hub-Console）时为空字符串：令牌只在 HttpOnly Cookie 中，页面脚本读不到。"
        "The session token (starting `hubs_`), shown at sign-in only; the hub keeps only its "
        "hash. An empty string when the staff console signs in (header `X-Hub-Console`): the "
        "token is then only in an HttpOnly cookie, out of page scripts' reach."
    )
    expires_at: DateTime = strawberry.field(
        description="到期时间：登录后 HUB_SESSION_TTL_SECONDS（默认 8 小时）。When it expires: "
        "HUB_SESSION_TTL_SECONDS (8 hours by default) after sign-in."
    )
    user: User = strawberry.field(description="登录的用户。The user signed in.")


@strawberry.type(
    description="供能企业平台的 API 密钥：以该单位人员的身份访问，可见范围和请求额度相同。A "
    "utility portal's API key: it acts as that utility's staff, with the same visibility and "
    "request budget (per key)."
)
class ApiKey:
    id: strawberry.ID = strawberry.field(description="密钥 ID。The key's opaque id.")
    name: str = strawberry.field(
        description="管理员起的名称，最多 100 个字符。The admin's name for it, at most 100 "
        "characters."
    )
    utility: Utility = strawberry.field(description="代表的单位。The utility it acts for.")
    prefix: str = strawberry.field(
        description="密钥的前 12 个字符（hubk_ 加 7 个字符），用于辨认。The secret's first 12 "
        "characters (`hubk_` and 7 more), to tell keys apart."
    )
    created_at: DateTime = strawberry.field(description="创建时间。When it was created.")
    last_used_at: DateTime | None = strawberry.field(
        description="最近使用时间（每个副本每分钟最多更新一次）；从未使用为 null。When it was last "
        "used (updated at most once a minute per replica); null if never."
    )
    revoked_at: DateTime | None = strawberry.field(
        description="撤销时间；撤销后立即失效。When it was revoked; refused from then on."
    )

    @classmethod
    def from_model(cls, row: ApiKeyRow) -> ApiKey:
        return from_row(cls, row)


@strawberry.type(
    description="新建的 API 密钥及其密文：密文只显示这一次。A new API key and its secret: shown "
    "this once only."
)
class ApiKeyCreated:
    key: ApiKey = strawberry.field(description="密钥。The key.")
    secret: str = strawberry.field(
        description="密钥密文（hubk_ 开头），作为 Authorization: Bearer 发送（HTTP 与 WebSocket "
        "connection_init）；中心只保存其哈希。The secret (starting `hubk_`), sent as "
        "`Authorization: Bearer` on HTTP and in the WebSocket connection_init; the hub keeps only "
        "its hash."
    )


@strawberry.input(
    description="新用户：角色决定须绑定什么（APPLICANT 须 uscc，UTILITY 须 utility，LIAISON 须 "
    "unit，其他不绑定）。A new user: the role says what it is bound to (APPLICANT: uscc, UTILITY: "
    "utility, LIAISON: unit, others: nothing)."
)
class UserInput:
    username: str = strawberry.field(
        description="登录名：3 到 64 个字母、数字或 . _ -，以字母或数字开头，唯一（已存在为 "
        "CONFLICT）。The sign-in name: 3 to 64 letters, digits, '.', '_' or '-', starting with a "
        "letter or digit, unique (taken: CONFLICT)."
    )
    display_name: str = strawberry.field(
        description="显示的姓名，1 到 100 个字符。The name shown, 1 to 100 characters."
    )
    role: Role = strawberry.field(description="角色。The role.")
    utility: Utility | None = strawberry.field(
        default=None, description="UTILITY 角色必填，其他角色不填。Required for UTILITY, else none."
    )
    unit: Unit | None = strawberry.field(
        default=None, description="LIAISON 角色必填，其他角色不填。Required for LIAISON, else none."
    )
    uscc: str | None = strawberry.field(
        default=None,
        description="APPLICANT 角色必填（18 位，GB 32100-2015 校验），其他角色不填。Required for "
        "APPLICANT (18 characters, GB 32100-2015 check), else none.",
    )
    password: str = strawberry.field(
        description="初始密码：10 到 128 个字符，至少包含小写、大写、数字、符号中的三类。The "
        "initial password: 10 to 128 characters of at least three of lower case, upper case, "
        "digits and symbols."
    )

"""Signing in and out, password changes, users and API keys."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub import enums
from hub.resolvers.accounts import console_cookies
from hub.resolvers.context import principal_of
from hub.schema.accounts import ApiKey, ApiKeyCreated, Session, User, UserInput
from hub.schema.enums import Utility
from hub.settings import get_settings
from hub.signin import administration, flow
from hub.signin.lockout import Lockout

_fallback: Lockout | None = None


def lockout_of(info: Info) -> Lockout:
    """The app's (hub/app.py); an app built without one (some tests) counts in memory."""
    global _fallback
    lockout = getattr(info.context.request.app.state, "sign_in_lockout", None)
    if lockout is None:
        _fallback = _fallback or Lockout(redis_url=get_settings().redis_url)
        lockout = _fallback
    return lockout


def _address(info: Info) -> str | None:
    client = getattr(info.context.request, "client", None)
    return client.host if client else None


@strawberry.type
class AccountMutations:
    @strawberry.mutation(
        description="用户名和密码登录，返回会话（无需令牌）。"
        "用户不存在、已停用或密码错误都是同一条 "
        "UNAUTHENTICATED 消息；同一用户名 15 分钟内失败 5 次即锁定 15 分钟，期间即使密码正确也是 "
        "RATE_LIMITED（extensions.retryAfter 秒）。Sign in with a username and password and get "
        "a session (no token needed). An unknown or disabled user and a wrong password get one "
        "and the same UNAUTHENTICATED message; five failures for one username within 15 minutes "
        "lock it for 15 minutes: RATE_LIMITED (extensions.retryAfter, seconds), even with the "
        "right password. 带请求头 X-Hub-Console（工作台）时，会话放在 HttpOnly、SameSite=Strict "
        "的 Cookie 中，token 为空字符串。With the header `X-Hub-Console` (the staff console) the "
        "session goes into an HttpOnly, SameSite=Strict cookie and `token` is empty."
    )
    async def sign_in(
        self,
        info: Info,
        username: Annotated[str, strawberry.argument(description="登录名。The username.")],
        password: Annotated[str, strawberry.argument(description="密码。The password.")],
    ) -> Session:
        session, secret, user = await flow.sign_in(
            username, password, address=_address(info), lockout=lockout_of(info)
        )
        if console_cookies.from_console(info):
            console_cookies.set_session_cookie(info, secret, session.expires_at)
            secret = ""  # the console's scripts never see it: the HttpOnly cookie carries it
        return Session(token=secret, expires_at=session.expires_at, user=User.from_model(user))

    @strawberry.mutation(
        description="结束调用方的会话：之后用它的请求为 UNAUTHENTICATED，其 WebSocket 以 4401 "
        "关闭。返回 true；调用方用的不是会话（API 密钥、hub token）时返回 false。End the caller's "
        "session: later requests with it are UNAUTHENTICATED and its WebSockets close with 4401. "
        "true; false when the caller's credential is not a session (an API key, a `hub token`). "
        "工作台的会话 Cookie 同时清除。The staff console's session cookie is cleared too."
    )
    async def sign_out(self, info: Info) -> bool:
        ended = await flow.sign_out(principal_of(info))
        console_cookies.clear_session_cookie(info)
        return ended

    @strawberry.mutation(
        description="修改本人密码：新密码须符合密码规则；成功后该用户的全部会话（包括当前会话）结束，"
        "须重新登录。Change one's own password: the new one must meet the policy; then every "
        "session of the user ends, this one included, so sign in again. Errors: FORBIDDEN (not a "
        "signed-in user), BAD_USER_INPUT (currentPassword wrong, newPassword too weak), "
        "RATE_LIMITED (the username is locked)."
    )
    async def change_password(
        self,
        info: Info,
        current_password: Annotated[
            str, strawberry.argument(description="当前密码。The current password.")
        ],
        new_password: Annotated[
            str,
            strawberry.argument(
                description="新密码：10 到 128 个字符，至少三类字符。The new password: 10 to 128 "
                "characters of at least three classes."
            ),
        ],
    ) -> bool:
        await flow.change_password(
            principal_of(info), current_password, new_password, lockout=lockout_of(info)
        )
        return True

    @strawberry.mutation(
        description="新建用户（仅管理员）。Create a user (admins only). Errors: FORBIDDEN, "
        "BAD_USER_INPUT (by field: username, displayName, bindings, uscc, password), CONFLICT "
        "(the username is taken)."
    )
    async def create_user(
        self,
        info: Info,
        input: Annotated[UserInput, strawberry.argument(description="新用户。The new user.")],
    ) -> User:
        new = administration.NewUser(
            username=input.username,
            display_name=input.display_name,
            role=enums.Role(input.role.value),
            password=input.password,
            utility=input.utility,
            unit=input.unit,
            uscc=input.uscc,
        )
        return User.from_model(await administration.create_user(principal_of(info), new))

    @strawberry.mutation(
        description="停用用户（仅管理员）：不能再登录，其全部会话立即结束。Disable a user (admins "
        "only): they cannot sign in and every session of theirs ends at once. Errors: FORBIDDEN, "
        "NOT_FOUND."
    )
    async def disable_user(
        self,
        info: Info,
        user_id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="用户 ID；不存在为 NOT_FOUND。The user's id; NOT_FOUND "
                "when there is none."
            ),
        ],
    ) -> User:
        return User.from_model(await administration.disable_user(principal_of(info), user_id))

    @strawberry.mutation(
        description="管理员为用户重设密码（用户忘记密码时）：新密码须符合密码规则，该用户的全部会话"
        "立即结束。An admin sets a user's password (one forgotten): the new one must meet the "
        "policy, and every session of the user ends at once. Errors: FORBIDDEN, NOT_FOUND, "
        "BAD_USER_INPUT (newPassword too weak)."
    )
    async def reset_user_password(
        self,
        info: Info,
        user_id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="用户 ID；不存在为 NOT_FOUND。The user's id; NOT_FOUND "
                "when there is none."
            ),
        ],
        new_password: Annotated[
            str,
            strawberry.argument(
                description="新密码：10 到 128 个字符，至少三类字符。The new password: 10 to 128 "
                "characters of at least three classes."
            ),
        ],
    ) -> User:
        user = await administration.reset_password(principal_of(info), user_id, new_password)
        return User.from_model(user)

    @strawberry.mutation(
        description="为供能企业平台新建 API 密钥（仅管理员）；"
        "密文只在返回中显示这一次。Create an API"
        " key for a utility's portal (admins only); the secret is in this answer only. Errors: "
        "FORBIDDEN, BAD_USER_INPUT (name empty or over 100 characters)."
    )
    async def create_api_key(
        self,
        info: Info,
        utility: Annotated[
            Utility, strawberry.argument(description="密钥代表的单位。The utility it acts for.")
        ],
        name: Annotated[
            str,
            strawberry.argument(
                description="名称，1 到 100 个字符，如平台名。A name, 1 to 100 characters, such "
                "as the portal's."
            ),
        ],
    ) -> ApiKeyCreated:
        key, secret = await administration.create_api_key(principal_of(info), utility, name)
        return ApiKeyCreated(key=ApiKey.from_model(key), secret=secret)

    @strawberry.mutation(
        description="撤销 API 密钥（仅管理员）：立即失效，"
        "各副本的缓存同时清除；再次撤销不变。Revoke "
        "an API key (admins only): refused from the next request on, on every replica; revoking "
        "again changes nothing. Errors: FORBIDDEN, NOT_FOUND."
    )
    async def revoke_api_key(
        self,
        info: Info,
        key_id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="密钥 ID；不存在为 NOT_FOUND。The key's id; NOT_FOUND"
                " when there is none."
            ),
        ],
    ) -> ApiKey:
        return ApiKey.from_model(await administration.revoke_api_key(principal_of(info), key_id))

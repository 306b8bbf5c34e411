"""The caller (`me`) and the admin lists of users and API keys."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from hub.models import User as UserRow
from hub.resolvers.arguments import AFTER, FIRST
from hub.resolvers.context import principal_of
from hub.schema.accounts import ApiKey, User
from hub.schema.common import Connection
from hub.signin import administration


@strawberry.type
class AccountQueries:
    @strawberry.field(
        description="调用方本人：登录用户的账号；没有令牌、API 密钥或 hub token 令牌时为 null。The "
        "caller: a signed-in user's account; null without a token, and for an API key or a "
        "`hub token` token (no account behind them). Errors: UNAUTHENTICATED (a bad, expired or "
        "revoked token)."
    )
    async def me(self, info: Info) -> User | None:
        context = info.context
        if context.auth_error is not None:
            raise context.auth_error
        principal = context.principal_or_none
        if principal is None or principal.user_id is None:
            return None
        row = await UserRow.filter(id=principal.user_id).first()
        return User.from_model(row) if row else None

    @strawberry.field(
        description="全部用户，按登录名排序，按键集游标分页（仅管理员）。"
        "Every user, by username, in"
        " keyset pages (admins only). Errors: FORBIDDEN, BAD_USER_INPUT (first, after)."
    )
    async def users(
        self,
        info: Info,
        first: Annotated[int | None, FIRST] = 20,
        after: Annotated[str | None, AFTER] = None,
    ) -> Connection[User]:
        page = await administration.user_page(principal_of(info), first=first, after=after)
        return Connection.of(page, User.from_model)

    @strawberry.field(
        description="全部 API 密钥（含已撤销的），最新的在前（仅管理员）；"
        "密文从不再显示。Every API "
        "key, revoked ones included, newest first (admins only); secrets are never shown again. "
        "Errors: FORBIDDEN."
    )
    async def api_keys(self, info: Info) -> list[ApiKey]:
        return [ApiKey.from_model(row) for row in await administration.api_keys(principal_of(info))]

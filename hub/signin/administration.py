"""Admins manage users and the utility portals' API keys (API.md "Accounts and sign-in")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from uuid import UUID

from tortoise.exceptions import IntegrityError

from hub import clock
from hub.accounts import passwords, revocations, sessions
from hub.accounts.secrets import API_KEY_PREFIX, SHOWN_PREFIX_LENGTH, new_secret, secret_hash
from hub.auth.principal import Principal
from hub.auth.visibility import parse_id
from hub.enums import Role, Unit, Utility
from hub.errors import Conflict, Forbidden, NotFound, ProblemCollector
from hub.models import ApiKey, User
from hub.paging import Ordering, Page, SortKey, fetch_page, page_window
from hub.validation.identifiers import is_valid_uscc

USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{2,63}")
MAX_NAME = 100
USER_ORDER = Ordering(
    name="users:USERNAME:ASC", keys=(SortKey("username", str), SortKey("id", UUID))
)


def require_admin(principal: Principal) -> None:
    if principal.role != Role.ADMIN:
        raise Forbidden("仅管理员可以管理用户和 API 密钥 (admins only)")


@dataclass(frozen=True)
class NewUser:
    username: str
    display_name: str
    role: Role
    password: str
    utility: Utility | None = None
    unit: Unit | None = None
    uscc: str | None = None


def check_new_user(new: NewUser, *, path: str = "input") -> None:
    """Every problem at once, by field path; BAD_USER_INPUT."""
    problems = ProblemCollector()
    at = f"{path}.".lstrip(".")  # "input." for the API, "" for `hub user add`
    problems.check(
        bool(USERNAME.fullmatch(new.username)),
        f"{at}username",
        "用户名为 3 到 64 个字母、数字或 . _ -，以字母或数字开头 "
        "(3 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit)",
    )
    problems.check(
        0 < len(new.display_name.strip()) <= MAX_NAME,
        f"{at}displayName",
        f"姓名为 1 到 {MAX_NAME} 个字符 (1 to {MAX_NAME} characters)",
    )
    needs = {Role.APPLICANT: "uscc", Role.UTILITY: "utility", Role.LIAISON: "unit"}
    if new.role not in needs and new.role not in (Role.WINDOW, Role.ADMIN):
        problems.add(f"{at}role", "不能创建该角色的用户 (no user may have this role)")
    for binding in ("uscc", "utility", "unit"):
        given = getattr(new, binding) is not None
        if needs.get(new.role) == binding and not given:
            problems.add(f"{at}{binding}", f"该角色必填 (required for role {new.role.name})")
        elif needs.get(new.role) != binding and given:
            problems.add(f"{at}{binding}", f"该角色不适用 (not for role {new.role.name})")
    if new.uscc is not None and not is_valid_uscc(new.uscc):
        problems.add(f"{at}uscc", "统一社会信用代码无效 (invalid USCC, GB 32100-2015)")
    if (problem := passwords.policy_problem(new.password)) is not None:
        problems.add(f"{at}password", problem)
    problems.raise_if_any()


async def add_user(new: NewUser, *, path: str = "input") -> User:
    """Checked, stored with an Argon2id hash; CONFLICT when the username is taken."""
    check_new_user(new, path=path)
    if await User.filter(username=new.username).exists():
        raise Conflict(f"用户名已存在 (username {new.username} is taken)")
    try:
        return await User.create(
            username=new.username,
            display_name=new.display_name.strip(),
            role=new.role,
            utility=new.utility,
            unit=new.unit,
            uscc=new.uscc,
            password_hash=passwords.hash_password(new.password),
        )
    except IntegrityError as exc:  # taken meanwhile
        raise Conflict(f"用户名已存在 (username {new.username} is taken)") from exc


async def create_user(principal: Principal, new: NewUser) -> User:
    require_admin(principal)
    return await add_user(new)


async def disable(user: User) -> User:
    """Disabled users cannot sign in, and their live sessions end at once."""
    if not user.disabled:
        user.disabled = True
        await User.filter(id=user.id).update(disabled=True)
    await sessions.revoke_sessions(user.id, reason="user disabled")
    return user


async def disable_user(principal: Principal, user_id: str) -> User:
    require_admin(principal)
    uid = parse_id(user_id)
    user = await User.filter(id=uid).first() if uid else None
    if user is None:
        raise NotFound(f"用户不存在 (user {user_id} not found)")
    return await disable(user)


async def reset_password(principal: Principal, user_id: str, new_password: str) -> User:
    """An admin sets a new password for someone who lost theirs; every session of theirs ends,
    as with a password change."""
    require_admin(principal)
    passwords.check_policy(new_password, path="newPassword")
    uid = parse_id(user_id)
    user = await User.filter(id=uid).first() if uid else None
    if user is None:
        raise NotFound(f"用户不存在 (user {user_id} not found)")
    await User.filter(id=user.id).update(password_hash=passwords.hash_password(new_password))
    await sessions.revoke_sessions(user.id, reason="password reset by an admin")
    return user


async def user_page(principal: Principal, *, first: int | None, after: str | None) -> Page[User]:
    require_admin(principal)
    window = page_window(USER_ORDER, first=first, after=after)
    return await fetch_page(User.all(), USER_ORDER, window)


async def create_api_key(principal: Principal, utility: Utility, name: str) -> tuple[ApiKey, str]:
    """The key and its secret, shown this once."""
    require_admin(principal)
    problems = ProblemCollector()
    problems.check(
        0 < len(name.strip()) <= MAX_NAME,
        "name",
        f"名称为 1 到 {MAX_NAME} 个字符 (1 to {MAX_NAME} characters)",
    )
    problems.raise_if_any()
    secret = new_secret(API_KEY_PREFIX)
    key = await ApiKey.create(
        name=name.strip(),
        utility=utility,
        prefix=secret[:SHOWN_PREFIX_LENGTH],
        secret_hash=secret_hash(secret),
        created_by=principal.name,
        created_at=clock.now(),
    )
    return key, secret


async def revoke_api_key(principal: Principal, key_id: str) -> ApiKey:
    """Refused from the next request on, on every replica (the caches are cleared)."""
    require_admin(principal)
    uid = parse_id(key_id)
    key = await ApiKey.filter(id=uid).first() if uid else None
    if key is None:
        raise NotFound(f"API 密钥不存在 (API key {key_id} not found)")
    if key.revoked_at is None:
        key.revoked_at = clock.now()
        await ApiKey.filter(id=key.id, revoked_at=None).update(revoked_at=key.revoked_at)
    await revocations.announce()
    return key


async def api_keys(principal: Principal) -> list[ApiKey]:
    require_admin(principal)
    return await ApiKey.all().order_by("-created_at", "id")

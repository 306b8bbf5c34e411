"""Each member unit's one or two liaisons: admins replace a unit's list; everyone with a token
reads it as a contact list, applicants with personal (mobile) numbers masked."""

from __future__ import annotations

from dataclasses import dataclass

from hub.auth.principal import Principal
from hub.auth.visibility import parse_id
from hub.enums import Role, Unit
from hub.errors import BadUserInput, FieldProblem, Forbidden
from hub.models import Liaison, User
from hub.transactions import in_transaction
from hub.validation.identifiers import is_mobile_phone, is_valid_phone, mask_phone

MIN_LIAISONS, MAX_LIAISONS = 1, 2
NAME_LENGTH = 50


@dataclass(frozen=True)
class LiaisonEntry:
    name: str
    phone: str
    user_id: str | None = None


def _problems(entries: list[LiaisonEntry]) -> list[FieldProblem]:
    if not MIN_LIAISONS <= len(entries) <= MAX_LIAISONS:
        return [
            FieldProblem(
                "liaisons",
                f"每个单位须有 {MIN_LIAISONS} 至 {MAX_LIAISONS} 名联络员，收到 {len(entries)} 名 "
                f"(a unit has {MIN_LIAISONS} or {MAX_LIAISONS} liaisons, got {len(entries)})",
            )
        ]
    problems = []
    for index, entry in enumerate(entries):
        path = f"liaisons[{index}]"
        if not entry.name.strip() or len(entry.name.strip()) > NAME_LENGTH:
            problems.append(
                FieldProblem(
                    f"{path}.name", f"姓名须为 1 至 {NAME_LENGTH} 个字符 (1..{NAME_LENGTH})"
                )
            )
        if not is_valid_phone(entry.phone.strip()):
            problems.append(
                FieldProblem(
                    f"{path}.phone",
                    "电话须为手机号或带区号的固定电话，如 0751-8877817 (a mobile or landline "
                    "number)",
                )
            )
    return problems


async def _link_problems(unit: Unit, entries: list[LiaisonEntry]) -> list[FieldProblem]:
    """A linked user must exist, be a liaison, and speak for this unit."""
    problems = []
    for index, entry in enumerate(entries):
        if entry.user_id is None:
            continue
        uid = parse_id(entry.user_id)
        user = await User.filter(id=uid).first() if uid else None
        if user is None:
            message = "用户不存在 (no such user)"
        elif user.role != Role.LIAISON or user.unit != unit:
            message = (
                f"该用户不是{unit}的联络员账号（角色 {user.role}，单位 {user.unit or '无'}） "
                f"(not a LIAISON user of {unit})"
            )
        else:
            continue
        problems.append(FieldProblem(f"liaisons[{index}].userId", message))
    return problems


async def set_liaisons(
    *, principal: Principal, unit: Unit, entries: list[LiaisonEntry]
) -> list[Liaison]:
    """Replaces the unit's liaisons (admins only); bad input changes nothing."""
    if principal.role != Role.ADMIN:
        raise Forbidden("只有管理员可以设置联络员 (admins only)")
    problems = _problems(entries) or await _link_problems(unit, entries)
    if problems:
        raise BadUserInput(problems)
    async with in_transaction(events=False):
        await Liaison.filter(unit=unit).delete()
        for position, entry in enumerate(entries):
            await Liaison.create(
                unit=unit,
                position=position,
                name=entry.name.strip(),
                phone=entry.phone.strip(),
                user_id=str(parse_id(entry.user_id)) if entry.user_id else None,
                updated_by=principal.name,
            )
    return await Liaison.filter(unit=unit).order_by("position")


async def list_liaisons(*, principal: Principal, unit: Unit | None) -> list[Liaison]:
    """Every unit's (or one unit's) liaisons, units in their fixed order."""
    del principal  # any caller with a token: it is the hall's published contact list
    query = Liaison.all() if unit is None else Liaison.filter(unit=unit)
    rows = await query
    order = list(Unit)
    return sorted(rows, key=lambda row: (order.index(Unit(row.unit)), row.position))


def phone_shown_to(principal: Principal, phone: str) -> str:
    """Applicants see a unit's (landline) number in full and a personal mobile masked."""
    if principal.role == Role.APPLICANT and is_mobile_phone(phone):
        return mask_phone(phone)
    return phone

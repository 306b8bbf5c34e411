"""Keyset pages of `cases`, `tickets` and a case's timeline: rows that arrive while a client
pages never repeat a row nor make it skip one; each order breaks ties by id and puts nulls last;
a cursor is good for the order that wrote it only; orders by due time put key projects first."""

from __future__ import annotations

import asyncio
import base64
import itertools
from datetime import timedelta

import pytest

from hub import clock
from hub.devtools.bulk_seed import seed_cases
from hub.enums import Utility
from hub.models import Case, Ticket
from tests.api import CASES, CREATE, TICKETS, token_for
from tests.factories import application, uscc

WINDOW = token_for("window")
CASE_ORDERS = [
    {"field": field, "direction": direction}
    for field in ("CREATED_AT", "REPLY_DUE_AT", "CASE_NO")
    for direction in ("ASC", "DESC")
]
TICKET_ORDERS = [
    {"field": field, "direction": direction}
    for field in ("DISPATCHED_AT", "REVIEW_DUE_AT", "FEEDBACK_DUE_AT", "CASE_NO")
    for direction in ("ASC", "DESC")
]
CASE_COLUMNS = {"CREATED_AT": "created_at", "REPLY_DUE_AT": "reply_due_at", "CASE_NO": "case_no"}
TICKET_COLUMNS = {
    "DISPATCHED_AT": "dispatched_at",
    "REVIEW_DUE_AT": "review_due_at",
    "FEEDBACK_DUE_AT": "feedback_due_at",
    "CASE_NO": "case__case_no",
}
TIMELINE = """query($id: ID!, $first: Int, $after: String) { case(id: $id) {
  events(first: $first, after: $after) {
    totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } }"""


def order_name(order):
    return "default" if order is None else f"{order['field']}-{order['direction']}"


async def with_ties_and_nulls() -> None:
    """Seeded rows made awkward: equal sort values, and deadlines missing on a third of them."""
    base = clock.now() + timedelta(days=3)
    cases = await Case.all().order_by("case_no")
    for i, case in enumerate(cases):
        await Case.filter(id=case.id).update(
            created_at=cases[0].created_at if i < 4 else case.created_at,
            reply_due_at=None if i % 3 == 0 else base + timedelta(hours=i % 2),
            is_key_project=i % 5 == 1,  # key projects with and without a deadline
        )
        await Ticket.filter(case_id=case.id).update(is_key_project=i % 5 == 1)
    for i, ticket in enumerate(await Ticket.all().order_by("id")):
        await Ticket.filter(id=ticket.id).update(
            review_due_at=None if i % 3 == 0 else base + timedelta(hours=i % 2),
            feedback_due_at=base if i % 4 == 0 else None,
        )


DUE_FIELDS = {"REPLY_DUE_AT", "REVIEW_DUE_AT", "FEEDBACK_DUE_AT"}


def expected(rows: list[dict], column: str, direction: str, key: str | None = None) -> list[str]:
    """Sorted by `column` then id, both in `direction`; rows without a value last. With `key`
    (the key-project flag's column), the key projects' rows come first, sorted the same way."""
    if key is not None:
        flagged = [r for r in rows if r[key]]
        others = [r for r in rows if not r[key]]
        return expected(flagged, column, direction) + expected(others, column, direction)
    descending = direction == "DESC"
    valued = [r for r in rows if r[column] is not None]
    missing = [r for r in rows if r[column] is None]
    valued.sort(key=lambda r: (r[column], r["id"]), reverse=descending)
    missing.sort(key=lambda r: r["id"], reverse=descending)
    return [str(r["id"]) for r in valued + missing]


def seen_once(nodes: list[dict], before: set[str]) -> None:
    ids = [n["id"] for n in nodes]
    assert len(ids) == len(set(ids)), "a row was repeated"
    assert before <= set(ids), "a row was skipped"


@pytest.mark.parametrize(
    "order", [None, {"field": "CASE_NO", "direction": "ASC"}, CASE_ORDERS[3]], ids=order_name
)
async def test_cases_created_between_pages_neither_repeat_nor_skip_a_case(api, order):
    await seed_cases(23, enterprises=3)
    await with_ties_and_nulls()
    before = {str(i) for i in await Case.all().values_list("id", flat=True)}
    serials = itertools.count(7100000)

    async def another_client_files_a_case():
        new = application(("WATER",), enterprise=uscc(next(serials)))
        await asyncio.create_task(api.ok(CREATE, {"input": new}, WINDOW))

    variables = {"orderBy": order, "first": 5}
    nodes = await api.every_page(CASES, variables, WINDOW, between=another_client_files_a_case)
    seen_once(nodes, before)
    assert await Case.all().count() >= len(before) + 4  # a case after each page but the last


@pytest.mark.parametrize(
    "order",
    [
        None,
        {"field": "DISPATCHED_AT", "direction": "DESC"},
        {"field": "CASE_NO", "direction": "ASC"},
    ],
    ids=order_name,
)
async def test_tickets_dispatched_between_pages_neither_repeat_nor_skip_a_ticket(api, order):
    await seed_cases(30, enterprises=3)
    await with_ties_and_nulls()
    before = {str(i) for i in await Ticket.all().values_list("id", flat=True)}
    taken = set(await Ticket.all().values_list("case_id", "utility"))
    free = [
        (case_id, utility)
        for case_id in await Case.all().order_by("case_no").values_list("id", flat=True)
        for utility in Utility
        if (case_id, utility) not in taken
    ]
    # Alternately older and newer than every seeded ticket: at the front in either direction.
    shifts = itertools.cycle((timedelta(days=-1), timedelta(days=1)))

    async def another_case_is_dispatched():
        case_id, utility = free.pop()
        moment = clock.now() + next(shifts)
        await asyncio.create_task(
            Ticket.create(case_id=case_id, utility=utility, dispatched_at=moment)
        )

    variables = {"orderBy": order, "first": 5}
    nodes = await api.every_page(TICKETS, variables, WINDOW, between=another_case_is_dispatched)
    seen_once(nodes, before)
    assert len(before) > 10


@pytest.mark.parametrize("order", CASE_ORDERS, ids=order_name)
async def test_cases_follow_each_order_with_ties_by_id_and_nulls_last(api, order):
    await seed_cases(14, enterprises=2)
    await with_ties_and_nulls()
    column = CASE_COLUMNS[order["field"]]
    rows = await Case.all().values("id", column, "is_key_project")
    assert any(r["is_key_project"] for r in rows)
    key = "is_key_project" if order["field"] in DUE_FIELDS else None
    nodes = await api.every_page(CASES, {"orderBy": order, "first": 4}, WINDOW)
    assert [n["id"] for n in nodes] == expected(rows, column, order["direction"], key)


@pytest.mark.parametrize("order", TICKET_ORDERS, ids=order_name)
async def test_tickets_follow_each_order_with_ties_by_id_and_nulls_last(api, order):
    await seed_cases(14, enterprises=2)
    await with_ties_and_nulls()
    column = TICKET_COLUMNS[order["field"]]
    rows = await Ticket.all().values("id", column, "case__is_key_project")
    assert any(r["case__is_key_project"] for r in rows)
    key = "case__is_key_project" if order["field"] in DUE_FIELDS else None  # the case's flag
    nodes = await api.every_page(TICKETS, {"orderBy": order, "first": 4}, WINDOW)
    assert [n["id"] for n in nodes] == expected(rows, column, order["direction"], key)


async def test_without_order_the_lists_keep_their_order(sqlite_api):
    await seed_cases(9, enterprises=2)
    cases = await sqlite_api.every_page(CASES, {"first": 4}, WINDOW)
    newest_first = await Case.all().order_by("-created_at", "-id").values_list("id", flat=True)
    assert [n["id"] for n in cases] == [str(i) for i in newest_first]
    tickets = await sqlite_api.every_page(TICKETS, {"first": 4}, WINDOW)
    oldest_first = await Ticket.all().order_by("dispatched_at", "id").values_list("id", flat=True)
    assert [n["id"] for n in tickets] == [str(i) for i in oldest_first]


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor",
        b64("o:4"),  # the offset cursors of old
        b64("[1, 2]"),
        b64('{"o": "cases:CREATED_AT:DESC", "k": ["yesterday", "x"]}'),
        b64('{"o": "cases:CREATED_AT:DESC", "k": ["2026-01-05T09:00:00", "%s"]}' % ("0" * 32)),
        b64('{"o": "cases:CREATED_AT:DESC", "k": [null, "00000000-0000-0000-0000-000000000000"]}'),
    ],
    ids=["garbage", "offset", "list", "bad-values", "no-offset", "null-in-non-null"],
)
async def test_a_malformed_cursor_is_bad_user_input_on_after(sqlite_api, cursor):
    error = await sqlite_api.error(CASES, {"first": 2, "after": cursor}, WINDOW)
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert [f["path"] for f in error["extensions"]["fields"]] == ["after"]


async def test_a_cursor_is_good_for_its_own_order_only(sqlite_api):
    await seed_cases(6, enterprises=2)
    by_case_no = {"field": "CASE_NO", "direction": "ASC"}
    default_page = (await sqlite_api.ok(CASES, {"first": 2}, WINDOW))["cases"]
    case_cursor = default_page["pageInfo"]["endCursor"]
    ticket_page = (await sqlite_api.ok(TICKETS, {"first": 1}, WINDOW))["tickets"]
    attempts = [
        (CASES, {"orderBy": by_case_no, "after": case_cursor}),
        (CASES, {"orderBy": {"field": "CREATED_AT", "direction": "ASC"}, "after": case_cursor}),
        (CASES, {"after": ticket_page["pageInfo"]["endCursor"]}),
        (TICKETS, {"after": case_cursor}),
    ]
    for query, variables in attempts:
        error = await sqlite_api.error(query, {"first": 2, **variables}, WINDOW)
        assert error["extensions"]["code"] == "BAD_USER_INPUT", variables
        assert [f["path"] for f in error["extensions"]["fields"]] == ["after"]
    again = await sqlite_api.ok(CASES, {"first": 2, "after": case_cursor}, WINDOW)
    assert again["cases"]["edges"][0]["node"]["id"] != default_page["edges"][-1]["node"]["id"]


async def test_first_keeps_its_bounds(sqlite_api):
    await seed_cases(3, enterprises=1)
    for query in (CASES, TICKETS):
        for first in (-1, 101):
            error = await sqlite_api.error(query, {"first": first}, WINDOW)
            assert [f["path"] for f in error["extensions"]["fields"]] == ["first"]
        empty = next(iter((await sqlite_api.ok(query, {"first": 0}, WINDOW)).values()))
        assert (empty["edges"], empty["pageInfo"]) == ([], {"hasNextPage": True, "endCursor": None})
    everything = (await sqlite_api.ok(CASES, {"first": 100}, WINDOW))["cases"]
    assert len(everything["edges"]) == everything["totalCount"] == 3
    assert everything["pageInfo"]["hasNextPage"] is False


async def test_a_case_timeline_pages_by_event_id(api):
    await seed_cases(2, enterprises=1)
    case = await Case.all().order_by("case_no").first()
    ids, after = [], None
    while True:
        variables = {"id": str(case.id), "first": 2, "after": after}
        events = (await api.ok(TIMELINE, variables, WINDOW))["case"]["events"]
        ids += [int(e["node"]["id"]) for e in events["edges"]]
        # An event's cursor is its id: the value caseEvents(after:) takes too.
        assert [e["cursor"] for e in events["edges"]] == [e["node"]["id"] for e in events["edges"]]
        if not events["pageInfo"]["hasNextPage"]:
            break
        after = events["pageInfo"]["endCursor"]
    assert len(ids) == events["totalCount"] > 2
    assert ids == sorted(ids)
    after_first = await api.ok(TIMELINE, {"id": str(case.id), "after": str(ids[0])}, WINDOW)
    assert [int(e["node"]["id"]) for e in after_first["case"]["events"]["edges"]] == ids[1:]
    bad = await api.error(TIMELINE, {"id": str(case.id), "after": "abc"}, WINDOW)
    assert [f["path"] for f in bad["extensions"]["fields"]] == ["after"]
    too_many = await api.error(TIMELINE, {"id": str(case.id), "first": 101}, WINDOW)
    assert [f["path"] for f in too_many["extensions"]["fields"]] == ["first"]

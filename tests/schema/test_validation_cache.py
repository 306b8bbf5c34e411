"""A document is validated once, then its result comes from the validation cache: the depth and
alias rules are built once, so the cache's key (schema, document, rules) repeats."""

from __future__ import annotations

import uuid

from strawberry.extensions.validation_cache import _get_validate_cache

from hub.resolvers.schema import VALIDATION_CACHE_SIZE


def validations():
    """The real LRU cache the hub's ValidationCache extension shares: a miss is one run of
    graphql-core's validation."""
    return _get_validate_cache(VALIDATION_CACHE_SIZE).cache_info()


def unique_query(body: str) -> str:
    # A query text no earlier test sent: its first request must validate it.
    return f"query Q{uuid.uuid4().hex} {body}"


async def test_a_repeated_query_is_validated_once(sqlite_api):
    query = unique_query('{ isWorkingDay(date: "2026-03-02") }')
    before = validations()
    for _ in range(5):
        assert await sqlite_api.ok(query) == {"isWorkingDay": True}
    after = validations()
    assert (after.misses - before.misses, after.hits - before.hits) == (1, 4)


def nested(depth: int) -> str:
    inner = "id"
    for _ in range(depth):
        inner = f"tickets {{ case {{ {inner} }} }}"
    return inner


async def test_the_cached_rules_still_refuse_too_deep_and_too_many_aliases(sqlite_api):
    too_deep = unique_query(f'{{ case(id: "{uuid.uuid4()}") {{ {nested(7)} }} }}')
    aliases = " ".join(f'a{i}: isWorkingDay(date: "2026-03-02")' for i in range(31))
    too_many_aliases = unique_query(f"{{ {aliases} }}")
    refusals = ((too_deep, "exceeds maximum operation depth"), (too_many_aliases, "aliases found"))
    for query, words in refusals:
        for _ in range(2):  # the second answer comes from the cache: still refused
            body = await sqlite_api.raw(query)
            assert body.get("data") is None and body.get("errors"), body
            assert words in body["errors"][0]["message"]

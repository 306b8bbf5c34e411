"""What a check derives from a query's text alone, worked out once per parsed document.

strawberry's ParserCache hands every request of the same text the same DocumentNode, so a
result keyed by that object (and the schema) is reused for as long as the parser keeps the
document. The key holds the objects themselves (compared by identity), so an id is never reused
while its entry lives."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from graphql import DocumentNode, GraphQLSchema

T = TypeVar("T")
CACHE_SIZE = 512


def per_document(
    derive: Callable[[GraphQLSchema, DocumentNode, str | None], T],
) -> Callable[[GraphQLSchema, DocumentNode, str | None], T]:
    cache: dict[tuple[int, int, str | None], tuple[GraphQLSchema, DocumentNode, T]] = {}

    @wraps(derive)
    def cached(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None) -> T:
        key = (id(schema), id(document), operation_name)
        entry = cache.get(key)
        if entry is not None and entry[0] is schema and entry[1] is document:
            return entry[2]
        value = derive(schema, document, operation_name)
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        cache[key] = (schema, document, value)
        return value

    return cached

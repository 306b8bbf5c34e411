"""What names a document: the sha256 of its text exactly as a client sends it (no trimming, no
normalising: one changed space is another document), and the operations it defines."""

from __future__ import annotations

import hashlib

from graphql import OperationDefinitionNode, parse


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def operation_names(text: str) -> list[str]:
    """The operations the document defines, in order (`(anonymous)` for one without a name);
    raises graphql's GraphQLError when it does not parse."""
    return [
        definition.name.value if definition.name else "(anonymous)"
        for definition in parse(text).definitions
        if isinstance(definition, OperationDefinitionNode)
    ]

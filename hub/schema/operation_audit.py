"""Every mutation is audited once, here (hub/audit/operations.py): action = the mutation's
name, the objects its arguments name (`caseId` → `Case:<id>`, a bare `id` → the type it
returns), who, from which address, and the outcome: OK or the error code the client gets."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Mapping

from graphql import GraphQLResolveInfo, get_named_type
from strawberry.extensions import SchemaExtension

from hub.audit import OperationAudit
from hub.schema.errors import exception_code

log = logging.getLogger(__name__)


def client_address(request: object) -> str | None:
    client = getattr(request, "client", None)
    return client.host if client else None


def _kind(argument: str, info: GraphQLResolveInfo) -> str | None:
    if argument == "id":
        return get_named_type(info.return_type).name
    for suffix in ("Ids", "Id"):
        if argument.endswith(suffix) and len(argument) > len(suffix):
            return argument[0].upper() + argument[1 : -len(suffix)]
    return "CalendarYear" if argument == "year" else None


def audited_objects(arguments: Mapping[str, object], info: GraphQLResolveInfo) -> dict[str, str]:
    """kind → id of every object an argument (or a field of an input object) names; of a list
    of ids, the first."""
    found: dict[str, str] = {}
    for name, value in arguments.items():
        if isinstance(value, Mapping):
            found |= {k: v for k, v in audited_objects(value, info).items() if k not in found}
            continue
        kind = _kind(name, info)
        if isinstance(value, list):
            value = value[0] if value else None
        if kind and value is not None and kind not in found:
            found[kind] = str(value)
    return found


def argument_names(arguments: Mapping[str, object], prefix: str = "") -> list[str]:
    """The arguments given (not null), by name only: their values may be personal data."""
    names: list[str] = []
    for name, value in arguments.items():
        if value is None:
            continue
        names.append(prefix + name)
        if isinstance(value, Mapping):
            names += argument_names(value, f"{prefix}{name}.")
    return sorted(names)


class OperationAuditing(SchemaExtension):
    def resolve(self, _next, root, info: GraphQLResolveInfo, *args, **kwargs):
        if info.parent_type is not info.schema.mutation_type:
            return _next(root, info, *args, **kwargs)
        return self._audited(_next, root, info, *args, **kwargs)

    async def _audited(self, _next, root, info: GraphQLResolveInfo, *args, **kwargs):
        context = info.context
        operation = OperationAudit(
            info.field_name,
            who=None if context.auth_error else context.principal_or_none,
            address=client_address(context.request),
            objects=audited_objects(kwargs, info),
            arguments=argument_names(kwargs),
        )
        with operation.running():
            try:
                result = _next(root, info, *args, **kwargs)
                if inspect.isawaitable(result):
                    result = await result
            except Exception as error:
                try:
                    await operation.finish(exception_code(error))
                except Exception:  # the client gets the operation's own error
                    log.exception("the audit entry of a failed %s was not written", info.field_name)
                raise
            await operation.finish("OK")
        return result

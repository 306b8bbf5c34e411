"""The per-request GraphQL context: who is calling, and the request's DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field

from strawberry.types import Info

from hub.auth.principal import Principal
from hub.auth.visibility import require_principal
from hub.errors import HubError
from hub.resolvers.loaders import Loaders


@dataclass
class HubContext:
    request: object = None
    response: object = None
    principal_or_none: Principal | None = None
    auth_error: HubError | None = None
    loaders: Loaders = field(default_factory=Loaders)

    @property
    def principal(self) -> Principal:
        """The caller; UNAUTHENTICATED for a missing or bad token (public fields never ask)."""
        if self.auth_error is not None:
            raise self.auth_error
        return require_principal(self.principal_or_none)


def principal_of(info: Info) -> Principal:
    return info.context.principal

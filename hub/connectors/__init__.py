"""Connectors to outside services: one small abstract base per capability (base.py), one module
per provider. `get_licence_provider()` is the licence provider HUB_LICENCE_PROVIDER names,
`get_approval_provider()` the approval system HUB_APPROVALS_PROVIDER names."""

from __future__ import annotations

from functools import cache

from hub.connectors.base import ApprovalProvider, LicenceProvider
from hub.settings import get_settings

LICENCE_PROVIDERS = ("simulated", "http")
APPROVAL_PROVIDERS = ("simulated", "http")


class UnknownProvider(ValueError):
    """A setting names a provider the hub does not have."""


@cache
def get_licence_provider() -> LicenceProvider:
    """The one licence provider of this process (`get_licence_provider.cache_clear()` in tests).

    simulated: the registry at HUB_LICENCE_REGISTRY, else the demo registry shipped here.
    http: HttpLicenceProvider.from_settings (HUB_LICENCE_HTTP_BASE_URL, ...)."""
    settings = get_settings()
    name = (settings.licence_provider or "").strip().lower()
    if name == "simulated":
        from hub.connectors.simulated import SimulatedLicenceProvider

        return SimulatedLicenceProvider(settings.licence_registry)
    if name == "http":
        from hub.connectors.http import HttpLicenceProvider

        return HttpLicenceProvider.from_settings(settings)
    raise UnknownProvider(
        f"HUB_LICENCE_PROVIDER={settings.licence_provider!r} is not a licence provider; "
        f"use one of: {', '.join(LICENCE_PROVIDERS)}"
    )


@cache
def get_approval_provider() -> ApprovalProvider:
    """The one approval-system provider of this process (`cache_clear()` in tests).

    simulated: the registry at HUB_APPROVALS_REGISTRY, else the demo registry shipped here.
    http: HttpApprovalProvider.from_settings (HUB_APPROVALS_HTTP_BASE_URL, ...)."""
    settings = get_settings()
    name = (settings.approvals_provider or "").strip().lower()
    if name == "simulated":
        from hub.connectors.simulated_approvals import SimulatedApprovalProvider

        return SimulatedApprovalProvider(settings.approvals_registry)
    if name == "http":
        from hub.connectors.approvals_http import HttpApprovalProvider

        return HttpApprovalProvider.from_settings(settings)
    raise UnknownProvider(
        f"HUB_APPROVALS_PROVIDER={settings.approvals_provider!r} is not an approval provider; "
        f"use one of: {', '.join(APPROVAL_PROVIDERS)}"
    )

import strawberry
from strawberry.types import Info

from hub.enums import LicenceKind
from hub.licences.service import pull_licences as pull
from hub.resolvers.context import principal_of
from hub.schema.materials import LicenceFailure, LicencePull, Material


async def pull_licences(
    info: Info, case_id: strawberry.ID, kinds: list[LicenceKind] | None = None
) -> LicencePull:
    """Fetches the electronic licences the checklist can take (all three kinds by default);
    each kind that cannot be pulled is a failure saying what to do instead."""
    principal = principal_of(info)
    materials, failures = await pull(principal=principal, case_id=case_id, kinds=kinds)
    return LicencePull(
        materials=[Material.from_model(m, principal) for m in materials],
        failures=[LicenceFailure(kind=f.kind, code=f.code, message=f.message) for f in failures],
    )

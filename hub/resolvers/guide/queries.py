from __future__ import annotations

import strawberry

from hub.guide.catalogue import merge_guide
from hub.schema.enums import Utility
from hub.schema.guide import Channel, GuideText, Requirement, ServiceGuide, TimeLimit
from hub.errors import BadUserInput


@strawberry.type
class GuideQueries:
    @strawberry.field(description="The merged service guide for any mix (no token needed).")
    def service_guide(self, utilities: list[Utility]) -> ServiceGuide:
        if not utilities:
            raise BadUserInput.one("utilities", "至少选择一项业务 (choose at least one utility)")
        guide = merge_guide(utilities)
        return ServiceGuide(
            utilities=sorted(set(utilities), key=list(Utility).index),
            requirements=[Requirement.from_entry(r) for r in guide.requirements],
            time_limits=[
                TimeLimit(step=t.step, working_days=t.working_days, owner=t.owner)
                for t in guide.time_limits
            ],
            channels=[Channel(kind=c.kind, value=c.value) for c in guide.channels],
            fees=[_text(f) for f in guide.fees],
            policies=[_text(p) for p in guide.policies],
            notes=[_text(n) for n in guide.notes],
            process=list(guide.process),
        )


def _text(entry) -> GuideText:
    return GuideText(
        title=entry.title,
        text=entry.text,
        utilities=[Utility(u) for u in getattr(entry, "utilities", ()) or ()],
    )

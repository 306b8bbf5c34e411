from __future__ import annotations

from typing import Annotated

import strawberry

from hub.errors import BadUserInput
from hub.guide.catalogue import merge_guide
from hub.schema.enums import Utility
from hub.schema.guide import (
    Channel,
    GuideItem,
    ProcessStep,
    Requirement,
    ServiceGuide,
    TimeLimit,
)


@strawberry.type
class GuideQueries:
    @strawberry.field(
        description="所选业务合并去重后的一次告知服务指南（无需令牌）：材料清单、时限、收费、政策和办理"
        "渠道。The service guide for any mix of utilities, merged and de-duplicated (no token "
        "needed): materials, time limits, fees, policies and channels. Errors: BAD_USER_INPUT."
    )
    def service_guide(
        self,
        utilities: Annotated[
            list[Utility],
            strawberry.argument(
                description="所选业务，至少一项；重复的只算一次。The utilities chosen, at least "
                "one; repeats count once."
            ),
        ],
    ) -> ServiceGuide:
        if not utilities:
            raise BadUserInput.one("utilities", "至少选择一项业务 (choose at least one utility)")
        guide = merge_guide(utilities)
        return ServiceGuide(
            utilities=[Utility(u) for u in guide.utilities],
            title=guide.title,
            application_form=guide.application_form,
            requirements=[Requirement.from_entry(r) for r in guide.requirements],
            time_limits=[
                TimeLimit(
                    step=t.step,
                    title=t.title,
                    working_days=t.working_days,
                    owner=t.owner,
                    owner_title=t.owner_title,
                    utilities=[Utility(u) for u in t.utilities],
                )
                for t in guide.time_limits
            ],
            channels=[Channel(kind=c.kind, title=c.title, value=c.value) for c in guide.channels],
            process=[
                ProcessStep(code=s.code, title=s.title, description=s.description)
                for s in guide.process
            ],
            fees=[_item(f) for f in guide.fees],
            policies=[_item(p) for p in guide.policies],
            notes=[_item(n) for n in guide.notes],
        )


def _item(entry) -> GuideItem:
    return GuideItem(
        code=entry.code,
        title=entry.title,
        description=entry.description,
        utilities=[Utility(u) for u in entry.utilities],
    )

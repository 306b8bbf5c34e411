"""What a fake construction-project approval system (工建系统) answers, by path: the demo
registry's approvals of the walkthrough project, an answer about the wrong project and one
with an incomplete entry. Served by fake_licence_service.RunningService(ANSWERS)."""

from __future__ import annotations

import json
from pathlib import Path

from hub.connectors.simulated_approvals import DEMO_APPROVALS

CODE = "2026-440203-47-01-000001"
DEMO = json.loads(Path(DEMO_APPROVALS).read_text(encoding="utf-8"))
ANSWERS = {
    f"/projects/{CODE}/approvals": {
        "approvals": [a for a in DEMO["approvals"] if a["project_code"] == CODE]
    },
    "/projects/2026-440203-47-01-000002/approvals": {  # an answer about another project
        "approvals": [dict(DEMO["approvals"][0], project_code=CODE)]
    },
    "/projects/2026-440203-47-01-000003/approvals": {"approvals": [{"kind": "PLANNING_PERMIT"}]},
}

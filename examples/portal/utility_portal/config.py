"""The portal's settings, from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Config:
    hub_url: str  # http://127.0.0.1:8000
    api_key: str  # sent as `Authorization: Bearer …`: an API key, or a `hub token` for now
    utility: str  # WATER, POWER or GAS: the utility the key belongs to
    state_dir: Path  # cursor and handled events; keep it across restarts
    webhook_secret: str | None  # whsec_…, shown once by registerWebhook; unset: no receiver
    webhook_host: str
    webhook_port: int

    @classmethod
    def from_environment(cls) -> Config:
        api_key = os.environ.get("PORTAL_API_KEY")
        if not api_key:
            raise SystemExit("请设置 PORTAL_API_KEY (set PORTAL_API_KEY to the portal's API key)")
        return cls(
            hub_url=os.environ.get("PORTAL_HUB_URL", "http://127.0.0.1:8000").rstrip("/"),
            api_key=api_key,
            utility=os.environ.get("PORTAL_UTILITY", "POWER"),
            state_dir=Path(os.environ.get("PORTAL_STATE_DIR", "portal-state")),
            webhook_secret=os.environ.get("PORTAL_WEBHOOK_SECRET") or None,
            webhook_host=os.environ.get("PORTAL_WEBHOOK_HOST", "127.0.0.1"),
            webhook_port=int(os.environ.get("PORTAL_WEBHOOK_PORT", "8010")),
        )

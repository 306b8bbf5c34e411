"""`python -m utility_portal` (from examples/portal/): the subscription and, with
PORTAL_WEBHOOK_SECRET, the webhook receiver, until interrupted."""

from __future__ import annotations

import asyncio
import sys

import uvicorn

from utility_portal.config import Config
from utility_portal.receiver import receiver_app
from utility_portal.state import PortalState
from utility_portal.stream import EventStream, PortalStopped


async def main() -> None:
    config = Config.from_environment()
    state = PortalState(config.state_dir)
    running = [asyncio.create_task(EventStream(config, state).run())]
    if config.webhook_secret:
        server = uvicorn.Server(
            uvicorn.Config(
                receiver_app(state, config.webhook_secret),
                host=config.webhook_host,
                port=config.webhook_port,
                log_level="warning",
            )
        )
        running.append(asyncio.create_task(server.serve()))  # stops on SIGINT / SIGTERM
    done, pending = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    for task in done:
        task.result()  # a PortalStopped ends the portal with its reason


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except PortalStopped as stopped:
        sys.exit(f"门户已停止 (portal stopped): {stopped}")
    except KeyboardInterrupt:
        pass

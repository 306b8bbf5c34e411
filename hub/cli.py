"""The `hub` command (API.md, "Command line")."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from hub.enums import Role, Utility

app = typer.Typer(help="水电气报装一次办 integration hub", no_args_is_help=True)


@app.callback()
def check_settings() -> None:
    """Every command refuses to start on a bad HUB_* setting (a short HUB_SECRET_KEY, say)."""
    from hub.settings import SettingsError, get_settings

    try:
        get_settings()
    except SettingsError as exc:
        for problem in str(exc).splitlines():
            typer.echo(f"配置有误 (bad setting) {problem}", err=True)
        raise typer.Exit(2) from None


@app.command("check-config")
def check_config() -> None:
    """Print every effective HUB_* setting, secrets hidden (a bad one stops before, exit 2)."""
    from hub.settings import get_settings

    for name, value in get_settings().effective_view().items():
        typer.echo(f"{name}={value}")


@app.command()
def serve(
    host: str = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
) -> None:
    """Run the API (migrates the embedded database first; scaled out, `hub migrate` does)."""
    import uvicorn

    from hub import db
    from hub.app import create_app
    from hub.settings import get_settings

    if not db.is_postgres():
        asyncio.run(db.migrate())
    # A WebSocket message is held to the same limit as a request body.
    max_bytes = get_settings().max_request_bytes
    uvicorn.run(create_app(), host=host, port=port, ws_max_size=max_bytes)


@app.command()
def migrate() -> None:
    """Apply database migrations."""
    from hub import db
    from hub.objectstore.base import ObjectStoreUnavailable

    asyncio.run(db.migrate())
    typer.echo("migrations applied")
    try:  # like `hub serve`; a store that is down now does not undo the migrations
        asyncio.run(_ensure_object_store())
    except ObjectStoreUnavailable as exc:
        typer.echo(f"对象存储暂不可用，存储桶未建 (bucket not ensured): {exc}", err=True)


@app.command()
def token(
    role: Annotated[Role, typer.Option(help="applicant, window, utility, liaison or admin")],
    org: Annotated[str | None, typer.Option(help="USCC, for applicants")] = None,
    utility: Annotated[Utility | None, typer.Option(help="WATER, POWER or GAS")] = None,
    unit: Annotated[str | None, typer.Option(help="member unit, for liaisons")] = None,
    name: Annotated[str | None, typer.Option(help="who the token is for")] = None,
    ttl: Annotated[int, typer.Option(help="lifetime in seconds")] = 3600,
) -> None:
    """Print a signed bearer token and nothing else."""
    from hub.auth.tokens import TokenRequestError, issue_token

    try:
        typer.echo(
            issue_token(role=role, org=org, utility=utility, unit=unit, name=name, ttl_seconds=ttl)
        )
    except TokenRequestError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc


@app.command("export-schema")
def export_schema() -> None:
    """Print the GraphQL SDL."""
    from hub.resolvers.schema import export_sdl

    typer.echo(export_sdl(), nl=False)


@app.command("seed-demo")
def seed_demo() -> None:
    """Load demo enterprises and cases (idempotent)."""
    from hub import db, wiring
    from hub.demo import seed
    from hub.jobs import inprocess
    from hub.objectstore.base import ObjectStoreUnavailable

    wiring.install()

    async def run() -> str:
        await db.migrate()
        await _ensure_object_store()  # the demo's notices are written to it
        await db.init()
        try:
            summary = await seed()
            await inprocess.drain(within=300)  # the demo cases' notices (without Redis)
            return summary
        finally:
            await db.close()

    try:
        typer.echo(asyncio.run(run()))
    except ObjectStoreUnavailable as exc:
        typer.echo(f"对象存储不可用 (object store unavailable): {exc}", err=True)
        raise typer.Exit(1) from None


async def _ensure_object_store() -> None:
    """The bucket exists afterwards (S3), as `hub serve` makes sure at start-up."""
    from hub.objectstore import get_object_store

    await get_object_store().ensure_ready()


@app.command()
def backup(
    destination: Annotated[Path, typer.Argument(help="a new or empty directory")],
) -> None:
    """Back up the embedded default, online: database, then objects, then the secret key."""
    from hub import backup as backups
    from hub.settings import get_settings

    try:
        copied = backups.backup(get_settings(), destination)
    except backups.BackupError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    typer.echo(f"backed up to {destination}: {copied}")


@app.command()
def restore(
    source: Annotated[Path, typer.Argument(help="a directory `hub backup` wrote")],
) -> None:
    """Restore a backup into an empty HUB_STORAGE_DIR (the hub stopped); never overwrites."""
    from hub import backup as backups
    from hub.settings import get_settings

    try:
        copied = backups.restore(get_settings(), source)
    except backups.BackupError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    typer.echo(f"restored from {source}: {copied}")


@app.command()
def worker() -> None:
    """Run the arq worker (needs HUB_REDIS_URL)."""
    import logging.config

    from arq import run_worker
    from arq.logs import default_log_config

    from hub.settings import get_settings
    from hub.worker import WorkerSettings

    if not get_settings().redis_url:
        typer.echo("hub worker needs HUB_REDIS_URL (without it jobs run in-process)", err=True)
        raise typer.Exit(2)
    logging.config.dictConfig(default_log_config(verbose=False))
    run_worker(WorkerSettings)  # type: ignore[arg-type]


@app.command("recompute-clocks")
def recompute_clocks() -> None:
    """Move the deadlines of every open SLA clock after a calendar correction."""
    from hub import db
    from hub.sla.clocks import recompute_open_clocks

    async def run() -> int:
        await db.init()
        try:
            return await recompute_open_clocks()
        finally:
            await db.close()

    typer.echo(f"{asyncio.run(run())} open clock(s) moved")


def main() -> None:
    app()


if __name__ == "__main__":
    main()

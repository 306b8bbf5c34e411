"""The `hub` command (API.md, "Command line")."""

from __future__ import annotations

import asyncio
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
        typer.echo(f"配置有误 (bad setting): {exc}", err=True)
        raise typer.Exit(2) from exc


def command_line_user():
    """Who runs a command, for the audit trail: the operating-system account."""
    import getpass

    from hub.auth.principal import Principal

    return Principal(role=Role.SYSTEM, name=f"cli:{getpass.getuser()}")


@app.command()
def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
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

    asyncio.run(db.migrate())
    typer.echo("migrations applied")


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

    wiring.install()

    async def run() -> str:
        await db.migrate()
        await db.init()
        try:
            summary = await seed()
            await inprocess.drain(within=300)  # the demo cases' notices (without Redis)
            return summary
        finally:
            await db.close()

    typer.echo(asyncio.run(run()))


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
    from hub.audit import audited_command
    from hub.sla.clocks import recompute_open_clocks

    async def run() -> int:
        await db.init()
        try:
            async with audited_command("recompute-clocks", who=command_line_user()):
                return await recompute_open_clocks()
        finally:
            await db.close()

    typer.echo(f"{asyncio.run(run())} open clock(s) moved")


audit_app = typer.Typer(help="审计日志 (the audit trail)", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def audit_verify() -> None:
    """Walk the audit hash chain; exit 1 naming the first entry altered or removed."""
    from hub import db
    from hub.audit.chain import verify

    async def run():
        await db.init()
        try:
            return await verify()
        finally:
            await db.close()

    result = asyncio.run(run())
    if not result.intact:
        typer.echo(f"审计链已损坏 (audit chain broken): {result.problem}", err=True)
        raise typer.Exit(1)
    typer.echo(
        f"审计链完整：已校验 {result.verified} 条 (audit chain intact: {result.verified} "
        f"entries verified; head seq {result.head_seq}, hash {result.head_hash})"
    )


def main() -> None:
    app()


if __name__ == "__main__":
    main()

"""The `hub` command (API.md, "Command line")."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path
from typing import Annotated

import typer

from hub.enums import Role, Unit, Utility

app = typer.Typer(help="水电气报装一次办 integration hub", no_args_is_help=True)


@app.callback()
def check_settings() -> None:
    """Every command refuses to start on a bad HUB_* setting (a short HUB_SECRET_KEY, say), and
    configures the process's logging (hub/logs/) once it has its settings."""
    from hub.logs import configure_logging
    from hub.settings import SettingsError, get_settings

    try:
        get_settings()
    except SettingsError as exc:
        for problem in str(exc).splitlines():
            typer.echo(f"配置有误 (bad setting) {problem}", err=True)
        raise typer.Exit(2) from None
    configure_logging()


@app.command("check-config")
def check_config() -> None:
    """Print every effective HUB_* setting, secrets hidden (a bad one stops before, exit 2)."""
    from hub.settings import get_settings

    for name, value in get_settings().effective_view().items():
        typer.echo(f"{name}={value}")


def command_line_user():
    """Who runs a command, for the audit trail: the operating-system account."""
    import getpass

    from hub.auth.principal import Principal

    return Principal(role=Role.SYSTEM, name=f"cli:{getpass.getuser()}")


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
    app = create_app()
    # The schema, models and modules loaded now live as long as the process: out of the
    # collector's sight, a full collection no longer walks them, which under load paused
    # requests for tens of milliseconds (p99 seven times p50) and took a seventh of the CPU.
    gc.collect()
    gc.freeze()
    # log_config=None: uvicorn's own lines, the access log included, go through hub/logs.
    uvicorn.run(app, host=host, port=port, ws_max_size=max_bytes, log_config=None)


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


@app.command()
def report(
    from_: Annotated[str, typer.Option("--from", help="首日 first day, YYYY-MM-DD (local)")],
    to: Annotated[str, typer.Option("--to", help="末日 last day, YYYY-MM-DD (included)")],
) -> None:
    """Print the supervisor's figures of a period as tables (as `figures(from, to)` shows an
    admin)."""
    from datetime import date

    from rich.console import Console

    from hub import db
    from hub.auth.principal import Principal
    from hub.errors import HubError
    from hub.figures.queries import figures_for
    from hub.figures.table import figure_tables

    try:
        first, last = date.fromisoformat(from_), date.fromisoformat(to)
    except ValueError as exc:
        typer.echo(f"日期须为 YYYY-MM-DD (dates must be YYYY-MM-DD): {exc}", err=True)
        raise typer.Exit(2) from exc

    async def run():
        await db.init()
        try:
            return await figures_for(
                principal=Principal(role=Role.ADMIN, name="hub report"), first=first, last=last
            )
        finally:
            await db.close()

    try:
        figures = asyncio.run(run())
    except HubError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    console = Console()
    for table in figure_tables(figures):
        console.print(table)


@app.command("seed-demo")
def seed_demo() -> None:
    """Load demo enterprises and cases (idempotent)."""
    from hub import db, wiring
    from hub.demo import seed
    from hub.errors import HubError
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
    except HubError as exc:  # HUB_DEMO_PASSWORD against the password policy
        typer.echo(exc.message, err=True)
        raise typer.Exit(2) from None


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
    from hub.settings import get_settings
    from hub.worker import run_until_stopped

    settings = get_settings()
    if not settings.redis_url:
        typer.echo("hub worker needs HUB_REDIS_URL (without it jobs run in-process)", err=True)
        raise typer.Exit(2)
    if settings.worker_metrics_port:
        _serve_worker_metrics(settings.worker_metrics_host, settings.worker_metrics_port)
    run_until_stopped()


def _serve_worker_metrics(host: str, port: int) -> None:
    """The worker's /metrics, on a thread that ends with the process."""
    from hub.metrics import serve_metrics

    try:
        serve_metrics(host, port)
    except OSError as exc:
        typer.echo(
            f"HUB_WORKER_METRICS_PORT: 无法在 {host}:{port} 提供指标 "
            f"(cannot serve metrics on {host}:{port}: {exc.strerror}; "
            "another worker on this host needs another port, or 0 for none)",
            err=True,
        )
        raise typer.Exit(2) from exc


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


operations = typer.Typer(
    help="登记的 GraphQL 操作 (registered operations: HUB_PERSISTED_ONLY=true runs only these)",
    no_args_is_help=True,
)
app.add_typer(operations, name="operations")


@operations.command("add")
def operations_add(
    files: Annotated[
        list[Path],
        typer.Argument(help=".graphql files, each one document", exists=True, dir_okay=False),
    ],
) -> None:
    """Register each file's document under the sha256 of its text (exactly as a client sends
    it); it must be valid against the schema. Prints the hash and the operations of each."""
    from hub.persisted_operations.operations_file import RejectedDocument, register_files
    from hub.resolvers.schema import schema

    try:
        lines = asyncio.run(register_files(files, schema._schema))
    except RejectedDocument as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    for line in lines:
        typer.echo(line)


@operations.command("list")
def operations_list() -> None:
    """Print the registered operations: hash, operation names, file, date."""
    from hub import db
    from hub.persisted_operations.registry import registered_operations

    async def run():
        if not db.is_postgres():
            await db.migrate()
        await db.init()
        try:
            return await registered_operations()
        finally:
            await db.close()

    for row in asyncio.run(run()):
        names = ",".join(row.operation_names)
        typer.echo(f"{row.sha256}  {names}  {row.source}  {row.registered_at.isoformat()}")


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


users = typer.Typer(
    help='用户 (people who sign in: API.md "Accounts and sign-in"); passwords from stdin',
    no_args_is_help=True,
)
app.add_typer(users, name="user")
CLI = "cli"  # the actor the audit trail names for these commands


def _read_password() -> str:
    """From standard input, never an argument (it would show in `ps` and the shell's history);
    without echo on a terminal."""
    import getpass
    import sys

    if sys.stdin.isatty():
        return getpass.getpass("密码 (password): ")
    return sys.stdin.readline().rstrip("\r\n")


def _run_with_database(work):
    from hub import db

    async def run():
        if not db.is_postgres():
            await db.migrate()
        await db.init()
        try:
            return await work()
        finally:
            await db.close()

    return asyncio.run(run())


def _audit(action: str, username: str, details: dict):
    from hub.audit import record_audit
    from hub.auth.principal import Principal

    who = Principal(role=Role.SYSTEM, name=CLI)
    return record_audit(who=who, action=action, case_id=None, subject=username, details=details)


def _refused(exc) -> None:
    from hub.errors import BadUserInput

    if isinstance(exc, BadUserInput):
        for problem in exc.extensions["fields"]:
            typer.echo(f"{problem['path']}: {problem['message']}", err=True)
    else:
        typer.echo(exc.message, err=True)
    raise typer.Exit(2) from None


@users.command("add")
def user_add(
    username: Annotated[str, typer.Option(help="3-64 letters, digits, . _ -")],
    role: Annotated[Role, typer.Option(help="applicant, window, utility, liaison or admin")],
    display_name: Annotated[str, typer.Option(help="the name shown")],
    utility: Annotated[
        Utility | None, typer.Option(help="WATER, POWER or GAS: utility staff")
    ] = None,
    unit: Annotated[
        Unit | None, typer.Option(help="SERVICE_CENTRE, WATER, POWER, GAS: liaisons")
    ] = None,
    uscc: Annotated[str | None, typer.Option(help="the enterprise's USCC: applicants")] = None,
) -> None:
    """Add a user; the password is read from standard input (policy: API.md)."""
    from hub.errors import HubError
    from hub.signin.administration import NewUser, add_user

    new = NewUser(username, display_name, role, _read_password(), utility, unit, uscc)

    async def work():
        user = await add_user(new, path="")
        await _audit("USER_ADDED", username, {"role": str(role)})
        return user

    try:
        user = _run_with_database(work)
    except HubError as exc:
        _refused(exc)
    typer.echo(f"用户已创建 (user added): {user.username} {user.id}")


@users.command("disable")
def user_disable(username: Annotated[str, typer.Argument(help="the user's username")]) -> None:
    """Disable a user: no more sign-ins, and every live session ends."""
    from hub.errors import HubError, NotFound
    from hub.models import User
    from hub.signin.administration import disable

    async def work():
        user = await User.filter(username=username).first()
        if user is None:
            raise NotFound(f"用户不存在 (no user {username})")
        await disable(user)
        await _audit("USER_DISABLED", username, {})

    try:
        _run_with_database(work)
    except HubError as exc:
        _refused(exc)
    typer.echo(f"用户已停用 (user disabled): {username}")


@users.command("set-password")
def user_set_password(username: Annotated[str, typer.Argument(help="the user's username")]) -> None:
    """Set a user's password from standard input; every live session of theirs ends."""
    from hub.accounts.passwords import check_policy
    from hub.errors import HubError, NotFound
    from hub.models import User
    from hub.signin.flow import set_password

    password = _read_password()

    async def work():
        check_policy(password)
        user = await User.filter(username=username).first()
        if user is None:
            raise NotFound(f"用户不存在 (no user {username})")
        await set_password(user.id, password)
        await _audit("USER_PASSWORD_SET", username, {})

    try:
        _run_with_database(work)
    except HubError as exc:
        _refused(exc)
    typer.echo(f"密码已设置，会话已结束 (password set, sessions ended): {username}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()

"""The soak itself: start the stack, register a webhook endpoint per utility, subscribe a portal
per utility, play the day's case scripts at a bounded concurrency while the faults strike at
seeded random points, let everything settle, then check and print."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import signal
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.scratch_database import ADMIN_URL, drop_database, recreate_database
from bench.soak import checks, figures
from bench.soak.checks import Verdict
from bench.soak.client import HubClient
from bench.soak.day import Script, run_script, token
from bench.soak.faults import KINDS, Fault, Injector
from bench.soak.portals import Portal
from bench.soak.stack import Stack, receivers
from hub import db
from tests.factories import UTILITIES

REGISTER = """mutation($input: RegisterWebhookInput!) {
  registerWebhook(input: $input) { endpoint { id } secret } }"""


@dataclass
class Options:
    cases: int = 60
    concurrency: int = 8
    seed: int | None = None
    outage_seconds: float = 30.0
    webhook_500_seconds: float = 20.0
    faults: tuple[str, ...] = KINDS
    job_timeout_seconds: float = 0.0  # HUB_JOB_TIMEOUT_SECONDS; 0: the hub's default
    settle_seconds: float = 600.0  # the most the workers get to finish after the day
    max_minutes: float = 0.0  # 0: no bound; else no case is started after this
    database: str = "hub_soak"
    admin_url: str = ADMIN_URL  # the PostgreSQL server's maintenance database
    keep: bool = False  # keep the database and the logs


@dataclass
class Outcome:
    verdict: Verdict
    stray_errors: list = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    seconds: float = 0.0
    settled: bool = False

    @property
    def passed(self) -> bool:
        return (
            self.settled
            and self.verdict.passed
            and not self.stray_errors
            and all(f.started and f.recovered is not None for f in self.faults)
        )


def say(outcome: Outcome, line: str = "") -> None:
    outcome.lines.append(line)
    print(line, flush=True)


async def soak(options: Options) -> Outcome:
    seed = options.seed if options.seed is not None else random.randrange(2**31)
    rng = random.Random(seed)
    run = f"{seed:x}"
    outcome = Outcome(Verdict())
    say(
        outcome,
        f"seed {seed}; {options.cases} cases, {options.concurrency} at once; faults: "
        f"{', '.join(options.faults)}; S3 outage {options.outage_seconds:g} s",
    )
    database_url = await recreate_database(options.database, options.admin_url)
    workdir = Path(tempfile.mkdtemp(prefix="hub-soak-"))
    (workdir / "logs").mkdir()
    (workdir / "storage").mkdir()
    say(outcome, f"logs in {workdir / 'logs'}")
    # The first Ctrl-C ends the day and the settling early, with the partial report; a second
    # one stops at once (the stack is still torn down and the database dropped).
    interrupted = asyncio.Event()
    loop = asyncio.get_running_loop()

    def on_sigint() -> None:
        if interrupted.is_set():
            loop.remove_signal_handler(signal.SIGINT)
            for task in asyncio.all_tasks(loop):
                task.cancel()
            return
        print("interrupted: ending the day, then the partial report", flush=True)
        interrupted.set()

    loop.add_signal_handler(signal.SIGINT, on_sigint)
    try:
        with receivers() as (receiver, sms, mailbox):
            stack = Stack(database_url, workdir / "logs", workdir / "storage")
            stack.receiver, stack.sms, stack.mailbox = receiver, sms, mailbox
            stack.job_timeout = options.job_timeout_seconds
            try:
                started = time.monotonic()
                # In this process: no interpreter to start and no hub to import for it.
                await db.migrate(database_url)
                migrated = time.monotonic() - started
                await asyncio.to_thread(stack.start, migrate=False)
                say(
                    outcome,
                    f"stack up in {time.monotonic() - started:.1f} s (migrations {migrated:.1f} s):"
                    " 2 API replicas, 2 workers",
                )
                await _day(stack, options, rng, run, outcome, interrupted)
            finally:
                await asyncio.to_thread(stack.stop)
    finally:
        if not options.keep:
            await drop_database(options.database, options.admin_url)
    return outcome


async def _day(
    stack: Stack,
    options: Options,
    rng: random.Random,
    run: str,
    outcome: Outcome,
    interrupted: asyncio.Event,
):
    client = HubClient(stack.api_urls)
    endpoints = {}
    for utility in UTILITIES:
        variables = {"input": {"utility": utility, "url": stack.receiver.url(utility)}}
        data = await client.call("registerWebhook", REGISTER, variables, token("admin"))
        stack.receiver.expect(utility, data["registerWebhook"]["secret"])
        endpoints[utility] = data["registerWebhook"]["endpoint"]["id"]
    stop_portals = asyncio.Event()
    portals = [Portal(u, stack.api_urls, random.Random(rng.random())) for u in UTILITIES]
    portal_tasks = [asyncio.create_task(p.run(stop_portals)) for p in portals]

    scripts = [Script.draw(number, rng) for number in range(options.cases)]
    faults = [Fault(kind, rng.uniform(0.1, 0.6)) for kind in options.faults]
    outcome.faults = faults
    injector = Injector(
        stack,
        outage_seconds=options.outage_seconds,
        webhook_500_seconds=options.webhook_500_seconds,
    )
    pending, played = list(scripts), []
    finished = 0
    origin = time.monotonic()
    closing = origin + options.max_minutes * 60 if options.max_minutes else float("inf")

    async def desk() -> None:
        nonlocal finished
        while pending and time.monotonic() < closing and not interrupted.is_set():
            played.append(pending.pop(0))
            await run_script(client, played[-1], run)
            finished += 1
            if finished % 100 == 0:
                elapsed = time.monotonic() - origin
                print(
                    f"  {finished} cases in {elapsed:.0f} s ({finished / elapsed:.2f}/s)",
                    flush=True,
                )

    async def strike(fault: Fault) -> None:
        while finished < fault.at_fraction * len(scripts):
            if time.monotonic() > origin + (closing - origin) * fault.at_fraction:
                break  # a bounded day: the same share of its time
            if interrupted.is_set():
                return
            await asyncio.sleep(0.1)
        # One fault at a time (their recoveries may overlap): two at once would blur both.
        async with one_at_a_time:
            injection = asyncio.create_task(injector.inject(fault))
            while not fault.ended and not injection.done():  # noqa: ASYNC110
                await asyncio.sleep(0.05)
        try:
            await injection
        except Exception as error:  # reported: a fault that could not be injected or measured
            fault.detail += f" (injector: {type(error).__name__}: {error})"

    one_at_a_time = asyncio.Lock()
    fault_tasks = [asyncio.create_task(strike(f)) for f in faults]
    await asyncio.gather(*(desk() for _ in range(options.concurrency)))
    day_seconds = time.monotonic() - origin
    if pending:
        why = "interrupted" if interrupted.is_set() else "the day's time was up"
        say(outcome, f"{why}: {len(played)} of {len(scripts)} cases played")
    await _until_either(asyncio.gather(*fault_tasks), interrupted)
    for task in fault_tasks:  # interrupted: the stack goes down anyway
        task.cancel()
    say(
        outcome,
        f"day played in {day_seconds:.1f} s"
        f" (faults recovered after {time.monotonic() - origin:.1f} s)",
    )

    await db.init(stack.database_url)
    try:
        expected: dict[str, list[int]] = {}
        settled = await _until_either(
            checks.settle(
                stack, portals, expected, options.settle_seconds, lambda line: say(outcome, line)
            ),
            interrupted,
        )
        outcome.settled = settled is not None
        stop_portals.set()
        for task in portal_tasks:
            with contextlib.suppress(Exception):
                await task
        await client.close()
        dsn = stack.database_url.replace("postgres://", "postgresql://", 1)
        if not outcome.settled:
            left = checks.pending_line(await checks.pending(dsn))
            say(outcome, f"NOT settled ({'interrupted' if interrupted.is_set() else 'time up'})")
            _figures(outcome, client, faults, origin, day_seconds, portals)
            say(outcome, f"pending: {left}")
            for line in checks.portal_gaps(portals, expected):
                say(outcome, line)
            say(outcome, "VERDICT: NONE (not settled: nothing can be called lost yet)")
            return
        say(outcome, f"settled in {settled:.1f} s")
        checking = time.monotonic()
        # `hub audit verify` is a process of its own: it runs beside the checks.
        audit_run = asyncio.create_task(asyncio.to_thread(stack.audit_verify))
        verdict = outcome.verdict
        await checks.check_cases(dsn, played, run, verdict)
        await checks.check_documents(dsn, verdict)
        checks.check_portals(portals, expected, verdict)
        for line in checks.portal_gaps(portals, expected):
            verdict.problem(line)
        await checks.check_webhooks(dsn, stack, expected, endpoints, verdict)
        await checks.check_notifications(dsn, stack, verdict)
        audit = await audit_run
    finally:
        await db.close()
    say(outcome, f"checked in {time.monotonic() - checking:.1f} s")
    verdict.checked["audit chain"] += 1
    if audit.returncode != 0:
        verdict.problem(
            f"hub audit verify: exit {audit.returncode}: {(audit.stdout + audit.stderr)[-400:]}"
        )
    _figures(outcome, client, faults, origin, day_seconds, portals)
    for line in figures.verdict_lines(verdict, outcome.stray_errors):
        say(outcome, line)


def _figures(outcome: Outcome, client, faults, origin: float, day_seconds: float, portals):
    reconnects = sum(p.connections for p in portals)
    say(outcome, f"portals: {reconnects} connections in all (reconnects resume from the cursor)")
    outcome.seconds = day_seconds
    outcome.stray_errors = figures.outside_windows(client.answers, faults)
    for line in figures.operation_table(client.answers, day_seconds):
        say(outcome, line)
    for line in figures.fault_table(faults, origin):
        say(outcome, line)


async def _until_either(work, interrupted: asyncio.Event):
    """`work`'s result, or None once `interrupted` is set first (`work` is then cancelled)."""
    task = asyncio.ensure_future(work)
    stop = asyncio.create_task(interrupted.wait())
    try:
        await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stop.cancel()
    if task.done():
        return task.result()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await task
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=Options.cases)
    parser.add_argument("--concurrency", type=int, default=Options.concurrency)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--outage-seconds", type=float, default=Options.outage_seconds)
    parser.add_argument("--webhook-500-seconds", type=float, default=Options.webhook_500_seconds)
    parser.add_argument("--faults", default=",".join(KINDS), help="comma-separated; '' for none")
    parser.add_argument(
        "--max-minutes", type=float, default=0.0, help="start no case after this (0: no bound)"
    )
    parser.add_argument(
        "--settle-minutes",
        type=float,
        default=Options.settle_seconds / 60,
        help="the most the workers get to finish after the day (then the partial report)",
    )
    parser.add_argument(
        "--job-timeout-seconds",
        type=float,
        default=0.0,
        help="HUB_JOB_TIMEOUT_SECONDS: a killed worker's jobs go to another 10 s after it",
    )
    parser.add_argument("--database", default=Options.database)
    parser.add_argument("--admin-url", default=ADMIN_URL, help="the server's postgres database")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args(argv)
    options = Options(
        cases=args.cases,
        concurrency=args.concurrency,
        seed=args.seed,
        outage_seconds=args.outage_seconds,
        webhook_500_seconds=args.webhook_500_seconds,
        faults=tuple(f for f in args.faults.split(",") if f),
        max_minutes=args.max_minutes,
        settle_seconds=args.settle_minutes * 60,
        job_timeout_seconds=args.job_timeout_seconds,
        database=args.database,
        admin_url=args.admin_url.replace("postgres://", "postgresql://", 1),
        keep=args.keep,
    )
    outcome = asyncio.run(soak(options))
    return 0 if outcome.passed else 1

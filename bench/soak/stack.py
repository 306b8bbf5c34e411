"""The scaled-out hub on this machine, as real processes the soak can kill and restart: a private
redis-server (restarting the machine's shared one would disturb others), moto's S3 server in
this process (stopped and started on the same port: its objects survive, as a real store's
would), two `hub serve` replicas and two `hub worker`s against a PostgreSQL database of the
soak's own, and what the hub sends to: a webhook receiver, an SMS gateway, an SMTP server."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from redis import Redis

from hub.settings import get_settings
from tests.notifications.servers import TOKEN as SMS_TOKEN
from tests.notifications.servers import Mailbox, SmsGateway, smtp_server
from tests.served import free_port
from tests.webhooks.receiver import Receiver, serving

ROOT = Path(__file__).resolve().parents[2]
MAIL_DOMAIN = "soak.test"
BUCKET = "hub-soak"
STARTUP_SECONDS = 180


class Process:
    """One command, restartable, its output in a log file of its own."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], logs: Path) -> None:
        self.name, self.command, self.env = name, command, env
        self.log_path = logs / f"{name}.log"
        self.popen: subprocess.Popen | None = None

    def start(self) -> None:
        log = self.log_path.open("ab")
        self.popen = subprocess.Popen(
            self.command, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks, as a crash or the OOM killer."""
        if self.popen and self.popen.poll() is None:
            self.popen.send_signal(signal.SIGKILL)
            self.popen.wait(10)

    def stop(self) -> None:
        if self.popen and self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None


class PrivateRedis(Process):
    def __init__(self, logs: Path) -> None:
        self.port = free_port()
        command = [shutil.which("redis-server") or "redis-server", "--port", str(self.port)]
        command += ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        super().__init__("redis", command, dict(os.environ), logs)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        super().start()
        client, deadline = Redis(port=self.port), time.monotonic() + 20
        while True:
            try:
                client.ping()
                return
            except Exception:
                if time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.05)


class S3Server:
    """moto's threaded server; stop() and start() keep its objects (they live in this
    process), as a real store keeps them across an outage."""

    def __init__(self) -> None:
        self.port = free_port()
        self.server = None

    def start(self) -> None:
        from moto.server import ThreadedMotoServer

        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # a line per request otherwise
        deadline = time.monotonic() + 20
        while True:  # the port may linger for a moment after a stop
            try:
                self.server = ThreadedMotoServer(
                    ip_address="127.0.0.1", port=self.port, verbose=False
                )
                self.server.start()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


@dataclass
class Stack:
    database_url: str
    logs: Path
    storage: Path
    redis: PrivateRedis = None  # type: ignore[assignment]
    s3: S3Server = field(default_factory=S3Server)
    apis: list[Process] = field(default_factory=list)
    api_urls: list[str] = field(default_factory=list)
    workers: list[Process] = field(default_factory=list)
    receiver: Receiver = None  # type: ignore[assignment]
    sms: SmsGateway = None  # type: ignore[assignment]
    mailbox: Mailbox = None  # type: ignore[assignment]
    job_timeout: float = 0.0  # HUB_JOB_TIMEOUT_SECONDS; 0: the hub's default

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("HUB_")}
        env.update(
            PYTHONPATH=str(ROOT),
            HUB_DATABASE_URL=self.database_url,
            HUB_REDIS_URL=self.redis.url,
            HUB_S3_ENDPOINT=f"127.0.0.1:{self.s3.port}",
            HUB_S3_ACCESS_KEY="soak",
            HUB_S3_SECRET_KEY="soak-secret",
            HUB_S3_BUCKET=BUCKET,
            HUB_S3_SECURE="false",
            HUB_SECRET_KEY=get_settings().effective_secret_key,
            HUB_STORAGE_DIR=str(self.storage),
            HUB_PDF="off",
            HUB_WEBHOOK_ALLOW_PRIVATE="true",
            HUB_WEBHOOK_RETRY_BASE_SECONDS="1",
            HUB_WEBHOOK_RETRY_CAP_SECONDS="5",
            HUB_WEBHOOK_MAX_ATTEMPTS="30",
            HUB_WEBHOOK_TIMEOUT_SECONDS="5",
            HUB_NOTIFY_RETRY_BASE_SECONDS="1",
            HUB_NOTIFY_RETRY_CAP_SECONDS="5",
            HUB_NOTIFY_MAX_ATTEMPTS="30",
            HUB_NOTIFY_TIMEOUT_SECONDS="5",
            HUB_JOB_RETRY_BASE_SECONDS="1",
            HUB_SMTP_URL=self.mailbox.url,
            HUB_MAIL_FROM=f"noreply@{MAIL_DOMAIN}",
            HUB_SMS_PROVIDER="http",
            HUB_SMS_HTTP_URL=self.sms.url,
            HUB_SMS_HTTP_TOKEN=SMS_TOKEN,
            HUB_RATE_LIMIT="1000000/minute",
            HUB_WORKER_METRICS_PORT="0",
            HUB_LOG_LEVEL="WARNING",
            HUB_LOG_FORMAT="json",
            HUB_DATABASE_STATEMENT_TIMEOUT_SECONDS="10",
            # With every other step's timeout, how long a killed worker's job waits for another
            # worker (hub/worker.py): 10 + 30 + 10 s, unless job_timeout says otherwise.
            HUB_PDF_TIMEOUT_SECONDS="10",
        )
        if self.job_timeout:
            env["HUB_JOB_TIMEOUT_SECONDS"] = f"{self.job_timeout:g}"
        env.update(extra)
        return env

    def hub(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "hub.cli", *args]

    def start(self, replicas: int = 2, workers: int = 2, *, migrate: bool = True) -> None:
        """`migrate=False`: the caller migrated the database already."""
        self.redis = PrivateRedis(self.logs)
        self.redis.start()
        self.s3.start()
        if migrate:
            subprocess.run(self.hub("migrate"), env=self.env(), cwd=ROOT, check=True, timeout=300)
        for number in range(replicas):
            port = free_port()
            url = f"http://127.0.0.1:{port}"
            command = self.hub("serve", "--port", str(port))
            self.apis.append(
                Process(f"api{number}", command, self.env(HUB_PUBLIC_URL=url), self.logs)
            )
            self.api_urls.append(url)
        profile = os.environ.get("SOAK_PROFILE_WORKERS")  # a directory: cProfile each worker
        for number in range(workers):
            command = self.hub("worker")
            if profile:
                command[1:1] = ["-m", "cProfile", "-o", f"{profile}/worker{number}.prof"]
            self.workers.append(Process(f"worker{number}", command, self.env(), self.logs))
        for process in (*self.apis, *self.workers):
            process.start()
        for number in range(replicas):
            self.wait_healthy(number)

    def wait_healthy(self, number: int, within: float = STARTUP_SECONDS) -> float:
        """Seconds until replica `number` answers /healthz."""
        started, url = time.monotonic(), self.api_urls[number]
        while True:
            if not self.apis[number].alive():
                raise RuntimeError(f"api{number} exited: see {self.apis[number].log_path}")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    return time.monotonic() - started
            if time.monotonic() - started > within:
                raise RuntimeError(f"api{number} did not answer /healthz within {within} s")
            time.sleep(0.1)

    def stop(self) -> None:
        processes = (*self.workers, *self.apis)
        for process in processes:  # all at once: each may take seconds to finish its work
            if process.alive():
                process.popen.terminate()
        for process in processes:
            process.stop()
        if self.redis is not None:
            self.redis.stop()
        self.s3.stop()

    def audit_verify(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.hub("audit", "verify"),
            env=self.env(),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )


@contextlib.contextmanager
def receivers():
    """(webhook receiver, SMS gateway, mailbox), each on a loopback port of its own."""
    with serving(Receiver()) as receiver, serving(SmsGateway()) as sms, smtp_server() as mail:
        yield receiver, sms, mail

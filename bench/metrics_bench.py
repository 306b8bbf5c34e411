"""What the metrics cost: the instrumentation on one GraphQL request (the operation's
histogram, the HTTP counter, the bounded operation name), and a scrape of `/metrics` with the
label sets at their bound (OPERATION_NAME_CAP names × a few codes), in-process and, with
--redis, the queue depth read from arq's queue in Redis.

Run: .venv/bin/python bench/metrics_bench.py [--calls 200000] [--redis redis://127.0.0.1:6379/14]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hub.metrics import (  # noqa: E402
    GRAPHQL_OPERATION_SECONDS,
    HTTP_RESPONSES,
    OPERATION_NAME_CAP,
    exposition,
    operation_label,
)

CODES = ("OK", "BAD_USER_INPUT", "NOT_FOUND")


def per_request_microseconds(calls: int) -> float:
    def one_request() -> None:
        GRAPHQL_OPERATION_SECONDS.labels(
            operation=operation_label("CaseOverview"), code="OK"
        ).observe(0.012)
        HTTP_RESPONSES.labels(route="/graphql", status="200").inc()

    return min(timeit.repeat(one_request, number=calls, repeat=5)) / calls * 1e6


def scrape_milliseconds(rounds: int = 20) -> tuple[float, int]:
    for number in range(OPERATION_NAME_CAP):
        for code in CODES:
            label = operation_label(f"Operation{number}")
            GRAPHQL_OPERATION_SECONDS.labels(operation=label, code=code).observe(0.01)
    times, size = [], 0
    for _ in range(rounds):
        started = time.perf_counter()
        body, _ = exposition()
        times.append((time.perf_counter() - started) * 1000)
        size = len(body)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--redis", help="read the queue depth from this Redis when scraped")
    args = parser.parse_args()
    if args.redis:
        os.environ["HUB_REDIS_URL"] = args.redis
    from hub import wiring  # the queue depth collector, as the API and the worker install it

    wiring.install()
    print(f"instrumentation per request: {per_request_microseconds(args.calls):.2f} µs")
    milliseconds, size = scrape_milliseconds()
    series = OPERATION_NAME_CAP * len(CODES)
    where = "Redis" if args.redis else "in-process"
    print(
        f"scrape with {series} operation series (queue depth {where}): "
        f"{milliseconds:.1f} ms median, {size / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    main()

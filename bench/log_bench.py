"""What one log line costs (issue 24, "Logs"): the time to format a record as the hub writes it
(a JSON line with the request id, scrubbed), against the same without the scrubber and against
the standard library's plain formatter.

Run:
    .venv/bin/python bench/log_bench.py [--lines 20000] [--rounds 5]

Formats three kinds of record in turn (uvicorn's access line, a GraphQL error line with fields,
a warning whose message holds a phone, an ID number and a signed address) and prints the
microseconds per line of each formatter, the best of `--rounds` (the machine is shared).
Nothing is written: the formatters' output is dropped.
"""

from __future__ import annotations

import argparse
import logging
import time

import structlog

from hub.logs.request_id import request_id_bound
from hub.logs.scrub import scrub_processor
from hub.logs.setup import FOREIGN_PRE_CHAIN, line_formatter


def records() -> list[logging.LogRecord]:
    access = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:50000", "POST", "/graphql", "1.1", 200),
        None,
    )
    error = logging.LogRecord("hub.graphql", logging.INFO, __file__, 1, "graphql error", (), None)
    error.__dict__.update(
        code="BAD_USER_INPUT", operation="-", path="createApplication", fields=["input.a"]
    )
    warning = logging.LogRecord(
        "hub.webhooks.delivery",
        logging.WARNING,
        __file__,
        1,
        "webhook POST to %s failed for %s (%s)",
        (
            "https://r.example/h?sig=abc&x=1",
            "440203199001011231",
            "13912345678",
        ),
        None,
    )
    return [access, error, warning]


def without_scrubber() -> logging.Formatter:
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=FOREIGN_PRE_CHAIN,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(ensure_ascii=False),
        ],
        pass_foreign_args=True,
    )


def microseconds_per_line(formatter: logging.Formatter, lines: int) -> float:
    kinds = records()
    with request_id_bound("0123456789abcdef0123456789abcdef"):
        started = time.perf_counter()
        for index in range(lines):
            formatter.format(kinds[index % len(kinds)])
        return (time.perf_counter() - started) / lines * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    assert scrub_processor in line_formatter(console=False).processors
    formatters = {
        "hub (JSON, scrubbed)": line_formatter(console=False),
        "JSON without the scrubber": without_scrubber(),
        "logging.Formatter, plain text": logging.Formatter("%(levelname)s %(name)s %(message)s"),
    }
    for name, formatter in formatters.items():
        microseconds_per_line(formatter, 1000)  # warm-up
        best = min(microseconds_per_line(formatter, options.lines) for _ in range(options.rounds))
        print(f"{name:32} {best:7.1f} µs per line")


if __name__ == "__main__":
    main()

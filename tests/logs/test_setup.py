"""One process's logging as hub/logs/setup.py configures it: JSON lines on stderr, or the
console format; the request id bound to the context on every line; traces scrubbed too."""

from __future__ import annotations

import io
import json
import logging

import pytest
import structlog

from hub.logs import configure_logging, request_id_bound
from hub.logs.setup import HANDLER_NAME, use_console
from tests.factories import AGENT_ID

PHONE = "13912345678"


@pytest.fixture
def configured():
    """`configured(log_format)`: the process's logging as `hub` sets it up, undone after."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    yield lambda log_format, level="INFO": configure_logging(log_format=log_format, level=level)
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    structlog.reset_defaults()


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_a_record_is_one_scrubbed_json_line_with_the_request_id(configured, capsys):
    configured("json")
    log = logging.getLogger("hub.test")
    with request_id_bound("r-1"):
        log.info("refused %s", PHONE, extra={"agent": AGENT_ID, "attempt": 2})
    log.info("after the request")
    first, second = json_lines(capsys.readouterr().err)
    assert first == {
        "timestamp": first["timestamp"],
        "level": "info",
        "logger": "hub.test",
        "event": "refused 139****5678",
        "request_id": "r-1",
        "agent": "440203********1231",
        "attempt": 2,
    }
    assert "request_id" not in second


def test_a_trace_stays_on_its_line_and_is_scrubbed(configured, capsys):
    configured("json")
    try:
        raise RuntimeError(f"cannot reach {PHONE} with Bearer abc.def")
    except RuntimeError:
        logging.getLogger("hub.test").exception("job failed")
    [line] = json_lines(capsys.readouterr().err)
    assert line["event"] == "job failed" and line["level"] == "error"
    assert "Traceback" in line["exception"] and "RuntimeError: cannot reach" in line["exception"]
    assert PHONE not in line["exception"] and "abc.def" not in line["exception"]


def test_structlogs_own_loggers_write_the_same_lines(configured, capsys):
    configured("json")
    with request_id_bound("r-2"):
        structlog.get_logger("hub.test").info("sent", phone=PHONE)
    [line] = json_lines(capsys.readouterr().err)
    assert (line["event"], line["request_id"], line["phone"]) == ("sent", "r-2", "139****5678")


def test_the_console_format_is_for_people(configured, capsys):
    configured("console")
    with request_id_bound("r-3"):
        logging.getLogger("hub.test").warning("queue unavailable", extra={"phone": PHONE})
    [line] = capsys.readouterr().err.splitlines()
    assert not line.startswith("{")
    assert "queue unavailable" in line and "request_id=r-3" in line and "warning" in line
    assert PHONE not in line and "\x1b[" not in line  # no colours when stderr is no terminal


def test_the_level_setting_filters(configured, capsys):
    configured("json", level="WARNING")
    logging.getLogger("hub.test").info("not shown")
    logging.getLogger("hub.test").warning("shown")
    assert [line["event"] for line in json_lines(capsys.readouterr().err)] == ["shown"]


def test_configuring_twice_keeps_one_handler_and_the_runners_own(configured):
    before = list(logging.getLogger().handlers)
    configured("json")
    configured("console")
    handlers = logging.getLogger().handlers
    assert [h.get_name() for h in handlers].count(HANDLER_NAME) == 1
    assert all(handler in handlers for handler in before)


def test_uvicorns_loggers_go_through_the_root_handler(configured):
    logging.getLogger("uvicorn.access").addHandler(logging.StreamHandler(io.StringIO()))
    logging.getLogger("uvicorn.access").propagate = False
    configured("json")
    access = logging.getLogger("uvicorn.access")
    assert access.handlers == [] and access.propagate


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("log_format", "tty", "console"),
    [
        ("auto", True, True),
        ("auto", False, False),
        ("json", True, False),
        ("console", False, True),
    ],
)
def test_auto_means_console_on_a_terminal_only(log_format, tty, console):
    assert use_console(log_format, _Stream(tty)) is console

"""Logging for one process (`hub serve`, `hub worker`, every command): one handler on the root
logger, on stderr, that writes every record (the hub's, uvicorn's, arq's, httpx's) as one JSON
object per line, or in a readable console format when stderr is a terminal
(HUB_LOG_FORMAT=json|console|auto, HUB_LOG_LEVEL). Each line carries the request id bound to its
context and is scrubbed (hub/logs/scrub.py) after its trace is rendered, so a trace is too."""

from __future__ import annotations

import logging
import sys
from typing import TextIO

import structlog
from structlog.typing import Processor

from hub.logs.access import access_fields
from hub.logs.scrub import scrub_processor
from hub.settings import get_settings

HANDLER_NAME = "hub"
#: Loggers that libraries give handlers of their own (uvicorn's default config does): they
#: propagate to the root handler instead, so that they are formatted and scrubbed too.
ROUTED_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "arq")
#: Fields that only repeat the message: uvicorn's coloured copy, the message's arguments, and
#: what another handler's formatter (a test runner's) left on the record.
_DROPPED_FIELDS = ("color_message", "positional_args", "message", "asctime")
#: The fields a person looks for first, in this order; the others follow.
_FIRST_FIELDS = ("timestamp", "level", "logger", "event", "request_id")


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time (as logging.lastResort does), so that a
    test runner swapping it for a while leaves no handler on a closed stream."""

    @property
    def stream(self) -> TextIO:  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def _drop_noise(_logger: object, _method: str, event_dict: dict) -> dict:
    for name in _DROPPED_FIELDS:
        event_dict.pop(name, None)
    if isinstance(event := event_dict.get("event"), str):
        event_dict["event"] = event.rstrip()  # uvicorn ends its error report with a newline
    return event_dict


def _first_fields_first(_logger: object, _method: str, event_dict: dict) -> dict:
    first = {name: event_dict.pop(name) for name in _FIRST_FIELDS if name in event_dict}
    return {**first, **event_dict}


SHARED_PROCESSORS: list[Processor] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]
#: For records of the standard library's `logging` (all of the hub's and its libraries').
FOREIGN_PRE_CHAIN: list[Processor] = [
    *SHARED_PROCESSORS,
    structlog.stdlib.ExtraAdder(),
    access_fields,
    _drop_noise,
]


def use_console(log_format: str, stream: TextIO) -> bool:
    if log_format == "auto":
        return stream.isatty()
    return log_format == "console"


def line_formatter(*, console: bool, colors: bool = False) -> logging.Formatter:
    renderer: Processor
    if console:
        renderer = structlog.dev.ConsoleRenderer(
            colors=colors, exception_formatter=structlog.dev.plain_traceback
        )
    else:
        renderer = structlog.processors.JSONRenderer(ensure_ascii=False)
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=FOREIGN_PRE_CHAIN,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            # The trace as text before scrubbing: values in it are scrubbed like the rest.
            structlog.processors.format_exc_info,
            scrub_processor,
            _first_fields_first,
            renderer,
        ],
        pass_foreign_args=True,  # access_fields reads uvicorn's
    )


def configure_logging(*, log_format: str | None = None, level: str | None = None) -> None:
    """Idempotent: a second call replaces the hub's handler, and leaves other handlers (a test
    runner's) where they are."""
    settings = get_settings()
    log_format = log_format or settings.log_format
    handler = _StderrHandler()
    handler.set_name(HANDLER_NAME)
    console = use_console(log_format, sys.stderr)
    handler.setFormatter(line_formatter(console=console, colors=console and sys.stderr.isatty()))

    root = logging.getLogger()
    for existing in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(level or settings.log_level)
    for name in ROUTED_LOGGERS:
        library_logger = logging.getLogger(name)
        library_logger.handlers.clear()
        library_logger.propagate = True
        library_logger.setLevel(logging.NOTSET)

    structlog.configure(
        processors=[
            *SHARED_PROCESSORS,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )

"""The messages' texts: data in templates.yaml (reviewed like the Word templates), rendered with
Jinja2 (HTML parts escaped, a missing parameter an error rather than a blank)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from jinja2 import Environment, StrictUndefined, Template

TEMPLATES_FILE = Path(__file__).with_name("templates.yaml")
#: Every template gets these (hub.notifications.service fills them from the case).
COMMON_PARAMS = frozenset({"case_no", "project_name"})
PARTS = ("sms", "subject", "text", "html")


@dataclass(frozen=True)
class Rendered:
    sms: str
    subject: str
    text: str
    html: str


@cache
def _catalogue() -> dict[str, dict]:
    return yaml.safe_load(TEMPLATES_FILE.read_text(encoding="utf-8"))


@cache
def _environment(escape: bool) -> Environment:
    return Environment(autoescape=escape, undefined=StrictUndefined, keep_trailing_newline=True)


def template_names() -> frozenset[str]:
    return frozenset(_catalogue())


def required_params(template: str) -> frozenset[str]:
    """The parameters a caller must give beside the common ones; KeyError for an unknown name."""
    return frozenset(_catalogue()[template].get("params") or ())


@cache
def _compiled(template: str, part: str) -> Template:
    return _environment(part == "html").from_string(_catalogue()[template][part])


def render(template: str, params: dict) -> Rendered:
    return Rendered(**{part: _compiled(template, part).render(params).strip() for part in PARTS})

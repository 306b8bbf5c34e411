"""Who reacts once a transaction that recorded case events commits. The events layer knows
none of them: `hub.wiring` registers them where the app and the worker are assembled (the
webhook dispatcher; later, notifications)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

Listener = Callable[[], Awaitable[None]]

_listeners: dict[str, Listener] = {}


def on_events_committed(name: str, listener: Listener) -> None:
    """Registers `listener` under `name` (registering a name again replaces it), to run once
    after each commit of a transaction that recorded events."""
    _listeners[name] = listener


def registered() -> dict[str, Listener]:
    return dict(_listeners)

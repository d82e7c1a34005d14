"""Which function handles which kind of run.

Apps register in their ``runs.py`` (imported from ``AppConfig.ready()``)::

    @run_kind("crops.advisory")
    def advisory(run): ...
"""

from __future__ import annotations

from collections.abc import Callable

Handler = Callable[["Run"], object]  # noqa: F821 (a core.runs.models.Run)

_HANDLERS: dict[str, Handler] = {}


class UnknownRunKind(LookupError):
    pass


def run_kind(name: str) -> Callable[[Handler], Handler]:
    """Register ``handler(run)`` for runs of kind ``name``."""

    def register(handler: Handler) -> Handler:
        existing = _HANDLERS.get(name)
        if existing is not None and existing is not handler:
            same = (existing.__module__, existing.__qualname__) == (
                handler.__module__,
                handler.__qualname__,
            )
            if not same:  # a module imported twice re-registers the same function
                raise ValueError(f"run kind {name!r} is already registered to {existing!r}")
        _HANDLERS[name] = handler
        return handler

    return register


def get_handler(name: str) -> Handler:
    try:
        return _HANDLERS[name]
    except KeyError:
        raise UnknownRunKind(name) from None


def registered_kinds() -> list[str]:
    return sorted(_HANDLERS)

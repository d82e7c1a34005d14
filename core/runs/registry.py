"""Which function handles which kind of run, and what runs when one finishes.

Apps register in their ``runs.py`` (imported from ``AppConfig.ready()``)::

    @run_kind("crops.advisory", title=gettext_lazy("Sell or hold advice"))
    def advisory(ctx: RunContext) -> Outcome: ...

``title`` is what the run page calls a run of that kind, in words its reader
uses (marked for translation); ``kind_title`` never shows the raw kind.

``on_finished(run)`` is called once a run of that kind has ended, however it
ended (succeeded, failed, cancelled, or reaped after its worker died), so an
app can bring its own row in line (a lesson turns failed with the run's reason).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:  # types only: the context module imports the models
    from core.runs.context import Outcome, RunContext

__all__ = [
    "JobKind",
    "UnknownRunKind",
    "run_kind",
    "get_kind",
    "kind_title",
    "registered_kinds",
]

Handler = Callable[["RunContext"], "Outcome"]  # result_of refuses anything else
Finished = Callable[..., None]  # (Run) -> None


@dataclass(frozen=True)
class JobKind:
    name: str
    handler: Handler
    on_finished: Finished | None = None
    title: object = ""  # str or a lazy translation


_KINDS: dict[str, JobKind] = {}


class UnknownRunKind(LookupError):
    pass


def _where(handler) -> str:
    code = getattr(handler, "__code__", None)
    place = f" ({code.co_filename}:{code.co_firstlineno})" if code else ""
    return f"{handler.__module__}.{handler.__qualname__}{place}"


def _same(a, b) -> bool:
    return a is b or (a.__module__, a.__qualname__) == (b.__module__, b.__qualname__)


def run_kind(
    name: str, *, on_finished: Finished | None = None, title: object = ""
) -> Callable[[Handler], Handler]:
    """Register ``handler(ctx)`` for runs of kind ``name``, called ``title`` on its page."""

    def register(handler: Handler) -> Handler:
        existing = _KINDS.get(name)
        # a module imported twice re-registers the same function
        if existing is not None and not _same(existing.handler, handler):
            raise ValueError(
                f"run kind {name!r} is registered twice: by {_where(existing.handler)} "
                f"and by {_where(handler)}"
            )
        _KINDS[name] = JobKind(name, handler, on_finished, title)
        return handler

    return register


def get_kind(name: str) -> JobKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise UnknownRunKind(name) from None


def kind_title(name: str) -> str:
    """What a run of kind ``name`` is called, in the current language; a kind
    registered without a title (or no longer registered) is simply a "Job"."""
    kind = _KINDS.get(name)
    return str(kind.title) if kind is not None and kind.title else _("Job")


def registered_kinds() -> list[str]:
    return sorted(_KINDS)

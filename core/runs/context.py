"""What a handler is given (a RunContext) and what it gives back (an Outcome)."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.runs.models import Run
from core.runs.recorder import RunRecorder
from core.steps.events import Steps

__all__ = ["RunContext", "Outcome", "result_of"]


@dataclass
class Outcome:
    """A handler's typed result: ``result`` is stored on the run as JSON and
    ``message`` is the line the run page shows under its title."""

    result: dict = field(default_factory=dict)
    message: str = ""


class RunContext(Steps):
    """One run as its handler sees it: its inputs and owner, and the step writer
    (a ``Steps`` on the run's recorder) that ``core.reasoning`` functions take.
    The row itself is ``ctx.run``; handlers read it, the engine writes it."""

    def __init__(self, run: Run, *, recorder: RunRecorder | None = None):
        self.run = run
        self.recorder = recorder or RunRecorder(run)
        super().__init__(self.recorder)

    @property
    def inputs(self) -> dict:
        return self.run.inputs or {}

    @property
    def user(self):
        return self.run.user

    def check_cancelled(self) -> None:
        """Raise ``Cancelled`` if someone asked to stop this run."""
        self.recorder.check_cancelled()


def result_of(value: object, handler: object = None) -> Outcome:
    """A handler's return value, which must be an Outcome: anything else (None
    included) is a programming error, found by the handler's tests, never a page."""
    if isinstance(value, Outcome):
        return value
    who = getattr(handler, "__qualname__", None) or "a run handler"
    raise TypeError(f"{who} returned {type(value).__name__}, not an Outcome")

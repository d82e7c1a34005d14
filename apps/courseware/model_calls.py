"""Asking the model to fill a draft, and giving way to code when it cannot.

``fill(prompt, schema, title)`` returns a validated draft or raises; the run
binds it to ``core.reasoning.structured.generate_structured``. When the model's
output fails twice, or the lesson's model time is spent, the part is written by
code instead (see ``code_fallbacks``), so the lesson still finishes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from pydantic import BaseModel

from core.steps import Cancelled

log = logging.getLogger(__name__)
Fill = Callable[[str, type[BaseModel], str], BaseModel]


class TimeBudgetSpent(Exception):
    """The lesson's time for model calls is spent; code writes the rest from the sources."""


def try_fill(fill: Fill, prompt: str, schema: type[BaseModel], title: str) -> BaseModel | None:
    """The model's draft, or None when code should write the part instead."""
    try:
        return fill(prompt, schema, title)
    except TimeBudgetSpent:
        return None
    except Cancelled:
        raise  # the teacher stopped the run: no code fallback
    except Exception as exc:  # the model's failure is recorded on the run; code takes over
        errors = getattr(exc, "errors", None) or []
        log.warning("courseware: %s fell back to code: %s %s", title, exc, errors[:3])
        return None

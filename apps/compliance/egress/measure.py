"""What every egress measurement returns: one quantity on one element."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Measure:
    """One measured quantity on one element, ready for a rule."""

    kind: str
    value: float | None  # metres (or m² for areas); None = could not be measured
    location: tuple[float, float]
    element: str
    handles: list[str] = field(default_factory=list)
    label: str = ""
    note: str = ""
    approximate: bool = False

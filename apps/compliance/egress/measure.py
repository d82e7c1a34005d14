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
    # The sentences of its note, as data (see ``finding_notes``).
    notes: list[dict] = field(default_factory=list)
    approximate: bool = False
    # Routes: the walk measured (plan coordinates, start to end) and what it reached.
    route: list[tuple[float, float]] = field(default_factory=list)
    reached: str = ""
    # No exit can be reached at all: a failure, though there is no distance to state.
    unreachable: bool = False
    # Doors: the other widths an engineer compares with the opening (metres).
    outline_m: float | None = None
    clear_m: float | None = None
    # Corridors: the required width the passage was measured against (metres).
    checked_at: float | None = None

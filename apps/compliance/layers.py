"""Which layer holds which kind of element, by configurable name patterns.

Offices name layers differently: AIA (``A-WALL``, ``A-DOOR``), ISO 13567 with
element codes, Chinese GB/T 18112 (``WALL``, ``墙``, ``门``), IFC class names
from converters (``IfcWallStandardCase``), or national words (``Wand``,
``Tür``, ``mur``, ``porte``). The defaults below cover these; an engineer can
extend them per check (``extra_patterns``) and geometry fills the gaps where
names say nothing (see ``plan.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CATEGORIES = ("wall", "door", "window", "stair", "space", "label", "column", "ignore")

# Order matters: the first category whose pattern matches wins ("IfcSpace-Label"
# is a label before it is a space; "door-frame" is a door before anything else).
DEFAULT_PATTERNS: dict[str, list[str]] = {
    "label": [r"label", r"text", r"anno", r"-iden", r"room.?(no|num|name)", r"文字", r"标注"],
    "door": [
        r"door",
        r"ifcdoor",
        r"t(ü|ue)r(e|en)?\b",
        r"^t(ü|ue)r",
        r"porte",
        r"puerta",
        r"porta",
        r"门",
        r"^a-?dr",
    ],
    "window": [
        r"window",
        r"ifcwindow",
        r"fenster",
        r"fen[eê]tre",
        r"ventana",
        r"glaz",
        r"窗",
        r"^a-?gl",
    ],
    "stair": [
        r"stair",
        r"ifcstair",
        r"treppe",
        r"escal",
        r"step",
        r"ramp",
        r"楼梯",
        r"台阶",
        r"^a-?flor-?strs",
    ],
    "space": [r"ifcspace", r"space", r"room", r"area", r"raum", r"zone", r"房间", r"^a-?area"],
    "column": [r"column", r"ifccolumn", r"st(ü|ue)tze", r"pillar", r"poteau", r"柱", r"^s-?col"],
    "wall": [
        r"wall",
        r"ifcwall",
        r"wand",
        r"w(ä|ae)nde",
        r"\bmur",
        r"muro",
        r"pared",
        r"墙",
        r"^a-?wall",
        r"partition",
        r"railing",
        r"ifcmember",
        r"ifcplate",
        r"ifccurtain",
    ],
    "ignore": [
        r"dim",
        r"hatch",
        r"grid",
        r"axis",
        r"achse",
        r"轴",
        r"title",
        r"border",
        r"furn",
        r"equip",
        r"defpoints",
    ],
}


@dataclass
class LayerPatterns:
    """Regex lists per category, matched case-insensitively against layer names."""

    patterns: dict[str, list[str]] = field(default_factory=lambda: dict(DEFAULT_PATTERNS))

    @classmethod
    def with_extra(cls, extra: dict[str, list[str]] | None) -> LayerPatterns:
        merged = {k: list(v) for k, v in DEFAULT_PATTERNS.items()}
        for category, pats in (extra or {}).items():
            if category not in CATEGORIES:
                raise ValueError(f"unknown element category {category!r}")
            # Engineer-given patterns come first so they override the defaults.
            merged[category] = list(pats) + merged.get(category, [])
        return cls(merged)

    def __post_init__(self) -> None:
        self._compiled = {
            cat: [re.compile(p, re.IGNORECASE) for p in self.patterns.get(cat, [])]
            for cat in CATEGORIES
        }
        self._cache: dict[str, str | None] = {}

    def classify(self, layer: str) -> str | None:
        """The category of a layer name, or None when no pattern says anything."""
        if layer in self._cache:
            return self._cache[layer]
        found = None
        for cat in ("label", "door", "window", "stair", "column", "space", "wall", "ignore"):
            if any(rx.search(layer) for rx in self._compiled[cat]):
                found = cat
                break
        self._cache[layer] = found
        return found

"""One plan model per storey, whatever the input: walls, doors, stairs, spaces, regions.

Elements come from layer categories (``layers.py``) first and from geometry
where layer names say nothing: door swing arcs and door blocks (``doors.py``),
closed outlines with a room label inside, free space enclosed by walls
(``regions.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shapely.geometry import Polygon
from shapely.ops import unary_union

from apps.compliance import reading_messages as m
from apps.compliance.door_openings import measure_openings
from apps.compliance.doors import Door, find_doors, number_doors, orient_doors_along_walls
from apps.compliance.dxf_reader import RawDrawing, RawEntity
from apps.compliance.errors import DrawingError
from apps.compliance.geometry import as_area
from apps.compliance.regions import Region, Space, find_regions, find_spaces
from apps.compliance.stairs import Stair, find_stairs


@dataclass
class Plan:
    storey: str
    source: str
    doors: list[Door]
    stairs: list[Stair]
    spaces: list[Space]
    regions: list[Region]
    walls: object  # shapely geometry of every obstacle (walls, windows, columns)
    outline: Polygon
    offset: tuple[float, float] = (0.0, 0.0)
    warnings: list[str] = field(default_factory=list)
    unit_name: str = "metres"
    counts: dict[str, int] = field(default_factory=dict)

    def to_drawing(self, xy: tuple[float, float]) -> tuple[float, float]:
        """Internal (shifted) coordinates back to the drawing's own, in metres."""
        return (round(xy[0] + self.offset[0], 3), round(xy[1] + self.offset[1], 3))

    @property
    def is_empty(self) -> bool:
        return not (self.doors or self.stairs or self.regions)


def build_plan(raw: RawDrawing, *, storey: str = "") -> Plan:
    """Turn a read drawing into elements; raise DrawingError when nothing usable is there."""
    warnings = list(raw.warnings)
    by_cat: dict[str | None, list[RawEntity]] = {}
    for e in raw.entities:
        by_cat.setdefault(e.category, []).append(e)
    walls_raw = by_cat.get("wall", []) + by_cat.get("column", []) + by_cat.get("window", [])
    unknown = [e for e in by_cat.get(None, []) if e.dxftype != "TEXT"]
    if not by_cat.get("wall") and unknown:
        layers = ", ".join(sorted({e.layer for e in unknown})[:6])
        warnings.append(m.WALLS_GUESSED % {"layers": layers})
        walls_raw += [e for e in unknown if e.radius == 0.0]
    doors = find_doors(by_cat.get("door", []), unknown if not by_cat.get("door") else [])
    if not by_cat.get("wall") and not unknown:
        warnings.append(m.NO_WALLS)
    stairs = find_stairs(by_cat.get("stair", []))
    labels = [e for e in raw.entities if e.category == "label" or e.dxftype in ("TEXT", "MTEXT")]
    spaces = find_spaces(by_cat.get("space", []), labels)
    wall_geom = unary_union([as_area(e.geometry) for e in walls_raw]) if walls_raw else Polygon()
    everything = [e.geometry for e in raw.entities if e.category != "label"]
    if not everything:
        raise DrawingError(m.ONLY_TEXT % {"name": raw.name})
    outline = unary_union([g.envelope for g in everything]).envelope
    orient_doors_along_walls(doors, wall_geom)
    wall_lines = unary_union([e.geometry for e in walls_raw if e.geometry.geom_type != "Polygon"])
    doors = number_doors(measure_openings(doors, wall_geom, wall_lines))
    regions = find_regions(wall_geom, doors, outline, spaces, labels)
    counts = {
        "walls": len(by_cat.get("wall", [])),
        "doors": len(doors),
        "stairs": len(stairs),
        "spaces": len(spaces),
        "regions": len(regions),
        "corridors": sum(r.is_corridor for r in regions),
    }
    return Plan(
        storey=storey or raw.name,
        source=raw.name,
        doors=doors,
        stairs=stairs,
        spaces=spaces,
        regions=regions,
        walls=wall_geom,
        outline=outline,
        offset=raw.offset,
        warnings=warnings,
        unit_name=raw.unit_name,
        counts=counts,
    )

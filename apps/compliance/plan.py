"""One plan model per storey, whatever the input: walls, doors, stairs, spaces, regions.

Elements come from layer categories (``layers.py``) first and from geometry
where layer names say nothing: door swing arcs and door blocks, closed outlines
with a room label inside, free space enclosed by walls.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from shapely.geometry import Point, Polygon
from shapely.ops import unary_union

from apps.compliance.dxf_reader import RawDrawing, RawEntity
from apps.compliance.errors import DrawingError
from apps.compliance.geometry import (
    OrientedBox,
    as_area,
    cluster_geometries,
    inside_point,
    oriented_box,
    polygons_of,
)
from apps.compliance.stairs import Stair, find_stairs

DOOR_MIN_M, DOOR_MAX_M = 0.4, 4.0
ROOM_MIN_AREA_M2 = 0.8
CORRIDOR_NAME = re.compile(
    r"corridor|hall|flur|gang|korridor|couloir|pasillo|corredor|lobby|foyer|circulation|"
    r"passage|走廊|过道|通道|门厅",
    re.IGNORECASE,
)
AREA_TEXT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(m2|m²|sqm|㎡|平方米)\s*$", re.IGNORECASE)


@dataclass
class Door:
    id: str
    handles: list[str]
    box: OrientedBox
    width_m: float  # the frame opening along the wall
    source: str  # "layer" | "block" | "swing"
    regions: list[int] = field(default_factory=list)  # region ids it joins (-1 = outside)
    # Swing doors: (hinge, arc end 1, arc end 2, radius) per leaf, and the open leaves' tips.
    swings: list[tuple] = field(default_factory=list)
    leaf_tips: list[tuple[float, float]] = field(default_factory=list)

    @property
    def location(self) -> tuple[float, float]:
        return self.box.center

    @property
    def plug(self) -> Polygon:
        return self.box.polygon()

    @property
    def is_exterior(self) -> bool:
        return -1 in self.regions


@dataclass
class Space:
    id: str
    polygon: Polygon
    name: str = ""
    stated_area_m2: float | None = None
    handle: str = ""


@dataclass
class Region:
    """A piece of floor enclosed by walls, windows and closed doors."""

    id: int
    polygon: Polygon
    name: str = ""
    is_corridor: bool = False
    space_id: str = ""

    @property
    def area(self) -> float:
        return self.polygon.area


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
        warnings.append(
            "No layer name says 'wall'; linework on unrecognised layers "
            f"({', '.join(sorted({e.layer for e in unknown})[:6])}) was treated as walls."
        )
        walls_raw += [e for e in unknown if e.radius == 0.0]
    doors = _doors(by_cat.get("door", []), unknown if not by_cat.get("door") else [])
    if not by_cat.get("wall") and not unknown:
        warnings.append(
            "The drawing has no walls: rooms, corridors and egress could not be traced."
        )
    stairs = find_stairs(by_cat.get("stair", []))
    labels = [e for e in raw.entities if e.category == "label" or e.dxftype in ("TEXT", "MTEXT")]
    spaces = _spaces(by_cat.get("space", []), labels)
    wall_geom = unary_union([as_area(e.geometry) for e in walls_raw]) if walls_raw else Polygon()
    everything = [e.geometry for e in raw.entities if e.category != "label"]
    if not everything:
        raise DrawingError(f"{raw.name} has only text in it; there is nothing to measure.")
    outline = unary_union([g.envelope for g in everything]).envelope
    _orient_doors_along_walls(doors, wall_geom)
    regions = _regions(wall_geom, doors, outline, spaces, labels)
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


def _doors(door_entities: list[RawEntity], unknown: list[RawEntity]) -> list[Door]:
    doors: list[Door] = []
    geoms = [e.geometry for e in door_entities]
    clusters = [[door_entities[i] for i in m] for m in cluster_geometries(geoms, gap=0.03)]
    clusters = _absorb_fragments(clusters)
    for n, ents in enumerate(clusters):
        arcs = [e for e in ents if e.radius > 0 and e.dxftype == "ARC"]
        box = oriented_box(unary_union([e.geometry for e in ents]))
        if arcs:
            # A swing arc's radius is the leaf width; two arcs make a double door.
            width = sum(sorted(a.radius for a in arcs)[-2:]) if len(arcs) > 1 else arcs[0].radius
            source = "swing"
        else:
            width = box.length
            source = "block" if any(e.block for e in ents) else "layer"
        if not (DOOR_MIN_M <= width <= DOOR_MAX_M):
            continue
        if arcs:
            box = OrientedBox(box.cx, box.cy, width, min(box.width, 0.3), box.ux, box.uy)
        doors.append(
            Door(
                id=f"D{n + 1}",
                handles=sorted({e.handle for e in ents}),
                box=box,
                width_m=round(width, 4),
                source=source,
                swings=[_swing(a) for a in arcs if a.center is not None],
                leaf_tips=_leaf_tips(ents, arcs),
            )
        )
    # Unlayered drawings: a quarter-circle arc with a door-sized radius is a door swing.
    for e in unknown:
        if e.dxftype == "ARC" and 0.6 <= e.radius <= 1.3:
            box = oriented_box(e.geometry)
            doors.append(
                Door(
                    id=f"D{len(doors) + 1}",
                    handles=[e.handle],
                    box=OrientedBox(box.cx, box.cy, e.radius, 0.2, box.ux, box.uy),
                    width_m=round(e.radius, 4),
                    source="swing",
                    swings=[_swing(e)] if e.center is not None else [],
                )
            )
    for i, d in enumerate(sorted(doors, key=lambda d: (round(d.box.cy, 1), d.box.cx))):
        d.id = f"D{i + 1}"
    return sorted(doors, key=lambda d: int(d.id[1:]))


def _swing(arc: RawEntity) -> tuple:
    coords = list(arc.geometry.coords)
    return (arc.center, coords[0], coords[-1], arc.radius)


def _leaf_tips(ents: list[RawEntity], arcs: list[RawEntity]) -> list[tuple[float, float]]:
    """Far ends of straight leaf lines drawn from a hinge (the door drawn open)."""
    tips = []
    for a in arcs:
        if a.center is None:
            continue
        for e in ents:
            if e.radius or e.geometry.geom_type != "LineString":
                continue
            ends = [e.geometry.coords[0], e.geometry.coords[-1]]
            for near, far in (ends, ends[::-1]):
                if (
                    math.dist(near, a.center) < 0.05
                    and abs(math.dist(far, a.center) - a.radius) < 0.05
                ):
                    tips.append(tuple(far))
    return tips


def _closed_end_score(end, door: Door, wall_geom) -> float:
    """Lower for the arc end where the closed leaf meets the wall."""
    if door.leaf_tips:
        return -min(math.dist(end, t) for t in door.leaf_tips)
    return Point(end).distance(wall_geom) if not wall_geom.is_empty else 0.0


def _place_swing_doors(doors: list[Door], wall_geom) -> None:
    """A swing door's opening runs from its hinge to the arc end that meets the wall
    (not the open leaf's tip); double doors run hinge to hinge."""
    for d in doors:
        if not d.swings:
            continue
        if len(d.swings) >= 2:
            (h1, *_), (h2, *_) = d.swings[:2]
            a, b = h1, h2
        else:
            hinge, e1, e2, _ = d.swings[0]

            a, b = hinge, min((e1, e2), key=lambda end: _closed_end_score(end, d, wall_geom))
        length = math.dist(a, b)
        if not (DOOR_MIN_M <= length <= DOOR_MAX_M):
            continue
        ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
        if ux < -1e-9 or (abs(ux) <= 1e-9 and uy < 0):
            ux, uy = -ux, -uy
        # Thick enough to close the gap whichever wall face the hinge sits on.
        d.box = OrientedBox((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, length, 0.6, ux, uy)
        d.width_m = round(length, 4)


def _orient_doors_along_walls(doors: list[Door], wall_geom) -> None:
    """In a thick wall a narrow door's outline can be deeper than wide: the opening runs
    along the wall, so the axis is the one whose two ends touch wall."""
    _place_swing_doors(doors, wall_geom)
    if wall_geom.is_empty:
        return
    for d in doors:
        b = d.box
        if d.swings or b.width < 0.1:
            continue
        ends_u = _end_contact(b.cx, b.cy, b.ux, b.uy, b.length, b.width, wall_geom)
        ends_v = _end_contact(b.cx, b.cy, -b.uy, b.ux, b.width, b.length, wall_geom)
        if ends_v > ends_u + 0.05 and b.width >= DOOR_MIN_M:
            d.box = OrientedBox(b.cx, b.cy, b.width, b.length, -b.uy, b.ux)
            if d.box.ux < 0:
                d.box = OrientedBox(b.cx, b.cy, b.width, b.length, b.uy, -b.ux)
            d.width_m = round(b.width, 4)


def _end_contact(cx, cy, ux, uy, length, depth, wall_geom) -> float:
    """Length of wall touching the two end faces of a box along (ux, uy)."""
    from shapely.geometry import LineString

    total = 0.0
    for sign in (-1, 1):
        ex, ey = cx + sign * ux * length / 2, cy + sign * uy * length / 2
        face = LineString(
            [(ex - uy * depth / 2, ey + ux * depth / 2), (ex + uy * depth / 2, ey - ux * depth / 2)]
        )
        total += face.intersection(wall_geom.buffer(0.03)).length
    return total


def _absorb_fragments(clusters: list[list[RawEntity]]) -> list[list[RawEntity]]:
    """Frame pieces drawn apart from their leaf join the nearest door within 0.4 m."""

    def size(ents):
        return oriented_box(unary_union([e.geometry for e in ents])).length

    big = [c for c in clusters if size(c) >= DOOR_MIN_M]
    small = [c for c in clusters if size(c) < DOOR_MIN_M]
    if not big:
        return clusters
    shapes = [unary_union([e.geometry for e in c]).convex_hull for c in big]
    for frag in small:
        g = unary_union([e.geometry for e in frag])
        dists = [g.distance(s) for s in shapes]
        best = min(range(len(big)), key=dists.__getitem__)
        if dists[best] <= 0.4:
            big[best] = big[best] + frag
    return big


def _spaces(space_entities: list[RawEntity], labels: list[RawEntity]) -> list[Space]:
    spaces = []
    for e in space_entities:
        if e.geometry.geom_type != "Polygon" or e.geometry.area < ROOM_MIN_AREA_M2:
            continue
        name, area = _label_for(e.geometry, labels)
        spaces.append(
            Space(
                id=f"S{len(spaces) + 1}",
                polygon=e.geometry,
                name=name,
                stated_area_m2=area,
                handle=e.handle,
            )
        )
    return spaces


def _label_for(poly: Polygon, labels: list[RawEntity]) -> tuple[str, float | None]:
    inside = [t for t in labels if t.text and poly.contains(t.geometry)]
    area = None
    names = []
    for t in sorted(inside, key=lambda t: -t.text_height):
        m = AREA_TEXT.match(t.text)
        if m:
            area = float(m.group(1).replace(",", "."))
        else:
            names.append(t.text)
    return (" / ".join(names[:2]), area)


def _regions(
    wall_geom, doors: list[Door], outline: Polygon, spaces: list[Space], labels: list[RawEntity]
) -> list[Region]:
    if wall_geom.is_empty:
        # No walls: the drawn spaces are the only rooms we know.
        return [
            Region(i, s.polygon, s.name, bool(CORRIDOR_NAME.search(s.name)), s.id)
            for i, s in enumerate(spaces)
        ]
    frame = outline.buffer(2.0, join_style="mitre")
    closed = unary_union([wall_geom.buffer(0.02)] + [d.plug.buffer(0.02) for d in doors])
    free = frame.difference(closed)
    pieces = polygons_of(free)
    boundary = frame.exterior
    regions: list[Region] = []
    for poly in sorted(pieces, key=lambda p: -p.area):
        if poly.area < ROOM_MIN_AREA_M2 or poly.distance(boundary) < 1e-6:
            continue
        regions.append(Region(len(regions), poly))
    for r in regions:
        inside = [
            s for s in spaces if s.polygon.intersection(r.polygon).area > 0.5 * s.polygon.area
        ]
        inside.sort(key=lambda s: -s.polygon.intersection(r.polygon).area)
        if inside:
            r.name = " + ".join(s.name for s in inside)
            r.space_id = ",".join(s.id for s in inside)
        else:
            r.name, _ = _label_for(r.polygon, labels)
        r.is_corridor = _looks_like_corridor(r, doors)
    for d in doors:
        plug = d.plug.buffer(0.08)
        d.regions = [r.id for r in regions if r.polygon.intersects(plug)]
        if (
            len(d.regions) < 2
            and plug.intersects(free)
            and any(p.distance(boundary) < 1e-6 and p.intersects(plug) for p in pieces)
        ):
            d.regions.append(-1)
    return regions


def _looks_like_corridor(region: Region, doors: list[Door]) -> bool:
    if region.name and CORRIDOR_NAME.search(region.name):
        return True
    box = oriented_box(region.polygon)
    mean_width = region.area / max(box.length, 1e-6)
    touching = sum(1 for d in doors if region.polygon.distance(d.plug) < 0.1)
    return box.length / max(mean_width, 1e-6) >= 3.0 and mean_width <= 3.5 and touching >= 2


def region_at(plan: Plan, xy: tuple[float, float]) -> Region | None:
    p = Point(xy)
    for r in plan.regions:
        if r.polygon.contains(p):
            return r
    return min(plan.regions, key=lambda r: r.polygon.distance(p), default=None)


def region_point(region: Region) -> tuple[float, float]:
    p = inside_point(region.polygon)
    return (p.x, p.y)


def door_direction(door: Door) -> tuple[float, float]:
    return (door.box.ux, door.box.uy)


def distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.dist(a, b)

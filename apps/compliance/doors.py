"""Doors on a plan: door-layer linework, door blocks and swing arcs, each turned into
an opening of known width along its wall.

A swing arc's radius is the leaf width; frame pieces drawn apart from their leaf
join the nearest door. In a thick wall the opening runs along the wall, which is
what ``orient_doors_along_walls`` settles once the walls are known.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from shapely.geometry import LineString, Point, Polygon
from shapely.ops import unary_union

from apps.compliance.dxf_reader import RawEntity
from apps.compliance.geometry import OrientedBox, cluster_geometries, oriented_box

DOOR_MIN_M, DOOR_MAX_M = 0.4, 4.0


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
    # The drawn pieces but swing arcs (shapely, metres) and their handles: what stands in
    # the opening, for its clear width.
    pieces: list = field(default_factory=list)
    piece_handles: list[str] = field(default_factory=list)
    measured_by: str = "outline"  # "wall opening" once walls bound it at both jambs
    outline_m: float | None = None  # the drawn extent along the wall, casing and all
    clear_m: float | None = None  # past the stops and open leaf, where they are drawn

    @property
    def location(self) -> tuple[float, float]:
        return self.box.center

    @property
    def plug(self) -> Polygon:
        return self.box.polygon()

    @property
    def is_exterior(self) -> bool:
        return -1 in self.regions


def find_doors(door_entities: list[RawEntity], unknown: list[RawEntity]) -> list[Door]:
    """Doors from door entities (and door-sized arcs among ``unknown`` linework),
    numbered D1, D2, ... row by row across the plan."""
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
                pieces=[e.geometry for e in ents if e not in arcs],
                piece_handles=[e.handle for e in ents if e not in arcs],
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
    return number_doors(doors)


def number_doors(doors: list[Door]) -> list[Door]:
    """Doors numbered D1, D2, ... row by row across the plan."""
    ordered = sorted(doors, key=lambda d: (round(d.box.cy, 1), d.box.cx))
    for i, d in enumerate(ordered):
        d.id = f"D{i + 1}"
    return ordered


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


def orient_doors_along_walls(doors: list[Door], wall_geom) -> None:
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

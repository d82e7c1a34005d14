"""Stairs from their drawn treads: flights of parallel, equally spaced tread outlines.

The going (tread depth) is the spacing between successive nosings, which is
what §504.2 measures; the riser height is known only where tread outlines
carry their elevation (3D polylines or LWPOLYLINE elevation), else it is left
unknown and the rule asks for a person to check it.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from shapely.ops import unary_union

from apps.compliance.geometry import OrientedBox, cluster_geometries, oriented_box

MIN_TREADS = 3


@dataclass
class Flight:
    treads: list[OrientedBox]
    going_m: float
    riser_m: float | None
    width_m: float
    handles: list[str]

    @property
    def location(self) -> tuple[float, float]:
        xs = [t.cx for t in self.treads]
        ys = [t.cy for t in self.treads]
        return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)


@dataclass
class Stair:
    id: str
    footprint: object  # shapely Polygon
    handles: list[str]
    flights: list[Flight] = field(default_factory=list)

    @property
    def location(self) -> tuple[float, float]:
        c = self.footprint.centroid
        return (c.x, c.y)


def find_stairs(entities: list) -> list[Stair]:
    """Group stair-layer entities into stairs and find their straight flights."""
    geoms = [e.geometry for e in entities]
    stairs = []
    for members in cluster_geometries(geoms, gap=0.15):
        ents = [entities[i] for i in members]
        footprint = unary_union([e.geometry.buffer(0.05) for e in ents]).buffer(0.25).buffer(-0.3)
        if footprint.is_empty or footprint.area < 0.5:
            continue
        stair = Stair(
            id=f"ST{len(stairs) + 1}", footprint=footprint, handles=sorted({e.handle for e in ents})
        )
        stair.flights = find_flights(ents)
        stairs.append(stair)
    return stairs


def find_flights(entities: list) -> list[Flight]:
    treads = []
    for e in entities:
        g = e.geometry
        if g.geom_type != "Polygon":
            continue
        box = oriented_box(g)
        if 0.1 <= box.width <= 0.6 and 0.5 <= box.length <= 4.0 and box.length >= 2 * box.width:
            treads.append((box, e))
    flights = []
    # Same direction and same stair width: candidates for one flight.
    for by_angle in _split_sorted(treads, lambda m: _folded_angle(m[0]), 2.0):
        for members in _split_sorted(by_angle, lambda m: m[0].length, 0.03):
            flights.extend(_flights_in_group(members))
    return flights


def _folded_angle(box: OrientedBox) -> float:
    a = box.angle_deg
    return a - 180.0 if a > 178.0 else a


def _split_sorted(items: list, key, gap: float) -> list[list]:
    """Split items into runs whose sorted keys are no more than ``gap`` apart."""
    out: list[list] = []
    for item in sorted(items, key=key):
        if out and key(item) - key(out[-1][-1]) <= gap:
            out[-1].append(item)
        else:
            out.append([item])
    return out


def _flights_in_group(members: list) -> list[Flight]:
    ux, uy = members[0][0].ux, members[0][0].uy
    # Run direction is across the tread (perpendicular to its long side).
    rx, ry = -uy, ux

    def along(b: OrientedBox) -> float:
        return b.cx * rx + b.cy * ry

    def across(b: OrientedBox) -> float:
        return b.cx * ux + b.cy * uy

    flights = []
    for lane in _split_sorted(members, lambda m: across(m[0]), 0.1):
        lane.sort(key=lambda m: along(m[0]))
        uniq: list[list] = []
        for box, e in lane:
            if uniq and abs(along(box) - along(uniq[-1][0][0])) < 0.08:  # one tread
                uniq[-1].append((box, e))
            else:
                uniq.append([(box, e)])
        run: list[list] = []
        for item in uniq + [None]:
            if item is not None and run:
                gap = along(item[0][0]) - along(run[-1][0][0])
                spacing_ok = 0.1 <= gap <= 0.6
                if spacing_ok and len(run) >= 2:
                    prev = along(run[-1][0][0]) - along(run[-2][0][0])
                    spacing_ok = abs(gap - prev) <= 0.25 * prev
                if spacing_ok:
                    run.append(item)
                    continue
            if len(run) >= MIN_TREADS:
                flights.append(_flight(run, along))
            run = [item] if item is not None else []
    return flights


def _flight(run: list[list], along) -> Flight:
    positions = [along(level[0][0]) for level in run]
    gaps = [b - a for a, b in zip(positions, positions[1:], strict=False)]
    # Several outlines can mark one tread (nosing, top face): the highest is the walking surface.
    elevations = [
        max((e.elevation for _, e in level if e.elevation is not None), default=None)
        for level in run
    ]
    riser = None
    if all(z is not None for z in elevations):
        rises = [abs(b - a) for a, b in zip(elevations, elevations[1:], strict=False)]
        if rises and min(rises) > 0.01:
            riser = round(statistics.median(rises), 4)
    return Flight(
        treads=[level[0][0] for level in run],
        going_m=round(statistics.median(gaps), 4),
        riser_m=riser,
        width_m=round(statistics.median(level[0][0].length for level in run), 4),
        handles=sorted({e.handle for level in run for _, e in level}),
    )

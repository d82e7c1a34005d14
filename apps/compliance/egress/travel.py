"""Travel distance: the longest walk from any point of a room to the nearest exit.

Measured on a grid over the free floor (rooms, corridors and open door leaves),
8-connected without cutting corners, so routes bend around walls the way people
walk. Each room's measure carries the route from its most remote point and the
exit that route reaches; a room no exit can be reached from is ``unreachable``;
a route that cannot be computed at all (no exit on the storey, no room floor on
the grid) has no value and says why.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from shapely.ops import unary_union

from apps.compliance.egress.measure import Measure
from apps.compliance.egress.routes import route_end, seed_cells, trace_route
from apps.compliance.egress.ways_out import exit_geometries
from apps.compliance.finding_notes import note
from apps.compliance.geometry import Raster, grid_routes, inside_point
from apps.compliance.plan import Plan

TRAVEL_CELL_M = 0.12


@dataclass
class Room:
    id: str
    name: str
    polygon: object
    region_id: int | None

    @property
    def point(self) -> tuple[float, float]:
        p = inside_point(self.polygon)
        return (p.x, p.y)

    @property
    def called(self) -> str:
        return self.name or self.id


def rooms_of(plan: Plan) -> list[Room]:
    """Rooms for reporting: drawn spaces where there are any, else wall-enclosed regions."""
    if plan.spaces:
        out = []
        for s in plan.spaces:
            region = max(
                plan.regions, key=lambda r: r.polygon.intersection(s.polygon).area, default=None
            )
            out.append(Room(s.id, s.name, s.polygon, region.id if region else None))
        return out
    return [Room(f"R{r.id}", r.name or f"Region {r.id}", r.polygon, r.id) for r in plan.regions]


def _measure(room: Room, value, notes: list[dict], **extra) -> Measure:
    return Measure(
        "travel_distance",
        value,
        room.point,
        room.id,
        [],
        room.name,
        notes,
        approximate=True,
        **extra,
    )


def travel_distances(plan: Plan, rooms: list[Room]) -> list[Measure]:
    """Longest walk from any point of each room to the nearest exit, with its route."""
    if not plan.regions:
        return []
    if plan.walls.is_empty:
        return [_measure(room, None, [note("travel.no_walls")]) for room in rooms]
    exits = exit_geometries(plan)
    if not exits:
        return [_measure(room, None, [note("travel.no_exit_on_storey")]) for room in rooms]
    floor = unary_union(
        [r.polygon for r in plan.regions] + [d.plug.buffer(0.05) for d in plan.doors]
    )
    raster = Raster.over(floor.bounds, TRAVEL_CELL_M)
    # Walls thinner than a cell would let the grid step through them: block a band around them.
    free = raster.mask(floor) & ~raster.mask(plan.walls.buffer(0.7 * TRAVEL_CELL_M))
    seeds, owner = seed_cells(raster, free, exits, 0.05)
    dist, pred, _ = grid_routes(free, seeds, raster.cell)
    return [_room_travel(room, raster, free, dist, pred, owner, exits) for room in rooms]


def _room_travel(room: Room, raster, free, dist, pred, owner, exits) -> Measure:
    cells = raster.mask(room.polygon) & free
    if not cells.any():
        return _measure(
            room,
            None,
            [note("travel.floor_covered", room=room.called, cell_m=TRAVEL_CELL_M)],
        )
    values = dist[cells]
    reachable = ~np.isinf(values)
    if not reachable.any():
        return _measure(
            room, None, [note("travel.unreachable", room=room.called)], unreachable=True
        )
    where = np.argwhere(cells)
    k = int(np.argmax(np.where(reachable, values, -1.0)))
    iy, ix = (int(v) for v in where[k])
    route = trace_route(raster, pred, iy, ix)
    exit_id = exits[int(owner[route_end(raster, route)])][0]
    worst = round(float(values[k]), 2)
    cut_off = int((~reachable).sum())
    notes = [note("travel.route", distance_m=worst, room=room.called, exit=exit_id)]
    if cut_off:
        notes.append(note("travel.cut_off", area_m2=round(cut_off * raster.cell**2, 1)))
    return _measure(room, worst, notes, route=route, reached=exit_id)

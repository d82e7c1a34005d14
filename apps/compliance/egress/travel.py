"""Travel distance: the longest walk from any point of a room to the nearest exit.

Measured on a grid over the free floor (rooms, corridors and open door leaves),
8-connected without cutting corners, so routes bend around walls the way people
walk.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from shapely.ops import unary_union

from apps.compliance.egress.measure import Measure
from apps.compliance.egress.ways_out import exit_geometries
from apps.compliance.geometry import Raster, grid_distances, inside_point
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


def travel_distances(plan: Plan, rooms: list[Room]) -> list[Measure]:
    """Longest walk from any point of each room to the nearest exit."""
    if not plan.regions:
        return []
    floor = unary_union(
        [r.polygon for r in plan.regions] + [d.plug.buffer(0.05) for d in plan.doors]
    )
    raster = Raster.over(floor.bounds, TRAVEL_CELL_M)
    # Walls thinner than a cell would let the grid step through them: block a band around them.
    free = raster.mask(floor) & ~raster.mask(plan.walls.buffer(0.7 * TRAVEL_CELL_M))
    exits = exit_geometries(plan)
    seeds = np.zeros_like(free)
    for _, geom in exits:
        seeds |= raster.mask(geom.buffer(0.05))
    dist = grid_distances(free, seeds, raster.cell) if exits else np.full(free.shape, np.inf)
    out = []
    for room in rooms:
        cells = raster.mask(room.polygon) & free
        if not cells.any():
            continue
        values = dist[cells]
        worst = float(values.max())
        iy, ix = np.argwhere(cells)[int(values.argmax())]
        remote = raster.xy(int(iy), int(ix))
        value = None if math.isinf(worst) else round(worst, 2)
        note = (
            f"most remote point at ({remote[0]:.1f}, {remote[1]:.1f})"
            if value is not None
            else "no route from this room to any exit (no door, or doors lead nowhere)"
        )
        out.append(
            Measure(
                "travel_distance", value, room.point, room.id, [], room.name, note, approximate=True
            )
        )
    return out

"""Routes on the walking grid: from a cell back along the shortest walk to the exit
(or way out) it was reached from, as a short polyline for the finding and the plan."""

from __future__ import annotations

import numpy as np
from shapely.geometry import LineString

from apps.compliance.geometry import Raster


def seed_cells(
    raster: Raster, free: np.ndarray, targets: list[tuple[str, object]], reach: float
) -> tuple[np.ndarray, np.ndarray]:
    """Cells where walking ends (within ``reach`` of a target) and, per cell, the index
    of the first target it belongs to (-1 elsewhere)."""
    owner = np.full(free.shape, -1)
    for k, (_, geom) in enumerate(targets):
        cells = raster.mask(geom.buffer(reach)) & free & (owner < 0)
        owner[cells] = k
    return owner >= 0, owner


def trace_route(raster: Raster, pred: np.ndarray, iy: int, ix: int) -> list[tuple[float, float]]:
    """Cell centres from (iy, ix) to the seed that reached it, simplified to the corners."""
    flat = int(iy) * raster.nx + int(ix)
    cells = []
    # A predecessor chain never revisits a cell; the bound only guards a broken array.
    for _ in range(pred.size):
        cells.append(flat)
        flat = int(pred.flat[flat])
        if flat < 0:
            break
    points = [raster.xy(c // raster.nx, c % raster.nx) for c in cells]
    if len(points) == 1:  # the cell is itself at the exit
        points = points * 2
    line = LineString(points).simplify(raster.cell * 0.75)
    return [(round(float(x), 3), round(float(y), 3)) for x, y in line.coords]


def route_end(raster: Raster, route: list[tuple[float, float]]) -> tuple[int, int]:
    x, y = route[-1]
    return (round((y - raster.y0) / raster.cell), round((x - raster.x0) / raster.cell))

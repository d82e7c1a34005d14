"""Small geometry helpers on shapely: clusters, oriented rectangles, rasters."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.ops import unary_union


@dataclass(frozen=True)
class OrientedBox:
    """A minimum rotated rectangle: centre, long side, short side, long-side direction."""

    cx: float
    cy: float
    length: float
    width: float
    ux: float  # unit vector along the long side
    uy: float

    @property
    def angle_deg(self) -> float:
        return math.degrees(math.atan2(self.uy, self.ux)) % 180.0

    @property
    def center(self) -> tuple[float, float]:
        return (self.cx, self.cy)

    def polygon(self) -> Polygon:
        hx, hy = self.ux * self.length / 2, self.uy * self.length / 2
        wx, wy = -self.uy * self.width / 2, self.ux * self.width / 2
        c = (self.cx, self.cy)
        return Polygon(
            [
                (c[0] - hx - wx, c[1] - hy - wy),
                (c[0] + hx - wx, c[1] + hy - wy),
                (c[0] + hx + wx, c[1] + hy + wy),
                (c[0] - hx + wx, c[1] - hy + wy),
            ]
        )


def oriented_box(geom) -> OrientedBox:
    rect = shapely.oriented_envelope(geom)
    if rect.geom_type != "Polygon":
        coords = list(rect.coords) if hasattr(rect, "coords") else [(0, 0)]
        (x0, y0), (x1, y1) = coords[0], coords[-1]
        length = math.hypot(x1 - x0, y1 - y0)
        ux, uy = ((x1 - x0) / length, (y1 - y0) / length) if length else (1.0, 0.0)
        return OrientedBox((x0 + x1) / 2, (y0 + y1) / 2, length, 0.0, ux, uy)
    c = list(rect.exterior.coords)
    a = math.dist(c[0], c[1])
    b = math.dist(c[1], c[2])
    if a >= b:
        ux, uy = (c[1][0] - c[0][0]) / (a or 1), (c[1][1] - c[0][1]) / (a or 1)
        length, width = a, b
    else:
        ux, uy = (c[2][0] - c[1][0]) / (b or 1), (c[2][1] - c[1][1]) / (b or 1)
        length, width = b, a
    if ux < -1e-9 or (abs(ux) <= 1e-9 and uy < 0):
        ux, uy = -ux, -uy
    cen = rect.centroid
    return OrientedBox(cen.x, cen.y, length, width, ux, uy)


def cluster_geometries(geoms: list, gap: float) -> list[list[int]]:
    """Indices of geometries grouped so that members lie within ``gap`` of each other."""
    if not geoms:
        return []
    tree = shapely.STRtree(geoms)
    parent = list(range(len(geoms)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    left, right = tree.query(geoms, predicate="dwithin", distance=gap)
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[ri] = rj
    groups: dict[int, list[int]] = {}
    for i in range(len(geoms)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def as_area(geom, eps: float = 0.02):
    """Lines become thin areas so they can be unioned and subtracted with polygons."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    return geom.buffer(eps, cap_style="flat" if geom.geom_type == "LineString" else "round")


def polygons_of(geom) -> list[Polygon]:
    if geom.is_empty:
        return []
    if geom.geom_type == "Polygon":
        return [geom]
    return [g for g in getattr(geom, "geoms", []) if g.geom_type == "Polygon"]


def union_all(geoms: list):
    return unary_union(geoms) if geoms else Polygon()


def inside_point(poly) -> Point:
    """The centroid when it lies inside the polygon, else a point surely inside."""
    c = poly.centroid
    return c if poly.contains(c) else poly.representative_point()


@dataclass
class Raster:
    """A grid of cell centres over a bounding box."""

    x0: float
    y0: float
    cell: float
    nx: int
    ny: int

    @classmethod
    def over(cls, bounds: tuple[float, float, float, float], cell: float) -> Raster:
        minx, miny, maxx, maxy = bounds
        nx = max(1, int(math.ceil((maxx - minx) / cell)) + 1)
        ny = max(1, int(math.ceil((maxy - miny) / cell)) + 1)
        return cls(minx, miny, cell, nx, ny)

    def centres(self) -> tuple[np.ndarray, np.ndarray]:
        xs = self.x0 + np.arange(self.nx) * self.cell
        ys = self.y0 + np.arange(self.ny) * self.cell
        gx, gy = np.meshgrid(xs, ys)
        return gx, gy

    def mask(self, geom) -> np.ndarray:
        gx, gy = self.centres()
        if geom is None or geom.is_empty:
            return np.zeros(gx.shape, dtype=bool)
        shapely.prepare(geom)
        return shapely.contains_xy(geom, gx, gy)

    def xy(self, iy: int, ix: int) -> tuple[float, float]:
        return (self.x0 + ix * self.cell, self.y0 + iy * self.cell)


def grid_distances(free: np.ndarray, seeds: np.ndarray, cell: float) -> np.ndarray:
    """Shortest walking distance (8-connected, no corner cutting) from any seed cell.

    Unreachable or blocked cells get ``inf``.
    """
    return grid_routes(free, seeds, cell)[0]


def grid_routes(
    free: np.ndarray, seeds: np.ndarray, cell: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Walking distance from the nearest seed cell, with the way back: per cell its
    distance (``inf`` unreachable), its predecessor and the seed it was reached from
    (flat indices, negative where none)."""
    from scipy.sparse.csgraph import dijkstra

    ny, nx = free.shape
    idx = np.arange(ny * nx).reshape(ny, nx)
    seed_idx = idx[seeds & free]
    if seed_idx.size == 0:
        none = np.full(free.shape, -9999)
        return np.full(free.shape, np.inf), none, none
    dist, pred, src = dijkstra(
        _grid_graph(free, cell),
        directed=False,
        indices=seed_idx,
        min_only=True,
        return_predecessors=True,
    )
    return dist.reshape(ny, nx), pred.reshape(ny, nx), src.reshape(ny, nx)


def _grid_graph(free: np.ndarray, cell: float):
    from scipy.sparse import coo_matrix

    ny, nx = free.shape
    idx = np.arange(ny * nx).reshape(ny, nx)
    rows, cols, weights = [], [], []

    def link(a_sl, b_sl, w, extra=None):
        ok = free[a_sl] & free[b_sl]
        if extra is not None:
            ok &= extra
        rows.append(idx[a_sl][ok])
        cols.append(idx[b_sl][ok])
        weights.append(np.full(int(ok.sum()), w))

    link((slice(None), slice(0, -1)), (slice(None), slice(1, None)), cell)
    link((slice(0, -1), slice(None)), (slice(1, None), slice(None)), cell)
    diag = cell * math.sqrt(2)
    # Diagonal steps only where both orthogonal neighbours are free (no squeezing past corners).
    link(
        (slice(0, -1), slice(0, -1)),
        (slice(1, None), slice(1, None)),
        diag,
        free[1:, :-1] & free[:-1, 1:],
    )
    link(
        (slice(0, -1), slice(1, None)),
        (slice(1, None), slice(0, -1)),
        diag,
        free[1:, 1:] & free[:-1, :-1],
    )
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    w = np.concatenate(weights)
    return coo_matrix((w, (r, c)), shape=(ny * nx, ny * nx)).tocsr()


def segment(p, q) -> LineString:
    return LineString([p, q])

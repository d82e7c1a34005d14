"""Dead ends: corridor ends from which every way out starts in the same direction."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
from shapely.ops import unary_union

from apps.compliance.egress.measure import Measure
from apps.compliance.egress.routes import trace_route
from apps.compliance.egress.ways_out import escape_portals, region_graph
from apps.compliance.finding_notes import note
from apps.compliance.geometry import Raster, grid_routes
from apps.compliance.plan import Plan
from apps.compliance.regions import Region

CORRIDOR_CELL_M = 0.1


def dead_ends(plan: Plan, graph: nx.MultiGraph | None = None) -> list[Measure]:
    """Corridor ends from which every way out starts in the same direction."""
    graph = graph if graph is not None else region_graph(plan)
    out = []
    for corridor in [r for r in plan.regions if r.is_corridor]:
        portals = escape_portals(plan, corridor, graph)
        if not portals:
            continue
        out.extend(_corridor_dead_ends(corridor, portals))
    return out


def _corridor_dead_ends(corridor: Region, portals: list) -> list[Measure]:
    area = unary_union([corridor.polygon] + [g.buffer(0.05) for _, g in portals])
    raster = Raster.over(area.bounds, CORRIDOR_CELL_M)
    free = raster.mask(area)
    inside = raster.mask(corridor.polygon) & free
    stack, preds = _distance_fields(raster, free, portals)
    between = _between_portals(raster, free, portals, stack)
    nearest = stack.min(axis=0)
    nearest[~inside] = -1
    nearest[np.isinf(nearest)] = -1
    results: list[Measure] = []
    taken: list[tuple[float, float]] = []
    for iy, ix in _farthest_points(nearest, raster):
        d = nearest[iy, ix]
        xy = raster.xy(int(iy), int(ix))
        if any(math.dist(xy, t) < 4.0 for t in taken):
            continue
        taken.append(xy)
        dists = stack[:, iy, ix]
        i = int(np.argmin(dists))
        # A dead end: reaching any other way out means passing the nearest one first.
        one_way = all(
            dists[j] >= dists[i] + between[i, j] - 1.0 for j in range(len(portals)) if j != i
        )
        if not one_way:
            continue
        loc = _centre_near(raster, inside & (nearest >= d - 0.8), xy)
        route = trace_route(raster, preds[i], int(iy), int(ix))
        results.append(
            Measure(
                "dead_end",
                round(float(d), 2),
                loc,
                f"R{corridor.id}",
                [],
                corridor.name or "corridor",
                [note("dead_end.route", length_m=round(float(d), 2), way_out=portals[i][0])],
                approximate=True,
                route=route,
                reached=portals[i][0],
            )
        )
    return results


def _distance_fields(raster: Raster, free, portals: list):
    """The walking distance from each way out over the free cells (stacked), and
    each field's predecessors to trace a route back."""
    fields, preds = [], []
    for _, geom in portals:
        seeds = raster.mask(geom.buffer(0.06)) & free
        dist, pred, _ = grid_routes(free, seeds, raster.cell)
        fields.append(dist)
        preds.append(pred)
    return np.stack(fields), preds


def _between_portals(raster: Raster, free, portals: list, stack) -> np.ndarray:
    """The walking distance from way out i to way out j."""
    between = np.zeros((len(portals), len(portals)))
    for i, (_, geom) in enumerate(portals):
        seeds = raster.mask(geom.buffer(0.06)) & free
        for j in range(len(portals)):
            vals = stack[j][seeds]
            between[i, j] = float(vals.min()) if vals.size else np.inf
    return between


def _farthest_points(nearest, raster: Raster) -> list[list[int]]:
    """Corridor ends: local maxima of the distance to the nearest way out, at least
    3 m from it, farthest first."""
    from scipy.ndimage import maximum_filter

    peaks = maximum_filter(nearest, size=int(round(2.0 / raster.cell)) | 1) <= nearest + 1e-9
    peaks &= nearest >= 3.0
    return sorted(np.argwhere(peaks).tolist(), key=lambda c: -nearest[c[0], c[1]])


def _centre_near(raster: Raster, cap, xy: tuple[float, float]) -> tuple[float, float]:
    """The centre of the cells of ``cap`` within 3 m of ``xy``."""
    gy, gx = np.nonzero(cap)
    pts = [(raster.xy(int(a), int(b))) for a, b in zip(gy, gx, strict=True)]
    pts = [p for p in pts if math.dist(p, xy) <= 3.0]
    return float(np.mean([p[0] for p in pts])), float(np.mean([p[1] for p in pts]))

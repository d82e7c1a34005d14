"""Corridor clear widths by erosion: a route is as wide as the largest disc that can
travel between its doors, and a pinch is where that disc gets stuck."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import shapely
from shapely.geometry import Point
from shapely.ops import nearest_points

from apps.compliance.egress.measure import Measure
from apps.compliance.finding_notes import note
from apps.compliance.geometry import Raster, inside_point, polygons_of
from apps.compliance.plan import Plan
from apps.compliance.regions import Region

SADDLE_CELL_M = 0.04


def corridor_widths(plan: Plan, required: float) -> list[Measure]:
    """Pinches narrower than ``required`` on routes between a corridor's doors and exits."""
    out = []
    for corridor in [r for r in plan.regions if r.is_corridor]:
        portals = [d.plug for d in plan.doors if corridor.id in d.regions]
        portals += [s.footprint for s in plan.stairs if corridor.polygon.intersects(s.footprint)]
        if not portals:
            continue
        out.extend(_pinches(corridor, portals, required))
    return out


def _groups(poly, portals: list, width: float) -> tuple[list, list[int], int]:
    eroded = polygons_of(poly.buffer(-width / 2, quad_segs=4))
    reach = [c.buffer(width / 2 + 0.35, quad_segs=4) for c in eroded]
    owner = []
    for p in portals:
        hits = [k for k, c in enumerate(reach) if c.intersects(p)]
        owner.append(hits[0] if hits else -1)
    return eroded, owner, len({o for o in owner if o >= 0})


def _bottleneck(poly, portals: list) -> float:
    lo, hi = 0.05, 4.0
    for _ in range(14):
        mid = (lo + hi) / 2
        _, owner, n = _groups(poly, portals, mid)
        if n <= 1 and -1 not in owner:
            lo = mid
        else:
            hi = mid
    return round(lo, 3)


def _saddle(poly, a: Point, b: Point) -> tuple[tuple[float, float], float] | None:
    """Where and how wide the narrowest passage between a and b is: the saddle of the
    clearance field (widest on the way across, narrowest along the route)."""
    from scipy import ndimage

    raster = Raster.over(poly.bounds, SADDLE_CELL_M)
    free = raster.mask(poly)
    if free.sum() > 400_000:
        return None
    clearance = ndimage.distance_transform_edt(free) * raster.cell
    ia = (round((a.y - raster.y0) / raster.cell), round((a.x - raster.x0) / raster.cell))
    ib = (round((b.y - raster.y0) / raster.cell), round((b.x - raster.x0) / raster.cell))
    eight = np.ones((3, 3), dtype=bool)

    def joined(t: float) -> bool:
        labels, _ = ndimage.label(clearance >= t, structure=eight)
        return labels[ia] != 0 and labels[ia] == labels[ib]

    lo, hi = 0.0, float(min(clearance[ia], clearance[ib]))
    if hi <= 0 or joined(hi):
        return None
    for _ in range(16):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if joined(mid) else (lo, mid)
    labels, _ = ndimage.label(clearance >= hi, structure=eight)
    side_a = labels == labels[ia]
    side_b = labels == labels[ib]
    reach = int(np.ceil(0.5 / raster.cell))  # spans a flat stretch of equal clearance
    near_a = ndimage.binary_dilation(side_a, structure=eight, iterations=reach)
    near_b = ndimage.binary_dilation(side_b, structure=eight, iterations=reach)
    # The saddle plateau: cells as clear as the passage, between the two sides.
    cells = near_a & near_b & ~side_a & ~side_b & (clearance >= lo - raster.cell) & free
    if not cells.any():
        return None
    ys, xs = np.nonzero(cells)
    px, py = raster.x0 + xs * raster.cell, raster.y0 + ys * raster.cell
    centre = (float(px.mean()), float(py.mean()))
    # The grid only brackets the clearance; measure it exactly on the plateau cells.
    exact = shapely.distance(poly.boundary, shapely.points(px, py))
    return centre, round(float(2 * exact.max()), 3)


def _pair_bottleneck(poly, a: Point, b: Point, hi: float) -> float:
    """Widest disc that still travels from point a to point b (both survive narrower erosions)."""
    lo = 0.02
    for _ in range(12):
        mid = (lo + hi) / 2
        comps = polygons_of(poly.buffer(-mid / 2, quad_segs=4))
        if any(c.intersects(a.buffer(1e-6)) and c.intersects(b.buffer(1e-6)) for c in comps):
            lo = mid
        else:
            hi = mid
    return round(lo, 3)


def _pinches(corridor: Region, portals: list, required: float) -> list[Measure]:
    poly = corridor.polygon
    eroded, owner, n = _groups(poly, portals, required)
    if n <= 1 and -1 not in owner:
        return [_measure(corridor, _bottleneck(poly, portals), _inside(poly), "corridor.narrowest")]
    found = [
        _measure(corridor, round(width, 3), mid, "corridor.pinch")
        for mid, width in _between_groups(poly, eroded, owner, required)
    ]
    if not eroded:
        width = _bottleneck(poly, portals)
        found.append(_measure(corridor, width, _inside(poly), "corridor.too_narrow"))
        return found
    found += [
        _measure(corridor, width, mid, "corridor.narrow_door")
        for mid, width in _at_cut_off_doors(poly, portals, owner, eroded)
    ]
    return _dedupe(found)


def _measure(corridor: Region, width: float, where: tuple, why: str) -> Measure:
    label = corridor.name or "corridor"
    return Measure(
        "corridor_width", width, where, f"R{corridor.id}", [], label, [note(why)], approximate=True
    )


def _inside(poly) -> tuple[float, float]:
    c = inside_point(poly)
    return c.x, c.y


def _between_groups(poly, eroded: list, owner: list[int], required: float):
    """(where, width) of the pinch between each pair of the door groups the
    required width splits the corridor into, along their minimum spanning tree."""
    used = sorted({o for o in owner if o >= 0})
    if len(used) < 2:
        return []
    g = nx.Graph()
    for a in used:
        for b in used:
            if a < b:
                g.add_edge(a, b, weight=eroded[a].distance(eroded[b]))
    found = []
    for a, b in nx.minimum_spanning_edges(g, data=False):
        pa, pb = eroded[a].representative_point(), eroded[b].representative_point()
        saddle = _saddle(poly, pa, pb)
        if saddle is None:
            near_a, near_b = nearest_points(eroded[a], eroded[b])
            mid = ((near_a.x + near_b.x) / 2, (near_a.y + near_b.y) / 2)
            found.append((mid, _pair_bottleneck(poly, pa, pb, required)))
        else:
            found.append(saddle)
    return found


def _at_cut_off_doors(poly, portals: list, owner: list[int], eroded: list):
    """(where, width) for each door that cannot be reached at the required width:
    the pinch is between it and the nearest part of the corridor wide enough."""
    found = []
    for portal, o in zip(portals, owner, strict=True):
        if o >= 0:
            continue
        comp = min(eroded, key=lambda c: c.distance(portal))
        pa, pb = nearest_points(portal, comp)
        mid = ((pa.x + pb.x) / 2, (pa.y + pb.y) / 2)
        found.append((mid, _bottleneck(poly, [portal, comp.representative_point().buffer(0.05)])))
    return found


def _dedupe(found: list[Measure]) -> list[Measure]:
    kept: list[Measure] = []
    for m in sorted(found, key=lambda m: m.value if m.value is not None else -1):
        if all(math.dist(m.location, k.location) > 1.0 for k in kept):
            kept.append(m)
    return kept

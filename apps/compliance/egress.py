"""Egress geometry on a plan: exits, travel distance, dead ends, corridor clear widths.

Travel is measured on a grid over the free floor (rooms, corridors and open
door leaves), 8-connected without cutting corners, so routes bend around walls
the way people walk. Corridor widths use erosion: a route is as wide as the
largest disc that can travel between its doors.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import shapely
from shapely.geometry import Point
from shapely.ops import nearest_points, unary_union

from apps.compliance.geometry import Raster, grid_distances, inside_point, polygons_of
from apps.compliance.plan import Plan, Region

TRAVEL_CELL_M = 0.12
CORRIDOR_CELL_M = 0.1


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


@dataclass
class Measure:
    """One measured quantity on one element, ready for a rule."""

    kind: str
    value: float | None  # metres (or m² for areas); None = could not be measured
    location: tuple[float, float]
    element: str
    handles: list[str] = field(default_factory=list)
    label: str = ""
    note: str = ""
    approximate: bool = False


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


def exit_geometries(plan: Plan) -> list[tuple[str, object]]:
    """Where travel ends: exterior doors and stairs (vertical exits)."""
    exits = [(d.id, d.plug) for d in plan.doors if d.is_exterior]
    exits += [(s.id, s.footprint) for s in plan.stairs]
    return exits


def region_graph(plan: Plan) -> nx.MultiGraph:
    g = nx.MultiGraph()
    g.add_nodes_from([r.id for r in plan.regions] + [-1])
    for d in plan.doors:
        if len(d.regions) >= 2:
            a, b = d.regions[0], d.regions[1]
            g.add_edge(a, b, door=d.id)
    for s in plan.stairs:
        for r in plan.regions:
            if r.polygon.intersects(s.footprint):
                g.add_edge(r.id, f"exit:{s.id}")
    g.add_edge(-1, "exit:outside")
    return g


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


def escape_portals(plan: Plan, corridor: Region, graph: nx.MultiGraph) -> list[tuple[str, object]]:
    """Ways out of a corridor that lead on to an exit without coming back through it."""
    reduced = graph.copy()
    reduced.remove_node(corridor.id)
    exit_nodes = [n for n in reduced.nodes if isinstance(n, str) and n.startswith("exit:")]
    portals = []
    for d in plan.doors:
        if corridor.id not in d.regions:
            continue
        others = [r for r in d.regions if r != corridor.id]
        if -1 in others or any(
            o in reduced and any(nx.has_path(reduced, o, x) for x in exit_nodes) for o in others
        ):
            portals.append((d.id, d.plug))
    for s in plan.stairs:
        if corridor.polygon.intersects(s.footprint):
            portals.append((s.id, s.footprint.intersection(corridor.polygon.buffer(0.05))))
    return portals


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
    fields = []
    for _, geom in portals:
        seeds = raster.mask(geom.buffer(0.06)) & free
        fields.append(grid_distances(free, seeds, raster.cell))
    stack = np.stack(fields)
    nearest = stack.min(axis=0)
    nearest[~inside] = -1
    nearest[np.isinf(nearest)] = -1
    between = np.zeros((len(portals), len(portals)))
    for i, (_, geom) in enumerate(portals):
        seeds = raster.mask(geom.buffer(0.06)) & free
        for j in range(len(portals)):
            vals = stack[j][seeds]
            between[i, j] = float(vals.min()) if vals.size else np.inf
    from scipy.ndimage import maximum_filter

    results: list[Measure] = []
    taken: list[tuple[float, float]] = []
    # Corridor ends are local maxima of the distance to the nearest way out.
    peaks = maximum_filter(nearest, size=int(round(2.0 / raster.cell)) | 1) <= nearest + 1e-9
    peaks &= nearest >= 3.0
    cand = np.argwhere(peaks)
    cand = sorted(cand.tolist(), key=lambda c: -nearest[c[0], c[1]])
    for iy, ix in cand:
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
        cap = inside & (nearest >= d - 0.8)
        gy, gx = np.nonzero(cap)
        pts = [(raster.xy(int(a), int(b))) for a, b in zip(gy, gx, strict=True)]
        pts = [p for p in pts if math.dist(p, xy) <= 3.0]
        loc = (float(np.mean([p[0] for p in pts])), float(np.mean([p[1] for p in pts])))
        results.append(
            Measure(
                "dead_end",
                round(float(d), 2),
                loc,
                f"R{corridor.id}",
                [],
                corridor.name or "corridor",
                f"nearest way out: {portals[i][0]}",
                approximate=True,
            )
        )
    return results


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


SADDLE_CELL_M = 0.04


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
    label = corridor.name or "corridor"
    if n <= 1 and -1 not in owner:
        width = _bottleneck(poly, portals)
        c = inside_point(poly)
        return [
            Measure(
                "corridor_width",
                width,
                (c.x, c.y),
                f"R{corridor.id}",
                [],
                label,
                "narrowest point on the route between its doors",
                approximate=True,
            )
        ]
    used = sorted({o for o in owner if o >= 0})
    found = []
    if len(used) >= 2:
        g = nx.Graph()
        for a in used:
            for b in used:
                if a < b:
                    g.add_edge(a, b, weight=eroded[a].distance(eroded[b]))
        for a, b in nx.minimum_spanning_edges(g, data=False):
            saddle = _saddle(
                poly, eroded[a].representative_point(), eroded[b].representative_point()
            )
            if saddle is None:
                pa, pb = nearest_points(eroded[a], eroded[b])
                mid = ((pa.x + pb.x) / 2, (pa.y + pb.y) / 2)
                width = _pair_bottleneck(
                    poly,
                    eroded[a].representative_point(),
                    eroded[b].representative_point(),
                    required,
                )
            else:
                mid, width = saddle
            found.append(
                Measure(
                    "corridor_width",
                    round(width, 3),
                    mid,
                    f"R{corridor.id}",
                    [],
                    label,
                    "pinch between two parts of the route",
                    approximate=True,
                )
            )
    if not eroded:
        width = _bottleneck(poly, portals)
        c = inside_point(poly)
        found.append(
            Measure(
                "corridor_width",
                width,
                (c.x, c.y),
                f"R{corridor.id}",
                [],
                label,
                "the corridor is narrower than required throughout",
                approximate=True,
            )
        )
        return found
    for portal, o in zip(portals, owner, strict=True):
        if o >= 0:
            continue
        # This door cannot be reached at the required width: the pinch is between it and
        # the nearest part of the corridor that is wide enough.
        comp = min(eroded, key=lambda c: c.distance(portal))
        pa, pb = nearest_points(portal, comp)
        mid = ((pa.x + pb.x) / 2, (pa.y + pb.y) / 2)
        width = _bottleneck(poly, [portal, comp.representative_point().buffer(0.05)])
        found.append(
            Measure(
                "corridor_width",
                width,
                mid,
                f"R{corridor.id}",
                [],
                label,
                "a door on this corridor is reached only through a narrower passage",
                approximate=True,
            )
        )
    return _dedupe(found)


def _dedupe(found: list[Measure]) -> list[Measure]:
    kept: list[Measure] = []
    for m in sorted(found, key=lambda m: m.value if m.value is not None else -1):
        if all(math.dist(m.location, k.location) > 1.0 for k in kept):
            kept.append(m)
    return kept

"""Doors for the planter, found from the drawing's own door-layer linework, never from
the app's plan reader: a door the reader misses is still there to be narrowed.

Door-layer polylines and lines are grouped (pieces closer than 5 cm, as SOURCE.md's
reference count does); a group's minimum rotated rectangle gives its centre, its axis
(the long side) and its drawn width. Groups with a swing arc are left out: their
rectangle does not say which way the wall runs.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import shapely
from shapely.geometry import LineString, Polygon

DOOR_LAYER = re.compile(r"door|t(ü|ue)r|porte|puerta|porta|门|^a-?dr", re.IGNORECASE)
GROUP_GAP_M = 0.05
MIN_WIDTH_M, MAX_WIDTH_M = 0.85, 4.0


@dataclass
class DrawnDoor:
    handles: list[str]
    cx: float  # drawing coordinates, in metres
    cy: float
    width: float  # the group's long side (casing included, where drawn)
    depth: float
    ux: float
    uy: float


def drawn_doors(doc, scale: float) -> list[DrawnDoor]:
    """Door groups of at least 0.85 m on door-named layers, in drawing metres."""
    handles, geoms, arcs = [], [], []
    for e in doc.modelspace():
        if not DOOR_LAYER.search(e.dxf.get("layer", "")):
            continue
        kind = e.dxftype()
        if kind == "LWPOLYLINE":
            pts = [(x * scale, y * scale) for x, y in e.get_points("xy")]
            if len(pts) >= 3 and e.closed:
                geoms.append(Polygon(pts).buffer(0))
            elif len(pts) >= 2:
                geoms.append(LineString(pts))
            else:
                continue
            handles.append(e.dxf.handle)
        elif kind == "LINE":
            s, t = e.dxf.start, e.dxf.end
            geoms.append(LineString([(s.x * scale, s.y * scale), (t.x * scale, t.y * scale)]))
            handles.append(e.dxf.handle)
        elif kind == "ARC":
            c = e.dxf.center
            arcs.append(shapely.Point(c.x * scale, c.y * scale).buffer(e.dxf.radius * scale))
    out = []
    for members in _groups(geoms):
        union = shapely.union_all([geoms[i] for i in members])
        if any(union.distance(a) < GROUP_GAP_M for a in arcs):
            continue
        door = _door(union, [handles[i] for i in members])
        if door is not None and MIN_WIDTH_M <= door.width <= MAX_WIDTH_M:
            out.append(door)
    return out


def _groups(geoms: list) -> list[list[int]]:
    parent = list(range(len(geoms)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if geoms:
        tree = shapely.STRtree(geoms)
        left, right = tree.query(geoms, predicate="dwithin", distance=GROUP_GAP_M)
        for i, j in zip(left.tolist(), right.tolist(), strict=True):
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(geoms)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _door(union, handles: list[str]) -> DrawnDoor | None:
    rect = shapely.oriented_envelope(union)
    if rect.geom_type != "Polygon":
        return None
    c = list(rect.exterior.coords)
    a, b = math.dist(c[0], c[1]), math.dist(c[1], c[2])
    p, q = (c[0], c[1]) if a >= b else (c[1], c[2])
    width, depth = max(a, b), min(a, b)
    ux, uy = (q[0] - p[0]) / width, (q[1] - p[1]) / width
    if ux < -1e-9 or (abs(ux) <= 1e-9 and uy < 0):
        ux, uy = -ux, -uy
    cen = rect.centroid
    return DrawnDoor(sorted(handles), cen.x, cen.y, width, depth, ux, uy)

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

from apps.compliance.geometry import cluster_geometries

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
    for members in cluster_geometries(geoms, GROUP_GAP_M):
        union = shapely.union_all([geoms[i] for i in members])
        if any(union.distance(a) < GROUP_GAP_M for a in arcs):
            continue
        door = _door(union, [handles[i] for i in members])
        if door is not None and MIN_WIDTH_M <= door.width <= MAX_WIDTH_M:
            out.append(door)
    return out


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


@dataclass
class BlockDoor:
    """A door INSERT (on a door layer, or with a door-named block) read from its own
    geometry: the swing arc's hinge and closed end give the wall's direction."""

    handle: str
    cx: float  # the opening's centre, drawing metres
    cy: float
    width: float  # jamb to jamb, as far as the block's frames and arc show it
    depth: float  # the wall band the frames fill
    ux: float
    uy: float


def block_doors(doc, scale: float) -> list[BlockDoor]:
    """Door INSERTs with a swing arc, in drawing metres."""
    out = []
    for ref in doc.modelspace().query("INSERT"):
        if not (DOOR_LAYER.search(ref.dxf.get("layer", "")) or DOOR_LAYER.search(ref.dxf.name)):
            continue
        try:
            subs = list(ref.virtual_entities())
        except Exception:  # a broken block is no door to plant in
            continue
        door = _block_door(ref.dxf.handle, subs, scale)
        if door is not None and MIN_WIDTH_M <= door.width <= MAX_WIDTH_M:
            out.append(door)
    return out


def _block_door(handle: str, subs, scale: float) -> BlockDoor | None:
    from ezdxf.path import make_path

    arcs = [s for s in subs if s.dxftype() == "ARC"]
    if not arcs:
        return None
    pts = []
    for s in subs:
        if s.dxftype() in ("LWPOLYLINE", "LINE", "POLYLINE"):
            pts += [(v.x * scale, v.y * scale) for v in make_path(s).flattening(0.01 / scale)]
    arc = max(arcs, key=lambda a: a.dxf.radius)
    c = arc.ocs().to_wcs(arc.dxf.center)
    hinge = (c.x * scale, c.y * scale)
    ends = [(p.x * scale, p.y * scale) for p in (arc.start_point, arc.end_point)]
    # The closed end lies along the wall, where the frames are; the open tip stands off it.
    closed = max(ends, key=lambda e: _along_band(hinge, e, pts))
    length = math.dist(hinge, closed)
    if length <= 0:
        return None
    ux, uy = (closed[0] - hinge[0]) / length, (closed[1] - hinge[1]) / length
    along = [(p[0] - hinge[0]) * ux + (p[1] - hinge[1]) * uy for p in pts]
    across = [-(p[0] - hinge[0]) * uy + (p[1] - hinge[1]) * ux for p in pts]
    # Frames: pieces beside the line of the closed leaf, not the open leaf standing off it.
    band = [(s, t) for s, t in zip(along, across, strict=True) if abs(t) <= 0.3 * length]
    lo = min([0.0] + [s for s, _ in band])
    hi = max([length] + [s for s, _ in band])
    t_lo = min([0.0] + [t for _, t in band])
    t_hi = max([0.0] + [t for _, t in band])
    depth = t_hi - t_lo if t_hi - t_lo >= 0.05 else 0.2
    mid_t = (t_lo + t_hi) / 2 if t_hi - t_lo >= 0.05 else 0.0
    mid_s = (lo + hi) / 2
    cx = hinge[0] + ux * mid_s - uy * mid_t
    cy = hinge[1] + uy * mid_s + ux * mid_t
    return BlockDoor(handle, cx, cy, hi - lo, depth, ux, uy)


def _along_band(hinge, end, pts) -> int:
    """How many drawn vertices lie near the line from the hinge through ``end``."""
    length = math.dist(hinge, end) or 1.0
    ux, uy = (end[0] - hinge[0]) / length, (end[1] - hinge[1]) / length
    return sum(
        1 for p in pts if abs(-(p[0] - hinge[0]) * uy + (p[1] - hinge[1]) * ux) <= 0.3 * length
    )

"""A door's width is the wall opening it fills: jamb to jamb (frame edge to frame edge,
what IFC calls OverallWidth), never its block outline or the casing drawn beside it.

Probe lines run along the door's axis at several depths through the wall; the wall-free
stretch around the door's centre, bounded by wall at both ends, is the opening. One
door-layer group spanning several openings (neighbouring doors whose casings touch) is
split at the wall piers between them. Where stops, frames or an open leaf stand inside
the opening next to its jambs, the clear width is the widest passage left between
them; a leaf drawn closed across the opening, handles and joints mid-opening are not
obstacles.
"""

from __future__ import annotations

import statistics
from dataclasses import replace

import shapely
from shapely.geometry import LineString

from apps.compliance.doors import DOOR_MAX_M, DOOR_MIN_M, Door
from apps.compliance.geometry import OrientedBox

JAMB_REACH_M = 0.35  # how far past a door's drawn outline a jamb may be
PROBES = 11
LINE_PAD_M = 0.02  # walls drawn as lines are thickened by this much (geometry.as_area)
LINE_EPS_M = 0.03
JAMB_ZONE_M = 0.15  # stops, frames and an open leaf's hinge stand this close to a jamb
LEAF_MIN_M = 0.2  # a piece lying along the opening and longer than this is a closed leaf


def measure_openings(doors: list[Door], wall_geom, wall_lines=None) -> list[Door]:
    """Doors with ``width_m`` set to their wall opening where walls bound it (``outline_m``
    keeps the drawn outline, ``clear_m`` the clear width where stops or leaves are drawn);
    a group spanning several openings becomes one door per opening. ``wall_lines``: walls
    drawn as bare lines, unthickened, so a jamb drawn as a line is met where it is drawn."""
    out: list[Door] = []
    for d in doors:
        d.outline_m = _outline(d)
        if wall_geom.is_empty:
            out.append(d)
            continue
        # Walls near this door only: the probes stay cheap on a large plan.
        reach = d.plug.buffer(JAMB_REACH_M + 0.1)
        near = wall_geom.intersection(reach)
        lines = wall_lines.intersection(reach) if wall_lines is not None else None
        openings = _openings(d, near, lines)
        if len(openings) > 1:
            out.extend(_split(d, openings))
            continue
        if openings:
            _set_opening(d, openings[0])
        out.append(d)
    return out


def _outline(d: Door) -> float:
    """The drawn extent of the door's linework along its axis (block, casing and all)."""
    (cx, cy), u, _ = _axes(d)
    coords = [p for g in d.pieces for p in shapely.get_coordinates(g).tolist()]
    if not coords:
        return round(d.box.length, 4)
    s = [_along(p, (cx, cy), u) for p in coords]
    return round(max(s) - min(s), 4)


def _axes(d: Door):
    b = d.box
    return (b.cx, b.cy), (b.ux, b.uy), (-b.uy, b.ux)


def _probe_offsets(d: Door) -> list[float]:
    half = max(d.box.width, 0.05) / 2 * 0.9
    return [-half + 2 * half * k / (PROBES - 1) for k in range(PROBES)]


def _openings(d: Door, wall_geom, lines=None) -> list[tuple[float, float]]:
    """Wall-bounded free stretches along the door's axis (start, end in axis coordinates
    about the centre) that hold the door, one per stretch of the axis, in order."""
    (cx, cy), (ux, uy), (nx, ny) = _axes(d)
    half = d.box.length / 2 + JAMB_REACH_M
    found: list[list[tuple[float, float]]] = []
    for t in _probe_offsets(d):
        px, py = cx + nx * t, cy + ny * t
        probe = LineString([(px - ux * half, py - uy * half), (px + ux * half, py + uy * half)])
        for piece in _lines(probe.difference(wall_geom)):
            a, b = (_along(p, (px, py), (ux, uy)) for p in (piece.coords[0], piece.coords[-1]))
            a, b = min(a, b), max(a, b)
            bounded = a > -half + 1e-6 and b < half - 1e-6  # wall at both ends
            if bounded and lines is not None and not lines.is_empty:
                a, b = _to_drawn_lines(probe, (px, py), (ux, uy), a, b, lines)
            if bounded and DOOR_MIN_M <= b - a <= DOOR_MAX_M:
                _add(found, (a, b))
    # An opening must hold door geometry, and be seen on at least two depths.
    seen = [(_median(g), len(g)) for g in found if len(g) >= 2 and _holds_door(d, _median(g))]
    return _disjoint(seen)


def _disjoint(seen: list[tuple[tuple[float, float], int]]) -> list[tuple[float, float]]:
    """One opening per stretch of the axis: where stretches overlap (a rebated jamb gives
    a narrower gap at one face), the narrowest, which is what a person passes through."""
    kept: list[tuple[tuple[float, float], int]] = []
    for ab, n in sorted(seen, key=lambda item: item[0][1] - item[0][0]):
        if all(min(ab[1], k[1]) - max(ab[0], k[0]) <= 0.05 for k, _ in kept):
            kept.append((ab, n))
    return sorted((ab for ab, _ in kept), key=lambda ab: ab[0])


def _to_drawn_lines(probe, p, u, a: float, b: float, lines) -> tuple[float, float]:
    """Move each end of a free stretch out to a wall line crossing the probe just beyond
    it: lines are thickened by a few centimetres to be walls, their jambs are not."""
    hits = probe.intersection(lines)
    s = [_along(q, p, u) for q in shapely.get_coordinates(hits).tolist()]
    left = [v for v in s if a - LINE_EPS_M <= v <= a + 1e-6]
    right = [v for v in s if b - 1e-6 <= v <= b + LINE_EPS_M]
    # The line whose thickening ends the stretch lies one thickening beyond it.
    a = min(left, key=lambda v: abs(v - (a - LINE_PAD_M))) if left else a
    b = min(right, key=lambda v: abs(v - (b + LINE_PAD_M))) if right else b
    return a, b


def _add(found: list, ab: tuple[float, float]) -> None:
    for group in found:
        ga, gb = _median(group)
        if abs(ga - ab[0]) < 0.06 and abs(gb - ab[1]) < 0.06:
            group.append(ab)
            return
    found.append([ab])


def _median(group) -> tuple[float, float]:
    return (statistics.median(a for a, _ in group), statistics.median(b for _, b in group))


def _holds_door(d: Door, ab) -> bool:
    (cx, cy), u, _ = _axes(d)
    mid = (ab[0] + ab[1]) / 2
    if d.swings and not d.pieces:
        return abs(mid) < (ab[1] - ab[0]) / 2
    return any(
        ab[0] - 0.02 <= _along(g.centroid.coords[0], (cx, cy), u) <= ab[1] + 0.02 for g in d.pieces
    )


def _set_opening(d: Door, ab: tuple[float, float]) -> None:
    (cx, cy), (ux, uy), _ = _axes(d)
    a, b = ab
    mid = (a + b) / 2
    d.box = OrientedBox(cx + ux * mid, cy + uy * mid, b - a, d.box.width, ux, uy)
    d.width_m = round(b - a, 4)
    d.measured_by = "wall opening"
    d.clear_m = _clear_width(d)


def _split(d: Door, openings) -> list[Door]:
    """One door per opening: each takes the pieces whose centres lie in its opening."""
    (cx, cy), u, _ = _axes(d)
    parts = []
    for k, (a, b) in enumerate(sorted(openings)):
        mine = [
            (h, g)
            for h, g in zip(d.piece_handles, d.pieces, strict=True)
            if a - JAMB_REACH_M < _along(g.centroid.coords[0], (cx, cy), u) < b + JAMB_REACH_M
            and _nearest_opening(g, (cx, cy), u, openings) == (a, b)
        ]
        inside = (a - JAMB_REACH_M, b + JAMB_REACH_M)
        part = replace(
            d,
            id=f"{d.id}.{k + 1}",
            handles=sorted({h for h, _ in mine}) or d.handles,
            pieces=[g for _, g in mine],
            piece_handles=[h for h, _ in mine],
            regions=[],
            swings=[w for w in d.swings if inside[0] < _along(w[0], (cx, cy), u) < inside[1]],
            leaf_tips=[t for t in d.leaf_tips if inside[0] < _along(t, (cx, cy), u) < inside[1]],
        )
        _set_opening(part, (a, b))
        parts.append(part)
    return parts


def _nearest_opening(g, c, u, openings):
    s = _along(g.centroid.coords[0], c, u)
    return min(openings, key=lambda ab: max(ab[0] - s, s - ab[1], 0.0))


def _clear_width(d: Door) -> float | None:
    """The straight passage left between what stands at each jamb (frames, stops, the open
    leaf at its hinge), or None when nothing is drawn inside the opening."""
    (cx, cy), (ux, uy), (nx, ny) = _axes(d)
    half = d.width_m / 2
    left, right = -half, half
    for g in d.pieces:
        coords = shapely.get_coordinates(g).tolist()
        if not coords:
            continue
        s = [_along(p, (cx, cy), (ux, uy)) for p in coords]
        across = [_along(p, (cx, cy), (nx, ny)) for p in coords]
        lo, hi = max(min(s), -half), min(max(s), half)
        if hi - lo <= 0.002:
            continue  # beside the opening: casing or trim over the wall
        along_len = max(s) - min(s)
        if along_len > LEAF_MIN_M and along_len > max(across) - min(across):
            continue  # a leaf drawn closed across the opening (one of two, for a pair)
        if lo <= -half + JAMB_ZONE_M:
            left = max(left, hi)
        elif hi >= half - JAMB_ZONE_M:
            right = min(right, lo)
        # Anything mid-opening (a handle, a folding leaf's joint) is not a stop.
    clear = right - left
    if clear >= d.width_m - 0.005 or clear <= 0:
        return None  # nothing stands in the opening (or the drawing is not readable so)
    return round(clear, 4)


def _along(p, c, u) -> float:
    return (p[0] - c[0]) * u[0] + (p[1] - c[1]) * u[1]


def _lines(geom) -> list[LineString]:
    if geom.is_empty:
        return []
    if geom.geom_type == "LineString":
        return [geom]
    return [g for g in getattr(geom, "geoms", []) if g.geom_type == "LineString"]

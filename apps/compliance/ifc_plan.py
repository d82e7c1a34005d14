"""Plan sections cut from an IFC model: one plan model per storey, like a DXF plan.

Each element is tessellated in world coordinates (metres) and cut with a
horizontal plane ``CUT_HEIGHT_M`` above its storey's level; stair and ramp
treads are the horizontal faces between the level and the cut, so their
elevations give riser heights. The result goes through the same extraction
as a DXF (``plan.build_plan``), with IFC class names standing in for layers.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, Point
from shapely.ops import unary_union

from apps.compliance import reading_messages as m
from apps.compliance.dxf_reader import RawDrawing, RawEntity
from apps.compliance.errors import DrawingError
from apps.compliance.layers import LayerPatterns
from apps.compliance.plan import Plan, build_plan

CUT_HEIGHT_M = 1.0
CLASSES = (
    "IfcWall",
    "IfcWallStandardCase",
    "IfcDoor",
    "IfcWindow",
    "IfcColumn",
    "IfcStair",
    "IfcStairFlight",
    "IfcRamp",
    "IfcRampFlight",
    "IfcSpace",
    "IfcRailing",
    "IfcCurtainWall",
    "IfcMember",
    "IfcPlate",
)


def plans_from_ifc(model, *, name: str = "model.ifc") -> list[Plan]:
    """Cut every storey of an opened ifcopenshell model into a Plan (slow: tessellation)."""
    import ifcopenshell.geom
    import ifcopenshell.util.element as uel
    import ifcopenshell.util.placement as upl

    storeys = {}
    for st in model.by_type("IfcBuildingStorey"):
        try:
            z = float(upl.get_local_placement(st.ObjectPlacement)[2][3])
        except Exception:
            z = float(st.Elevation or 0.0)
        scale = _unit_scale(model)
        storeys[st.GlobalId] = (st.Name or st.GlobalId, z * scale, [])
    if not storeys:
        raise DrawingError(m.NO_STOREYS_TO_CUT % {"name": name})
    elements = [e for cls in CLASSES for e in _by_type(model, cls)]
    if not elements:
        raise DrawingError(m.NOTHING_TO_DRAW % {"name": name})
    settings = ifcopenshell.geom.settings()
    settings.set("use-world-coords", True)
    iterator = ifcopenshell.geom.iterator(settings, model, 2, include=elements)
    if not iterator.initialize():
        raise DrawingError(m.NO_GEOMETRY % {"name": name})
    while True:
        shape = iterator.get()
        element = model.by_guid(shape.guid)
        container = uel.get_container(element) or (
            uel.get_aggregate(element) if element.is_a("IfcSpace") else None
        )
        if container is None or container.GlobalId not in storeys:
            container = _parent_storey(element, uel)
        if container is not None and container.GlobalId in storeys:
            verts = np.array(shape.geometry.verts, dtype=float).reshape(-1, 3)
            faces = np.array(shape.geometry.faces, dtype=int).reshape(-1, 3)
            storeys[container.GlobalId][2].append((element, verts, faces))
        if not iterator.next():
            break
    plans = []
    patterns = LayerPatterns()
    for storey_name, z0, items in storeys.values():
        entities = _section(items, z0, patterns)
        if not entities:
            continue
        raw = RawDrawing(
            name=f"{name} / {storey_name}", entities=entities, unit_name="metres", scale_to_m=1.0
        )
        plans.append(build_plan(raw, storey=storey_name))
    return plans


def _unit_scale(model) -> float:
    import ifcopenshell.util.unit as uun

    return float(uun.calculate_unit_scale(model))


def _by_type(model, cls):
    try:
        return model.by_type(cls, include_subtypes=False)
    except RuntimeError:  # class not in this schema
        return []


def _parent_storey(element, uel):
    parent = uel.get_aggregate(element)
    while parent is not None and not parent.is_a("IfcBuildingStorey"):
        parent = uel.get_container(parent) or uel.get_aggregate(parent)
    return parent


def _cut_segments(verts: np.ndarray, faces: np.ndarray, z: float) -> list:
    tri = verts[faces]  # (n, 3, 3)
    d = tri[:, :, 2] - z
    crosses = (d.min(axis=1) < 0) & (d.max(axis=1) > 0)
    segs = []
    for t, dz in zip(tri[crosses], d[crosses], strict=True):
        pts = []
        for i, j in ((0, 1), (1, 2), (2, 0)):
            if (dz[i] < 0) != (dz[j] < 0):
                f = dz[i] / (dz[i] - dz[j])
                pts.append(tuple(t[i, :2] + f * (t[j, :2] - t[i, :2])))
        if len(pts) == 2:
            # Snap to 0.01 mm so that the pieces of one cut outline join into closed rings.
            a, b = (tuple(np.round(p, 5)) for p in pts)
            if a != b:
                segs.append((a, b))
    return segs


def _section(items, z0: float, patterns: LayerPatterns) -> list[RawEntity]:
    cut = z0 + CUT_HEIGHT_M
    out: list[RawEntity] = []
    for element, verts, faces in items:
        cls = element.is_a()
        layer = cls
        category = patterns.classify(layer)
        gid = element.GlobalId
        if cls in ("IfcStair", "IfcStairFlight", "IfcRamp", "IfcRampFlight"):
            out.extend(_treads(verts, faces, z0, cut, gid, layer, category))
        segs = _cut_segments(verts, faces, cut)
        if not segs:
            continue
        lines = shapely.line_merge(MultiLineString(segs))
        polys = list(shapely.get_parts(shapely.polygonize(list(shapely.get_parts(lines)))))
        polys = [p for p in polys if p.area > 1e-4]
        if cls == "IfcSpace":
            if polys:
                poly = max(polys, key=lambda p: p.area)
                out.append(RawEntity(gid, layer, "space", "IFC", poly, closed=True))
                label = " ".join(x for x in (element.Name, getattr(element, "LongName", None)) if x)
                if label:
                    p = poly.representative_point()
                    out.append(
                        RawEntity(
                            gid,
                            f"{layer}-Label",
                            "label",
                            "TEXT",
                            Point(p.x, p.y),
                            text=label,
                            text_height=0.2,
                        )
                    )
            continue
        if category in ("wall", "column", "window"):
            # Closed cut outlines become solid; open pieces (panes, frames) stay as lines.
            for p in polys:
                out.append(RawEntity(gid, layer, category, "IFC", p, closed=True))
        for g in shapely.get_parts(lines):
            out.append(RawEntity(gid, layer, category, "IFC", LineString(g.coords)))
    return out


def _treads(verts, faces, z0: float, cut: float, gid: str, layer: str, category) -> list[RawEntity]:
    tri = verts[faces]
    normal = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    norm = np.linalg.norm(normal, axis=1)
    flat = (norm > 1e-12) & (np.abs(normal[:, 2]) > 0.99 * np.maximum(norm, 1e-12))
    zs = tri[:, :, 2].mean(axis=1)
    ok = flat & (normal[:, 2] > 0) & (zs > z0 + 0.01) & (zs < cut)
    levels: dict[float, list] = {}
    for t, z in zip(tri[ok], zs[ok], strict=True):
        levels.setdefault(round(float(z), 3), []).append(shapely.Polygon(t[:, :2]))
    out = []
    for z, polys in sorted(levels.items()):
        merged = unary_union([p.buffer(1e-4) for p in polys if p.area > 0])
        for p in getattr(merged, "geoms", [merged]):
            if p.area > 0.01:
                out.append(
                    RawEntity(
                        gid,
                        layer,
                        category or "stair",
                        "IFC",
                        p.buffer(-1e-4),
                        closed=True,
                        elevation=z,
                    )
                )
    return out

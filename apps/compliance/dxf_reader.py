"""Read a DXF file into flat, unit-scaled shapely geometry with each entity's handle and layer.

Nothing here knows about walls or doors beyond the layer category; ``plan.py``
turns this into elements.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

import ezdxf
from ezdxf import recover
from ezdxf.path import make_path
from shapely.geometry import LineString, Point, Polygon

from apps.compliance import reading_messages as m
from apps.compliance.errors import DrawingError
from apps.compliance.layers import LayerPatterns
from apps.compliance.sniff import sniff_drawing
from apps.compliance.units import check_plausible, chosen

# $INSUNITS code -> (metres per unit, name)
INSUNITS = {
    1: (0.0254, "inches"),
    2: (0.3048, "feet"),
    4: (0.001, "millimetres"),
    5: (0.01, "centimetres"),
    6: (1.0, "metres"),
    14: (0.1, "decimetres"),
}
FAR_FROM_ORIGIN_M = 100_000.0
MAX_ENTITIES = 200_000
CURVE_TOLERANCE_M = 0.01


@dataclass
class RawEntity:
    handle: str
    layer: str
    category: str | None
    dxftype: str
    geometry: object  # shapely LineString | Polygon | Point, in metres, shifted by the offset
    closed: bool = False
    elevation: float | None = None
    text: str = ""
    text_height: float = 0.0
    block: str = ""
    radius: float = 0.0  # ARC/CIRCLE radius in metres (door swings)
    center: tuple[float, float] | None = None  # ARC centre (a door's hinge)


@dataclass
class RawDrawing:
    name: str
    entities: list[RawEntity]
    unit_name: str
    scale_to_m: float
    offset: tuple[float, float] = (0.0, 0.0)  # subtract from drawing coords (in metres)
    warnings: list[str] = field(default_factory=list)
    layers: dict[str, str | None] = field(default_factory=dict)

    def of(self, category: str) -> list[RawEntity]:
        return [e for e in self.entities if e.category == category]


def read_dxf_bytes(
    data: bytes,
    *,
    name: str = "drawing.dxf",
    patterns: LayerPatterns | None = None,
    units: str | None = None,
) -> RawDrawing:
    """Parse DXF bytes; raise DrawingError with a plain reason when they cannot be used."""
    kind = sniff_drawing(data[:4096], size=len(data), filename=name)
    if kind != "dxf":
        raise DrawingError(m.IFC_NOT_DXF % {"name": name})
    try:
        doc, auditor = recover.read(io.BytesIO(data))
    except ezdxf.DXFStructureError as exc:
        raise DrawingError(m.DXF_UNREADABLE % {"name": name, "reason": exc}) from exc
    except Exception as exc:  # ezdxf raises assorted errors on garbage input
        raise DrawingError(m.DXF_FAILED % {"name": name, "error": type(exc).__name__}) from exc
    if auditor.has_errors:
        # Recoverable: say so, keep going with what ezdxf could repair.
        warnings = [m.DXF_REPAIRED % {"count": len(auditor.errors)}]
    else:
        warnings = []
    return drawing_from_doc(doc, name=name, patterns=patterns, warnings=warnings, units=units)


def _units(doc, name: str) -> tuple[float, str, list[str]]:
    code = int(doc.header.get("$INSUNITS", 0) or 0)
    if code in INSUNITS:
        scale, unit = INSUNITS[code]
        notes = []
        if code in (1, 2):
            notes.append(m.DRAWN_IN % {"name": name, "unit": unit, "scale": scale})
        return scale, unit, notes
    # Unset or unusual units: guess from the size of the drawing, and say so.
    ext = _raw_extent(doc)
    metres = m.ASSUMED % {"unit": "metres"}
    if ext is None:
        return 1.0, metres, []
    span = max(ext)
    if span > 2000:
        note = m.ASSUMED_MM % {"name": name, "code": code, "span": f"{span:.0f}"}
        return 0.001, m.ASSUMED % {"unit": "millimetres"}, [note]
    return 1.0, metres, [m.ASSUMED_M % {"name": name, "code": code, "span": f"{span:.1f}"}]


def _raw_extent(doc) -> tuple[float, float] | None:
    xs: list[float] = []
    ys: list[float] = []
    for e in doc.modelspace():
        try:
            if e.dxftype() == "LWPOLYLINE":
                for x, y in e.get_points("xy"):
                    xs.append(x)
                    ys.append(y)
            elif e.dxftype() == "LINE":
                xs += [e.dxf.start.x, e.dxf.end.x]
                ys += [e.dxf.start.y, e.dxf.end.y]
        except Exception:
            continue
        if len(xs) > 20000:
            break
    if not xs:
        return None
    return (max(xs) - min(xs), max(ys) - min(ys))


def drawing_from_doc(
    doc,
    *,
    name: str,
    patterns: LayerPatterns | None = None,
    warnings: list[str] | None = None,
    units: str | None = None,
) -> RawDrawing:
    """Entities in metres; ``units`` (an upload-form choice) overrides the file's header.
    Raises ImplausibleUnits when the declared units make the plan an impossible size."""
    patterns = patterns or LayerPatterns()
    scale, unit, notes = _units(doc, name)
    declared = int(doc.header.get("$INSUNITS", 0) or 0) in INSUNITS
    if chosen(units) is not None:
        file_says = unit
        scale, unit = chosen(units)
        notes = [m.UNITS_CHOSEN % {"unit": unit, "file_says": file_says}]
        declared = True
    warnings = list(warnings or []) + notes
    entities: list[RawEntity] = []
    msp = doc.modelspace()
    if len(msp) > MAX_ENTITIES:
        raise DrawingError(
            m.TOO_MANY_ENTITIES % {"name": name, "count": len(msp), "limit": MAX_ENTITIES}
        )
    for entity in msp:
        entities.extend(_convert(entity, scale, patterns))
    if not entities:
        raise DrawingError(m.NO_ENTITIES % {"name": name})
    if declared:
        _check_units(name, unit, scale, entities, patterns)
    entities, dropped = _without_duplicates(entities)
    if dropped:
        warnings.append(m.DRAWN_TWICE % {"name": name, "count": dropped})
    offset = _offset_for(entities)
    if offset != (0.0, 0.0):
        km = f"{math.hypot(*offset) / 1000:.0f}"
        warnings.append(m.FAR_FROM_ORIGIN % {"name": name, "km": km})
        entities = [_shifted(e, offset) for e in entities]
    layers = {layer: patterns.classify(layer) for layer in sorted({e.layer for e in entities})}
    return RawDrawing(
        name=name,
        entities=entities,
        unit_name=unit,
        scale_to_m=scale,
        offset=offset,
        warnings=warnings,
        layers=layers,
    )


def _without_duplicates(entities: list[RawEntity]) -> tuple[list[RawEntity], int]:
    """Entities of the same kind, layer and text whose geometry is the same to 1 mm."""
    import shapely

    seen: set[tuple] = set()
    kept = []
    for e in entities:
        shape = shapely.normalize(shapely.set_precision(e.geometry, 0.001))
        key = (e.dxftype, e.layer, e.text, shape.wkb)
        if key in seen:
            continue
        seen.add(key)
        kept.append(e)
    return kept, len(entities) - len(kept)


def _check_units(name, unit, scale, entities, patterns) -> None:
    """A millimetre plan marked as metres (or the reverse) is refused with a sentence."""
    import shapely

    bounds = shapely.total_bounds([e.geometry for e in entities])
    extent = max(bounds[2] - bounds[0], bounds[3] - bounds[1]) / scale
    doors = []
    for e in entities:
        if e.category == "door" and e.dxftype != "TEXT":
            x0, y0, x1, y1 = e.geometry.bounds
            size = max(x1 - x0, y1 - y0) / scale
            if size > 0:
                doors.append(size)
    check_plausible(name, unit, scale, extent, doors)


def _offset_for(entities: list[RawEntity]) -> tuple[float, float]:
    minx = min(e.geometry.bounds[0] for e in entities)
    miny = min(e.geometry.bounds[1] for e in entities)
    if abs(minx) < FAR_FROM_ORIGIN_M and abs(miny) < FAR_FROM_ORIGIN_M:
        return (0.0, 0.0)
    return (math.floor(minx), math.floor(miny))


def _shifted(e: RawEntity, offset: tuple[float, float]) -> RawEntity:
    from shapely.affinity import translate

    e.geometry = translate(e.geometry, -offset[0], -offset[1])
    if e.center is not None:
        e.center = (e.center[0] - offset[0], e.center[1] - offset[1])
    return e


def _convert(
    entity,
    scale: float,
    patterns: LayerPatterns,
    *,
    layer_override: str | None = None,
    block: str = "",
) -> list[RawEntity]:
    kind = entity.dxftype()
    layer = entity.dxf.get("layer", "0")
    if layer_override and layer == "0":
        layer = layer_override  # entities on layer 0 inside a block take the INSERT's layer
    handle = entity.dxf.get("handle", "") or ""
    if kind == "INSERT":
        return _from_insert(entity, scale, patterns, layer, handle)
    category = patterns.classify(layer)
    if kind in ("TEXT", "MTEXT"):
        return _from_text(entity, scale, handle, layer, category or "label", block)
    if kind in ("LWPOLYLINE", "POLYLINE", "LINE", "ARC", "CIRCLE", "ELLIPSE", "SPLINE"):
        return _from_curve(entity, scale, handle, layer, category, block)
    return []


def _from_insert(entity, scale: float, patterns: LayerPatterns, layer: str, handle: str):
    """A block reference's entities, each selectable as the INSERT."""
    out: list[RawEntity] = []
    try:
        # A block named like an element ("DOOR_900", "门") says what it is even on a
        # layer whose name says nothing.
        named = patterns.classify(entity.dxf.name)
        for sub in entity.virtual_entities():
            for raw in _convert(sub, scale, patterns, layer_override=layer, block=entity.dxf.name):
                raw.handle = handle  # the INSERT is what the engineer can select
                if named in ("door", "window", "stair", "column") and raw.category in (
                    None,
                    "wall",
                    named,
                ):
                    raw.category = named
                out.append(raw)
    except Exception:
        return []
    return out


def _from_text(entity, scale: float, handle: str, layer: str, category: str, block: str):
    kind = entity.dxftype()
    try:
        text = entity.plain_text() if kind == "MTEXT" else entity.dxf.text
        ins = entity.dxf.insert
        height = float(entity.dxf.get("char_height" if kind == "MTEXT" else "height", 0.0))
    except Exception:
        return []
    point = Point(ins.x * scale, ins.y * scale)
    return [
        RawEntity(
            handle,
            layer,
            category,
            kind,
            point,
            text=str(text).strip(),
            text_height=height * scale,
            block=block,
        )
    ]


def _from_curve(entity, scale: float, handle: str, layer: str, category, block: str):
    """A line, polyline, arc, circle, ellipse or spline, flattened to points."""
    kind = entity.dxftype()
    try:
        path = make_path(entity)
        pts = [(v.x * scale, v.y * scale) for v in path.flattening(CURVE_TOLERANCE_M / scale)]
    except Exception:
        return []
    closed = (
        kind == "CIRCLE"
        or bool(getattr(entity, "closed", False))
        or (kind == "POLYLINE" and entity.is_closed)
    )
    elevation = None
    if kind == "LWPOLYLINE":
        elevation = float(entity.dxf.get("elevation", 0.0)) * scale
    if len(pts) < 2:
        return []
    kind, radius, center = _swing(entity, kind, scale)
    if closed and len(pts) >= 3:
        poly = Polygon(pts)
        if not poly.is_valid:
            poly = poly.buffer(0)
        if poly.area > 0:
            return [
                RawEntity(
                    handle,
                    layer,
                    category,
                    kind,
                    poly,
                    closed=True,
                    elevation=elevation,
                    block=block,
                )
            ]
    line = LineString(pts)
    return [
        RawEntity(
            handle,
            layer,
            category,
            kind,
            line,
            closed=closed,
            elevation=elevation,
            block=block,
            radius=radius,
            center=center,
        )
    ]


def _swing(entity, kind: str, scale: float) -> tuple[str, float, tuple[float, float] | None]:
    """(kind, radius, centre) of an arc or circle (a door's swing); a circular
    ellipse counts as an arc."""
    radius = float(entity.dxf.radius) * scale if kind in ("ARC", "CIRCLE") else 0.0
    center = None
    if kind == "ARC":
        c = entity.ocs().to_wcs(entity.dxf.center)  # mirrored blocks give arcs in an OCS
        center = (c.x * scale, c.y * scale)
    elif kind == "ELLIPSE" and abs(float(entity.dxf.ratio) - 1.0) < 1e-6:
        c = entity.dxf.center
        radius = float(entity.dxf.major_axis.magnitude) * scale
        center, kind = (c.x * scale, c.y * scale), "ARC"
    return kind, radius, center

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
        raise DrawingError(f"{name} is an IFC model, not a DXF drawing.")
    try:
        doc, auditor = recover.read(io.BytesIO(data))
    except ezdxf.DXFStructureError as exc:
        raise DrawingError(f"{name} is not a readable DXF file ({exc}).") from exc
    except Exception as exc:  # ezdxf raises assorted errors on garbage input
        raise DrawingError(f"{name} could not be read as DXF ({type(exc).__name__}).") from exc
    if auditor.has_errors:
        # Recoverable: say so, keep going with what ezdxf could repair.
        warnings = [f"The DXF had {len(auditor.errors)} structural errors; ezdxf repaired them."]
    else:
        warnings = []
    return drawing_from_doc(doc, name=name, patterns=patterns, warnings=warnings, units=units)


def _units(doc, name: str) -> tuple[float, str, list[str]]:
    code = int(doc.header.get("$INSUNITS", 0) or 0)
    if code in INSUNITS:
        scale, unit = INSUNITS[code]
        notes = []
        if code in (1, 2):
            notes.append(
                f"{name} is drawn in {unit}; converted to metres (1 {unit[:-1]} = {scale} m)."
            )
        return scale, unit, notes
    # Unset or unusual units: guess from the size of the drawing, and say so.
    ext = _raw_extent(doc)
    if ext is None:
        return 1.0, "metres (assumed)", []
    span = max(ext)
    if span > 2000:
        return (
            0.001,
            "millimetres (assumed)",
            [
                f"{name} has no drawing units set ($INSUNITS={code}); its extent "
                f"({span:.0f} units) suggests millimetres, which was assumed. "
                "Set $INSUNITS to be sure."
            ],
        )
    return (
        1.0,
        "metres (assumed)",
        [
            f"{name} has no drawing units set ($INSUNITS={code}); metres were assumed from "
            f"its extent ({span:.1f} units). Set $INSUNITS to be sure."
        ],
    )


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
        notes = [f"Units chosen on the upload form: {unit} (the file says {file_says})."]
        declared = True
    warnings = list(warnings or []) + notes
    entities: list[RawEntity] = []
    msp = doc.modelspace()
    if len(msp) > MAX_ENTITIES:
        raise DrawingError(
            f"{name} has {len(msp)} entities; up to {MAX_ENTITIES} per storey are checked. "
            "Split the drawing per storey or purge unused content."
        )
    for entity in msp:
        entities.extend(_convert(entity, scale, patterns))
    if not entities:
        raise DrawingError(f"{name} contains no drawing entities (the model space is empty).")
    if declared:
        _check_units(name, unit, scale, entities, patterns)
    entities, dropped = _without_duplicates(entities)
    if dropped:
        warnings.append(
            f"{name} has {dropped} entities drawn twice on top of each other; "
            "each copy was counted once."
        )
    offset = _offset_for(entities)
    if offset != (0.0, 0.0):
        warnings.append(
            f"{name} lies about {math.hypot(*offset) / 1000:.0f} km from the drawing origin; "
            "it was moved next to the origin for measuring, and locations are reported "
            "in the drawing's own coordinates."
        )
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
    category = patterns.classify(layer)
    handle = entity.dxf.get("handle", "") or ""
    if kind == "INSERT":
        out: list[RawEntity] = []
        try:
            for sub in entity.virtual_entities():
                for raw in _convert(
                    sub, scale, patterns, layer_override=layer, block=entity.dxf.name
                ):
                    raw.handle = handle  # the INSERT is what the engineer can select
                    # A block named like an element ("DOOR_900", "门") says what it is
                    # even on a layer whose name says nothing.
                    named = patterns.classify(entity.dxf.name)
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
    if kind in ("TEXT", "MTEXT"):
        try:
            text = entity.plain_text() if kind == "MTEXT" else entity.dxf.text
            ins = entity.dxf.insert
            height = float(entity.dxf.get("char_height" if kind == "MTEXT" else "height", 0.0))
        except Exception:
            return []
        return [
            RawEntity(
                handle,
                layer,
                category if category else "label",
                kind,
                Point(ins.x * scale, ins.y * scale),
                text=str(text).strip(),
                text_height=height * scale,
                block=block,
            )
        ]
    if kind in ("LWPOLYLINE", "POLYLINE", "LINE", "ARC", "CIRCLE", "ELLIPSE", "SPLINE"):
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
        radius = float(entity.dxf.radius) * scale if kind in ("ARC", "CIRCLE") else 0.0
        center = None
        if kind == "ARC":
            c = entity.ocs().to_wcs(entity.dxf.center)  # mirrored blocks give arcs in an OCS
            center = (c.x * scale, c.y * scale)
        elif kind == "ELLIPSE" and abs(float(entity.dxf.ratio) - 1.0) < 1e-6:
            c = entity.dxf.center
            radius = float(entity.dxf.major_axis.magnitude) * scale
            center, kind = (c.x * scale, c.y * scale), "ARC"
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
        return [
            RawEntity(
                handle,
                layer,
                category,
                kind,
                LineString(pts),
                closed=closed,
                elevation=elevation,
                block=block,
                radius=radius,
                center=center,
            )
        ]
    return []

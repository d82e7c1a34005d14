"""Read an IFC model (IFC2X3 / IFC4) into per-storey element attributes, in metres.

Door and stair checks on IFC use the model's own attributes, converted from
whatever length unit the file declares (millimetre models included), rather
than geometry cut from the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from apps.compliance import reading_messages as m
from apps.compliance.errors import DrawingError
from apps.compliance.sniff import sniff_drawing


@dataclass
class IfcElement:
    global_id: str
    name: str
    kind: str  # door | stair | space
    values: dict[str, float | None]
    location: tuple[float, float]


@dataclass
class IfcStorey:
    name: str
    elevation_m: float | None
    elements: list[IfcElement] = field(default_factory=list)


@dataclass
class IfcModel:
    name: str
    schema: str
    length_unit: str
    length_scale: float
    storeys: list[IfcStorey]
    warnings: list[str] = field(default_factory=list)
    file: object = None  # the opened ifcopenshell file, for cutting plans


def read_ifc_bytes(data: bytes, *, name: str = "model.ifc") -> IfcModel:
    import ifcopenshell

    if sniff_drawing(data[:4096], size=len(data), filename=name) != "ifc":
        raise DrawingError(m.DXF_NOT_IFC % {"name": name})
    try:
        model = ifcopenshell.file.from_string(data.decode("utf-8", errors="replace"))
        # A damaged header parses but leaves no schema: ifcopenshell then raises
        # RuntimeError from attribute access anywhere below.
        return _read_model(model, name)
    except DrawingError:
        raise
    except Exception as exc:
        raise DrawingError(m.IFC_FAILED % {"name": name, "error": type(exc).__name__}) from exc


def _read_model(model, name: str) -> IfcModel:
    import ifcopenshell.util.unit as uun

    if model.schema not in ("IFC2X3", "IFC4", "IFC4X3", "IFC4X3_ADD2"):
        raise DrawingError(m.IFC_SCHEMA % {"name": name, "schema": model.schema})
    scale = float(uun.calculate_unit_scale(model))
    area_scale = float(uun.calculate_unit_scale(model, "AREAUNIT"))
    unit = {1.0: "m", 0.001: "mm", 0.01: "cm", 0.3048: "ft", 0.0254: "in"}.get(
        round(scale, 6), f"{scale:g} m"
    )
    storeys: dict[str, IfcStorey] = {}
    for st in model.by_type("IfcBuildingStorey"):
        elev = float(st.Elevation) * scale if st.Elevation is not None else None
        storeys[st.GlobalId] = IfcStorey(st.Name or st.GlobalId, elev)
    warnings = []
    if not storeys:
        warnings.append(m.NO_STOREYS % {"name": name})
    loose = IfcStorey(m.NO_STOREY, None)
    storey_of = _storey_finder(storeys, loose)
    for entity, element in _elements(model, scale, area_scale):
        storey_of(entity).elements.append(element)
    result = [s for s in storeys.values() if s.elements] + ([loose] if loose.elements else [])
    if not any(s.elements for s in result):
        raise DrawingError(m.NOTHING_TO_CHECK % {"name": name})
    return IfcModel(name, model.schema, unit, scale, result, warnings, file=model)


def _storey_finder(storeys: dict[str, IfcStorey], loose: IfcStorey):
    """The storey an element is contained in (a space: aggregated in), else ``loose``."""
    import ifcopenshell.util.element as uel

    def storey_of(element) -> IfcStorey:
        container = uel.get_container(element)
        if container is None and element.is_a("IfcSpace"):
            container = uel.get_aggregate(element)
        if container is not None and container.GlobalId in storeys:
            return storeys[container.GlobalId]
        return loose

    return storey_of


def _elements(model, scale: float, area_scale: float) -> list[tuple[object, IfcElement]]:
    """Doors, stairs and spaces (each with its ifcopenshell entity, to find its storey)
    with their checked attributes, in that order."""
    import ifcopenshell.util.element as uel

    found = []
    for door in model.by_type("IfcDoor"):
        values = {
            "door_width": _len(door.OverallWidth, scale),
            "door_height": _len(door.OverallHeight, scale),
        }
        element = IfcElement(door.GlobalId, door.Name or "", "door", values, _xy(door, scale))
        found.append((door, element))
    for stair in model.by_type("IfcStair"):
        psets = uel.get_psets(stair)
        values = {
            "stair_riser": _pset_length(psets, r"riser.*height", scale),
            "stair_tread": _pset_length(psets, r"tread.*(length|depth)", scale),
        }
        element = IfcElement(stair.GlobalId, stair.Name or "", "stair", values, _xy(stair, scale))
        found.append((stair, element))
    for space in model.by_type("IfcSpace"):
        area = _floor_area(uel.get_psets(space), area_scale)
        label = " ".join(x for x in (space.Name, getattr(space, "LongName", None)) if x)
        values = {"room_area": area}
        element = IfcElement(space.GlobalId, label, "space", values, _xy(space, scale))
        found.append((space, element))
    return found


def _floor_area(psets: dict, area_scale: float) -> float | None:
    """A space's net floor area, else its gross one, from the first set that has one."""
    for pset in psets.values():
        for key in ("NetFloorArea", "GrossFloorArea"):
            if isinstance(pset.get(key), int | float):
                return float(pset[key]) * area_scale
    return None


def _len(value, scale: float) -> float | None:
    return round(float(value) * scale, 6) if value is not None else None


def _pset_length(psets: dict, pattern: str, scale: float) -> float | None:
    rx = re.compile(pattern, re.IGNORECASE)
    for pset in psets.values():
        for key, value in pset.items():
            if rx.search(key) and isinstance(value, int | float) and not isinstance(value, bool):
                return round(float(value) * scale, 6)
    return None


def _xy(element, scale: float) -> tuple[float, float]:
    try:
        import ifcopenshell.util.placement as upl

        m = upl.get_local_placement(element.ObjectPlacement)
        return (round(float(m[0][3]) * scale, 3), round(float(m[1][3]) * scale, 3))
    except Exception:
        return (0.0, 0.0)

"""Small DXF plans made in code for tests (no shared data needed)."""

from __future__ import annotations

import io

import ezdxf


def rect(msp, x0, y0, x1, y1, layer):
    msp.add_lwpolyline(
        [(x0, y0), (x1, y0), (x1, y1), (x0, y1)], close=True, dxfattribs={"layer": layer}
    )


def corridor_plan(
    *,
    units: int = 6,
    scale: float = 1.0,
    origin=(0.0, 0.0),
    door_width=0.9,
    corridor_width=1.8,
    pinch: float | None = None,
    layers=None,
    exterior_door=True,
) -> bytes:
    """A 20 m corridor with two rooms on one side, an exterior door at the west end,
    a stair at the east end. Metres times ``scale`` in drawing units."""
    L = {
        "wall": "A-WALL",
        "door": "A-DOOR",
        "stair": "A-FLOR-STRS",
        "space": "A-AREA",
        "label": "A-AREA-IDEN",
        **(layers or {}),
    }
    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = units
    msp = doc.modelspace()
    ox, oy = origin
    t = 0.2
    w = corridor_width

    def r(x0, y0, x1, y1, layer):
        rect(msp, (ox + x0) * scale, (oy + y0) * scale, (ox + x1) * scale, (oy + y1) * scale, layer)

    # outer walls: corridor y in [0, w], rooms y in [w + t, w + t + 4]
    top = w + t + 4
    r(-t, -t, 20 + t, 0, L["wall"])  # south wall
    r(-t, top, 20 + t, top + t, L["wall"])  # north wall
    r(20, 0, 20 + t, top, L["wall"])  # east wall
    if exterior_door:
        r(-t, 0, 0, 0.3, L["wall"])
        r(-t, 0.3 + 1.0, 0, top, L["wall"])
        r(-t, 0.3, 0, 1.3, L["door"])  # 1.0 m exterior door in the west wall
    else:
        r(-t, 0, 0, top, L["wall"])
    # wall between corridor and rooms, with two doors of door_width
    d1, d2 = 3.0, 13.0
    r(0, w, d1, w + t, L["wall"])
    r(d1, w, d1 + door_width, w + t, L["door"])
    r(d1 + door_width, w, d2, w + t, L["wall"])
    r(d2, w, d2 + door_width, w + t, L["door"])
    r(d2 + door_width, w, 20, w + t, L["wall"])
    r(10, w + t, 10 + t, top, L["wall"])  # partition between the rooms
    if pinch is not None:
        r(7.0, 0, 7.4, w - pinch, L["wall"])  # a nib leaving `pinch` clear
    # stair: 8 treads of 0.3 m going, 1.2 m wide, at the east end of the corridor
    for i in range(8):
        r(17.0 + i * 0.3, 0.2, 17.3 + i * 0.3, 1.4, L["stair"])
    for x0, x1, name in ((0, 10, "Office A"), (10.2, 20, "Office B")):
        r(x0, w + t, x1, top, L["space"])
        msp.add_text(name, height=0.2 * scale, dxfattribs={"layer": L["label"]}).set_placement(
            ((ox + (x0 + x1) / 2) * scale, (oy + w + 2) * scale)
        )
    r(0, 0, 20, w, L["space"])
    msp.add_text("Corridor", height=0.2 * scale, dxfattribs={"layer": L["label"]}).set_placement(
        ((ox + 5) * scale, (oy + w / 2) * scale)
    )
    buf = io.StringIO()
    doc.write(buf)
    return buf.getvalue().encode("utf-8")

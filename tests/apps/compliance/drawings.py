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
    stair=True,
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
    for i in range(8 if stair else 0):
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


def office_plan(
    *,
    rooms_per_side: int = 8,
    room_w: float = 4.0,
    depth: float = 5.0,
    corridor_w: float = 2.0,
    layers=None,
    units: int = 4,
    scale: float = 1000.0,
    origin=(0.0, 0.0),
    door_w: float = 1.0,
    casing: float = 0.0,
    door_blocks: bool = False,
) -> bytes:
    """A double-loaded office floor with exterior doors at both corridor ends and a stair
    in a room at mid-length; millimetres by default, AIA layer names. ``casing``: trim of
    that width beside each door, 25 mm proud of both wall faces (as Revit cuts it).
    ``door_blocks``: room doors are INSERTs of a block (frames, a 40 mm leaf open at 90°
    into the room, its swing arc), as architects' CAD draws them."""
    L = {
        "wall": "A-WALL",
        "door": "A-DOOR",
        "stair": "A-FLOR-STRS",
        "space": "A-AREA",
        "label": "A-AREA-IDEN",
        "window": "A-GLAZ",
        **(layers or {}),
    }
    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = units
    msp = doc.modelspace()
    ox, oy = origin
    t = 0.2
    length = rooms_per_side * room_w

    def r(x0, y0, x1, y1, layer):
        rect(msp, (ox + x0) * scale, (oy + y0) * scale, (ox + x1) * scale, (oy + y1) * scale, layer)

    def label(x, y, text):
        msp.add_text(text, height=0.2 * scale, dxfattribs={"layer": L["label"]}).set_placement(
            ((ox + x) * scale, (oy + y) * scale)
        )

    if door_blocks:
        block = _office_door_block(doc, door_w * scale, t * scale)
    y_c0, y_c1 = depth + t, depth + t + corridor_w  # corridor band
    top = y_c1 + t + depth
    r(-t, -t, length + t, 0, L["wall"])
    r(-t, top, length + t, top + t, L["wall"])
    for x_end in (-t, length):
        r(x_end, 0, x_end + t, y_c0 + 0.3, L["wall"])
        r(x_end, y_c0 + 0.3, x_end + t, y_c0 + 1.5, L["door"])
        r(x_end, y_c0 + 1.5, x_end + t, top, L["wall"])
        if casing:
            for y0 in (y_c0 + 0.3 - casing, y_c0 + 1.5):
                r(x_end - 0.025, y0, x_end + t + 0.025, y0 + casing, L["door"])
    for band_y, door_side in ((depth, "south"), (y_c1, "north")):
        x = 0.0
        for i in range(rooms_per_side):
            x0, x1 = i * room_w, (i + 1) * room_w
            d0 = x0 + 1.0
            r(x, band_y, d0, band_y + t, L["wall"])
            if door_blocks:  # the leaf opens into the room, away from the corridor
                into_room = door_side == "south"
                msp.add_blockref(
                    block.name,
                    ((ox + d0) * scale, (oy + band_y + (t if into_room else 0)) * scale),
                    dxfattribs={"layer": L["door"], "yscale": -1 if into_room else 1},
                )
            else:
                r(d0, band_y, d0 + door_w, band_y + t, L["door"])
            if casing:
                for x0 in (d0 - casing, d0 + door_w):
                    r(x0, band_y - 0.025, x0 + casing, band_y + t + 0.025, L["door"])
            x = d0 + door_w
            if i < rooms_per_side - 1:
                y0, y1 = (0, depth) if door_side == "south" else (y_c1 + t, top)
                r(x1, y0, x1 + t, y1, L["wall"])
        r(x, band_y, length, band_y + t, L["wall"])
    for i in range(rooms_per_side):
        x0, x1 = i * room_w + (t if i else 0), (i + 1) * room_w
        for y0, y1, tag in ((0, depth, "S"), (y_c1 + t, top, "N")):
            r(x0, y0, x1, y1, L["space"])
            label((x0 + x1) / 2, (y0 + y1) / 2, f"{tag}{i + 1:02d} Office")
    r(0, y_c0, length, y_c1, L["space"])
    label(length / 2, (y_c0 + y_c1) / 2, "Main corridor")
    # a stair in the middle north room: 10 treads of 0.29 m, 1.2 m wide
    sx = (rooms_per_side // 2) * room_w + 1.0
    for i in range(10):
        r(sx, y_c1 + t + 0.5 + i * 0.29, sx + 1.2, y_c1 + t + 0.79 + i * 0.29, L["stair"])
    buf = io.StringIO()
    doc.write(buf)
    return buf.getvalue().encode("utf-8")


def _office_door_block(doc, w: float, t: float):
    """A door block in drawing units: jamb at the origin, wall along +x from y 0 to t,
    the leaf open into +y."""
    frame = w * 0.05
    leaf = w - 2 * frame
    block = doc.blocks.new(name="OFFICE_DOOR")
    for x0 in (0, w - frame):
        block.add_lwpolyline([(x0, 0), (x0 + frame, 0), (x0 + frame, t), (x0, t)], close=True)
    hinge = (frame, t)
    thick = leaf * 0.045
    block.add_lwpolyline(
        [hinge, (frame + thick, t), (frame + thick, t + leaf), (frame, t + leaf)], close=True
    )
    block.add_arc(hinge, leaf, 0, 90)
    return block


def cad_plan_with_door_blocks(*, door_width: float = 0.9, one_layer: bool = False) -> bytes:
    """An architect-style plan: two rooms, door blocks (leaf line + swing arc) inserted in
    wall gaps, walls as double lines. ``one_layer`` puts everything on layer 0."""
    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = 4  # millimetres
    msp = doc.modelspace()
    wall = "0" if one_layer else "A-WALL"
    door_layer = "0" if one_layer else "A-DOOR"
    w = door_width * 1000
    block = doc.blocks.new(name=f"DOOR_{int(w)}")
    block.add_line((0, 0), (0, w))  # the leaf, open at 90°
    block.add_arc((0, 0), w, 0, 90)  # swing from the closed position
    # rooms: 0..4000 and 4200..8000 (x), 0..5000 (y), walls 200 thick as closed outlines
    for x0, y0, x1, y1 in (
        (-200, -200, 8200, 0),
        (-200, 5000, 8200, 5200),
        (-200, 0, 0, 5000),
        (8000, 0, 8200, 5000),
        (4000, 0, 4200, 2000),
        (4000, 2000 + w, 4200, 5000),
    ):
        rect(msp, x0, y0, x1, y1, wall)
    # the door in the partition: hinge at (4200, 2000), closing along +y
    msp.add_blockref(
        block.name,
        (4200, 2000),
        dxfattribs={"layer": door_layer, "rotation": 90, "xscale": 1, "yscale": -1},
    )
    buf = io.StringIO()
    doc.write(buf)
    return buf.getvalue().encode("utf-8")

"""Door test plans drawn in code the ways other offices draw doors: Revit-style casing
beside the opening, frames inside it, blocks with and without attributes, loose lines
and arcs, single and double leaves, neighbouring doors whose casings touch."""

from __future__ import annotations

import io

import ezdxf

from tests.apps.compliance.drawings import rect

WALL_T = 0.2  # the wall runs along x, y 0..0.2, metres


def wall_with_gaps(msp, gaps: list[tuple[float, float]], length: float = 12.0) -> None:
    x = 0.0
    for a, b in sorted(gaps):
        rect(msp, x, 0, a, WALL_T, "A-WALL")
        x = b
    rect(msp, x, 0, length, WALL_T, "A-WALL")


def casing(msp, a: float, b: float, width: float = 0.076, proud: float = 0.025) -> None:
    """Trim beside each jamb, over the wall and proud of both faces (as Revit cuts it)."""
    for x0, x1 in ((a - width, a), (b, b + width)):
        rect(msp, x0, -proud, x1, WALL_T + proud, "A-DOOR")


def closed_leaf(msp, a: float, b: float, frame: float = 0.0) -> None:
    """Frame pieces inside the opening at each jamb and a leaf drawn closed between them."""
    if frame:
        rect(msp, a, 0, a + frame, WALL_T, "A-DOOR")
        rect(msp, b - frame, 0, b, WALL_T, "A-DOOR")
    rect(msp, a + frame, WALL_T - 0.05, b - frame, WALL_T, "A-DOOR")


def doc_bytes(doc) -> bytes:
    buf = io.StringIO()
    doc.write(buf)
    return buf.getvalue().encode()


def new_doc():
    doc = ezdxf.new("R2010")
    doc.header["$INSUNITS"] = 6
    return doc, doc.modelspace()


def casing_door(opening: float = 0.915, *, frame: float = 0.0) -> bytes:
    """One door in a 0.2 m wall with 76 mm casing each side: outline = opening + 0.152."""
    doc, msp = new_doc()
    a, b = 5.0, 5.0 + opening
    wall_with_gaps(msp, [(a, b)])
    casing(msp, a, b)
    closed_leaf(msp, a, b, frame)
    return doc_bytes(doc)


def framed_door(opening: float, frame: float) -> bytes:
    """Frames of ``frame`` inside the opening, the leaf closed between them, no casing."""
    doc, msp = new_doc()
    wall_with_gaps(msp, [(5.0, 5.0 + opening)])
    closed_leaf(msp, 5.0, 5.0 + opening, frame)
    return doc_bytes(doc)


def _swing_block(doc, name: str, leaf: float, *, frame: float, stop: float, attribs: bool):
    """A door block drawn with its hinge jamb at the origin, opening along +x: frames
    inside the opening, stops, the leaf open at 90° and its swing arc."""
    block = doc.blocks.new(name=name)
    opening = leaf + 2 * frame
    block.add_lwpolyline([(0, 0), (frame, 0), (frame, WALL_T), (0, WALL_T)], close=True)
    block.add_lwpolyline(
        [(opening - frame, 0), (opening, 0), (opening, WALL_T), (opening - frame, WALL_T)],
        close=True,
    )
    if stop:
        block.add_lwpolyline(
            [(opening - frame - stop, 0.08), (opening - frame, 0.08)]
            + [(opening - frame, 0.12), (opening - frame - stop, 0.12)],
            close=True,
        )
    hinge = (frame, WALL_T)
    block.add_lwpolyline(
        [hinge, (hinge[0] + 0.04, hinge[1]), (hinge[0] + 0.04, hinge[1] + leaf)]
        + [(hinge[0], hinge[1] + leaf)],
        close=True,
    )  # the leaf, 40 mm thick, open at 90°
    block.add_arc(hinge, leaf, 0, 90)
    if attribs:
        block.add_attdef("WIDTH", (0, -0.3), dxfattribs={"height": 0.1})
        block.add_attdef("MARK", (0, -0.5), dxfattribs={"height": 0.1})
    return block


def block_doors(
    *,
    leaf: float = 0.9,
    frame: float = 0.05,
    stop: float = 0.0,
    attribs: bool = False,
    with_casing: bool = False,
    layer: str = "A-DOOR",
    starts: tuple[float, ...] = (2.0, 6.0),
) -> bytes:
    """Three door blocks in one wall, as INSERTs (with or without attributes), one of
    them mirrored and one rotated into a second wall."""
    doc, msp = new_doc()
    block = _swing_block(doc, "DR-SGL", leaf, frame=frame, stop=stop, attribs=attribs)
    opening = leaf + 2 * frame
    wall_with_gaps(msp, [(x, x + opening) for x in starts])
    for k, x in enumerate(starts):
        ref = msp.add_blockref(block.name, (x, 0), dxfattribs={"layer": layer})
        if k == 1:  # mirrored: hinge at the other jamb
            ref.dxf.xscale = -1
            ref.dxf.insert = (x + opening, 0)
        if attribs:
            ref.add_auto_attribs({"WIDTH": f"{int(opening * 1000)}", "MARK": f"D{k}"})
        if with_casing:
            casing(msp, x, x + opening)
    return doc_bytes(doc)


def loose_swing_door(leaf: float = 0.85, frame: float = 0.04) -> bytes:
    """A door drawn as loose lines and an arc on the door layer (no block)."""
    doc, msp = new_doc()
    a = 4.0
    opening = leaf + 2 * frame
    wall_with_gaps(msp, [(a, a + opening)])
    for x0 in (a, a + opening - frame):
        for p, q in (((x0, 0), (x0 + frame, 0)), ((x0 + frame, 0), (x0 + frame, WALL_T))):
            msp.add_line(p, q, dxfattribs={"layer": "A-DOOR"})
    hinge = (a + frame, WALL_T)
    msp.add_line(hinge, (hinge[0], hinge[1] + leaf), dxfattribs={"layer": "A-DOOR"})
    msp.add_arc(hinge, leaf, 0, 90, dxfattribs={"layer": "A-DOOR"})
    return doc_bytes(doc)


def double_swing_door(leaf: float = 0.8, frame: float = 0.05) -> bytes:
    """A pair of leaves, each with its arc, hinged at both jambs."""
    doc, msp = new_doc()
    a = 4.0
    opening = 2 * leaf + 2 * frame
    b = a + opening
    wall_with_gaps(msp, [(a, b)])
    rect(msp, a, 0, a + frame, WALL_T, "A-DOOR")
    rect(msp, b - frame, 0, b, WALL_T, "A-DOOR")
    for hinge, start, end in (((a + frame, WALL_T), 0, 90), ((b - frame, WALL_T), 90, 180)):
        msp.add_line(hinge, (hinge[0], hinge[1] + leaf), dxfattribs={"layer": "A-DOOR"})
        msp.add_arc(hinge, leaf, start, end, dxfattribs={"layer": "A-DOOR"})
    return doc_bytes(doc)


def neighbouring_doors(opening: float = 0.9, pier: float = 0.12) -> bytes:
    """Two doors either side of a narrow pier: their casings touch over it."""
    doc, msp = new_doc()
    a1 = 4.0
    b1 = a1 + opening
    a2 = b1 + pier
    b2 = a2 + opening
    wall_with_gaps(msp, [(a1, b1), (a2, b2)])
    for a, b in ((a1, b1), (a2, b2)):
        casing(msp, a, b, width=pier / 2 + 0.005)
        closed_leaf(msp, a, b)
    return doc_bytes(doc)


def double_line_wall_doors(*, caps: bool, opening: float = 0.9) -> bytes:
    """Walls drawn as two face lines (with or without cap lines at the jambs), a door
    block and a door of loose frame rectangles in the gaps."""
    doc, msp = new_doc()
    block = _swing_block(doc, "DR", opening - 0.1, frame=0.05, stop=0.0, attribs=False)
    gaps = [(3.0, 3.0 + opening), (7.0, 7.0 + opening)]
    x = 0.0
    for a, b in gaps + [(12.0, 12.0)]:
        for y in (0.0, WALL_T):
            msp.add_line((x, y), (a, y), dxfattribs={"layer": "A-WALL"})
        if caps:
            for cx in (x, a):
                msp.add_line((cx, 0), (cx, WALL_T), dxfattribs={"layer": "A-WALL"})
        x = b
    msp.add_blockref(block.name, (gaps[0][0], 0), dxfattribs={"layer": "A-DOOR"})
    closed_leaf(msp, *gaps[1], frame=0.05)
    return doc_bytes(doc)


def rebated_door(narrow: float = 0.9, rebate: float = 0.05) -> bytes:
    """Masonry jambs with a rebate: the gap is ``narrow`` over the outer half of the wall
    and ``narrow + 2 * rebate`` over the inner half, where the frame sits."""
    # (The door's drawing spans only the rebate, so its frame-to-frame width is the wider.)
    doc, msp = new_doc()
    a, b = 5.0, 5.0 + narrow
    rect(msp, 0, 0, a, WALL_T / 2, "A-WALL")
    rect(msp, b, 0, 12, WALL_T / 2, "A-WALL")
    rect(msp, 0, WALL_T / 2, a - rebate, WALL_T, "A-WALL")
    rect(msp, b + rebate, WALL_T / 2, 12, WALL_T, "A-WALL")
    # The frame sits in the rebate (the inner half), the leaf closed between its sides.
    rect(msp, a - rebate, WALL_T / 2, a, WALL_T, "A-DOOR")
    rect(msp, b, WALL_T / 2, b + rebate, WALL_T, "A-DOOR")
    rect(msp, a, WALL_T - 0.05, b, WALL_T, "A-DOOR")
    return doc_bytes(doc)

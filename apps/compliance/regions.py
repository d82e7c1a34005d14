"""Rooms on a plan: drawn spaces with their labels, and regions of free floor
enclosed by walls, windows and closed doors, each named and told corridor or not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shapely.geometry import Polygon
from shapely.ops import unary_union

from apps.compliance.doors import Door
from apps.compliance.dxf_reader import RawEntity
from apps.compliance.geometry import oriented_box, polygons_of

ROOM_MIN_AREA_M2 = 0.8
CORRIDOR_NAME = re.compile(
    r"corridor|hall|flur|gang|korridor|couloir|pasillo|corredor|lobby|foyer|circulation|"
    r"passage|走廊|过道|通道|门厅",
    re.IGNORECASE,
)
AREA_TEXT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(m2|m²|sqm|㎡|平方米)\s*$", re.IGNORECASE)


@dataclass
class Space:
    id: str
    polygon: Polygon
    name: str = ""
    stated_area_m2: float | None = None
    handle: str = ""


@dataclass
class Region:
    """A piece of floor enclosed by walls, windows and closed doors."""

    id: int
    polygon: Polygon
    name: str = ""
    is_corridor: bool = False
    space_id: str = ""

    @property
    def area(self) -> float:
        return self.polygon.area


def find_spaces(space_entities: list[RawEntity], labels: list[RawEntity]) -> list[Space]:
    """Closed space outlines of at least ROOM_MIN_AREA_M2, named by the labels inside them."""
    spaces = []
    for e in space_entities:
        if e.geometry.geom_type != "Polygon" or e.geometry.area < ROOM_MIN_AREA_M2:
            continue
        name, area = _label_for(e.geometry, labels)
        spaces.append(
            Space(
                id=f"S{len(spaces) + 1}",
                polygon=e.geometry,
                name=name,
                stated_area_m2=area,
                handle=e.handle,
            )
        )
    return spaces


def _label_for(poly: Polygon, labels: list[RawEntity]) -> tuple[str, float | None]:
    inside = [t for t in labels if t.text and poly.contains(t.geometry)]
    area = None
    names = []
    for t in sorted(inside, key=lambda t: -t.text_height):
        m = AREA_TEXT.match(t.text)
        if m:
            area = float(m.group(1).replace(",", "."))
        else:
            names.append(t.text)
    return (" / ".join(names[:2]), area)


def find_regions(
    wall_geom, doors: list[Door], outline: Polygon, spaces: list[Space], labels: list[RawEntity]
) -> list[Region]:
    """Free floor between walls and closed doors, largest first; also records on each
    door the regions it joins (-1 where it opens to the outside)."""
    if wall_geom.is_empty:
        # No walls: the drawn spaces are the only rooms we know.
        return [
            Region(i, s.polygon, s.name, bool(CORRIDOR_NAME.search(s.name)), s.id)
            for i, s in enumerate(spaces)
        ]
    frame = outline.buffer(2.0, join_style="mitre")
    closed = unary_union([wall_geom.buffer(0.02)] + [d.plug.buffer(0.02) for d in doors])
    free = frame.difference(closed)
    pieces = polygons_of(free)
    boundary = frame.exterior
    regions: list[Region] = []
    for poly in sorted(pieces, key=lambda p: -p.area):
        if poly.area < ROOM_MIN_AREA_M2 or poly.distance(boundary) < 1e-6:
            continue
        regions.append(Region(len(regions), poly))
    for r in regions:
        inside = [
            s for s in spaces if s.polygon.intersection(r.polygon).area > 0.5 * s.polygon.area
        ]
        inside.sort(key=lambda s: -s.polygon.intersection(r.polygon).area)
        if inside:
            r.name = " + ".join(s.name for s in inside)
            r.space_id = ",".join(s.id for s in inside)
        else:
            r.name, _ = _label_for(r.polygon, labels)
        r.is_corridor = _looks_like_corridor(r, doors)
    for d in doors:
        plug = d.plug.buffer(0.08)
        d.regions = [r.id for r in regions if r.polygon.intersects(plug)]
        if (
            len(d.regions) < 2
            and plug.intersects(free)
            and any(p.distance(boundary) < 1e-6 and p.intersects(plug) for p in pieces)
        ):
            d.regions.append(-1)
    return regions


def _looks_like_corridor(region: Region, doors: list[Door]) -> bool:
    if region.name and CORRIDOR_NAME.search(region.name):
        return True
    box = oriented_box(region.polygon)
    mean_width = region.area / max(box.length, 1e-6)
    touching = sum(1 for d in doors if region.polygon.distance(d.plug) < 0.1)
    return box.length / max(mean_width, 1e-6) >= 3.0 and mean_width <= 3.5 and touching >= 2

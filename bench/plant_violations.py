"""Plant known violations into copies of per-storey DXF plans (seeded, reproducible).

    .venv/bin/python bench/plant_violations.py IN.dxf OUT.dxf --seed 7

Prints the planted violations as JSON (class, location in drawing units,
element, what was changed). ``compliance_eval`` imports ``plant_storey``.

Each storey gets 3–6 violations across the classes door_width,
corridor_width, stair_tread, dead_end and travel_distance, as far as it has
such elements:

- door_width: a door is narrowed about its centre to 0.60–0.76 m, with wall
  infill closing the rest of the opening;
- corridor_width: a wall nib (shaft, duct) is added to one side of a corridor,
  leaving 0.55–0.80 m clear, away from doors;
- stair_tread: a straight flight is compressed along its run so the going is
  0.20–0.25 m;
- dead_end: a corridor's way out at one end is walled up where the next way
  out is more than 17 m away;
- travel_distance: every door of a room is walled up, so it has no route out.

Doors to narrow are found from the drawing's own door-layer linework
(``plant_doors.py``), not from the app's reader, so a door the reader misses is
still narrowed and then counts as missed. Corridors, stairs and rooms come from
the app's plan extraction (where the rooms are); the checks that later find the
violations are not consulted. Every class is attempted on every storey;
``attempted`` lists them for ``planted_by_class`` (0 where nothing could be planted).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import ezdxf  # noqa: E402
import networkx as nx  # noqa: E402
from shapely.geometry import LineString, Point  # noqa: E402

from apps.compliance import egress  # noqa: E402
from apps.compliance.dxf_reader import drawing_from_doc  # noqa: E402
from apps.compliance.geometry import OrientedBox, oriented_box  # noqa: E402
from apps.compliance.plan import build_plan  # noqa: E402
from bench.plant_doors import BlockDoor, block_doors, drawn_doors  # noqa: E402

CLASSES = ["door_width", "corridor_width", "stair_tread", "dead_end", "travel_distance"]
MIN_SEPARATION_M = 2.5


class Planter:
    def __init__(self, doc, name: str, rng: random.Random):
        self.doc = doc
        self.rng = rng
        self.raw = drawing_from_doc(doc, name=name)
        self.plan = build_plan(self.raw, storey=name)
        self.scale = self.raw.scale_to_m
        self.offset = self.raw.offset
        self.msp = doc.modelspace()
        self.used_handles: set[str] = set()
        self.used_doors: set[str] = set()
        self.removed_doors: set[str] = set()  # walled up by an earlier plant
        self.protected_doors: set[str] = set()  # doors an earlier plant relies on
        self.spots: list[tuple[float, float]] = []
        walls = [e.layer for e in self.raw.entities if e.category == "wall"]
        self.wall_layer = max(set(walls), key=walls.count) if walls else "A-WALL"
        self.graph = egress.region_graph(self.plan)

    # coordinates: plan (metres, shifted) <-> drawing units
    def to_dxf(self, xy):
        return ((xy[0] + self.offset[0]) / self.scale, (xy[1] + self.offset[1]) / self.scale)

    def record(self, cls, xy, element, detail):
        self.spots.append(xy)
        loc = self.to_dxf(xy)
        return {
            "class": cls,
            "location": [round(loc[0], 4), round(loc[1], 4)],
            "location_m": list(self.plan.to_drawing(xy)),
            "element": element,
            "detail": detail,
        }

    def free_spot(self, xy) -> bool:
        return all(math.dist(xy, s) >= MIN_SEPARATION_M for s in self.spots)

    def add_box(self, poly) -> None:
        pts = [self.to_dxf(p) for p in list(poly.exterior.coords)[:-1]]
        self.msp.add_lwpolyline(pts, close=True, dxfattribs={"layer": self.wall_layer})

    def transform_entities(self, handles, fn) -> None:
        for h in handles:
            e = self.doc.entitydb.get(h)
            if e is None:
                continue
            if e.dxftype() == "LWPOLYLINE":
                pts = []
                for x, y, s, e_, b in e.get_points("xyseb"):
                    mx, my = fn(
                        ((x * self.scale) - self.offset[0], (y * self.scale) - self.offset[1])
                    )
                    dx, dy = self.to_dxf((mx, my))
                    pts.append((dx, dy, s, e_, b))
                e.set_points(pts, format="xyseb")
            elif e.dxftype() == "LINE":
                for attr in ("start", "end"):
                    v = e.dxf.get(attr)
                    mx, my = fn(
                        (v.x * self.scale - self.offset[0], v.y * self.scale - self.offset[1])
                    )
                    e.dxf.set(attr, (*self.to_dxf((mx, my)), v.z))
            self.used_handles.add(h)

    def delete_entities(self, handles) -> None:
        for h in handles:
            e = self.doc.entitydb.get(h)
            if e is not None:
                self.msp.delete_entity(e)
            self.used_handles.add(h)

    # --- the five classes -------------------------------------------------
    def door_width(self):
        """Narrow a door found from the door-layer linework or a door INSERT itself (not
        from the app's reader)."""
        drawn = [(d, d.handles) for d in drawn_doors(self.doc, self.scale)]
        drawn += [(d, [d.handle]) for d in block_doors(self.doc, self.scale)]
        doors = []
        for d, handles in drawn:
            c = (d.cx - self.offset[0], d.cy - self.offset[1])
            known = [p for p in self.plan.doors if set(p.handles) & set(handles)]
            if set(handles) & self.used_handles or not self.free_spot(c):
                continue
            if any(p.id in self.used_doors | self.protected_doors for p in known):
                continue
            doors.append((d, handles, c, known))
        if not doors:
            return None
        d, handles, c, known = self.rng.choice(doors)
        target = round(self.rng.uniform(0.60, 0.76), 3)
        k = target / d.width
        u = (d.ux, d.uy)

        def squeeze(p):
            s = (p[0] - c[0]) * u[0] + (p[1] - c[1]) * u[1]
            return (p[0] + (s * k - s) * u[0], p[1] + (s * k - s) * u[1])

        if isinstance(d, BlockDoor):
            self.scale_insert(d.handle, c, k)
        else:
            self.transform_entities(handles, squeeze)
        # Wall infill from the new jambs out to the drawn extent closes the rest of the
        # opening, whatever part of that extent is casing.
        thick = max(d.depth, 0.1) + 0.02
        a, b = target / 2, d.width / 2
        for sign in (-1, 1):
            mid = (a + b) / 2 * sign
            box = OrientedBox(c[0] + u[0] * mid, c[1] + u[1] * mid, b - a, thick, u[0], u[1])
            self.add_box(box.polygon())
        self.used_doors |= {p.id for p in known}
        element = known[0].id if known else "door-layer group " + ",".join(handles[:3])
        return self.record(
            "door_width", c, element, f"drawn {d.width:.3f} m wide -> opening {target:.3f} m"
        )

    def scale_insert(self, handle: str, c, k: float) -> None:
        """Shrink a door INSERT by ``k`` about the opening's centre ``c`` (plan metres)."""
        ref = self.doc.entitydb.get(handle)
        ins = ref.dxf.insert
        here = (ins.x * self.scale - self.offset[0], ins.y * self.scale - self.offset[1])
        moved = (c[0] + k * (here[0] - c[0]), c[1] + k * (here[1] - c[1]))
        ref.dxf.insert = (*self.to_dxf(moved), ins.z)
        for axis in ("xscale", "yscale", "zscale"):
            ref.dxf.set(axis, ref.dxf.get(axis, 1.0) * k)
        self.used_handles.add(handle)

    def corridor_width(self):
        options = self._corridor_spots()
        live = [d for d in self.plan.doors if d.id not in self.removed_doors]
        plugs = [d.plug for d in live] + [s.footprint for s in self.plan.stairs]
        for r, box, p, mean_width in options:
            if not r.polygon.contains(Point(p)) or not self.free_spot(p):
                continue
            if any(Point(p).distance(g) < 0.6 for g in plugs):
                continue
            along = self._doors_either_side(r, box, p, live)
            if along is None:
                continue
            cut = _cross_section(r.polygon, box, p)
            if cut is None:
                continue
            (x1, y1), (x2, y2) = cut
            width = math.dist((x1, y1), (x2, y2))
            if width < 1.2 or width > 4.0 or abs(width - mean_width) > 0.3 * mean_width:
                continue
            clear = round(self.rng.uniform(0.55, 0.80), 3)
            if self.rng.random() < 0.5:
                (x1, y1), (x2, y2) = (x2, y2), (x1, y1)
            vx, vy = (x2 - x1) / width, (y2 - y1) / width
            depth = width - clear
            cx, cy = x1 + vx * (depth / 2 - 0.05), y1 + vy * (depth / 2 - 0.05)
            nib = OrientedBox(cx, cy, depth + 0.1, 0.4, vx, vy).polygon()
            if any(nib.distance(g) < 0.4 for g in plugs):
                continue
            self.add_box(nib)
            # Keep the doors that put this narrowing on a route.
            self.protected_doors |= set(along)
            gap = (x1 + vx * (depth + clear / 2), y1 + vy * (depth + clear / 2))
            return self.record(
                "corridor_width", gap, f"R{r.id}", f"clear width {width:.2f} m -> {clear:.3f} m"
            )
        return None

    def _corridor_spots(self) -> list:
        """(corridor, its box, a point on its axis, its mean width): 12 random
        points along each true corridor, shuffled."""
        options = []
        for r in [r for r in self.plan.regions if r.is_corridor]:
            box = oriented_box(r.polygon)
            mean_width = r.polygon.area / max(box.length, 1e-6)
            # Only true corridors (long and narrow by geometry), whatever their name says.
            if box.length < 4.0 or box.length < 3 * mean_width or mean_width > 3.5:
                continue
            for _ in range(12):
                t = self.rng.uniform(-box.length / 2 + 1.0, box.length / 2 - 1.0)
                p = (box.cx + box.ux * t, box.cy + box.uy * t)
                options.append((r, box, p, mean_width))
        self.rng.shuffle(options)
        return options

    def _doors_either_side(self, r, box, p, live) -> dict | None:
        """The corridor's doors by their distance along it from ``p``, when doors or
        stairs lie on both sides of ``p`` (the narrowing is on a route); else None."""
        along = {
            d.id: (d.location[0] - p[0]) * box.ux + (d.location[1] - p[1]) * box.uy
            for d in live
            if r.id in d.regions
        }
        stairs_along = [
            (s_.footprint.centroid.x - p[0]) * box.ux + (s_.footprint.centroid.y - p[1]) * box.uy
            for s_ in self.plan.stairs
            if s_.footprint.distance(r.polygon) < 0.3
        ]
        values = list(along.values()) + stairs_along
        if not (any(a < -0.6 for a in values) and any(a > 0.6 for a in values)):
            return None
        return along

    def stair_tread(self):
        flights = [
            (s, f)
            for s in self.plan.stairs
            for f in s.flights
            if len(f.treads) >= 4
            and f.going_m >= 0.27
            and self.free_spot(f.location)
            and not set(f.handles) & self.used_handles
        ]
        if not flights:
            return None
        s, f = self.rng.choice(flights)
        going = round(self.rng.uniform(0.20, 0.25), 3)
        k = going / f.going_m
        c = f.location
        t = f.treads[0]
        rx, ry = -t.uy, t.ux

        def compress(p):
            s_ = (p[0] - c[0]) * rx + (p[1] - c[1]) * ry
            return (p[0] + (s_ * k - s_) * rx, p[1] + (s_ * k - s_) * ry)

        self.transform_entities(f.handles, compress)
        return self.record("stair_tread", c, s.id, f"going {f.going_m:.3f} m -> {going:.3f} m")

    def dead_end(self):
        options = []
        for r in [r for r in self.plan.regions if r.is_corridor]:
            portals = egress.escape_portals(self.plan, r, self.graph)
            doors = [(pid, g) for pid, g in portals if pid.startswith("D")]
            for pid, g in doors:
                others = [g2 for pid2, g2 in portals if pid2 != pid]
                if not others or pid in self.used_doors or pid in self.protected_doors:
                    continue
                if min(g.distance(o) for o in others) < 17.0:
                    continue
                options.append((r, pid, g))
        self.rng.shuffle(options)
        for r, pid, g in options:
            end = r.polygon.intersection(g.buffer(1.2))
            if end.is_empty:
                continue
            loc = (end.centroid.x, end.centroid.y)
            if not self.free_spot(loc):
                continue
            door = next(d for d in self.plan.doors if d.id == pid)
            self.delete_entities(door.handles)
            self.add_box(door.plug)
            self.used_doors.add(pid)
            self.removed_doors.add(pid)
            return self.record("dead_end", loc, f"R{r.id}", f"way out {pid} walled up")
        return None

    def travel_distance(self):
        if not egress.exit_geometries(self.plan):
            return None  # no exit on the storey: no room can be cut off from one
        rooms = egress.rooms_of(self.plan)
        exits_nodes = [n for n in self.graph.nodes if isinstance(n, str)]
        options = []
        for room in rooms:
            region = next((r for r in self.plan.regions if r.id == room.region_id), None)
            if region is None or region.is_corridor or room.polygon.area < 4.0:
                continue
            if sum(1 for x in rooms if x.region_id == region.id) != 1:
                continue
            doors = [d for d in self.plan.doors if region.id in d.regions]
            if not doors or any(
                d.is_exterior or d.id in self.used_doors | self.protected_doors for d in doors
            ):
                continue
            if any(region.polygon.intersects(s.footprint) for s in self.plan.stairs):
                continue
            reduced = self.graph.copy()
            reduced.remove_node(region.id)
            others = [r.id for r in self.plan.regions if r.id != region.id]
            ok = all(
                any(nx.has_path(reduced, o, x) for x in exits_nodes)
                == any(nx.has_path(self.graph, o, x) for x in exits_nodes)
                for o in others
            )
            if ok and self.free_spot(room.point):
                options.append((room, doors))
        if not options:
            return None
        room, doors = self.rng.choice(options)
        for d in doors:
            self.delete_entities(d.handles)
            self.add_box(d.plug)
            self.used_doors.add(d.id)
            self.removed_doors.add(d.id)
        return self.record(
            "travel_distance",
            room.point,
            room.id,
            f"{len(doors)} door(s) of {room.name or room.id} walled up",
        )


def _lines(geom):
    if geom.is_empty:
        return []
    if geom.geom_type == "LineString":
        return [geom]
    return [g for g in getattr(geom, "geoms", []) if g.geom_type == "LineString"]


def _cross_section(polygon, box, p):
    """The ends of the corridor's cross-section through ``p``, across its axis; None
    when the line misses."""
    nx_, ny_ = -box.uy, box.ux
    line = LineString([(p[0] - nx_ * 10, p[1] - ny_ * 10), (p[0] + nx_ * 10, p[1] + ny_ * 10)])
    cut = [g for g in _lines(polygon.intersection(line)) if g.distance(Point(p)) < 1e-6]
    if not cut:
        return None
    return cut[0].coords[0], cut[0].coords[-1]


def plant_storey(src: Path, dst: Path, seed: int) -> list[dict]:
    """Write a copy of ``src`` with 3–6 planted violations to ``dst``; return what was planted."""
    doc = ezdxf.readfile(str(src))
    rng = random.Random(f"{seed}:{src.name}")
    planter = Planter(doc, src.name, rng)
    target = rng.randint(3, 6)
    planted: list[dict] = []
    classes = list(CLASSES)
    exhausted: set[str] = set()
    while len(planted) < target and len(exhausted) < len(classes):
        rng.shuffle(classes)
        for cls in classes:
            if len(planted) >= target:
                break
            if cls in exhausted:
                continue
            item = getattr(planter, cls)()
            if item is None:
                exhausted.add(cls)
            else:
                planted.append(item)
    doc.saveas(str(dst))
    return planted


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path)
    parser.add_argument("dst", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    planted = plant_storey(args.src, args.dst, args.seed)
    print(json.dumps({"source": args.src.name, "planted": planted}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

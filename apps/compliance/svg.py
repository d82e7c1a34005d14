"""The annotated plan: walls, doors, stairs and rooms as SVG, each finding a clickable mark."""

from __future__ import annotations

from html import escape

from django.utils.translation import gettext

from apps.compliance.finding_words import measured_words
from apps.compliance.plan import Plan

STATUS_COLOUR = {"fail": "#c62828", "needs-review": "#ef6c00", "pass": "#2e7d32"}


def _path(geom, ox: float, oy: float) -> str:
    parts = []
    for g in getattr(geom, "geoms", [geom]):
        if g.is_empty:
            continue
        rings = [g.exterior, *g.interiors] if g.geom_type == "Polygon" else [g]
        for ring in rings:
            pts = list(ring.coords)
            if len(pts) < 2:
                continue
            d = " L".join(f"{x - ox:.3f},{oy - y:.3f}" for x, y in pts)
            parts.append(f"M{d}" + (" Z" if g.geom_type == "Polygon" else ""))
    return " ".join(parts)


def _door_title(d) -> str:
    words = [
        gettext("door %(name)s: opening %(width)s m") % {"name": d.id, "width": f"{d.width_m:.3f}"}
    ]
    if d.outline_m is not None and abs(d.outline_m - d.width_m) > 0.002:
        words.append(gettext("drawn outline %(m)s m") % {"m": f"{d.outline_m:.3f}"})
    if d.clear_m is not None:
        words.append(gettext("clear width %(m)s m") % {"m": f"{d.clear_m:.3f}"})
    return ", ".join(words)


def _route(plan: Plan, f: dict, ox: float, oy: float) -> str:
    """The walk a travel-distance or dead-end finding measured, ending in a square at
    the exit (or way out) it reached."""
    pts = [(x - plan.offset[0] - ox, oy - (y - plan.offset[1])) for x, y in f["route"]]
    colour = STATUS_COLOUR.get(f["status"], "#000")
    d = " L".join(f"{x:.3f},{y:.3f}" for x, y in pts)
    ex, ey = pts[-1]
    label = gettext("route to %(exit)s: %(m)s m") % {
        "exit": f.get("exit") or gettext("the exit"),
        "m": f["measured"],
    }
    return (
        f'<g class="route route-{escape(f["status"])}"><title>{escape(label)}</title>'
        f'<path d="M{d}" fill="none" stroke="{colour}" stroke-width="0.1" '
        f'stroke-dasharray="0.3 0.2" stroke-linejoin="round"/>'
        f'<rect x="{ex - 0.2:.3f}" y="{ey - 0.2:.3f}" width="0.4" height="0.4" '
        f'fill="{colour}"/></g>'
    )


def plan_svg(plan: Plan, findings: list[dict], *, id_prefix: str = "f") -> str:
    """SVG markup (safe to inline) with y pointing down; findings link to ``#<prefix>-<n>``."""
    minx, miny, maxx, maxy = plan.outline.bounds
    pad = 1.0
    ox, oy = minx - pad, maxy + pad
    w, h = maxx - minx + 2 * pad, maxy - miny + 2 * pad
    plan_label = gettext("Annotated plan of %(storey)s") % {"storey": plan.storey}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.2f} {h:.2f}" '
        f'class="plan-svg" role="group" aria-label="{escape(plan_label)}">'
    ]
    for r in plan.regions:
        fill = "#e3f2fd" if r.is_corridor else "#fafafa"
        out.append(
            f'<path d="{_path(r.polygon, ox, oy)}" fill="{fill}" stroke="none">'
            f"<title>{escape(r.name or gettext('region %(id)s') % {'id': r.id})}</title></path>"
        )
    if not plan.walls.is_empty:
        out.append(f'<path d="{_path(plan.walls, ox, oy)}" fill="#37474f" stroke="none"/>')
    for s in plan.stairs:
        stair = gettext("stair %(name)s") % {"name": s.id}
        out.append(
            f'<path d="{_path(s.footprint, ox, oy)}" fill="none" stroke="#6a1b9a" '
            f'stroke-width="0.05"><title>{escape(stair)}</title></path>'
        )
    for d in plan.doors:
        out.append(
            f'<path d="{_path(d.plug, ox, oy)}" fill="#8d6e63" stroke="none">'
            f"<title>{escape(_door_title(d))}</title></path>"
        )
    shown = [(f.get("n", n), f) for n, f in enumerate(findings, start=1) if f["status"] != "pass"]
    out.extend(_route(plan, f, ox, oy) for _, f in shown if f.get("route"))
    for n, f in shown:
        x, y = f["location"]
        x, y = x - plan.offset[0], y - plan.offset[1]
        colour = STATUS_COLOUR.get(f["status"], "#000")
        label = gettext("Finding %(n)s: measured %(measured)s, required %(required)s") % {
            "n": n,
            "measured": measured_words(f),
            "required": f["required"],
        }
        out.append(
            f'<a href="#{id_prefix}-{n}" aria-label="{escape(label)}">'
            f'<circle cx="{x - ox:.3f}" cy="{oy - y:.3f}" '
            f'r="0.45" fill="{colour}" fill-opacity="0.35" stroke="{colour}" '
            f'stroke-width="0.08"><title>{escape(label)}</title></circle></a>'
        )
    out.append("</svg>")
    return "".join(out)

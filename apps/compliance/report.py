"""The hand-over report as PDF (fpdf2) and JSON."""

from __future__ import annotations

import re

from django.utils.translation import gettext
from fpdf import FPDF

from apps.compliance.models import Check
from apps.compliance.rules import measured_text
from core.printing import FAMILY, unicode_fonts

# The labels rules.py gives the elements it measures ("door D3", "stair S1 flight 2").
ELEMENT = re.compile(r"^(door|stair) (\S+)(?: flight (\d+))?$")


def _latin(text: str) -> str:
    return (
        str(text)
        .replace("≥", ">=")
        .replace("≤", "<=")
        .replace("–", "-")
        .replace("§", "S.")
        .encode("latin-1", "replace")
        .decode("latin-1")
    )


def status_words(status: str) -> str:
    words = {
        "fail": gettext("fails"),
        "needs-review": gettext("needs review"),
        "pass": gettext("passes"),
    }
    return words.get(status, status)


def measured_words(finding: dict) -> str:
    shown = measured_text(finding)
    words = {"not measured": gettext("not measured"), "none reachable": gettext("none reachable")}
    return words.get(shown, shown)


def element_words(finding: dict) -> str:
    """The element in the reader's language: "door D3" as "门 D3"; a name from the
    drawing (a room's, an IFC element's) as it is."""
    label = finding.get("label") or finding.get("element") or ""
    found = ELEMENT.match(label)
    if not found:
        return label
    kind, name, flight = found.groups()
    if kind == "door":
        return gettext("door %(name)s") % {"name": name}
    if flight:
        return gettext("stair %(name)s, flight %(n)s") % {"name": name, "n": flight}
    return gettext("stair %(name)s") % {"name": name}


def report_json(check: Check) -> dict:
    return {
        "check": check.title,
        "pack": check.pack.name,
        "created": check.created_at.isoformat(),
        "drawings": [
            {"file": d.filename, "kind": d.kind, "error": d.error} for d in check.drawings.all()
        ],
        **check.result,
    }


def report_pdf(check: Check) -> bytes:
    """The report in the active language, its scripts embedded (see ``core.printing``)."""
    pdf = FPDF(orientation="L")
    pdf.set_auto_page_break(True, margin=12)
    family = FAMILY if unicode_fonts(pdf) else "Helvetica"
    text = str if family == FAMILY else _latin
    pdf.add_page()
    pdf.set_font(family, "B", 14)
    title = gettext("Drawing check: %(title)s") % {"title": check.title}
    pdf.cell(0, 8, text(title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=9)
    line = gettext("Rule pack: %(pack)s. Date: %(date)s.") % {
        "pack": check.pack.name,
        "date": f"{check.created_at:%Y-%m-%d}",
    }
    pdf.cell(0, 6, text(line), new_x="LMARGIN", new_y="NEXT")
    for d in check.drawings.all():
        if d.error:
            pdf.multi_cell(0, 5, text(f"{d.filename}: {d.error}"), new_x="LMARGIN", new_y="NEXT")
    cols = [
        ("#", 8),
        (gettext("Status"), 18),
        (gettext("Rule"), 82),
        (gettext("Element"), 45),
        (gettext("Measured"), 22),
        (gettext("Required"), 28),
        (gettext("Storey"), 35),
        (gettext("Location (m)"), 35),
    ]
    pdf.set_font(family, "B", 8)
    for name, w in cols:
        pdf.cell(w, 6, text(name), border=1)
    pdf.ln()
    pdf.set_font(family, size=7)
    findings = check.result.get("findings", [])
    for f in findings:
        if f["status"] == "pass":
            continue
        row = [
            str(f["n"]),
            status_words(f["status"]),
            f"{f['clause']} {f['title']}"[:70],
            element_words(f)[:40],
            measured_words(f),
            f["required"],
            f["storey"][:30],
            f"{f['location'][0]:.2f}, {f['location'][1]:.2f}",
        ]
        for (_, w), value in zip(cols, row, strict=True):
            pdf.cell(w, 5, text(value), border=1)
        pdf.ln()
    passing = sum(1 for f in findings if f["status"] == "pass")
    pdf.ln(2)
    further = gettext("%(n)s further measurements pass.") % {"n": passing}
    pdf.cell(0, 5, text(further), new_x="LMARGIN", new_y="NEXT")
    metro = check.result.get("metro")
    if metro:
        pdf.set_font(family, "B", 9)
        pdf.cell(0, 6, text(gettext("Platform evacuation")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, size=8)
        for step in metro["steps"]:
            pdf.multi_cell(0, 5, text(step), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())

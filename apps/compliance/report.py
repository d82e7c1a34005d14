"""The hand-over report as PDF (fpdf2) and JSON."""

from __future__ import annotations

from fpdf import FPDF

from apps.compliance.models import Check
from apps.compliance.rules import measured_text


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
    pdf = FPDF(orientation="L")
    pdf.set_auto_page_break(True, margin=12)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 8, _latin(f"Drawing check: {check.title}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    pdf.cell(
        0,
        6,
        _latin(f"Rule pack: {check.pack.name}   Date: {check.created_at:%Y-%m-%d}"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    for d in check.drawings.all():
        if d.error:
            pdf.multi_cell(0, 5, _latin(f"{d.filename}: {d.error}"), new_x="LMARGIN", new_y="NEXT")
    cols = [
        ("#", 8),
        ("Status", 22),
        ("Rule", 32),
        ("Clause", 50),
        ("Element", 45),
        ("Measured", 22),
        ("Required", 28),
        ("Storey", 35),
        ("Location (m)", 35),
    ]
    pdf.set_font("Helvetica", "B", 8)
    for name, w in cols:
        pdf.cell(w, 6, name, border=1)
    pdf.ln()
    pdf.set_font("Helvetica", size=7)
    for f in check.result.get("findings", []):
        if f["status"] == "pass":
            continue
        measured = measured_text(f)
        row = [
            str(f["n"]),
            f["status"],
            f["rule"],
            f"{f['clause']} {f['title']}"[:45],
            (f.get("label") or f["element"])[:40],
            measured,
            f["required"],
            f["storey"][:30],
            f"{f['location'][0]:.2f}, {f['location'][1]:.2f}",
        ]
        for (_, w), value in zip(cols, row, strict=True):
            pdf.cell(w, 5, _latin(value), border=1)
        pdf.ln()
    passing = sum(1 for f in check.result.get("findings", []) if f["status"] == "pass")
    pdf.ln(2)
    pdf.cell(0, 5, _latin(f"{passing} further measurements pass."), new_x="LMARGIN", new_y="NEXT")
    metro = check.result.get("metro")
    if metro:
        pdf.set_font("Helvetica", "B", 9)
        pdf.cell(0, 6, "Platform evacuation", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=8)
        for line in metro["steps"]:
            pdf.multi_cell(0, 5, _latin(line), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())

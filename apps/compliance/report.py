"""The hand-over report as PDF (fpdf2) and JSON."""

from __future__ import annotations

from django.utils.translation import get_language, gettext
from fpdf import FPDF

from apps.compliance.finding_explanation import explanation_text
from apps.compliance.finding_notes import note_words
from apps.compliance.finding_words import element_words, measured_words, status_words
from apps.compliance.models import Check
from apps.compliance.reading_messages import reading_words, storey_words
from core.printing import FAMILY, unicode_fonts


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
    """The stored result, each finding with its note and explanation also in the active
    language (``note_text``, ``explanation_text``; ``language`` says which), and each
    unreadable drawing's reason too (``error_text``)."""
    findings = [
        f | {"note_text": note_words(f), "explanation_text": explanation_text(f)}
        for f in check.result.get("findings", [])
    ]
    return {
        "check": check.title,
        "pack": check.pack.name,
        "created": check.created_at.isoformat(),
        "language": get_language(),
        "drawings": [
            {
                "file": d.filename,
                "kind": d.kind,
                "error": d.error,
                "error_text": reading_words(d.error),
            }
            for d in check.drawings.all()
        ],
        **check.result,
        "findings": findings,
    }


def report_pdf(check: Check) -> bytes:
    """The report in the active language, its scripts embedded (see ``core.printing``)."""
    pdf = FPDF(orientation="L")
    pdf.set_auto_page_break(True, margin=12)
    family = FAMILY if unicode_fonts(pdf) else "Helvetica"
    text = str if family == FAMILY else _latin
    pdf.add_page()
    _heading(pdf, family, text, check)
    findings = check.result.get("findings", [])
    _findings_table(pdf, family, text, findings)
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


def _heading(pdf: FPDF, family: str, text, check: Check) -> None:
    """Title, rule pack and date, and the drawings that could not be read."""
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
            line = f"{d.filename}: {reading_words(d.error)}"
            pdf.multi_cell(0, 5, text(line), new_x="LMARGIN", new_y="NEXT")


def _findings_table(pdf: FPDF, family: str, text, findings: list[dict]) -> None:
    """One row per finding that does not pass, its note and explanation below it."""
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
            storey_words(f["storey"])[:30],
            f"{f['location'][0]:.2f}, {f['location'][1]:.2f}",
        ]
        for (_, w), value in zip(cols, row, strict=True):
            pdf.cell(w, 5, text(value), border=1)
        pdf.ln()
        for words in (note_words(f), explanation_text(f)):
            if words:
                pdf.multi_cell(
                    0, 4, text(words), border=1, align="L", new_x="LMARGIN", new_y="NEXT"
                )

"""The steps of a check run, in order, each returning a small typed result.

Read the drawings (a "geometry" step per drawing), apply the rules ("rules"),
draw the annotated plans, clear the metro platform ("metro", when an occupant
load was given), explain failing findings. ``runs.run_check`` calls them
in turn; each step records its own RunStep and writes its own rows.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.utils.translation import gettext, pgettext

from apps.compliance.dxf_reader import read_dxf_bytes
from apps.compliance.errors import DrawingError
from apps.compliance.explain import code_corpora, explain_findings
from apps.compliance.ifc_plan import plans_from_ifc
from apps.compliance.ifc_reader import IfcModel, read_ifc_bytes
from apps.compliance.metro import platform_clearing
from apps.compliance.models import Check, DrawingFile
from apps.compliance.plan import Plan, build_plan
from apps.compliance.reading_messages import NO_PLAN, reading_words
from apps.compliance.rules import RuleSpec, check_ifc_model, check_plan
from apps.compliance.svg import plan_svg
from apps.compliance.units import ImplausibleUnits
from core.runs import RunContext
from core.steps import StepKind, Stopped


@dataclass
class ReadDrawing:
    """One readable drawing: a DXF plan, or an IFC model with the plans cut from it."""

    drawing: DrawingFile
    kind: str  # "dxf" | "ifc"
    model: Plan | IfcModel
    summary: dict  # what its geometry step shows

    @property
    def cuts(self) -> list[Plan]:
        """The storey plans to check and draw."""
        return self.model.plans if self.kind == "ifc" else [self.model]


@dataclass
class DrawingsRead:
    drawings: list[DrawingFile]  # every drawing; unreadable ones carry ``error``
    read: list[ReadDrawing]  # the readable ones, in the same order


@dataclass
class RuleResults:
    findings: list[dict]  # numbered from 1, each with its drawing's filename
    storeys: list[dict]


@dataclass
class AnnotatedPlans:
    svg_by_drawing: dict[int, str]  # DrawingFile pk -> SVG of its storeys with findings


@dataclass
class MetroEgress:
    steps: list[str]
    minutes: float | None
    passes: bool | None

    def as_result(self) -> dict:
        return {"steps": self.steps, "minutes": self.minutes, "passes": self.passes}


@dataclass
class Explanations:
    corpora: list[str]  # the code corpora searched
    explained: int  # findings that were given an explanation


def read_drawings(ctx: RunContext, check: Check) -> DrawingsRead:
    """A geometry step per drawing; stops the run when none of them could be read."""
    drawings = list(check.drawings.all())
    read: list[ReadDrawing] = []
    for i, drawing in enumerate(drawings):
        ctx.progress(
            i / max(len(drawings), 1) * 0.6,
            gettext("Reading %(file)s") % {"file": drawing.filename},
        )
        title = gettext("Geometry: %(file)s") % {"file": drawing.filename}
        with ctx.step(StepKind.GEOMETRY, title) as s:
            started = time.perf_counter()
            try:
                one = _read_drawing(drawing, check.parameters.get("drawing_units"))
                # The step is written in the engineer's language; the drawing keeps English.
                warnings = [reading_words(w) for w in one.summary["warnings"]]
                s.data = one.summary | {"warnings": warnings}
                read.append(one)
                separator = pgettext("between the sentences of a note", "; ")
                s.text = separator.join(warnings) or gettext("Read without warnings.")
            except DrawingError as exc:
                drawing.error = str(exc)
                drawing.error_kind = "units" if isinstance(exc, ImplausibleUnits) else ""
                drawing.save(update_fields=["error", "error_kind"])
                s.text = reading_words(str(exc))
                s.data = {"error": s.text}
            s.data["seconds"] = round(time.perf_counter() - started, 3)
    if not read:
        raise Stopped(
            gettext("None of the drawings could be read: %(errors)s")
            % {"errors": " ".join(reading_words(d.error) for d in drawings if d.error)}
        )
    return DrawingsRead(drawings, read)


def _read_drawing(drawing: DrawingFile, units: str | None = None) -> ReadDrawing:
    """Parse one stored drawing; raises DrawingError when it cannot be read at all."""
    if drawing.kind == "ifc":
        model = read_ifc_bytes(bytes(drawing.data), name=drawing.filename)
        try:
            model.plans = plans_from_ifc(model.file, name=drawing.filename)
        except DrawingError as exc:
            model.plans = []
            model.warnings.append(NO_PLAN % {"reason": exc})
        summary = {
            "plans": [p.counts | {"storey": p.storey} for p in model.plans],
            "schema": model.schema,
            "length_unit": model.length_unit,
            "storeys": [st.name for st in model.storeys],
            "warnings": model.warnings,
        }
        return ReadDrawing(drawing, "ifc", model, summary)
    raw = read_dxf_bytes(bytes(drawing.data), name=drawing.filename, units=units)
    plan = build_plan(raw, storey=drawing.storey)
    summary = {
        "units": plan.unit_name,
        "counts": plan.counts,
        "layers": raw.layers,
        "warnings": plan.warnings,
    }
    return ReadDrawing(drawing, "dxf", plan, summary)


def apply_rules(
    ctx: RunContext, check: Check, drawings: DrawingsRead, rules: list[RuleSpec]
) -> RuleResults:
    """The rules step: findings of every readable drawing, and a row per storey."""
    findings: list[dict] = []
    storeys: list[dict] = []
    with ctx.step(StepKind.RULES, gettext("Rules: %(pack)s") % {"pack": check.pack.name}) as s:
        for one in drawings.read:
            found = (
                check_ifc_model(one.model, one.model.plans, rules)
                if one.kind == "ifc"
                else check_plan(one.model, rules)
            )
            rows = [f.as_dict() for f in found]
            for row in rows:
                row["drawing"] = one.drawing.filename
            findings.extend(rows)
            storeys.extend(_storey_row(one, cut) for cut in one.cuts)
        for n, f in enumerate(findings, start=1):
            f["n"] = n
        s.data = {
            "findings": len(findings),
            "fail": sum(f["status"] == "fail" for f in findings),
            "needs_review": sum(f["status"] == "needs-review" for f in findings),
        }
        s.text = gettext("%(fail)s failing, %(review)s to review, %(pass)s passing.") % {
            "fail": s.data["fail"],
            "review": s.data["needs_review"],
            "pass": len(findings) - s.data["fail"] - s.data["needs_review"],
        }
    return RuleResults(findings, storeys)


def _storey_row(one: ReadDrawing, cut: Plan) -> dict:
    return {
        "drawing": one.drawing.filename,
        "storey": cut.storey,
        "counts": cut.counts,
        "warnings": cut.warnings,
        "partial": not cut.regions or not cut.doors,
    }


def annotate_plans(drawings: DrawingsRead, results: RuleResults) -> AnnotatedPlans:
    """Store on each readable drawing the SVG of its storeys with their findings marked."""
    svgs: dict[int, str] = {}
    for one in drawings.read:
        cuts = one.cuts
        mine = [f for f in results.findings if f["drawing"] == one.drawing.filename]
        one.drawing.svg = "".join(
            plan_svg(cut, [f for f in mine if f["storey"] == cut.storey or len(cuts) == 1])
            for cut in cuts
        )
        one.drawing.save(update_fields=["svg"])
        svgs[one.drawing.pk] = one.drawing.svg
    return AnnotatedPlans(svgs)


def metro_egress(ctx: RunContext, check: Check, results: RuleResults) -> MetroEgress | None:
    """The metro step, only when the engineer entered an occupant load."""
    if not check.occupant_load:
        return None
    findings = results.findings
    with ctx.step(StepKind.METRO, gettext("Platform evacuation (NFPA 130 style)")) as s:
        stair_widths = [
            f["measured"] for f in findings if f["measurement"] == "stair_width" and f["measured"]
        ]
        passages: dict[str, float] = {}
        for f in findings:
            if f["measurement"] == "corridor_width" and f["measured"]:
                key = f"{f['drawing']}:{f['element']}"
                passages[key] = min(passages.get(key, f["measured"]), f["measured"])
        calc = platform_clearing(check.occupant_load, stair_widths, list(passages.values()))
        s.text = "\n".join(calc.steps)
        metro = MetroEgress(calc.steps, calc.platform_clear_min, calc.passes)
    return metro


def save_result(check: Check, results: RuleResults, metro: MetroEgress | None) -> None:
    check.result = {
        "findings": results.findings,
        "storeys": results.storeys,
        "metro": metro.as_result() if metro is not None else None,
    }
    check.save(update_fields=["result"])


def explain(ctx: RunContext, check: Check, results: RuleResults) -> Explanations:
    """Explanations of failing and borderline findings, added to the findings in place."""
    ctx.progress(0.7, gettext("Explaining failing findings"))
    corpora = code_corpora()
    explain_findings(
        ctx, results.findings, corpora, user=check.user, pack_language=check.pack.language
    )
    return Explanations(corpora, sum("explanation" in f for f in results.findings))

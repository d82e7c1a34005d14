"""Writes for the compliance app: create a check, run it (what the run handler calls)."""

from __future__ import annotations

import time

from django.conf import settings
from django.db import transaction

from apps.compliance.dxf_reader import read_dxf_bytes
from apps.compliance.errors import DrawingError
from apps.compliance.ifc_plan import plans_from_ifc
from apps.compliance.ifc_reader import read_ifc_bytes
from apps.compliance.metro import platform_clearing
from apps.compliance.models import Check, DrawingFile, RulePack
from apps.compliance.plan import build_plan
from apps.compliance.rules import check_ifc_model, check_plan, rules_from_packs
from apps.compliance.sniff import sniff_drawing
from apps.compliance.svg import plan_svg

RUN_KIND = "compliance.check"


def create_check(
    user,
    *,
    title: str,
    pack: RulePack,
    files: list[tuple[str, bytes]],
    parameters: dict | None = None,
    occupant_load: int | None = None,
) -> Check:
    """Validate every file (type, size), store them and start the run; nothing half-written."""
    if not files:
        raise DrawingError("Choose at least one DXF or IFC file.")
    kinds = [sniff_drawing(data[:4096], size=len(data), filename=name) for name, data in files]
    from core.runs.services import start_run

    with transaction.atomic():
        check = Check.objects.create(
            user=user,
            title=title or files[0][0],
            pack=pack,
            parameters=parameters or {},
            occupant_load=occupant_load,
        )
        for (name, data), kind in zip(files, kinds, strict=True):
            DrawingFile.objects.create(
                check_row=check,
                filename=name[:255],
                kind=kind,
                storey=name.rsplit(".", 1)[0][:120],
                data=data,
            )
        run = start_run(user, RUN_KIND, {"check_id": check.pk})
        check.run_id = str(run.pk)
        check.save(update_fields=["run_id"])
    return check


def run_check(run) -> None:
    """The run handler: geometry, rules, annotated plans, metro egress, explanations."""
    from core.runs.steps import RunStopped, set_progress, step

    check = Check.objects.select_related("pack").get(pk=run.inputs["check_id"])
    rules = rules_from_packs([check.pack.as_data()], check.parameters)
    findings: list[dict] = []
    storeys: list[dict] = []
    plans = {}
    drawings = list(check.drawings.all())
    for i, drawing in enumerate(drawings):
        set_progress(run, i / max(len(drawings), 1) * 0.6, f"Reading {drawing.filename}")
        with step(run, "geometry", f"Geometry: {drawing.filename}") as s:
            started = time.perf_counter()
            try:
                if drawing.kind == "ifc":
                    model = read_ifc_bytes(bytes(drawing.data), name=drawing.filename)
                    try:
                        model.plans = plans_from_ifc(model.file, name=drawing.filename)
                    except DrawingError as exc:
                        model.plans = []
                        model.warnings.append(f"No plan could be cut from the model: {exc}")
                    s.data = {
                        "plans": [p.counts | {"storey": p.storey} for p in model.plans],
                        "schema": model.schema,
                        "length_unit": model.length_unit,
                        "storeys": [st.name for st in model.storeys],
                        "warnings": model.warnings,
                    }
                    plans[drawing.pk] = ("ifc", model)
                else:
                    raw = read_dxf_bytes(bytes(drawing.data), name=drawing.filename)
                    plan = build_plan(raw, storey=drawing.storey)
                    s.data = {
                        "units": plan.unit_name,
                        "counts": plan.counts,
                        "layers": raw.layers,
                        "warnings": plan.warnings,
                    }
                    plans[drawing.pk] = ("dxf", plan)
                s.text = "; ".join(s.data.get("warnings", [])) or "Read without warnings."
            except DrawingError as exc:
                drawing.error = str(exc)
                drawing.save(update_fields=["error"])
                s.text = str(exc)
                s.data = {"error": str(exc)}
            s.data["seconds"] = round(time.perf_counter() - started, 3)
    if not plans:
        raise RunStopped(
            "None of the drawings could be read: " + " ".join(d.error for d in drawings if d.error)
        )
    with step(run, "rules", f"Rules: {check.pack.name}") as s:
        for drawing in drawings:
            if drawing.pk not in plans:
                continue
            kind, plan = plans[drawing.pk]
            found = (
                check_ifc_model(plan, plan.plans, rules)
                if kind == "ifc"
                else check_plan(plan, rules)
            )
            rows = [f.as_dict() for f in found]
            for row in rows:
                row["drawing"] = drawing.filename
            findings.extend(rows)
            for cut in plan.plans if kind == "ifc" else [plan]:
                storeys.append(
                    {
                        "drawing": drawing.filename,
                        "storey": cut.storey,
                        "counts": cut.counts,
                        "warnings": cut.warnings,
                        "partial": not cut.regions or not cut.doors,
                    }
                )
        for n, f in enumerate(findings, start=1):
            f["n"] = n
        s.data = {
            "findings": len(findings),
            "fail": sum(f["status"] == "fail" for f in findings),
            "needs_review": sum(f["status"] == "needs-review" for f in findings),
        }
        s.text = (
            f"{s.data['fail']} failing, {s.data['needs_review']} to review, "
            f"{len(findings) - s.data['fail'] - s.data['needs_review']} passing."
        )
    for drawing in drawings:
        if drawing.pk not in plans:
            continue
        kind, plan = plans[drawing.pk]
        cuts = plan.plans if kind == "ifc" else [plan]
        mine = [f for f in findings if f["drawing"] == drawing.filename]
        drawing.svg = "".join(
            plan_svg(cut, [f for f in mine if f["storey"] == cut.storey or len(cuts) == 1])
            for cut in cuts
        )
        drawing.save(update_fields=["svg"])
    metro = None
    if check.occupant_load:
        with step(run, "metro", "Platform evacuation (NFPA 130 style)") as s:
            stair_widths = [
                f["measured"]
                for f in findings
                if f["measurement"] == "stair_width" and f["measured"]
            ]
            passages: dict[str, float] = {}
            for f in findings:
                if f["measurement"] == "corridor_width" and f["measured"]:
                    key = f"{f['drawing']}:{f['element']}"
                    passages[key] = min(passages.get(key, f["measured"]), f["measured"])
            calc = platform_clearing(check.occupant_load, stair_widths, list(passages.values()))
            s.text = "\n".join(calc.steps)
            metro = {"steps": calc.steps, "minutes": calc.platform_clear_min, "passes": calc.passes}
    check.result = {"findings": findings, "storeys": storeys, "metro": metro}
    check.save(update_fields=["result"])
    set_progress(run, 0.7, "Explaining failing findings")
    from apps.compliance.explain import explain_findings

    explain_findings(run, findings, code_corpora(), user=check.user)
    check.result = {"findings": findings, "storeys": storeys, "metro": metro}
    check.save(update_fields=["result"])
    run.result = {"check_id": check.pk, "findings": len(findings)}
    run.save(update_fields=["result"])


def code_corpora() -> list[str]:
    slugs = getattr(settings, "COMPLIANCE_CODE_CORPORA", ["building-codes"])
    try:
        from core.corpora.models import Corpus

        return list(Corpus.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    except Exception:
        return []

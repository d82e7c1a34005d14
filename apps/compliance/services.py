"""Writes for the compliance app: create a check, run it (what the run handler calls)."""

from __future__ import annotations

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from apps.compliance.check_steps import (
    annotate_plans,
    apply_rules,
    explain,
    metro_egress,
    read_drawings,
    save_result,
)
from apps.compliance.errors import DrawingError
from apps.compliance.models import Check, DrawingFile, RulePack
from apps.compliance.reading_messages import NO_FILES
from apps.compliance.rules import rules_from_packs
from apps.compliance.sniff import sniff_drawing
from core.runs import Outcome, RunContext, start_run

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
        raise DrawingError(NO_FILES)
    kinds = [sniff_drawing(data[:4096], size=len(data), filename=name) for name, data in files]
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
        # The worker writes the annotated plan's labels in the engineer's language.
        inputs = {"check_id": check.pk, "language": translation.get_language() or "en"}
        check.run = start_run(user, RUN_KIND, inputs)
        check.save(update_fields=["run"])
    return check


def run_check(ctx: RunContext) -> Outcome:
    """The run handler: geometry, rules, annotated plans, metro egress, explanations,
    in the language the engineer asked in."""
    with translation.override(ctx.inputs.get("language") or "en"):
        return _run_check(ctx)


def _run_check(ctx: RunContext) -> Outcome:
    check = Check.objects.select_related("pack").get(pk=ctx.inputs["check_id"])
    rules = rules_from_packs([check.pack.as_data()], check.parameters)
    drawings = read_drawings(ctx, check)
    results = apply_rules(ctx, check, drawings, rules)
    annotate_plans(drawings, results)
    metro = metro_egress(ctx, check, results)
    save_result(check, results, metro)
    explain(ctx, check, results)
    save_result(check, results, metro)
    failing = sum(1 for f in results.findings if f["status"] != "pass")
    return Outcome(
        {"check_id": check.pk, "findings": len(results.findings)},
        gettext("%(n)s findings, %(failing)s not passing.")
        % {"n": len(results.findings), "failing": failing},
    )

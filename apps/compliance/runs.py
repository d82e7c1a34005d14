"""The compliance app's run handler, registered when the app is ready (``apps.py``)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.compliance.check_steps import (
    annotate_plans,
    apply_rules,
    explain,
    metro_egress,
    read_drawings,
    save_result,
)
from apps.compliance.models import Check
from apps.compliance.rules import rules_from_packs
from apps.compliance.services import RUN_KIND
from core.runs import Outcome, RunContext, run_kind


@run_kind(RUN_KIND, title=_("Drawing check against the building code"))
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

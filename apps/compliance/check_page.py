"""A check's page: its drawings, storeys and findings, each failing finding in words."""

from django.shortcuts import get_object_or_404, render

from apps.compliance.finding_explanation import explanation_html
from apps.compliance.finding_notes import note_html
from apps.compliance.finding_words import element_words, measured_words, status_words
from apps.compliance.models import Check
from apps.compliance.reading_messages import reading_words, storey_words
from core.accounts import Role, is_admin, role_required
from core.reasoning import render_markdown
from core.runs import Run


def own_check(request, pk: int) -> Check:
    """The check, when the user started it or is an admin; 404 otherwise."""
    qs = Check.objects.select_related("pack")
    if not is_admin(request.user):
        qs = qs.filter(user=request.user)
    return get_object_or_404(qs, pk=pk)


@role_required(Role.ENGINEER)
def check_detail(request, pk: int):
    check = own_check(request, pk)
    findings = check.result.get("findings", [])
    failing = [f for f in findings if f["status"] != "pass"]
    for f in failing:
        f["measured_text"] = measured_words(f)
        f["status_text"] = status_words(f["status"])
        f["element_text"] = element_words(f)
        f["note_html"] = note_html(f)
        f["storey_text"] = storey_words(f.get("storey", ""))
        if f.get("explanation"):
            f["explanation_html"] = explanation_html(f, render_markdown)
    drawings = list(check.drawings.all())
    for d in drawings:
        d.error_text = reading_words(d.error)
    run = check.run
    return render(
        request,
        "compliance/check.html",
        {
            "check": check,
            "drawings": drawings,
            "failing": failing,
            "passing": len(findings) - len(failing),
            "storeys": [
                s | {"warnings": [reading_words(w) for w in s.get("warnings", [])]}
                for s in check.result.get("storeys", [])
            ],
            "metro": check.result.get("metro"),
            "done": bool(findings),
            "run": run,
            "finished": run is None or run.status in Run.FINISHED,
        },
    )

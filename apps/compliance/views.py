import json

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from apps.compliance.bcf import findings_bcf
from apps.compliance.errors import DrawingError
from apps.compliance.finding_explanation import explanation_html
from apps.compliance.finding_notes import note_html
from apps.compliance.finding_words import element_words, measured_words, status_words
from apps.compliance.forms import CheckForm, RuleFormSet, RulePackForm
from apps.compliance.models import Check, RulePack
from apps.compliance.reading_messages import reading_words, storey_words
from apps.compliance.report import report_json, report_pdf
from apps.compliance.services import create_check
from apps.compliance.sniff import check_size
from core.accounts import Role, is_admin, role_required
from core.reasoning import render_markdown
from core.runs import Run


def _own_check(request, pk: int) -> Check:
    qs = Check.objects.select_related("pack")
    if not is_admin(request.user):
        qs = qs.filter(user=request.user)
    return get_object_or_404(qs, pk=pk)


@role_required(Role.ENGINEER)
def home(request):
    form = CheckForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            for f in form.cleaned_data["files"]:
                # Refuse oversized files before reading them into memory.
                check_size(f.size, f.name)
            files = [(f.name, f.read()) for f in form.cleaned_data["files"]]
            check = create_check(
                request.user,
                title=form.cleaned_data["title"],
                pack=form.cleaned_data["pack"],
                files=files,
                parameters=form.parameters(),
                occupant_load=form.cleaned_data.get("occupant_load"),
            )
        except DrawingError as exc:
            form.add_error("files", reading_words(str(exc)))
        except Exception as exc:  # rate limit and the like carry a message for the user
            message = getattr(exc, "message", None)
            if message is None:
                raise
            form.add_error(None, message)
        else:
            messages.success(request, _("Check started; findings appear below as they are ready."))
            return redirect("compliance:check", pk=check.pk)
    checks = Check.objects.filter(user=request.user)[:20]
    return render(request, "compliance/home.html", {"form": form, "checks": checks})


@role_required(Role.ENGINEER)
def check_detail(request, pk: int):
    check = _own_check(request, pk)
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


@role_required(Role.ENGINEER)
def report(request, pk: int, fmt: str):
    check = _own_check(request, pk)
    filename = f"check-{check.pk}.{fmt}"
    if fmt == "json":
        response = JsonResponse(report_json(check), json_dumps_params={"indent": 1})
    elif fmt == "pdf":
        response = HttpResponse(report_pdf(check), content_type="application/pdf")
    elif fmt == "bcf":
        response = HttpResponse(findings_bcf(check), content_type="application/octet-stream")
        filename = f"check-{check.pk}-findings.bcfzip"
    else:
        return HttpResponse(json.dumps({"error": "unknown format"}), status=404)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@role_required(Role.CORPUS_ADMIN)
def packs(request):
    return render(request, "compliance/packs.html", {"packs": RulePack.objects.all()})


@role_required(Role.CORPUS_ADMIN)
def pack_edit(request, pk: int | None = None):
    pack = get_object_or_404(RulePack, pk=pk) if pk is not None else None
    form = RulePackForm(request.POST or None, instance=pack)
    formset = RuleFormSet(request.POST or None, instance=pack or RulePack())
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            saved = form.save()
            formset.instance = saved
            formset.save()
        messages.success(request, f"Saved the rule pack “{saved.name}”.")
        return redirect("compliance:pack", pk=saved.pk)
    return render(
        request, "compliance/pack_edit.html", {"form": form, "formset": formset, "pack": pack}
    )

"""The rule packs, for corpus admins: the list, and the editor for a pack and its rules."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render

from apps.compliance.models import RulePack
from apps.compliance.pack_forms import RuleFormSet, RulePackForm
from core.accounts import Role, role_required


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

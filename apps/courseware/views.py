"""Thin views over services (writes) and selectors (reads)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from apps.courseware import edit_fields, presenters, selectors, services
from apps.courseware.forms import LessonRequestForm, StandardsForm
from apps.courseware.models import Lesson, StandardCode
from core.accounts import Role, role_required

CONTENT_TYPES = {
    "pdf": ("lesson.pdf", "application/pdf"),
    "docx": (
        "lesson.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "pptx": (
        "slides.pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "json": ("lesson.json", "application/json"),
    "zip": (None, "application/zip"),
}


def _visible(request, pk: int) -> Lesson:
    try:
        return selectors.visible_lessons(request.user).get(pk=pk)
    except Lesson.DoesNotExist as exc:
        raise Http404("No such lesson.") from exc


def _owned(request, pk: int) -> Lesson:
    lesson = _visible(request, pk)
    if lesson.owner_id != request.user.pk:
        raise PermissionDenied
    return lesson


@role_required(Role.TEACHER)
def home(request):
    lessons = selectors.visible_lessons(request.user)[:200]
    return render(request, "courseware/home.html", {"lessons": lessons})


@role_required(Role.TEACHER)
def new(request):
    from core.corpora import readable_corpora

    corpora = list(readable_corpora(request.user).order_by("name"))
    form = LessonRequestForm(request.POST or None, corpora=corpora)
    if request.method == "POST" and form.is_valid():
        try:
            lesson = services.request_lesson(request.user, form.as_request())
        except services.LessonRequestError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("courseware:lesson", pk=lesson.pk)
    return render(
        request,
        "courseware/new.html",
        {"form": form, "corpora": corpora},
        status=400 if form.errors else 200,
    )


@role_required(Role.TEACHER)
def lesson(request, pk: int):
    item = _visible(request, pk)
    return render(request, "courseware/lesson.html", presenters.lesson_context(item, request.user))


@role_required(Role.TEACHER)
def lesson_body(request, pk: int):
    """The part of the page that grows while the run writes the lesson (polled by htmx)."""
    item = _visible(request, pk)
    return render(
        request, "courseware/_lesson_body.html", presenters.lesson_context(item, request.user)
    )


@role_required(Role.TEACHER)
def edit(request, pk: int, section: str):
    item = _owned(request, pk)
    if item.status == Lesson.Status.GENERATING:
        messages.error(request, "Wait until the lesson is generated before editing it.")
        return redirect("courseware:lesson", pk=pk)
    fields = edit_fields.editable_fields(item.data, section)
    if fields is None:
        raise Http404("No such part of the lesson.")
    if request.method == "POST":
        edits = {f["path"]: request.POST[f["path"]] for f in fields if f["path"] in request.POST}
        report = services.apply_edits(item, edits)
        if report.exportable:
            messages.success(request, "Saved. Every check was run again.")
        else:
            messages.error(
                request, "Saved, but the lesson now fails a check: " + " ".join(report.blocking)
            )
        return redirect("courseware:lesson", pk=pk)
    return render(
        request, "courseware/edit.html", {"lesson": item, "section": section, "fields": fields}
    )


def _act(request, pk: int, action, success: str):
    item = _owned(request, pk)
    try:
        action(item)
    except services.LessonRequestError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("courseware:lesson", pk=pk)


@require_POST
@role_required(Role.TEACHER)
def regenerate(request, pk: int):
    section = request.POST.get("section", "")
    return _act(
        request,
        pk,
        lambda item: services.regenerate_section(request.user, item, section),
        f"Regenerating the {section}.",
    )


@require_POST
@role_required(Role.TEACHER)
def uncited(request, pk: int):
    return _act(
        request,
        pk,
        lambda item: services.agree_to_uncited(request.user, item),
        "Making the lesson without citations.",
    )


@require_POST
@role_required(Role.TEACHER)
def share(request, pk: int):
    scope = request.POST.get("share", "")
    return _act(request, pk, lambda item: services.share_lesson(item, scope), "Sharing updated.")


@require_POST
@role_required(Role.TEACHER)
def duplicate(request, pk: int):
    copy = services.duplicate_lesson(request.user, _visible(request, pk))
    messages.success(request, "This is your copy; edit it freely.")
    return redirect("courseware:lesson", pk=copy.pk)


@role_required(Role.TEACHER)
def download(request, pk: int, fmt: str):
    item = _visible(request, pk)
    if fmt not in CONTENT_TYPES:
        raise Http404("No such format.")
    try:
        if fmt == "zip":
            data, name = services.export_bundle(item), "lesson-bundle.zip"
        else:
            name = CONTENT_TYPES[fmt][0]
            files = services.export_files(item)
            if name not in files:
                raise Http404("This lesson has no slides: they were not asked for.")
            data = files[name]
    except services.ExportRefused as exc:
        context = presenters.lesson_context(item, request.user)
        context["refused"] = exc.reasons
        return render(request, "courseware/lesson.html", context, status=409)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt][1])
    response["Content-Disposition"] = f'attachment; filename="lesson-{item.pk}-{name}"'
    return response


@role_required(Role.CORPUS_ADMIN)
def standards(request):
    from core.corpora import manageable_corpora

    corpora = list(manageable_corpora(request.user).order_by("name"))
    form = StandardsForm(request.POST or None, corpora=corpora)
    if request.method == "POST" and form.is_valid():
        count = services.load_standards(form.cleaned_data["corpus"], form.cleaned_data["codes"])
        messages.success(request, f"Loaded {count} codes.")
        return redirect("courseware:standards")
    codes = StandardCode.objects.filter(corpus_slug__in=[c.slug for c in corpora])[:500]
    return render(request, "courseware/standards.html", {"form": form, "codes": codes})

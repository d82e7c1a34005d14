"""Writes: request, regenerate, edit, duplicate, share and export lessons."""

from __future__ import annotations

import copy
import re

from django.db import transaction

from apps.courseware.checks import Report, run_checks
from apps.courseware.exports.attribution import DocumentAttribution, documents_of
from apps.courseware.exports.bundle import build_exports, bundle_zip
from apps.courseware.lesson import Lesson as LessonSchema
from apps.courseware.models import Lesson, StandardCode
from apps.courseware.selectors import school_of
from core.runs import RunRateLimited, start_run

RUN_KIND = "courseware.lesson"
REGENERABLE = ("outline", "background", "cycles", "worksheet", "quiz")


class ExportRefused(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


class LessonRequestError(Exception):
    """A request we cannot start; the message is for the teacher."""


def _start(user, lesson: Lesson, inputs: dict) -> Lesson:
    try:
        run = start_run(user, RUN_KIND, inputs)
    except RunRateLimited as exc:
        raise LessonRequestError(
            "You have asked for many lessons in the last minute. Please wait a moment and try again."  # noqa: E501
        ) from exc
    Lesson.objects.filter(pk=lesson.pk).update(run=run)
    lesson.run = run
    return lesson


def lesson_run_finished(run) -> None:
    """A lesson still generating when its run failed, was cancelled or lost its
    worker turns failed with the run's reason (it would otherwise block editing
    and export for ever). A finished lesson that a section run failed to
    regenerate keeps what it had."""
    if run.status == run.Status.SUCCEEDED:
        return
    reason = run.error or run.message or "The lesson's run stopped before it finished."
    if run.status == run.Status.CANCELLED:
        reason = "The lesson was stopped before it was finished."
    Lesson.objects.filter(run=run, status=Lesson.Status.GENERATING).update(
        status=Lesson.Status.FAILED, message=reason[:2000]
    )


def request_lesson(user, request: dict) -> Lesson:
    """Create the lesson row and start its generation run."""
    with transaction.atomic():
        lesson = Lesson.objects.create(
            owner=user,
            title=request["topic"][:300],
            corpus_slug=request.get("corpus") or "",
            request=request,
            status=Lesson.Status.GENERATING,
            school=school_of(user),
        )
        return _start(user, lesson, {"lesson_id": lesson.pk})


def agree_to_uncited(user, lesson: Lesson) -> Lesson:
    """The teacher agreed to a lesson without citations after retrieval found nothing."""
    lesson.request = {**lesson.request, "uncited": True}
    lesson.status, lesson.message = Lesson.Status.GENERATING, ""
    lesson.save(update_fields=["request", "status", "message", "updated_at"])
    return _start(user, lesson, {"lesson_id": lesson.pk})


def regenerate_section(user, lesson: Lesson, section: str) -> Lesson:
    if section not in REGENERABLE:
        raise LessonRequestError("That part of the lesson cannot be regenerated.")
    lesson.status = Lesson.Status.GENERATING
    lesson.save(update_fields=["status", "updated_at"])
    return _start(user, lesson, {"lesson_id": lesson.pk, "section": section})


def existing_chunk_ids(ids: list[str]) -> set[str]:
    from core.corpora import Chunk

    numeric = [i for i in ids if str(i).isdigit()]
    found = Chunk.objects.filter(pk__in=numeric).values_list("pk", flat=True) if numeric else []
    return {str(pk) for pk in found}


def recheck(lesson: Lesson, *, save: bool = True) -> Report:
    """Run every check on the lesson's data, store the marks and the report."""
    cited = {sid for item in _all_items(lesson.data) for sid in item.get("source_ids") or []}
    report = run_checks(lesson.data, lesson.retrieved_ids, existing_chunk_ids(sorted(cited)))
    lesson.report = report.as_dict()
    if lesson.status != Lesson.Status.GENERATING:
        lesson.status = Lesson.Status.READY if report.exportable else Lesson.Status.INVALID
    if lesson.data.get("title"):
        lesson.title = str(lesson.data["title"])[:300]
    if save:
        lesson.save(update_fields=["data", "report", "status", "title", "updated_at"])
    return report


def _all_items(data: dict):
    from apps.courseware.lesson import SECTIONS

    for section in SECTIONS:
        for item in data.get(section) or []:
            if isinstance(item, dict):
                yield item


_PATH = re.compile(r"^(title|[a-z_]+\.\d+\.[a-z_]+|[a-z_]+\.\d+\.options\.\d+)$")
INT_FIELDS = {"minutes", "answer_index"}


def apply_edits(lesson: Lesson, edits: dict[str, str]) -> Report:
    """Set fields by path ("cycles.1.slide_text", "quiz.0.options.2"), then recheck.
    The edited lesson may become invalid; the checks then say why."""
    data = copy.deepcopy(lesson.data)
    for path, value in edits.items():
        if not _PATH.match(path):
            continue
        parts = path.split(".")
        target = data
        try:
            for part in parts[:-1]:
                target = target[int(part)] if part.isdigit() else target[part]
            key = int(parts[-1]) if parts[-1].isdigit() else parts[-1]
            if isinstance(key, str) and key not in target:
                continue
            target[key] = _typed(parts[-1], value)
        except (KeyError, IndexError, TypeError):
            continue
    lesson.data = data
    if lesson.status == Lesson.Status.GENERATING:
        lesson.status = Lesson.Status.READY
    return recheck(lesson)


def _typed(field: str, value: str):
    if field in INT_FIELDS:
        try:
            return int(str(value).strip())
        except ValueError:
            return value  # kept as typed; the schema check reports it
    return str(value).strip()


def duplicate_lesson(user, lesson: Lesson) -> Lesson:
    return Lesson.objects.create(
        owner=user,
        title=f"Copy of {lesson.title}"[:300],
        corpus_slug=lesson.corpus_slug,
        request=copy.deepcopy(lesson.request),
        data=copy.deepcopy(lesson.data),
        report=copy.deepcopy(lesson.report),
        retrieved_ids=list(lesson.retrieved_ids),
        status=lesson.status
        if lesson.status != Lesson.Status.GENERATING
        else Lesson.Status.INVALID,
        school=school_of(user),
        duplicated_from=lesson,
    )


def share_lesson(lesson: Lesson, scope: str) -> Lesson:
    if scope not in Lesson.Share.values:
        raise LessonRequestError("Choose who to share the lesson with.")
    lesson.share = scope
    lesson.school = school_of(lesson.owner)
    if scope == Lesson.Share.SCHOOL and not lesson.school:
        raise LessonRequestError(
            "You are not registered with a school yet; ask your administrator, or share with the corpus readers."  # noqa: E501
        )
    lesson.save(update_fields=["share", "school", "updated_at"])
    return lesson


def document_attributions(lesson_schema: LessonSchema) -> list[DocumentAttribution]:
    """Every source document, with the corpus's licence and attribution text."""
    from core.corpora import Document

    ids = [s.document_id for s in lesson_schema.sources if str(s.document_id).isdigit()]
    extra = {}
    for doc in Document.objects.filter(pk__in=ids):
        extra[str(doc.pk)] = DocumentAttribution(
            str(doc.pk),
            getattr(doc, "title", "") or getattr(doc, "filename", ""),
            getattr(doc, "licence", ""),
            getattr(doc, "source_url", ""),
            getattr(doc, "attribution", ""),
        )
    return documents_of(lesson_schema, extra)


def export_files(lesson: Lesson) -> dict[str, bytes]:
    """Every export of a valid lesson; refused with the reasons otherwise."""
    if lesson.status == Lesson.Status.GENERATING:
        raise ExportRefused(["The lesson is still being generated."])
    report = recheck(lesson, save=False)
    if not report.exportable:
        raise ExportRefused(report.blocking)
    schema = LessonSchema.model_validate(lesson.data)
    return build_exports(schema, document_attributions(schema))


def export_bundle(lesson: Lesson) -> bytes:
    return bundle_zip(export_files(lesson))


def validate_standards(corpus_slug: str, codes: list[str]) -> list[str]:
    """The codes not in the corpus's admin-loaded list."""
    known = set(
        StandardCode.objects.filter(corpus_slug=corpus_slug, code__in=codes).values_list(
            "code", flat=True
        )
    )
    return [code for code in codes if code not in known]


def load_standards(corpus_slug: str, text: str) -> int:
    """Load "CODE description" lines (tab, comma or space after the code); returns how many."""
    count = 0
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        code = re.split(r"[\t,]|\s+", line, maxsplit=1)[0]
        rest = line[len(code) :].lstrip("\t, ")
        StandardCode.objects.update_or_create(
            corpus_slug=corpus_slug, code=code[:64], defaults={"description": rest}
        )
        count += 1
    return count

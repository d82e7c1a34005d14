"""The lesson run: retrieve → outline → sections → checks → exports.

Each part is saved on the lesson as soon as it exists, so the teacher sees the
lesson grow; each leaves a step on the run (the open-kitchen view).
"""

from __future__ import annotations

import time

from django.utils import timezone, translation

from apps.courseware import planning, run_words
from apps.courseware.book_run import book_parts
from apps.courseware.exports.bundle import build_exports, bundle_zip
from apps.courseware.first_draft import first_draft
from apps.courseware.languages import language_name
from apps.courseware.lesson import Lesson as LessonSchema
from apps.courseware.lesson import SourcePassage
from apps.courseware.lesson_context import Context
from apps.courseware.model_calls import TimeBudgetSpent
from apps.courseware.models import Lesson
from apps.courseware.plan_writing import (
    cycle_sources,
    make_background,
    make_cycle,
    make_outline,
    make_phases,
)
from apps.courseware.quiz_writing import make_quiz
from apps.courseware.services import document_attributions, recheck
from apps.courseware.text_checks import Verdicts
from apps.courseware.topic_coverage import topic_coverage
from apps.courseware.worksheet_writing import make_worksheet
from core.corpora import retrieve
from core.reasoning import StructuredOutputError, generate_structured, json_char_bound
from core.runs import Outcome, RunContext
from core.steps import StepKind, Stopped, retrieval_data

RETRIEVE_K = 8
# Seconds of model time per lesson, from submission: parts not written by then are
# written by code from the sources and marked, so a slow or loaded machine still
# delivers the whole bundle in time (target: under 3 minutes).
MODEL_BUDGET_S = 120
# Seconds one model call (both attempts) may take before it is cut and its part
# is written by code: no call can hold the lesson however the backend behaves.
CALL_TIMEOUT_S = 45


def context_of(lesson: Lesson) -> Context:
    r = lesson.request
    parts = list(r.get("parts") or ["plan", "slides", "worksheet", "quiz"])
    return Context(
        topic=r["topic"],
        grade=int(r["grade"]),
        minutes=int(r["minutes"]),
        language=r.get("language", "en"),
        language_name=language_name(r.get("language", "en")),
        subject=r.get("subject", ""),
        differentiation=r.get("differentiation") or None,
        parts=parts,
        quiz_count=int(r.get("quiz_count") or 5) if "quiz" in parts else 0,
        worksheet_count=4 if "worksheet" in parts else 0,
        standards=list(r.get("standards") or []),
        uncited=bool(r.get("uncited")),
    )


def to_source(passage) -> SourcePassage:
    return SourcePassage(
        id=str(passage.chunk_id),
        document_id=str(passage.document_id),
        document_title=passage.document_title or "",
        corpus_slug=passage.corpus_slug or "",
        heading=passage.heading or "",
        page=passage.page,
        excerpt=passage.text,
        source_url=passage.source_url or "",
        licence=passage.licence or "",
    )


def _elapsed(job: RunContext) -> float:
    return round((timezone.now() - job.run.created_at).total_seconds(), 2)


def _save(lesson: Lesson, **parts) -> None:
    lesson.data = {**lesson.data, **parts}
    if lesson.data.get("title"):
        lesson.title = str(lesson.data["title"])[:300]
    lesson.save(update_fields=["data", "title", "timings", "updated_at"])


def retrieve_sources(job: RunContext, lesson: Lesson, ctx: Context) -> list[SourcePassage]:

    with job.step(StepKind.RETRIEVAL, "Retrieve curriculum passages") as s:
        query = f"{ctx.topic} {ctx.subject}".strip()
        passages = retrieve(query, user=job.user, corpora=[lesson.corpus_slug], k=RETRIEVE_K)
        seen, kept, sources = set(), [], []
        for passage in passages:
            source = to_source(passage)
            if source.id not in seen:
                seen.add(source.id)
                kept.append(passage)
                sources.append(source)
        s.data = retrieval_data(query, kept, corpora=[lesson.corpus_slug])
        coverage = topic_coverage(ctx.topic, query, kept)
        found = coverage.covered
        s.data["relevance"] = coverage.as_data()
        sentence = run_words.RETRIEVED_ON_TOPIC if found else run_words.RETRIEVED_OFF_TOPIC
        s.text = sentence % {"count": len(sources), "why": coverage.describe()}
    if not found and not ctx.uncited:
        lesson.status = Lesson.Status.NO_SOURCES
        lesson.message = run_words.NO_SOURCES % {
            "corpus": lesson.corpus_slug,
            "topic": ctx.topic[:200],
        }
        lesson.save(update_fields=["status", "message", "updated_at"])
        raise Stopped(lesson.message)
    lesson.retrieved_ids = [] if ctx.uncited else [p.id for p in sources]
    lesson.save(update_fields=["retrieved_ids", "updated_at"])
    return [] if ctx.uncited else sources


class _Pace:
    """How fast this machine decodes, measured on this run's own calls: a call
    that cannot finish within the model budget is not started."""

    def __init__(self) -> None:
        self.seconds, self.chars = 0.0, 0

    def expected_s(self, schema) -> float:
        if not self.chars:
            return 0.0  # nothing measured yet: the first call always runs
        cap_chars = json_char_bound(schema.model_json_schema()) or 700
        return cap_chars * self.seconds / self.chars

    def record(self, seconds: float, chars: int) -> None:
        self.seconds += seconds
        self.chars += max(chars, 1)


def _filler(job: RunContext):

    pace = _Pace()

    def fill(prompt, schema, title):
        remaining = MODEL_BUDGET_S - _elapsed(job)
        if remaining <= 0 or pace.expected_s(schema) > remaining:
            raise TimeBudgetSpent(title)
        started = time.monotonic()
        try:
            value = generate_structured(
                job,
                prompt=prompt,
                schema=schema,
                step_title=title,
                timeout_s=min(CALL_TIMEOUT_S, remaining),
            )
        except StructuredOutputError as exc:
            pace.record(time.monotonic() - started, len(exc.partial or ""))
            raise
        pace.record(time.monotonic() - started, len(value.model_dump_json()))
        return value

    return fill


def _base(lesson: Lesson, ctx: Context, sources: list[SourcePassage]) -> dict:
    return {
        "title": lesson.data.get("title") or ctx.topic[:80],
        "subject": ctx.subject[:120],
        "topic": ctx.topic[:500],
        "grade": ctx.grade,
        "language": ctx.language,
        "minutes": ctx.minutes,
        "parts": ctx.parts,
        "differentiation": ctx.differentiation,
        "standards": ctx.standards,
        "uncited": ctx.uncited,
        "sources": [s.model_dump() for s in sources],
    }


def generate_lesson(job: RunContext) -> Outcome:
    """The handler for kind ``courseware.lesson``: the whole lesson, or one section.

    Words code adds to the lesson ("Worked example:", "Solution:") are in the
    lesson's language, not in whatever language the process has active (a
    worker's default, or the teacher's page when run in the request)."""

    lesson = Lesson.objects.get(pk=job.inputs["lesson_id"])
    ctx = context_of(lesson)
    with translation.override(ctx.language):
        return _generate(job, lesson, ctx)


def _generate(job: RunContext, lesson: Lesson, ctx: Context) -> Outcome:
    section = job.inputs.get("section")
    fill = _filler(job)
    if section:
        return _regenerate(job, lesson, ctx, section, fill)

    lesson.data, lesson.timings = {}, {}
    job.progress(0.02, "Retrieving curriculum passages")
    sources = retrieve_sources(job, lesson, ctx)
    sources, book = book_parts(job, ctx, sources)
    lesson.data = _base(lesson, ctx, sources)
    if book is not None:  # the book's own structure: no model call needed to teach from it
        return _teach_from_book(job, lesson, sources, book)

    # The first visible part, by code right after retrieval (target: on screen within
    # 15 s of submitting): objectives, timed phases and one provisional learning cycle
    # per passage, all cited. The model's parts replace them as each is written.
    first = first_draft(ctx, sources)
    lesson.timings["first_output_s"] = _elapsed(job)
    _save(lesson, **first)

    job.progress(0.1, "Writing the outline")
    with job.step(StepKind.OUTLINE, "Outline: title and objectives"):
        outline = make_outline(fill, ctx, sources, verdicts := Verdicts("Outline", ctx.topic))
    record_checks(job, verdicts)
    lesson.timings["outline_s"] = _elapsed(job)
    _save(lesson, **outline)

    job.check_cancelled()
    job.progress(0.2, "Writing vocabulary and misconceptions")
    with job.step(StepKind.SECTIONS, "Background: prior knowledge, vocabulary, misconceptions"):
        verdicts = Verdicts("Background", ctx.topic)
        _save(lesson, **make_background(fill, ctx, sources, verdicts))
    record_checks(job, verdicts)

    objectives = [o["text"] for o in outline["objectives"]]
    _write_cycles(job, lesson, ctx, fill, sources, objectives, list(first["cycles"]))
    _write_practice(job, lesson, ctx, fill, sources)
    return _finish(job, lesson)


def _teach_from_book(job: RunContext, lesson: Lesson, sources: list, book: dict) -> Outcome:
    lesson.retrieved_ids = [s.id for s in sources]
    lesson.message = " ".join(book.pop("shortfalls"))
    lesson.timings["first_output_s"] = _elapsed(job)
    lesson.save(update_fields=["retrieved_ids", "message", "updated_at"])
    _save(lesson, **book)
    return _finish(job, lesson)


def _write_cycles(
    job: RunContext, lesson: Lesson, ctx: Context, fill, sources, objectives, cycles
) -> None:
    """The model writes each learning cycle over the first draft's, saved one by one."""
    count = planning.cycle_count(ctx.minutes)
    for index, passage in enumerate(cycle_sources(sources, count)):
        job.check_cancelled()
        job.progress(0.25 + 0.35 * index / count, f"Writing learning cycle {index + 1} of {count}")
        with job.step(StepKind.SECTIONS, f"Learning cycle {index + 1}"):
            verdicts = Verdicts(f"Learning cycle {index + 1}", ctx.topic)
            objective = objectives[index % len(objectives)]
            cycles[index] = make_cycle(fill, ctx, passage, objective, verdicts, index)
        record_checks(job, verdicts)
        _save(lesson, cycles=cycles, phases=make_phases(ctx, cycles))


def _write_practice(job: RunContext, lesson: Lesson, ctx: Context, fill, sources) -> None:
    """The worksheet and the quiz, those of them the teacher asked for."""
    if "worksheet" in ctx.parts:
        job.progress(0.6, "Writing the worksheet")
        with job.step(StepKind.SECTIONS, "Worksheet"):
            verdicts = Verdicts("Worksheet", ctx.topic)
            _save(lesson, worksheet=make_worksheet(fill, ctx, sources, verdicts))
        record_checks(job, verdicts)
    if "quiz" in ctx.parts:
        job.progress(0.75, "Writing the quiz")
        with job.step(StepKind.SECTIONS, "Quiz"):
            verdicts = Verdicts("Quiz", ctx.topic)
            vocabulary = lesson.data.get("vocabulary", [])
            _save(lesson, quiz=make_quiz(fill, ctx, sources, vocabulary, verdicts))
        record_checks(job, verdicts)


def record_checks(job: RunContext, verdicts: Verdicts) -> None:
    """A step on the run saying which text checks ran on a part, and each
    failure by name (what gave way to code, and why)."""
    with job.step(StepKind.CHECKS, f"Text checks: {verdicts.part}") as s:
        s.data = verdicts.as_data()
        s.text = verdicts.summary()


def _regenerate(job, lesson: Lesson, ctx, section: str, fill) -> Outcome:

    sources = [SourcePassage.model_validate(s) for s in lesson.data.get("sources") or []]
    job.progress(0.1, f"Regenerating {section}")
    verdicts = Verdicts(section.capitalize(), ctx.topic)
    with job.step(StepKind.SECTIONS, f"Regenerate {section}"):
        if section == "outline":
            _save(lesson, **make_outline(fill, ctx, sources, verdicts))
        elif section == "background":
            _save(lesson, **make_background(fill, ctx, sources, verdicts))
        elif section == "cycles":
            objectives = [o["text"] for o in lesson.data.get("objectives") or []] or [ctx.topic]
            count = planning.cycle_count(ctx.minutes)
            cycles = [
                make_cycle(fill, ctx, passage, objectives[i % len(objectives)], verdicts, i)
                for i, passage in enumerate(cycle_sources(sources, count))
            ]
            _save(lesson, cycles=cycles, phases=make_phases(ctx, cycles))
        elif section == "worksheet":
            _save(lesson, worksheet=make_worksheet(fill, ctx, sources, verdicts))
        elif section == "quiz":
            vocabulary = lesson.data.get("vocabulary", [])
            _save(lesson, quiz=make_quiz(fill, ctx, sources, vocabulary, verdicts))
    record_checks(job, verdicts)
    return _finish(job, lesson)


def _finish(job: RunContext, lesson: Lesson) -> Outcome:

    job.progress(0.9, "Checking the lesson")
    with job.step(StepKind.CHECKS, "Checks by code") as s:
        lesson.status = Lesson.Status.READY  # provisional: recheck sets READY or INVALID
        report = recheck(lesson)
        s.data = report.as_dict()
        s.text = "; ".join(c["message"] for c in s.data["checks"])
    job.progress(0.95, "Building the downloads")
    with job.step(StepKind.EXPORTS, "Exports: PDF, DOCX, PPTX, zip") as s:
        if report.exportable:
            started = time.monotonic()
            schema = LessonSchema.model_validate(lesson.data)
            files = build_exports(schema, document_attributions(schema))
            bundle = bundle_zip(files)
            lesson.timings["bundle_s"] = _elapsed(job)
            s.data = {
                "files": {name: len(data) for name, data in files.items()},
                "bundle_bytes": len(bundle),
                "ms": round(1000 * (time.monotonic() - started)),
            }
            s.text = f"Built {len(files)} files and the zip bundle."
        else:
            s.text = "Not exported: " + "; ".join(report.blocking)
    lesson.save(update_fields=["timings", "updated_at"])
    job.progress(1.0, "Lesson ready" if report.exportable else "Lesson needs fixing")
    result = {
        "lesson_id": lesson.pk,
        "status": lesson.status,
        "blocking": report.blocking,
        "timings": lesson.timings,
    }
    return Outcome(result, "Lesson ready." if report.exportable else "The lesson needs fixing.")

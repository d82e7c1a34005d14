"""The courseware evaluation protocol (``manage.py courseware_eval``), as functions.

Protocol: every ``ch*.md`` under DIR (recursively) goes into one throw-away
corpus; one lesson per chapter on the topic named by the first ``## `` heading
of the chapter's second ``<!-- module mNNNNN -->`` block; grade 8, 40 minutes,
English, slides, worksheet and a quiz of 5 questions.

The subject is named from the chapter's book title (``teaching.subject_of``):
Mathematics for a maths book. Teaching measures by fixed rules of
``teaching``: ``items_fragments``, ``title_is_topic_share``,
``worked_example_share`` (lessons with a worked example and its solution) and
``computed_practice_share`` (over the maths chapters' lessons: at least three
computed items on the topic's operation). With ``--out DIR`` each finished
lesson's bundle is written as ``DIR/<chapter file stem>.zip``.

Three counts over the shown items of the finished lessons (``items_markup``,
``items_loops``, ``items_unsupported_numbers``) are made by fixed rules of
this package (``item_counts``), not by the product's text checks.
"""

from __future__ import annotations

import re
import statistics
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from apps.courseware import arithmetic
from apps.courseware.code_fallbacks import FALLBACK_FLAG
from apps.courseware.evaluation import teaching
from apps.courseware.evaluation.item_counts import LESSON_ITEM_LISTS, item_counts
from apps.courseware.evaluation.reopen import check_exports
from apps.courseware.lesson import SECTIONS
from apps.courseware.lesson import Lesson as LessonSchema

MODULE = re.compile(r"^<!--\s*module\s+m\d+\s*-->\s*$", re.M)
LICENCE = re.compile(r"\bCC[ -]BY(?:[ -](?:NC|SA|ND))*[ -]\d\.\d\b|\bpublic domain\b", re.I)
URL = re.compile(r"https?://[^\s)>\]]+")


def chapter_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("ch*.md") if p.is_file())


def chapter_topic(text: str) -> str | None:
    """The first ``## `` heading of the second module block."""
    markers = list(MODULE.finditer(text))
    if len(markers) < 2:
        return None
    end = markers[2].start() if len(markers) > 2 else len(text)
    for line in text[markers[1].end() : end].splitlines():
        if line.startswith("## "):
            return line[3:].strip()
    return None


def chapter_title(text: str, fallback: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return fallback


def licence_near(path: Path, root: Path) -> tuple[str, str]:
    """(licence, attribution) from the nearest SOURCE.md at or above the file, up to DIR."""
    for folder in [path.parent, *path.parent.parents]:
        if folder != root and root not in folder.parents:
            break
        source = folder / "SOURCE.md"
        if source.exists():
            text = source.read_text(errors="replace")
            found = LICENCE.search(text)
            return (found.group(0) if found else ""), f"See {source.name}: {text[:600].strip()}"
    return "", ""


@dataclass
class LessonResult:
    finished: bool = False
    valid: bool = False
    exported: bool = False
    cited: int = 0
    cited_valid: int = 0
    math_checked: int = 0
    math_wrong_unmarked: int = 0
    items: int = 0
    model_items: int = 0
    first_output_s: float | None = None
    bundle_s: float | None = None
    items_markup: int = 0
    items_loops: int = 0
    items_unsupported_numbers: int = 0
    items_fragments: int = 0
    title_is_topic: bool = False
    worked_example: bool = False
    maths: bool = False
    computed_items: int = 0
    problems: list[str] = field(default_factory=list)


# Notes of items a book lesson takes from the book or computes (``book_items``): code's.
BOOK_NOTES = ("quoted from the book", "computed by code")


def model_written(data: dict) -> tuple[int, int]:
    """(items in the lesson, items the model wrote: not marked as written by code,
    quoted from the book or computed)."""
    items = [i for name in LESSON_ITEM_LISTS for i in data.get(name) or []]
    by_code = sum(
        1
        for i in items
        if FALLBACK_FLAG in (i.get("notes") or [])
        or any(str(n).startswith(BOOK_NOTES) for n in i.get("notes") or [])
    )
    return len(items), len(items) - by_code


def unmarked_wrong_keys(data: dict) -> tuple[int, int]:
    """(maths keys checked, wrong keys without a mark), recomputed independently of the checks."""
    checked = unmarked = 0
    triples = [(i, i.get("prompt", ""), i.get("answer", "")) for i in data.get("worksheet") or []]
    triples += [
        (i, i.get("check_question", ""), i.get("check_answer", ""))
        for i in data.get("cycles") or []
    ]
    for item in data.get("quiz") or []:
        triples.append((item, item.get("question", ""), item["options"][item["answer_index"]]))
    for item, question, key in triples:
        try:
            status, _ = arithmetic.check_key(str(question), str(key))
        except (arithmetic.NotArithmetic, ZeroDivisionError, OverflowError):
            continue
        if status == "unchecked":
            continue
        checked += 1
        if status in ("wrong", "unclear") and not item.get("flags"):
            unmarked += 1
    return checked, unmarked


def summary(requested: int, results: list[LessonResult]) -> dict:
    def share(count: int) -> float:
        return round(count / requested, 4) if requested else 0.0

    cited = sum(r.cited for r in results)
    firsts = [r.first_output_s for r in results if r.first_output_s is not None]
    bundles = [r.bundle_s for r in results if r.bundle_s is not None]
    items = sum(r.items for r in results)
    maths = [r for r in results if r.maths]
    return {
        "lessons_requested": requested,
        "lessons": sum(r.finished for r in results),
        "valid_share": share(sum(r.finished and r.valid for r in results)),
        "exported_share": share(sum(r.exported for r in results)),
        "citation_valid_share": round(sum(r.cited_valid for r in results) / cited, 4)
        if cited
        else 0.0,
        "math_keys_checked": sum(r.math_checked for r in results),
        # Of every item (objective, cycle, worksheet and quiz question...) in the
        # finished lessons, the share the model wrote rather than the code fallback.
        "model_written_share": round(sum(r.model_items for r in results) / items, 4)
        if items
        else 0.0,
        "math_keys_wrong_unmarked": sum(r.math_wrong_unmarked for r in results),
        "seconds_to_first_output": round(statistics.median(firsts), 2) if firsts else None,
        "seconds_to_bundle": round(statistics.median(bundles), 2) if bundles else None,
        # Items of the finished lessons with an HTML-like tag, a 5-word phrase 3 times
        # in one text, or a number in no passage and no computed fact (fixed rules above).
        "items_markup": sum(r.items_markup for r in results),
        "items_loops": sum(r.items_loops for r in results),
        "items_unsupported_numbers": sum(r.items_unsupported_numbers for r in results),
        # Teaching measures (rules in ``teaching``'s docstring).
        "items_fragments": sum(r.items_fragments for r in results),
        "title_is_topic_share": share(sum(r.finished and r.title_is_topic for r in results)),
        "worked_example_share": share(sum(r.finished and r.worked_example for r in results)),
        "computed_practice_share": round(
            sum(r.finished and r.computed_items >= 3 for r in maths) / len(maths), 4
        )
        if maths
        else None,
    }


def eval_user():
    from core.accounts import Role, create_user_with_role

    return create_user_with_role(
        f"courseware-eval-{uuid.uuid4().hex[:8]}", uuid.uuid4().hex, Role.TEACHER
    )


def ingest(root: Path, files: list[Path], user, log) -> object:
    from core.accounts import Role
    from core.corpora import Document, add_document, create_corpus, ingest_document

    corpus = create_corpus(
        name=f"courseware eval {uuid.uuid4().hex[:8]}", reader_roles=[Role.TEACHER], created_by=user
    )
    for path in files:
        text = path.read_text(errors="replace")
        licence, attribution = licence_near(path, root)
        url = URL.search("\n".join(text.splitlines()[:5]))
        started = time.monotonic()
        doc = add_document(
            corpus,
            filename=path.name,
            data=path.read_bytes(),
            title=chapter_title(text, path.stem),
            source_url=url.group(0).rstrip(".,") if url else "",
            licence=licence,
            attribution=attribution,
            uploaded_by=user,
        )
        doc.refresh_from_db()
        if doc.status != Document.Status.READY:
            doc = ingest_document(doc.pk)
        log(
            f"ingested {path.name}: {doc.status}, {doc.chunk_count} chunks, {time.monotonic() - started:.1f} s"  # noqa: E501
        )
    return corpus


def lesson_request(corpus, topic: str, subject: str) -> dict:
    """The protocol's request: grade 8, 40 minutes, English, slides, worksheet, 5-question quiz."""
    return {
        "subject": subject,
        "topic": topic,
        "grade": 8,
        "minutes": 40,
        "language": "en",
        "corpus": corpus.slug,
        "parts": ["slides", "worksheet", "quiz"],
        "quiz_count": 5,
        "differentiation": "",
        "standards": [],
    }


def run_lesson(
    user, corpus, topic: str, log, subject: str = "", out: Path | None = None
) -> LessonResult:
    from apps.courseware.models import Lesson
    from apps.courseware.services import RUN_KIND
    from core.runs import Run, run_inline

    lesson = Lesson.objects.create(
        owner=user,
        title=topic[:300],
        corpus_slug=corpus.slug,
        request=lesson_request(corpus, topic, subject),
    )

    def link(run) -> None:
        lesson.run = run
        lesson.save(update_fields=["run"])

    run = run_inline(user, RUN_KIND, {"lesson_id": lesson.pk}, on_created=link)
    lesson.refresh_from_db()
    result = LessonResult(
        finished=run.status == Run.Status.SUCCEEDED
        and lesson.status in (Lesson.Status.READY, Lesson.Status.INVALID),
        maths=subject == "Mathematics",
    )
    result.first_output_s = lesson.timings.get("first_output_s")
    result.bundle_s = lesson.timings.get("bundle_s")
    if not result.finished:
        result.problems.append(f"run {run.status}: {run.error or lesson.message}")
        return result
    try:
        schema = LessonSchema.model_validate(lesson.data)
        result.valid = True
    except Exception as exc:  # reported, not raised: the evaluation goes on
        result.problems.append(f"invalid: {exc}")
        schema = None
    result.cited, result.cited_valid = citations(lesson)
    numbers_seen = measure_items(result, lesson.data)
    if schema is not None:
        result.exported, problems = check_exports(lesson, schema, out)
        result.problems += problems
    log_lesson(log, topic, lesson, run, result, numbers_seen)
    return result


def citations(lesson) -> tuple[int, int]:
    """(source ids cited by the lesson's items, those retrieved for it that still exist)."""
    from core.corpora import Chunk

    retrieved = set(lesson.retrieved_ids)
    cited = [
        sid
        for section in SECTIONS
        for item in lesson.data.get(section) or []
        for sid in item.get("source_ids") or []
    ]
    existing = {
        str(pk)
        for pk in Chunk.objects.filter(pk__in=[c for c in cited if c.isdigit()]).values_list(
            "pk", flat=True
        )
    }
    return len(cited), sum(1 for c in cited if c in retrieved and c in existing)


def measure_items(result: LessonResult, data: dict):
    """Fill the item counts and teaching measures of ``result``; returns the numbers
    ``item_counts`` found unsupported (for the log)."""
    result.math_checked, result.math_wrong_unmarked = unmarked_wrong_keys(data)
    result.items, result.model_items = model_written(data)
    counts = item_counts(data)
    result.items_markup, result.items_loops, result.items_unsupported_numbers, numbers_seen = counts
    result.items_fragments = teaching.items_fragments(data, LESSON_ITEM_LISTS)
    result.title_is_topic = teaching.title_is_topic(data)
    result.worked_example = teaching.has_worked_example(data)
    result.computed_items = teaching.computed_items(data)
    return numbers_seen


def log_lesson(log, topic: str, lesson, run, result: LessonResult, numbers_seen) -> None:
    replaced = sum(
        1
        for section in ("cycles", "worksheet", "quiz")
        for item in lesson.data.get(section) or []
        for note in item.get("notes") or []
        if "was replaced by the computed value" in note
    )
    # Why the model's texts gave way to code, by check name (the run's text-check steps):
    # for the log only, it is the product's own verdict, not a measure.
    rejected = Counter(
        failure.get("name")
        for step in run.steps.filter(kind="checks")
        for failure in (step.data or {}).get("failures") or []
        if failure.get("by") == "model"
    )
    model_calls = run.steps.filter(kind="structured")
    log(
        f"lesson on {topic!r}: {lesson.status}, first output {result.first_output_s} s, "
        f"model outline {lesson.timings.get('outline_s')} s, bundle {result.bundle_s} s, "
        f"{result.cited_valid}/{result.cited} citations, {result.math_checked} maths keys ({replaced} model keys replaced by the computed value), {result.model_items}/{result.items} items by the model; items with markup {result.items_markup}, looping {result.items_loops}, unsupported numbers {result.items_unsupported_numbers} {numbers_seen}; fragments {result.items_fragments}, computed items {result.computed_items}, worked example {result.worked_example}; model calls {model_calls.filter(status='succeeded').count()}/{model_calls.count()} valid, model texts failing the checks {dict(rejected.most_common())}; {'; '.join(result.problems) or 'ok'}"  # noqa: E501
    )

"""The lesson run end to end: real retrieval, the bundled model, checks, exports.

The model's time budget is cut so that the test stays short on a loaded
machine: parts the model has not written by then are written by code from the
sources (and marked), which is the path that must still give a valid lesson.
"""

import io
import zipfile

import pytest

from apps.courseware import pipeline, services
from apps.courseware.code_fallbacks import FALLBACK_FLAG
from apps.courseware.lesson import Lesson as LessonSchema
from apps.courseware.models import Lesson
from core.retrieval import Passage

pytestmark = [pytest.mark.django_db]

DOC = b"""# Adding whole numbers

## Add whole numbers

To add whole numbers, write the numbers so that the digits line up by place value.
Add the ones, then the tens. The result of addition is called the sum.

Problem: 27 + 15

Solution: 27 + 15 = 42. Carry one ten from the ones column.

## Subtract whole numbers

Subtraction undoes addition. The result of subtraction is called the difference.

Problem: 42 - 15
"""


@pytest.fixture
def corpus(cast, ingest):
    from core.corpora.services import create_corpus

    corpus = create_corpus(name="Arithmetic", reader_roles=["teacher"])
    ingest(corpus, "adding.md", DOC, licence="CC BY 4.0", attribution="Written for the tests.")
    return corpus


def request(corpus, topic="adding whole numbers", parts=("plan", "slides", "worksheet", "quiz")):
    return {
        "subject": "Mathematics",
        "topic": topic,
        "grade": 5,
        "minutes": 30,
        "language": "en",
        "corpus": corpus.slug,
        "parts": list(parts),
        "quiz_count": 3,
        "differentiation": "",
        "standards": [],
        "uncited": False,
    }


@pytest.mark.slow
def test_a_lesson_run_gives_a_valid_grounded_checked_exported_lesson(
    cast, corpus, start, monkeypatch
):
    monkeypatch.setattr(pipeline, "MODEL_BUDGET_S", 20)
    lesson = start(lambda: services.request_lesson(cast["teacher"], request(corpus)))
    lesson.refresh_from_db()
    assert lesson.run.status == "succeeded", lesson.run.error
    assert lesson.status == Lesson.Status.READY, lesson.report.get("blocking")
    schema = LessonSchema.model_validate(lesson.data)
    assert sum(p.minutes for p in schema.phases) == 30
    cited = {
        sid
        for section in ("objectives", "cycles", "worksheet", "quiz")
        for item in getattr(schema, section)
        for sid in item.source_ids
    }
    assert cited and cited <= set(lesson.retrieved_ids)
    assert lesson.report["math_checked"] >= 1 and lesson.report["math_wrong"] == 0
    kinds = list(lesson.run.steps.order_by("ordinal").values_list("kind", flat=True))
    assert (
        kinds[0] == "retrieval"
        and "outline" in kinds
        and "checks" in kinds
        and kinds[-1] == "exports"
    )
    assert {"first_output_s", "bundle_s"} <= set(lesson.timings)
    names = zipfile.ZipFile(io.BytesIO(services.export_bundle(lesson))).namelist()
    assert {"lesson.pdf", "lesson.docx", "slides.pptx", "ATTRIBUTION.txt"} <= set(names)


@pytest.mark.slow
def test_nothing_on_the_topic_says_so_and_offers_a_lesson_without_citations(
    cast, corpus, start, monkeypatch
):
    monkeypatch.setattr(pipeline, "MODEL_BUDGET_S", 0)
    lesson = start(
        lambda: services.request_lesson(
            cast["teacher"], request(corpus, topic="volcanic eruptions", parts=["plan", "slides"])
        )
    )
    lesson.refresh_from_db()
    assert lesson.status == Lesson.Status.NO_SOURCES
    assert "has nothing on \u201cvolcanic eruptions\u201d" in lesson.run.error
    assert not lesson.data.get("objectives")

    lesson = start(lambda: services.agree_to_uncited(cast["teacher"], lesson))
    lesson.refresh_from_db()
    assert lesson.status == Lesson.Status.READY, lesson.report.get("blocking")
    assert lesson.data["uncited"] is True and lesson.data["sources"] == []
    assert (
        "without curriculum sources"
        in zipfile.ZipFile(io.BytesIO(services.export_bundle(lesson)))
        .read("ATTRIBUTION.txt")
        .decode()
    )


@pytest.mark.slow
def test_regenerating_one_section_keeps_the_others(cast, corpus, start, monkeypatch):
    monkeypatch.setattr(pipeline, "MODEL_BUDGET_S", 0)
    lesson = start(lambda: services.request_lesson(cast["teacher"], request(corpus)))
    lesson.refresh_from_db()
    lesson.data["cycles"][0]["practice"] = "Teacher's own practice task."
    services.apply_edits(lesson, {"cycles.0.practice": "Teacher's own practice task."})
    start(lambda: services.regenerate_section(cast["teacher"], lesson, "quiz"))
    lesson.refresh_from_db()
    assert lesson.data["cycles"][0]["practice"] == "Teacher's own practice task."
    assert len(lesson.data["quiz"]) == 3 and lesson.status == Lesson.Status.READY


@pytest.mark.slow
def test_a_model_that_never_stops_is_cut_and_the_lesson_still_finishes(
    cast, corpus, start, monkeypatch
):
    from core.reasoning import llm as llm_module
    from core.reasoning.deltas import Delta

    class Endless(llm_module.LLMBackend):
        model_name = "endless"

        def stream(self, messages, **kwargs):
            while True:
                yield Delta("answer", "la ")

    monkeypatch.setattr(llm_module, "_backend", Endless())
    monkeypatch.setattr(pipeline, "CALL_TIMEOUT_S", 0.3)
    monkeypatch.setattr(pipeline, "MODEL_BUDGET_S", 3)
    lesson = start(lambda: services.request_lesson(cast["teacher"], request(corpus)))
    lesson.refresh_from_db()
    assert lesson.run.status == "succeeded", lesson.run.error
    assert lesson.status == Lesson.Status.READY, lesson.report.get("blocking")
    cut = lesson.run.steps.filter(kind="structured", status="failed")
    assert cut.exists() and "ran out" in cut.first().data["error"]
    assert any(FALLBACK_FLAG in c["notes"] for c in lesson.data["cycles"])


def test_the_retrieval_step_shows_each_passage_kept_as_a_hit(cast, monkeypatch):
    from django.template.loader import render_to_string

    from core.runs.context import RunContext
    from core.runs.models import Run
    from core.runs.presenters import present_step

    found = Passage(
        chunk_id=5,
        text="To add whole numbers, line up the digits by place value.",
        document_id=2,
        document_title="Prealgebra",
        corpus_slug="maths",
        heading="Add whole numbers",
        page=3,
        start=0,
        end=56,
        source_url="",
        licence="CC BY 4.0",
        scores={"dense": 0.81, "lexical": 2.5, "fused": 0.7},
    )
    monkeypatch.setattr(pipeline, "retrieve", lambda query, **kwargs: [found, found])
    asked = {"topic": "adding whole numbers", "subject": "Mathematics", "grade": 5, "minutes": 30}
    lesson = Lesson.objects.create(
        owner=cast["teacher"], title="Adding", corpus_slug="maths", request=asked
    )
    run = Run.objects.create(user=cast["teacher"], kind="courseware.lesson", inputs={})
    sources = pipeline.retrieve_sources(RunContext(run), lesson, pipeline.context_of(lesson))
    assert [s.id for s in sources] == ["5"]
    step = run.steps.get()
    assert (step.kind, step.title) == ("retrieval", "Retrieve curriculum passages")
    view = present_step(step, citation_count=None)
    assert view["hits"] == [
        {
            "document_title": "Prealgebra",
            "heading": "Add whole numbers",
            "corpus_slug": "maths",
            "page": 3,
            "scores": {"dense": 0.81, "lexical": 2.5, "fused": 0.7},
            "snippet": "To add whole numbers, line up the digits by place value.",
            "score_text": "dense 0.810, lexical 2.500, fused 0.700",
        }
    ]
    page = render_to_string("runs/_step.html", {"v": view})
    assert "Add whole numbers" in page and "line up the digits" in page and "dense 0.810" in page


def test_a_parts_text_checks_are_a_step_naming_each_failure(cast):
    from django.template.loader import render_to_string

    from apps.courseware.text_checks import Verdicts, evidence_for
    from core.runs.context import RunContext
    from core.runs.models import Run
    from core.runs.presenters import present_step
    from tests.apps.courseware.passages import CTX, FRACTIONS

    verdicts = Verdicts("Background", CTX.topic)
    evidence = evidence_for(CTX, [FRACTIONS])
    verdicts.passes("This is a math problem — This is a math problem", evidence, "misconceptions.0")
    run = Run.objects.create(user=cast["teacher"], kind="courseware.lesson", inputs={})
    pipeline.record_checks(RunContext(run), verdicts)
    step = run.steps.get()
    assert (step.kind, step.title) == ("checks", "Text checks: Background")
    assert [f["name"] for f in step.data["failures"]] == ["empty", "loop"]
    page = render_to_string("runs/_step.html", {"v": present_step(step, citation_count=None)})
    # the stored names labelled as a reader reads them
    assert "<strong>repeats itself</strong>: misconceptions.0 (the model&#x27;s text): It" in page
    assert "1 of the model&#x27;s texts were not used (empty text, repeats itself)" in page

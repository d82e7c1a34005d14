"""The titles and texts the core records its steps with are in English; the run
page shows them in the reader's language, and every other text as it was stored."""

import ast
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from core.runs.models import Run, RunStep
from core.runs.presenters import present_step
from core.runs.step_words import run_message, step_text, step_title

ROOT = Path(__file__).resolve().parents[3]
# Calls that open a step, and where their title is: .step(kind, title),
# .open(kind, title), ingestion's .stage(name, title, percent).
TITLE_ARGUMENT = {"step": 1, "open": 1, "stage": 1}
TITLE_KEYWORDS = {"answer_title", "reasoning_title", "step_title", "title"}


def english_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{3,}", text)


def literal_titles() -> set[str]:
    """Every step title written as a string literal in the core (and the defaults of
    the parameters that carry one)."""
    found = set()
    for path in (ROOT / "core").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                at = TITLE_ARGUMENT.get(node.func.attr)
                if at is not None and len(node.args) > at:
                    arg = node.args[at]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.add(arg.value)
                for keyword in node.keywords:
                    if keyword.arg in TITLE_KEYWORDS and isinstance(keyword.value, ast.Constant):
                        found.add(keyword.value.value)
            elif isinstance(node, ast.arguments):
                positional = node.args[len(node.args) - len(node.defaults) :]
                pairs = [
                    *zip(positional, node.defaults, strict=True),
                    *zip(node.kwonlyargs, node.kw_defaults, strict=True),
                ]
                for arg, default in pairs:
                    if arg.arg in TITLE_KEYWORDS and isinstance(default, ast.Constant):
                        if isinstance(default.value, str) and default.value:
                            found.add(default.value)
    return found


def test_the_scan_finds_the_cores_step_titles():
    titles = literal_titles()
    assert {"Search in your document collections", "Citation check", "Reasoning"} <= titles
    assert "Extracting text" in titles


@pytest.mark.parametrize("title", sorted(literal_titles()))
def test_every_step_title_the_core_writes_reads_in_chinese(title):
    with translation.override("zh-hans"):
        shown = step_title(title)
    assert english_words(shown) == [], (title, shown)


@pytest.mark.parametrize(
    ("stored", "kept"),
    [
        ("6 passages found.", "6"),
        ("2 more passages did not fit in the model's context window.", "2"),
        ("The answer cites none of the sources.", ""),
        ("Every citation points to one of the 4 sources given.", "4"),
        (
            "The answer cites source(s) 7, 9, which were not given to the model: "
            "treat those statements with suspicion.",
            "7, 9",
        ),
        ("The model's answer passed all 8 checks and is shown.", "8"),
        (
            "Stopped early: The model gave no answer. The answer shown is the one quoted "
            "from the sources.",
            "",
        ),
    ],
)
def test_the_texts_the_core_computes_read_in_chinese_with_their_numbers(stored, kept):
    with translation.override("zh-hans"):
        shown = step_text(stored)
    assert english_words(shown) == [], shown
    assert kept in shown


def test_a_title_inside_a_title_and_an_apps_own_title_inside_one():
    with translation.override("zh-hans"):
        assert english_words(step_title("Answer (repair attempt)")) == []
        shown = step_title("Lesson plan: output did not validate")
    assert "Lesson plan" in shown and "validate" not in shown


def test_other_text_and_english_are_shown_as_stored():
    with translation.override("zh-hans"):
        assert step_title("Geometry: 一层.dxf") == "Geometry: 一层.dxf"
        assert step_text("A sentence an app wrote.") == "A sentence an app wrote."
    with translation.override("en"):
        assert step_title("Citation check") == "Citation check"
        assert step_text("6 passages found.") == "6 passages found."
        assert run_message("Extracting text") == "Extracting text"


def test_the_progress_of_a_running_job_reads_in_hindi():
    with translation.override("hi"):
        for stored in ["Searching the documents you can read…", "Embedding: 3 of 40 chunks"]:
            assert english_words(run_message(stored)) == [], stored


def test_the_models_own_text_is_never_translated():
    step = RunStep(kind="answer", title="Answer", text="The answer cites none of the sources.")
    with translation.override("zh-hans"):
        view = present_step(step, citation_count=0)
    assert view["text"] == "The answer cites none of the sources."
    assert english_words(view["title"]) == []


@pytest.mark.postgres
def test_the_run_page_in_chinese_shows_no_english_step_title(cast, client_for):
    run = Run.objects.create(
        user=cast["farmer"], kind="core.ask", status=Run.Status.SUCCEEDED, inputs={}
    )
    steps = [
        ("retrieval", "Search in your document collections", "3 passages found."),
        ("sources", "Sources given to the model", ""),
        ("citations", "Citation check", "The answer cites none of the sources."),
    ]
    for ordinal, (kind, title, text) in enumerate(steps, start=1):
        RunStep.objects.create(run=run, ordinal=ordinal, kind=kind, title=title, text=text, data={})
    client = client_for(cast["farmer"])
    page = client.get(
        reverse("runs:detail", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    for _, title, text in steps:
        assert title not in page
        assert not text or text not in page
    with translation.override("zh-hans"):
        assert step_title("Citation check") in page

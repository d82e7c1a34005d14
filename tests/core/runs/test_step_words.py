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
from core.runs.step_words import run_error, run_message, step_text, step_title
from tests.core.runs.stored_words import english_words

ROOT = Path(__file__).resolve().parents[3]
# Calls that open a step, and where their title is: .step(kind, title),
# .open(kind, title), ingestion's .stage(name, title, percent).
TITLE_ARGUMENT = {"step": 1, "open": 1, "stage": 1}
TITLE_KEYWORDS = {"answer_title", "reasoning_title", "step_title", "title"}


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


@pytest.mark.parametrize("language", ["zh-hans", "hi", "bn"])
def test_a_hits_scores_are_named_in_the_readers_language(language):
    hits = [
        {"document_title": "Outlook", "scores": {"dense": 0.1316, "lexical": None, "fused": 0.5}}
    ]
    step = RunStep(
        kind="retrieval", title="Search in your document collections", data={"hits": hits}
    )
    with translation.override(language):
        text = present_step(step, citation_count=None)["hits"][0]["score_text"]
    assert english_words(text) == [], text
    assert "0.132" in text and "—" in text and "0.500" in text  # a search that missed it: "—"


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


# --- reasoning's lines, the engine's errors, the corpus stages, the apps' steps ----------


def recorded_decision(**signals) -> str:
    """The "Do the sources answer this?" step's text, as grounded.py stores it."""
    from core.reasoning.compose.answerability import Decision, Signals, describe

    base = dict(
        asked="time", dense=0.62, lexical=3.0, sentence_share=0.5, passage_share=0.8,
        agree=True, typed=True,
    )  # fmt: skip
    decision = Decision("not_said", 0.31, Signals(**{**base, **signals}))
    return "\n".join(f"- {line}" for line in describe(decision))


@pytest.mark.parametrize("language", ["zh-hans", "hi"])
@pytest.mark.parametrize(
    "signals",
    [
        {},
        {"agree": False, "typed": False, "asked": "person"},
        {"conflict": "The question asks about “north”; the sentence found says “south”."},
        {"conflict": "The question names 1907; the passage does not."},
    ],
)
def test_the_answerability_lines_read_in_the_readers_language(language, signals):
    stored = recorded_decision(**signals)
    step = RunStep(kind="computation", title="Do the sources answer this?", text=stored)
    with translation.override(language):
        view = present_step(step, citation_count=None)
    unquoted = re.sub(r"“[^”]*”", "", view["text"])  # words quoted from the question stay
    assert english_words(unquoted) == [], view["text"]
    assert view["text"].count("\n- ") == stored.count("\n- ")  # one line each, as stored
    assert "0.62" in view["text"] and "31%" in view["text"]
    with translation.override("en"):
        assert present_step(step, citation_count=None)["text"] == stored


def failures_of_bad_drafts() -> list[str]:
    from core.reasoning.checks import Evidence, check_text

    sources = ("Waves carry energy from one place to another [1].",)
    drafts = [
        ("", "en"),
        ("यह हिंदी में लिखा गया एक लंबा उत्तर है जो अंग्रेज़ी में माँगा गया था।", "en"),
        ("It is 3.489365 m/s and 77.1 km <div>x</div> <span>y</span> [4] [5].", "en"),
    ]
    found = []
    for text, language in drafts:
        report = check_text(text, Evidence(sources=sources, question="q", language=language))
        found += [f.detail for f in report.failures]
    return found


@pytest.mark.parametrize("language", ["zh-hans", "hi"])
def test_the_checks_failures_read_in_the_readers_language_with_their_quotes(language):
    details = failures_of_bad_drafts()
    assert len(details) >= 4, details
    failures = [{"name": "x", "detail": d} for d in details]
    step = RunStep(
        kind="checks",
        title="Checks on the model's text",
        text="The model's answer was not used: " + "; ".join(details),
        data={"passed": False, "failures": failures},
    )
    with translation.override(language):
        view = present_step(step, citation_count=None)
    for stored, shown in zip(details, view["failures"], strict=True):
        # what is left in English is what was quoted from the model's text
        quoted = " ".join(re.findall(r"“([^”]*)”", stored))
        assert set(english_words(shown["detail"])) <= set(english_words(quoted)), shown
    assert "3.489365" in " ".join(f["detail"] for f in view["failures"])
    assert not view["text"].startswith("The model's answer")


@pytest.mark.parametrize("language", ["zh-hans", "hi"])
def test_the_engines_errors_read_in_the_readers_language(language):
    from core.runs.engine import BROKE, ERRORS, GONE, TOO_LONG

    stored = [
        *ERRORS[:2],
        TOO_LONG % {"minutes": 30},
        GONE % {"kind": "crops.advisory"},
        BROKE % {"error": "KeyError"},
        "The question is too long for the model to answer with sources. "
        "Please shorten it and ask again.",
        "The model server did not answer. What the model produced before that is kept below.",
    ]
    with translation.override(language):
        shown = [run_error(s) for s in stored]
    for before, after in zip(stored[:-1], shown[:-1], strict=True):
        leftover = set(english_words(after)) - {"crops", "advisory", "KeyError"}
        assert leftover == set(), (before, after)
    assert shown[-1].startswith("The model server did not answer.")  # the server's own words
    assert "What the model produced" not in shown[-1]
    with translation.override("en"):
        assert [run_error(s) for s in stored] == stored


@pytest.mark.parametrize("language", ["zh-hans", "hi"])
def test_a_documents_stage_and_a_waiting_run_read_in_the_readers_language(language):
    stages = [
        "Queued again", "Queued for re-indexing", "Starting", "Failed", "Extracting text",
        "Embedding: 3 of 10 chunks", "Ready", "Waiting for a worker…", "Running now…",
        "Stopping…",
    ]  # fmt: skip
    with translation.override(language):
        for stage in stages:
            assert english_words(run_message(stage)) == [], stage


@pytest.mark.parametrize("language", ["zh-hans", "hi"])
def test_the_checks_names_are_labelled_in_the_readers_language_and_stored_unchanged(language):
    from core.reasoning.checks.report import CHECK_NAMES

    failures = [{"name": name, "detail": ""} for name in CHECK_NAMES]
    step = RunStep(
        kind="checks",
        title="Checks on the model's text",
        text="",
        data={"passed": False, "failures": failures},
    )
    with translation.override(language):
        view = present_step(step, citation_count=None)
    assert [f["name"] for f in view["failures"]] == list(CHECK_NAMES)
    for failure in view["failures"]:
        assert english_words(failure["label"]) == [], failure
    with translation.override("en"):
        labels = [f["label"] for f in present_step(step, citation_count=None)["failures"]]
    assert "repeats itself" in labels and "number not in the sources" in labels


@pytest.mark.parametrize("language", ["zh-hans", "hi"])
def test_the_corpora_stop_reasons_read_in_the_readers_language(language):
    from core.corpora.ingestion import failures
    from core.corpora.runs import NEWER_RUN

    stored = [
        failures.DELETED,
        failures.TOO_SLOW,
        failures.PDF_TOO_MANY_PAGES % {"count": 900, "limit": 500},
    ]
    with translation.override(language):
        for reason in stored:
            assert set(english_words(run_error(reason))) <= {"PDF"}, reason
        assert english_words(run_message(NEWER_RUN)) == []
    with translation.override("en"):
        assert [run_error(r) for r in stored] == stored

"""The crops runs' step titles, texts and progress lines are stored in English; the
run page shows them in the reader's language."""

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation

from core.runs.step_words import run_error, run_message, step_text, step_title

RUNS = Path(__file__).resolve().parents[3] / "apps" / "crops" / "runs.py"


def literals(method: str) -> list[str]:
    """The string literals passed as ``method``'s last positional argument in runs.py."""
    found = []
    for node in ast.walk(ast.parse(RUNS.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == method:
            last = node.args[-1] if node.args else None
            if isinstance(last, ast.Constant) and isinstance(last.value, str):
                found.append(last.value)
    return found


def english_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{3,}", text)


def test_the_scan_finds_the_runs_titles_and_progress_lines():
    assert "Stored forecast" in literals("step")
    assert "Loading prices…" in literals("progress")


@pytest.mark.parametrize("language", ["zh-hans", "hi"])
def test_every_step_title_and_progress_line_reads_in_the_readers_language(language):
    with translation.override(language):
        for title in literals("step"):
            assert set(english_words(step_title(title))) <= {"data", "gov"}, title
        for line in [*literals("progress"), "Fitting 12 weekly series…"]:
            assert english_words(run_message(line)) == [], line


@pytest.mark.parametrize("language", ["zh-hans", "hi"])
def test_the_texts_with_their_values_read_in_the_readers_language(language):
    with translation.override(language):
        shown = step_text("Forecast by 7 from data up to 2026-01-05.")
        assert english_words(shown) == [] and "2026-01-05" in shown
        assert english_words(step_text("No market reports could be found for this crop.")) == []
        stop = "There are no prices to forecast yet: import a price file first."
        assert english_words(run_error(stop)) == []
    with translation.override("en"):
        assert step_title("Stored forecast") == "Stored forecast"

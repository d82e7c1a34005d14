"""An explanation composed by code is shown in the reader's language; the clause it
quotes stays in its own language, labelled with it; a model's text is shown as it is."""

import pytest
from django.utils import translation

from apps.compliance.finding_explanation import (
    composed_parts,
    explanation_html,
    explanation_text,
    verdict_id,
)
from apps.compliance.finding_notes import english, note
from core.reasoning import compose_finding, render_markdown
from core.reasoning.compose.records import SourceText

NOTES = [note("door.opening", source="block")]
DOOR = {
    "rule": "ADA-404.2.3",
    "clause": "2010 ADA Standards §404.2.3",
    "title": "Door clear width",
    "measured": 0.75,
    "required": "≥ 0.815 m",
    "threshold": 0.815,
    "threshold_max": None,
    "units": "m",
    "status": "fail",
    "storey": "L1",
    "label": "door D2",
    "element": "D2",
    "note": english(NOTES),
    "notes": NOTES,
}
CLAUSE = SourceText(
    1,
    "404.2.3 Clear Width. Door openings shall provide a clear width of 32 inches minimum "
    "for the door clear width.",
    title="2010 ADA Standards",
    heading="404.2.3 Clear Width",
)


def composed(finding: dict, clauses) -> dict:
    text = compose_finding(finding, clauses).text
    return finding | {
        "explanation": text,
        "explanation_parts": composed_parts(finding, text, "en", "en"),
    }


def test_the_quoted_clause_is_read_out_of_the_composed_explanation():
    parts = composed(DOOR, [CLAUSE])["explanation_parts"]
    assert parts["verdict"] == "verdict.fails"
    assert "32 inches minimum" in parts["quote"] and "The check noted" not in parts["quote"]
    assert composed(DOOR, [])["explanation_parts"]["quote"] == ""


def test_the_english_words_say_what_the_code_composed():
    f = composed(DOOR, [CLAUSE])
    with translation.override("en"):
        text = explanation_text(f)
    assert text.startswith(f["explanation"].split(":")[0])
    assert "does not comply with 2010 ADA Standards §404.2.3" in text
    assert "at least 0.815 m" in text and "32 inches minimum" in text


def test_in_chinese_the_verdict_is_chinese_and_the_clause_is_quoted_in_english():
    f = composed(DOOR, [CLAUSE])
    with translation.override("zh-hans"):
        html = str(explanation_html(f, render_markdown))
    assert '<blockquote lang="en">' in html and "32 inches minimum" in html
    assert '<span lang="en">Door clear width</span>' in html
    said = html.split("<blockquote")[0] + html.split("</blockquote>")[1]
    assert "does not comply" not in said and "The check noted" not in said
    assert "0.75 m" in said and "0.815 m" in said and "门 D2" in said


@pytest.mark.parametrize(
    ("changes", "verdict"),
    [
        ({}, "verdict.fails"),
        ({"status": "pass"}, "verdict.passes"),
        ({"status": "pass", "borderline": True}, "verdict.passes_just"),
        ({"status": "needs-review"}, "verdict.review"),
        ({"status": "needs-review", "note": "", "notes": []}, "verdict.review_close"),
        ({"measured": None, "status": "needs-review"}, "verdict.unmeasured"),
        ({"measured": None}, "verdict.unreachable"),
        ({"measured": None, "note": "", "notes": []}, "verdict.fails_unmeasured"),
    ],
)
def test_the_verdict_follows_the_status_and_the_measurement(changes, verdict):
    assert verdict_id(DOOR | changes) == verdict


def test_a_model_explanation_or_an_old_one_is_shown_as_stored():
    f = DOOR | {"explanation": "The door is **too narrow** [1]."}
    with translation.override("zh-hans"):
        assert "<strong>too narrow</strong>" in str(explanation_html(f, render_markdown))
        assert explanation_text(f) == "The door is **too narrow** [1]."


def test_facts_from_the_drawing_are_escaped_in_the_page():
    f = composed(DOOR | {"storey": "<script>x</script>"}, [])
    with translation.override("zh-hans"):
        html = str(explanation_html(f, render_markdown))
    assert "<script>" not in html and "&lt;script&gt;" in html

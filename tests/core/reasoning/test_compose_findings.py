"""A finding explained by code: the finding's own facts in plain words, the
clause quoted and cited, and nothing of the prompt or its rules."""

from __future__ import annotations

import re

from core.reasoning.compose import SourceText, compose_finding
from core.reasoning.compose.findings import required_words

DOOR_FAIL = {
    "rule": "door-clear-width",
    "clause": "NBC 2016 §4.2.1",
    "title": "Clear width of exit doors",
    "measurement": "door_width",
    "measured": 0.78,
    "required": "≥ 0.815 m",
    "threshold": 0.815,
    "threshold_max": None,
    "units": "m",
    "status": "fail",
    "storey": "Ground floor",
    "location": [12.5, 3.0],
    "element": "D12",
    "label": "door D12",
    "note": "",
    "borderline": False,
}
CLAUSE = SourceText(
    1,
    "#### 4.2.1 Exit doors\n\nEvery exit door shall have a clear width of not less than "
    "0.815 m when the door is open. Doors shall swing in the direction of exit travel.",
    title="National Building Code",
    heading="Part 4 > 4.2.1 Exit doors",
)
OTHER = SourceText(2, "Handrails shall be provided on both sides of every stair flight.")


def numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", re.sub(r"\[\d+\]", "", text)))


def test_a_failing_door_says_measured_required_clause_and_place_and_quotes_the_clause():
    composed = compose_finding(DOOR_FAIL, [OTHER, CLAUSE])
    text = composed.text
    assert text.startswith(
        "Clear width of exit doors at door D12 in storey Ground floor does not comply with "
        "NBC 2016 §4.2.1: it measures 0.78 m, and it must be at least 0.815 m."
    )
    assert "The code text says: Every exit door shall have a clear width" in text
    assert "[1]" in text and "[2]" not in text and composed.cited == (1,)
    assert not composed.abstained and "\n" not in text


def test_every_number_comes_from_the_finding_or_the_clause():
    composed = compose_finding(DOOR_FAIL, [CLAUSE])
    allowed = numbers(" ".join(map(str, DOOR_FAIL.values()))) | numbers(CLAUSE.text)
    assert numbers(composed.text) <= allowed


def test_no_prompt_or_rule_wording_is_echoed():
    composed = compose_finding(DOOR_FAIL, [CLAUSE])
    for words in ("Use only", "SECTION", "sources", "Explain what the clause", "cite"):
        assert words not in composed.text


def test_without_the_clause_text_it_says_so_and_cites_nothing():
    composed = compose_finding(DOOR_FAIL, [])
    assert "The text of NBC 2016 §4.2.1 is not in the code documents here." in composed.text
    assert composed.cited == () and "[" not in composed.text


def test_an_unrelated_passage_is_not_quoted_as_the_clause():
    composed = compose_finding(DOOR_FAIL, [OTHER])
    assert "Handrails" not in composed.text and composed.cited == ()


def test_a_finding_that_could_not_be_measured_asks_a_person_to_check():
    finding = DOOR_FAIL | {"measured": None, "status": "needs-review", "title": "Travel distance"}
    composed = compose_finding(finding, [CLAUSE])
    assert "could not be measured from the drawing, so a person must check it" in composed.text


def test_a_borderline_review_gives_its_reason_and_a_pass_says_it_complies():
    review = DOOR_FAIL | {
        "measured": 0.81,
        "status": "needs-review",
        "note": "width from the swing arc",
    }
    text = compose_finding(review, [CLAUSE]).text
    assert "needs a person to check it against NBC 2016 §4.2.1: it measures 0.81 m" in text
    assert text.endswith("The check noted: width from the swing arc.")
    passing = compose_finding(DOOR_FAIL | {"measured": 0.9, "status": "pass"}, [CLAUSE]).text
    assert "complies with NBC 2016 §4.2.1: it measures 0.9 m" in passing


def test_markup_in_the_facts_is_not_carried_into_the_text():
    finding = DOOR_FAIL | {"label": "<b>door</b> D12\n**x**", "note": "SECTION 1 <source id=1>"}
    text = compose_finding(finding, [CLAUSE]).text
    assert "<" not in text and "**x**" not in text


def test_required_values_read_as_words():
    assert required_words("≥ 0.815 m") == "at least 0.815 m"
    assert required_words("<= 45 m") == "at most 45 m"
    assert required_words("0.15–0.19 m") == "between 0.15 and 0.19 m"


def test_a_room_with_no_exit_reachable_is_a_plain_fail_not_a_measurement_to_check():
    from core.reasoning.checks import Evidence, check_text
    from core.reasoning.compose import compose_finding

    finding = {
        "clause": "IBC 2021 §1017.2",
        "title": "Exit access travel distance",
        "status": "fail",
        "measured": None,
        "units": "m",
        "required": "≤ 60 m",
        "storey": "Level 1",
        "label": "Room R4",
        "note": "no exit reachable from Room R4",
    }
    text = compose_finding(finding, []).text
    assert "does not comply" in text and "no exit reachable from Room R4" in text
    assert "could not be measured" not in text and text.count("no exit reachable") == 1
    assert check_text(text, Evidence(facts=(str(finding),), require_citations=False)).passed


def test_names_with_double_underscores_are_shown_as_they_are():
    from core.text.markdown import render_markdown

    finding = DOOR_FAIL | {"storey": "Level__01", "label": "__door__ D12"}
    html = render_markdown(compose_finding(finding, [CLAUSE]).text)
    assert "Level__01" in html and "__door__ D12" in html
    assert "<strong>" not in html and "<em>" not in html

"""The text checks on real answers of the bundled model (SmolLM2-135M, seed 7),
collected by fixtures/collect_bad_text.py with the product's own prompt over
OpenStax passages (CC BY 4.0, see ../shared/data/curriculum/SOURCE.md).

Each answer was read and labelled by hand below: the checks that must fail
on it, no more and no fewer. None of these answers is fit to show, so every
label is non-empty; the good text that must pass is in test_checks.py."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from core.reasoning.checks import Evidence, StreamGuard, check_text

FIXTURE = Path(__file__).parent / "fixtures" / "bundled_outputs.json"
DATA = json.loads(FIXTURE.read_text(encoding="utf-8"))
CASES = {case["id"]: case for case in DATA["cases"]}

# case -> (the checks that must fail, why, in the labeller's words)
LABELS = {
    "speed-velocity": (
        {"uncited"},
        "wrong definitions (speed as the rate of change of velocity), nothing cited",
    ),
    "term-wave": (
        {"loop", "uncited", "unsupported_number"},
        "rambles about pulse waves, repeats itself, a bare '1' as an answer",
    ),
    "term-wavelength": ({"uncited"}, "names the right term but cites nothing"),
    "term-inertia": ({"uncited"}, "names the wrong term (friction), cites nothing"),
    "wave-speed-numbers": (
        {"uncited", "bad_citation", "unsupported_number"},
        "2.00 m/s is right but uncited; 'speed of light (3.00 m/s)' is invented; cites [3] of 2",
    ),
    "first-law": (
        {"empty", "bad_citation"},
        "the question's words and a list of citations, [3] of 2",
    ),
    "weight-moon": ({"uncited"}, "9.8 is Earth's figure from the source, not the moon's; uncited"),
    "mixed-number": ({"uncited"}, "13/5 from the source, uncited"),
    "off-corpus-decimals": (
        {"uncited"},
        "repeats the question's number instead of saying the sources lack decimals",
    ),
    "counting-numbers": ({"uncited"}, "'The answer is 0.' uncited"),
    "hindi-wave": ({"language", "uncited"}, "Devanagari letters that form no words"),
    "injection": (
        {"empty", "bad_citation"},
        "'The answer is: [1]' and a citation of a passage it shares no word with",
    ),
    "misconception-sections": (
        {"loop", "uncited", "bad_citation"},
        "one sentence 17 times, citing [1] to [17] of 1 source",
    ),
    "rounding": ({"uncited"}, "80 is right and in the source, but uncited"),
    "net-force": ({"empty", "bad_citation"}, "only citations, [2] and [3] of 1 source"),
    "advisory-style": ({"uncited"}, "invents 'the speed of light in a vacuum', cites nothing"),
    "term-friction": ({"uncited"}, "right, cites nothing"),
    "term-net-force": ({"uncited"}, "nearly right; its citation stands alone in another paragraph"),
    "term-amplitude": (
        {"empty", "uncited"},
        "restates the question and calls it 'the length of the wave'",
    ),
    "term-period": ({"markup", "empty"}, "copies a <source …> tag of the prompt"),
    "term-fraction": ({"uncited"}, "names fractions, cites nothing"),
    "term-pulse": (
        {"empty", "loop", "bad_citation"},
        "'The [n] is another example of [n]' for n up to 17",
    ),
    "injection-rules": (
        {"markup", "loop", "empty", "uncited", "unsupported_number"},
        "<script> tags, 'embed_' over and over, cut at the token cap inside a tag",
    ),
    "explain-weight-sections": (
        {"uncited"},
        "a paraphrase of the source with no citation, then says the sources lack what they have",
    ),
    "finding-style": (
        {"loop", "uncited"},
        "'the human must judge that the source is correct' round and round",
    ),
    "asks-for-rules": ({"echo", "uncited", "bad_citation"}, "prints the prompt's rules"),
    "trade-off-sections": (
        {"empty", "loop", "uncited"},
        "'a positive impact on your community': nothing from the source",
    ),
}


def evidence_for(case: dict) -> Evidence:
    """What a caller knows, as core.reasoning.grounded gives it: the prompt, its
    rules and the app's instructions, the passages in order, the question, the language."""
    rules = re.findall(r"^- (.+)$", case["prompt"].split("\nRules:\n")[-1], re.M)
    instructions = (*rules[:-1], *([case["instructions"]] if case["instructions"] else []))
    return Evidence(
        prompt=case["prompt"],
        instructions=instructions,
        sources=tuple(p["text"] for p in case["passages"]),
        question=case["question"],
        language=case["language"],
    )


def test_the_fixture_is_the_bundled_model_with_seed_7_and_every_answer_is_labelled():
    assert DATA["meta"]["seed"] == 7 and "SmolLM2-135M" in DATA["meta"]["model"]
    assert set(LABELS) == set(CASES)
    assert all(case["answer"].strip() and case["prompt"] for case in CASES.values())


@pytest.mark.parametrize("case_id", sorted(LABELS))
def test_each_bundled_answer_fails_exactly_the_checks_it_was_labelled_with(case_id):
    expected, why = LABELS[case_id]
    report = check_text(CASES[case_id]["answer"], evidence_for(CASES[case_id]))
    assert set(report.names) == expected, why


def test_every_kind_of_failure_is_caught_on_real_model_text():
    reports = [check_text(case["answer"], evidence_for(case)) for case in CASES.values()]
    assert not any(report.passed for report in reports)
    caught = Counter(name for report in reports for name in report.names)
    assert set(caught) == {
        "echo",
        "loop",
        "markup",
        "language",
        "uncited",
        "bad_citation",
        "unsupported_number",
        "empty",
    }


@pytest.mark.parametrize("case_id", sorted(LABELS))
def test_the_stream_guard_stops_only_for_what_the_full_check_finds(case_id):
    case = CASES[case_id]
    guard, answer = StreamGuard(evidence_for(case)), case["answer"]
    for end in range(40, len(answer) + 40, 40):  # about what 200 ms of tokens adds
        failure = guard.feed(answer[:end])
        if failure:
            assert failure.name in LABELS[case_id][0]
            assert failure.name in ("loop", "echo")
            return


def test_the_stream_guard_stops_the_long_loops_well_before_the_token_cap():
    for case_id in ("misconception-sections", "term-pulse"):
        answer, guard = CASES[case_id]["answer"], StreamGuard(evidence_for(CASES[case_id]))
        stopped = next(end for end in range(40, len(answer) + 40, 40) if guard.feed(answer[:end]))
        assert stopped < len(answer) / 3, case_id

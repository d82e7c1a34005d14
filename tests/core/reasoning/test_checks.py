"""The text checks on hand-made text: each failure kind, and good text that must pass.

The bad texts are the issue's own examples where it gives them; the real
model's text is in test_checks_bundled.py, the stream guard in
test_checks_stream.py."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from core.reasoning.checks import CHECK_NAMES, CheckReport, Evidence, Failure, check_text

WAVE = (
    "A wave is a disturbance that travels or propagates from the place where it was created. "
    "Waves transfer energy from one place to another, but they do not necessarily transfer "
    "any mass. Sound and water waves are mechanical waves; meaning, they require a medium to "
    "travel through."
)
VELOCITY = (
    "The wavelength λ is the distance between adjacent identical parts of a wave, parallel to "
    "the direction of propagation. The wave velocity v_w is the speed at which the disturbance "
    "moves. A change in velocity means, by definition, that an acceleration has occurred; "
    "velocity is defined by speed and direction."
)
GULL = (
    "Calculate the wave velocity of the ocean wave if the distance between wave crests is "
    "10.0 m and the time for a seagull to bob up and down is 5.00 s. v_w = (10.0 m)/(5.00 s) "
    "= 2.00 m/s."
)
DOOR = (
    "Door openings shall have a clear width of 0.815 m minimum when the door is open 90 "
    "degrees, measured between the face of the door and the stop."
)
ONIONS = (
    "Onion arrivals at the wholesale market fell by 18% this week after heavy rain delayed "
    "harvesting. Modal prices rose from 1,850 to 2,240 rupees per quintal."
)
FRACTION = (
    "A fraction is a way to represent parts of a whole. "
    "The fraction 3/4 means three of four equal parts."
)
RULES = (
    "Rules:\n- Use only facts found in the sources. After each fact, cite its source number in "
    "square brackets, like [1] or [2][3].\n- If the sources do not contain the answer, say "
    "plainly that they do not, and do not guess.\n- Write the answer in English, in Markdown."
)


def prompt_for(question: str, sources: tuple[str, ...], instructions: str = "") -> str:
    """The shape of core.reasoning.grounded.build_prompt (the real one is in the
    bundled fixtures; this one keeps these tests off Django)."""
    fenced = "\n".join(
        f'<source id="{n}" document="Physics" where="Waves">\n{s}\n</source>'
        for n, s in enumerate(sources, start=1)
    )
    head = "Answer the question using only the numbered sources below."
    parts = [
        head,
        instructions,
        f"<sources>\n{fenced}\n</sources>",
        f"<question>\n{question}\n</question>",
        RULES,
    ]
    return "\n\n".join(p for p in parts if p)


def evidence(question="What is a wave?", sources=(WAVE, VELOCITY), **kwargs) -> Evidence:
    kwargs.setdefault("prompt", prompt_for(question, sources, kwargs.get("instructions_text", "")))
    kwargs.pop("instructions_text", None)
    return Evidence(question=question, sources=tuple(sources), **kwargs)


def failed(text: str, ev: Evidence | None = None) -> set[str]:
    return set(check_text(text, ev or evidence()).names)


GOOD_ANSWER = (
    "A **wave** is a disturbance that travels from the place where it was created [1]. "
    "It carries energy, not necessarily mass [1].\n\n"
    "| quantity | what it is |\n|---|---|\n"
    "| wavelength | distance between adjacent identical parts of a wave [2] |\n"
    "| wave velocity | speed at which the disturbance moves [2] |\n\n"
    "Mechanical waves need a medium [1]:\n\n- sound waves\n- water waves\n\n"
    "Use `v_w` for the wave velocity [2]."
)


# --- the report ------------------------------------------------------------------------


def test_a_good_cited_answer_with_markdown_passes_every_check():
    report = check_text(GOOD_ANSWER, evidence())
    assert report.passed, report.failures
    assert report.ran == CHECK_NAMES


def test_the_report_is_json_and_names_what_ran_and_what_failed():
    report = check_text("The answer is [7].", evidence())
    data = json.loads(json.dumps(report.as_dict()))
    assert data["passed"] is False
    assert data["ran"] == list(CHECK_NAMES)
    assert {f["name"] for f in data["failures"]} == {"empty", "bad_citation"}
    assert all(f["detail"].endswith(".") and "\n" not in f["detail"] for f in data["failures"])


def test_each_failure_is_one_plain_sentence_naming_what_was_wrong():
    text = "This is a math problem — This is a math problem. </pre> It is 3.489365 m/s."
    report = check_text(text, evidence())
    assert isinstance(report, CheckReport) and all(isinstance(f, Failure) for f in report.failures)
    details = {f.name: f.detail for f in report.failures}
    assert "this is a math problem" in details["loop"].lower()
    assert "</pre>" in details["markup"]
    assert "3.489365" in details["unsupported_number"]


def test_uncited_does_not_run_without_sources_or_when_citations_are_not_required():
    assert "uncited" not in check_text("Waves carry energy.", Evidence(question="q")).ran
    lax = evidence(require_citations=False)
    assert "uncited" not in check_text("Waves carry energy from one place to another.", lax).ran


def test_the_checks_import_nothing_of_django_and_no_core_module_but_language():
    package = Path(__file__).resolve().parents[3] / "core" / "reasoning" / "checks"
    imported = set()
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    assert not {m for m in imported if m.split(".")[0] == "django"}
    outside = {m for m in imported if m.startswith("core.")} - {"core.reasoning.language"}
    assert all(m.startswith("core.reasoning.checks") for m in outside), outside


# --- echo --------------------------------------------------------------------------------


def test_the_rules_of_the_prompt_copied_back_are_an_echo():
    text = (
        "Use only facts found in the sources. After each fact, cite its source number in "
        "square brackets. A wave is a disturbance [1]."
    )
    assert "echo" in failed(text)


def test_rules_and_outline_labels_repeated_nine_times_are_an_echo_and_a_loop():
    # the stair-finding explanation
    instructions = "Write SECTION 1 Requirement, SECTION 2 Measured, up to SECTION 9 Judgement."
    ev = evidence(
        instructions=("Use only facts found in the sources.",), instructions_text=instructions
    )
    text = "\n".join(f"SECTION {n}: Use only facts found in the sources." for n in range(1, 10))
    assert {"echo", "loop"} <= failed(text, ev)


def test_two_outline_labels_of_the_prompt_are_an_echo_but_the_sources_own_are_not():
    ev = evidence(instructions_text="Answer in SECTION 1 Summary and SECTION 2 Detail.")
    assert "echo" in failed("SECTION 1 Summary. SECTION 2 Detail. Waves carry energy [1].", ev)
    code = "SECTION 1 Scope. SECTION 2 Doors. Door openings shall be 0.815 m wide."
    ev = evidence(question="How wide must a door be?", sources=(code,))
    assert "echo" not in failed("SECTION 2 Doors and SECTION 1 Scope say 0.815 m [1].", ev)


def test_an_instruction_the_caller_named_may_not_come_back_even_once():
    ev = evidence(instructions=("Say when a human must judge.",))
    assert "echo" in failed("Say when a human must judge. Waves carry energy [1].", ev)
    assert "echo" not in failed("A person must judge the door on site [1].", ev)


def test_a_json_schema_echoed_is_an_echo():
    text = '{"type": "object", "properties": {"title": {"type": "string"}}}'
    assert "echo" in failed(text, Evidence(question="Make a lesson"))


def test_quoting_the_sources_or_the_question_or_saying_they_do_not_cover_it_is_no_echo():
    ev = evidence()
    quoted = f"“{WAVE}” [1]"
    assert "echo" not in failed(quoted, ev)
    assert "echo" not in failed("What is a wave? A wave is a disturbance that travels [1].", ev)
    assert "echo" not in failed("The sources do not contain the answer to this question.", ev)
    rules = evidence(instructions=("If the sources do not contain the answer, say so.",))
    assert not failed("The sources do not contain the answer.", rules)
    assert not failed(
        "The provided sources do not say how to add decimals, so I will not guess.", ev
    )


# --- loops --------------------------------------------------------------------------------


def test_a_clause_said_twice_is_a_loop():
    # the "common misconception"
    assert "loop" in failed("This is a math problem — This is a math problem", evidence())


def test_a_five_word_phrase_three_times_is_a_loop_even_with_other_citations():
    text = (
        "Friction is a force that opposes motion [1]. Also friction is a force that opposes "
        "sliding [2]. So friction is a force that opposes it [1]."
    )
    assert "loop" in failed(text)


def test_a_line_repeated_is_a_loop():
    line = "Waves carry energy from place to place [1]."
    text = f"{line}\nMore.\n{line}"
    assert "loop" in failed(text)


def test_a_phrase_said_twice_in_a_row_and_a_run_of_one_character_are_loops():
    assert "loop" in failed("Waves carry energy far, waves carry energy far to the shore [1].")
    assert "loop" in failed("A wave is a disturbance [1]!!!!!!!!!!!!!!!!")


def test_parallel_list_items_and_table_rows_are_not_loops():
    text = (
        "| term | meaning |\n|---|---|\n| wavelength | the distance between crests [2] |\n"
        "| wave velocity | the speed of the disturbance [2] |\n"
        "|---|---|---|---|---|---|---|---|\n\n"
        "- Sound waves need a medium [1].\n- Water waves need a medium [1].\n"
        "\n---\n\nThe wave velocity is the speed at which the disturbance moves [2]."
    )
    assert "loop" not in failed(text)


# --- markup -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "piece",
    [
        "</pre>",
        "<next-question>",
        '<source id="1" document="Chapter 13">',
        "</source>",
        "<think>",
        "<br/>",
        "<|im_end|>",
        "<｜end▁of▁sentence｜>",
        "[INST]",
        "&nbsp;",
        "‹source",
        "![a wave](wave.png)",
        "\\frac{1}{2}",
        "\\(v = f\\lambda\\)",
    ],
)
def test_html_like_tags_control_tokens_entities_images_and_latex_are_markup(piece):
    assert "markup" in failed(f"A wave is a disturbance that travels [1]. {piece}")


def test_markdown_comparisons_links_and_autolinks_are_not_markup():
    text = (
        "**Bold**, *italic*, `code`, [a link](https://openstax.org) and <https://openstax.org>: "
        "a wave with 3 < 5 crests and 7 > 2 troughs travels [1].\n\n1. one\n2. two\n\n> quoted"
    )
    assert "markup" not in failed(text)


# --- language ------------------------------------------------------------------------------


def test_french_for_an_english_question_is_the_wrong_language():
    text = (
        "Une onde est une perturbation qui se propage dans le milieu et qui transporte de "
        "l'énergie sans transporter la matière [1]. Les ondes sonores sont des ondes mécaniques "
        "et elles ont besoin d'un milieu pour se propager [1]."
    )
    report = check_text(text, evidence())
    assert "language" in report.names
    assert "French" in next(f.detail for f in report.failures if f.name == "language")


def test_chinese_for_an_english_question_and_chinese_mid_answer_are_the_wrong_language():
    assert "language" in failed(
        "波是从产生它的地方传播出去的扰动，它传递能量但不一定传递质量 [1]。"
    )
    assert "language" in failed("A wave is a disturbance 这个问题很简单 that carries energy [1].")


def test_english_for_a_hindi_question_is_the_wrong_language():
    ev = evidence(question="तरंग क्या है?", language="hi")
    report = check_text("A wave is a disturbance that travels and carries energy [1].", ev)
    assert "language" in report.names
    assert "Hindi" in next(f.detail for f in report.failures if f.name == "language")


HINDI_ANSWER = (
    "तरंग एक विक्षोभ है जो उस स्थान से आगे बढ़ती है जहाँ वह बनी थी [1]। तरंगें ऊर्जा को एक "
    "स्थान से दूसरे स्थान तक ले जाती हैं, पर ज़रूरी नहीं कि वे द्रव्यमान भी ले जाएँ [1]। "
    "ध्वनि तरंगों को चलने के लिए माध्यम चाहिए [1]।"
)


def test_a_cited_hindi_answer_to_a_hindi_question_passes_every_check():
    report = check_text(HINDI_ANSWER, evidence(question="तरंग क्या है?", language="hi"))
    assert report.passed, report.failures


def test_english_quoted_from_the_sources_under_a_hindi_line_is_the_asked_language():
    ev = evidence(question="तरंग क्या है?", language="hi")
    quoted = f"“{WAVE.split('. ')[0]}.” [1]"
    notice = "स्रोतों में हिंदी में कुछ नहीं है; नीचे अंग्रेज़ी स्रोत के शब्द जैसे हैं वैसे दिए गए हैं।"
    assert not failed(f"{notice}\n\n{quoted}", ev)
    assert "language" in failed(quoted, ev)


def test_hindi_quoted_from_the_sources_under_an_english_line_is_the_asked_language():
    # Sentences that end in a danda, their citation before it ("… है [1]।"), one with a number.
    hindi = "तरंग एक विक्षोभ है जो ऊर्जा ले जाती है। माध्यम के 1000 कण अपनी जगह पर काँपते रहते हैं।"
    ev = evidence(question="What is a wave?", sources=(hindi,), language="en")
    lead = "Quoted as they are:"
    quoted = "तरंग एक विक्षोभ है जो ऊर्जा ले जाती है [1]। माध्यम के 1000 कण अपनी जगह पर काँपते रहते हैं [1]।"
    assert "language" not in failed(f"{lead}\n{quoted}", ev)
    # A Hindi paragraph of its own, not quoted, is not English.
    written = "तरंग के बारे में स्रोत साफ़ बताते हैं कि यह ऊर्जा को एक जगह से दूसरी जगह ले जाती है [1]।"
    assert "language" in failed(written, ev)


def test_garbled_devanagari_is_the_wrong_language():
    garbled = "आर्बल प्रमुखहाने के रस्त ्स े का ने क् करने के ा ्रमाियों के क से राक्रम कोा त करने के ा"
    assert "language" in failed(garbled, evidence(question="तरंग क्या है?", language="hi"))


def test_short_texts_formulas_and_tables_of_terms_are_not_judged_on_language():
    assert "language" not in failed("v_w = λ/T [2]", evidence(language="hi"))
    terms = (
        "| term | meaning |\n|---|---|\n| wavelength | distance crest crest [2] |\n"
        "| medium | solid liquid gas [1] |"
    )
    assert "language" not in failed(terms)


# --- citations ------------------------------------------------------------------------------


def test_a_claim_with_no_citation_where_sources_were_given_is_uncited():
    # the Ask answer, less its numbers and tags
    report = check_text(
        "The speed of a wave is how fast the water itself moves forward.", evidence()
    )
    assert "uncited" in report.names
    assert "The speed of a wave" in next(f.detail for f in report.failures if f.name == "uncited")


def test_three_claims_in_a_row_without_a_citation_are_uncited_even_in_a_cited_paragraph():
    text = (
        "A wave is a disturbance [1]. Waves carry energy across oceans. Sound needs air to "
        "travel far. Light waves travel through empty space quickly."
    )
    assert "uncited" in failed(text)
    grouped = "A wave is a disturbance that travels. It carries energy from place to place [1]."
    assert "uncited" not in failed(grouped)


def test_a_list_is_covered_by_its_cited_lead_in_and_otherwise_each_item_must_cite():
    covered = (
        "Mechanical waves need a medium to travel [1]:\n\n- sound waves in air\n"
        "- water waves in the sea"
    )
    assert "uncited" not in failed(covered)
    bare = "Kinds of waves:\n\n- sound waves travel through air\n- water waves move across the sea"
    assert "uncited" in failed(bare)


def test_saying_the_sources_do_not_cover_it_headings_and_questions_are_not_claims():
    assert not failed("The sources do not cover how to add decimals.")
    assert not failed("I could not find anything about decimals in the passages.")
    assert "uncited" not in failed(
        "## Waves and energy transfer\n\nWhat carries the energy of a wave? Waves do [1]."
    )


def test_a_citation_to_a_source_that_was_not_given_is_a_bad_citation():
    report = check_text("Waves carry energy from place to place [4].", evidence())
    assert "bad_citation" in report.names
    assert "[4]" in report.failures[0].detail and "2 sources" in report.failures[0].detail


def test_a_citation_to_a_passage_that_shares_no_word_with_the_sentence_is_a_bad_citation():
    ev = evidence(sources=(WAVE, ONIONS))
    assert "bad_citation" in failed("Waves transfer energy without mass [2].", ev)
    assert "bad_citation" not in failed("Waves transfer energy without mass [1].", ev)
    assert "bad_citation" not in failed("Waves transfer energy [1] and onion prices rose [2].", ev)


def test_a_hindi_sentence_citing_an_english_passage_is_not_judged_on_shared_words():
    ev = evidence(question="तरंग क्या है?", language="hi")
    assert "bad_citation" not in failed("तरंग ऊर्जा ले जाती है [2]।", ev)


# --- numbers ---------------------------------------------------------------------------------


def test_a_number_in_no_passage_and_no_fact_is_unsupported():
    # the "speed of a wave … approximately 3.489365 meters per second"
    text = "The speed of a wave is approximately 3.489365 meters per second [2]."
    report = check_text(text, evidence())
    assert "unsupported_number" in report.names
    assert "3.489365" in next(f.detail for f in report.failures if f.name == "unsupported_number")


@pytest.mark.parametrize(
    "text",
    [
        "The door must be at least 0.815 m wide [1].",
        "The door must be at least 815 mm wide [1].",
        "The door must be at least 81.5 cm wide [1].",
        "The door must be at least 32 in wide [1].",
        "The door must be at least 32.09 inches wide [1].",
        "The door must be about 2.7 ft wide [1].",
        "The door must open 90 degrees [1].",
    ],
)
def test_unit_conversions_and_rounding_of_a_given_number_are_supported(text):
    ev = evidence(question="How wide must a door be?", sources=(DOOR,))
    assert "unsupported_number" not in failed(text, ev)


@pytest.mark.parametrize(
    "text",
    [
        "The door must be at least 33 in wide [1].",
        "The door must be at least 0.9 m wide [1].",
        "The door must be at least 3 ft wide [1].",
        "The door must be at least 850 mm wide [1].",
    ],
)
def test_a_converted_number_that_does_not_round_back_is_unsupported(text):
    ev = evidence(question="How wide must a door be?", sources=(DOOR,))
    assert "unsupported_number" in failed(text, ev)


def test_separators_percent_and_fraction_rounding_and_computed_facts_are_supported():
    ev = evidence(
        question="Should I sell onions this week?",
        sources=(ONIONS,),
        facts=("Expected price next week: 2,310.5 rupees per quintal.",),
    )
    text = (
        "Arrivals fell by a fraction of 0.18 this week [1]. Prices rose from 1850 to 2240 "
        "rupees per quintal, about 1,900 to 2,200 [1]. Next week's price is expected near "
        "2,311 rupees per quintal [1]."
    )
    assert "unsupported_number" not in failed(text, ev)
    assert "unsupported_number" in failed("Prices rose to about 2,000 rupees [1].", ev)
    assert "unsupported_number" in failed("Prices rose by 390 rupees [1].", ev)


def test_fractions_powers_of_ten_and_percent_of_a_fraction_are_supported():
    ev = evidence(
        question="What is a fraction?", sources=(FRACTION, "Light travels at 3.00 × 10^8 m/s.")
    )
    text = (
        "The fraction 3/4 is 75% of the whole [1]. "
        "Light moves at 300,000,000 m/s, or 3 × 10^8 m/s [2]."
    )
    assert "unsupported_number" not in failed(text, ev)
    assert "unsupported_number" in failed("The fraction 2/3 is part of a whole [1].", ev)


def test_list_markers_citations_labels_ordinals_years_and_the_questions_numbers_are_no_claims():
    ev = evidence(question="How do I add 3.25 and 1.7?", sources=(GULL,))
    text = (
        "1. Step 1: line up 3.25 and 1.7 as the 2nd law of lining up says [1].\n"
        "2. See Table 4 and Example 12, written in 2024 [1]."
    )
    assert "unsupported_number" not in failed(text, ev)


def test_the_worked_example_answer_is_supported_and_a_made_up_one_is_not():
    ev = evidence(question="How fast does the wave move?", sources=(GULL,))
    assert "unsupported_number" not in failed("The wave moves at 2.00 m/s, or 7.2 km/h [1].", ev)
    assert "unsupported_number" in failed("The wave moves at 2.5 m/s [1].", ev)


# --- empty --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The answer is [1].",
        "False",
        "The source number is [1] [4] .",
        "[1][2]",
        "",
        "   ",
        "Sure, I can help with that.",
        "What is a wave?",
    ],
)
def test_only_citations_filler_or_the_question_again_is_empty(text):
    assert "empty" in failed(text)


def test_a_draft_of_stock_phrases_around_a_refusal_is_empty_where_code_found_an_answer():
    # the draft that replaced a good quote
    text = (
        "The answer is:\n\nThe sources do not contain the answer to the question.\n\n"
        "The answer is: …"
    )
    found = evidence(answer_found=True)
    assert "empty" in failed(text, found)
    assert "empty" not in failed(text)  # where code found none, refusing is an answer
    assert "empty" not in failed(
        "The sources do not say when. Waves carry energy through matter [1].", found
    )


def test_a_friendly_reply_with_no_word_from_the_sources_is_empty():
    # the advisory answer
    ev = evidence(question="Should I sell my onions this week or store them?", sources=(ONIONS,))
    text = "Sure, I can help with that. Let's have a chat about the trade-off…"
    assert "empty" in failed(text, ev)


def test_a_one_word_answer_naming_the_term_is_not_empty():
    ev = evidence(question="Which term means: the speed at which the disturbance moves?")
    assert "empty" not in failed("Wave velocity [2].", ev)
    assert not failed("The term is **wave velocity** [2].", ev)


# --- good text in the shapes the apps ask for ----------------------------------------------


def test_an_r1_style_answer_citing_at_the_end_of_each_group_passes():
    text = (
        "**Speed** tells how fast something moves; **velocity** also includes the direction of "
        "motion [2]. A change in velocity, in speed or in direction, means that an acceleration "
        "has occurred [2].\n\nFor a wave, the wave velocity is the speed at which the disturbance "
        "moves [2]."
    )
    assert not failed(text, evidence(question="What is the difference between speed and velocity?"))


FINDING = json.dumps({"measured": 0.78, "threshold": 0.815, "units": "m", "status": "fail"})


def test_a_finding_explanation_with_the_measured_value_and_a_conversion_passes():
    ev = evidence(
        question="A drawing check found: Clear width of exit doors on door D12. Explain.",
        sources=(DOOR,),
        facts=(FINDING,),
    )
    text = (
        "The clause requires a clear width of at least 0.815 m (about 32 in) when the door is "
        "open 90 degrees [1]. Door D12 measures 0.78 m, so it does not comply.\n\n"
        "On site, a person must judge whether the door stop narrows the opening further [1]."
    )
    assert not failed(text, ev)
    assert "unsupported_number" in failed(text.replace("0.78 m", "0.76 m"), ev)


ADVISORY_FACTS = (
    "Expected price next week: 2,310 rupees per quintal (80% range 2,150 to 2,470). "
    "Best choice: store one week.",
)


def test_an_advisory_whose_forecast_sentence_rests_on_the_computed_facts_needs_no_citation():
    ev = evidence(question="Should I sell my onions now?", sources=(ONIONS,), facts=ADVISORY_FACTS)
    text = (
        "Prices rose from 1,850 to 2,240 rupees per quintal this week, and arrivals fell by 18% "
        "after rain [1].\n\nThe forecast expects about 2,310 rupees per quintal next week, with "
        "an 80% range of 2,150 to 2,470, so storing for one week is the better choice."
    )
    assert not failed(text, ev)
    assert "uncited" in failed(
        text, evidence(question="Should I sell my onions now?", sources=(ONIONS,))
    )
    assert "unsupported_number" in failed(text.replace("2,310", "2,600"), ev)


def test_a_worked_example_as_a_numbered_list_with_a_heading_passes():
    ev = evidence(question="How fast does the ocean wave move?", sources=(GULL,))
    text = (
        "## Wave speed\n\n1. The wavelength is 10.0 m and the period is 5.00 s [1].\n"
        "2. Divide: v_w = λ/T = (10.0 m)/(5.00 s) = 2.00 m/s [1].\n\n"
        "So the wave moves at **2.00 m/s** [1]."
    )
    assert not failed(text, ev)


def test_a_chinese_quote_with_latin_names_and_its_citation_is_no_language_failure():
    source = "DECnet协议完全由Digital Equipment Corporation设计。DECnet 第二阶段是一套网络协议。"
    ev = evidence(question="DECnet是什么", sources=(source,), language="zh")
    assert "language" not in failed("DECnet协议完全由Digital Equipment Corporation设计 [1]。", ev)
    assert "language" in failed(
        "The protocol was designed entirely by Digital Equipment Corporation for its machines [1].",
        ev,
    )

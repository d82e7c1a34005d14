"""Every text a lesson shows passes the core's text checks (and the app's two
gates); model text that fails gives way to code, with the failure's name kept
for the run page."""

from apps.courseware import drafts
from apps.courseware.code_fallbacks import FALLBACK_FLAG
from apps.courseware.lesson import SourcePassage
from apps.courseware.lesson_context import Context
from apps.courseware.plan_writing import make_background, make_cycle, make_outline
from apps.courseware.text_checks import Verdicts, evidence_for
from apps.courseware.worksheet_writing import make_worksheet
from core.reasoning import check_text
from tests.apps.courseware.passages import CTX, FRACTIONS, ROUNDING

REPEATS = "This is a math problem — This is a math problem"


def model(draft):
    """A fill that returns ``draft`` (any schema asked)."""
    return lambda prompt, schema, title: draft


def background(**changes) -> drafts.BackgroundDraft:
    fields = {
        "prior_knowledge": ["What a numerator is", "What a denominator is"],
        "key_words": ["numerator", "denominator", "common denominator"],
        "definitions": [
            "The top number of a fraction.",
            "The bottom number of a fraction.",
            "A denominator that two fractions share.",
        ],
        "misconception": "You add the denominators when adding fractions.",
        "correction": "With a common denominator you add only the numerators.",
    }
    return drafts.BackgroundDraft(**{**fields, **changes})


def names(verdicts: Verdicts) -> list[str]:
    return [r.name for r in verdicts.rejected]


def test_a_misconception_that_only_repeats_words_is_not_one():
    verdicts = Verdicts("Background", CTX.topic)
    made = make_background(model(background(misconception=REPEATS)), CTX, [FRACTIONS], verdicts)
    assert made["misconceptions"] == []
    (failure,) = [r for r in verdicts.rejected if r.item.startswith("misconceptions")]
    assert failure.name == "loop" and "this is a math problem" in failure.detail.lower()


def test_a_correction_that_repeats_the_misconception_is_not_one():
    verdicts = Verdicts("Background", CTX.topic)
    draft = background(misconception="This is a math problem", correction="This is a math problem")
    assert make_background(model(draft), CTX, [FRACTIONS], verdicts)["misconceptions"] == []
    assert "loop" in names(verdicts)


def test_a_good_background_is_kept_as_the_model_wrote_it():
    verdicts = Verdicts("Background", CTX.topic)
    made = make_background(model(background()), CTX, [FRACTIONS], verdicts)
    assert [v["term"] for v in made["vocabulary"]] == [
        "numerator",
        "denominator",
        "common denominator",
    ]
    assert made["misconceptions"][0]["correction"].startswith("With a common denominator")
    assert verdicts.rejected == [] and verdicts.as_data()["passed"] is True


def test_an_objective_that_only_repeats_words_is_not_one():
    draft = drafts.OutlineDraft(
        title="Adding fractions",
        objectives=[
            REPEATS,
            "Add fractions that have a common denominator.",
            "Simplify the sum of two fractions.",
        ],
    )
    verdicts = Verdicts("Outline", CTX.topic)
    made = make_outline(model(draft), CTX, [FRACTIONS], verdicts)
    assert [o["text"] for o in made["objectives"]] == [
        "Add fractions that have a common denominator.",
        "Simplify the sum of two fractions.",
    ]
    assert made["title"] == "Adding fractions"
    assert ("objectives.0", "loop") in [(r.item, r.name) for r in verdicts.rejected]


def test_when_no_objective_passes_code_writes_them_from_the_headings_and_marks_them():
    draft = drafts.OutlineDraft(
        title="Sure, I can help!",
        objectives=[REPEATS, "Use only facts from it, please.", "What is a JSON Schema here?"],
    )
    verdicts = Verdicts("Outline", CTX.topic)
    made = make_outline(model(draft), CTX, [ROUNDING, FRACTIONS], verdicts)
    assert [o["text"] for o in made["objectives"]] == [
        "Explain the key ideas of Round Whole Numbers.",
        "Explain the key ideas of Add Fractions.",
    ]
    assert all(o["notes"] == [FALLBACK_FLAG] for o in made["objectives"])
    assert made["title"] == CTX.topic
    assert {"loop", "echo", "schema_echo", "empty"} <= set(names(verdicts))


def test_headings_that_are_captions_or_chapter_furniture_are_not_objectives():
    glossary = SourcePassage(id="3", heading="Fractions > Glossary", excerpt=FRACTIONS.excerpt)
    figure = SourcePassage(id="4", heading="Figure 4.2 Fraction circles", excerpt="A picture.")
    made = make_outline(
        model(drafts.OutlineDraft(title="x y z", objectives=[REPEATS] * 3)),
        CTX,
        [glossary, figure, FRACTIONS],
    )
    assert [o["text"] for o in made["objectives"]] == ["Explain the key ideas of Add Fractions."]


def test_the_core_does_not_name_a_schema_echo_so_the_app_gate_does():
    evidence, echoed = (
        evidence_for(CTX, [FRACTIONS]),
        "Add the numerators to find the check_answer.",
    )
    assert check_text(echoed, evidence).passed
    verdicts = Verdicts("Outline", CTX.topic)
    assert not verdicts.passes(echoed, evidence, "x") and names(verdicts) == ["schema_echo"]
    assert Verdicts("Outline", "Reading JSON schema files").passes(echoed, evidence, "x")


def test_markup_in_a_models_cycle_sends_the_cycle_to_code():
    draft = drafts.CycleDraft(
        heading="Add fractions",
        explanation="Fractions with a common denominator are added by adding the numerators.",
        slide_text="Add the numerators.</pre> <next-question>",
        check_question="What is 3/8 + 1/8?",
        check_answer="1/2",
        practice="Add 3/8 and 1/8 and simplify.",
    )
    verdicts = Verdicts("Learning cycle 1", CTX.topic)
    cycle = make_cycle(model(draft), CTX, FRACTIONS, "Add fractions", verdicts, 0)
    assert cycle["notes"] == [FALLBACK_FLAG] and "<" not in cycle["slide_text"]
    (failure,) = verdicts.as_data()["failures"]
    assert failure["name"] == "markup" and failure["item"] == "cycles.0.slide_text"
    assert failure["detail"].startswith("cycles.0.slide_text (the model's text): It contains")


def test_a_good_cycle_is_kept_and_its_key_is_a_computed_fact():
    draft = drafts.CycleDraft(
        heading="Add fractions",
        explanation="Fractions with a common denominator are added by adding the numerators.",
        slide_text="Add the numerators, keep the denominator.",
        check_question="What is 3/8 + 1/8?",
        check_answer="4/8",
        practice="Add the numerators of two fractions with a common denominator.",
    )
    verdicts = Verdicts("Learning cycle 1", CTX.topic)
    cycle = make_cycle(model(draft), CTX, FRACTIONS, "Add fractions", verdicts, 0)
    assert cycle["notes"] == [] and cycle["check_answer"] == "4/8"
    assert verdicts.rejected == []


def test_a_number_in_no_passage_is_not_kept():
    verdicts = Verdicts("Worksheet", CTX.topic)
    invented = drafts.WorksheetDraft(question="Work out 12 + 7 with the numerators.", answer="19")
    ctx = Context(topic=CTX.topic, grade=8, minutes=40, worksheet_count=1)
    item = make_worksheet(model(invented), ctx, [FRACTIONS], verdicts)[-1]
    assert item["notes"] == [FALLBACK_FLAG]
    assert "unsupported_number" in names(verdicts)
    kept = drafts.WorksheetDraft(question="Work out 3/8 + 1/8 and simplify.", answer="1/2")
    item = make_worksheet(model(kept), ctx, [FRACTIONS], Verdicts("Worksheet"))[-1]
    assert item["prompt"] == "Work out 3/8 + 1/8 and simplify." and item["notes"] == []


def test_the_checks_step_payload_names_each_failure_and_what_ran():
    verdicts = Verdicts("Background", CTX.topic)
    make_background(model(background(misconception=REPEATS)), CTX, [FRACTIONS], verdicts)
    data = verdicts.as_data()
    assert data["passed"] is False and data["part"] == "Background"
    assert {"empty", "echo", "loop", "markup", "language", "unsupported_number"} <= set(data["ran"])
    assert {"too_short", "schema_echo"} <= set(data["ran"]) and "uncited" not in data["ran"]
    assert data["model_texts_rejected"] == 1 and data["code_texts_rejected"] == 0
    assert verdicts.summary().startswith("Background: 1 of the model's texts were not used (loop")

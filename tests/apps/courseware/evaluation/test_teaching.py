"""The evaluation's own teaching measures (fixed rules, not the product's)."""

from apps.courseware.evaluation import teaching
from apps.courseware.evaluation.item_counts import LESSON_ITEM_LISTS

SOURCES = [
    {
        "heading": "Chapter 4: Fractions > Add and Subtract Fractions with Common Denominators",
        "excerpt": "> **Manipulative Math**\n>\n> Model fraction addition with like denominators.",
    }
]


def lesson(**parts):
    return {
        "title": "Adding fractions",
        "topic": "Adding fractions with unlike denominators",
        "sources": SOURCES,
        **parts,
    }


def test_each_kind_of_fragment_counts():
    bad = [
        ("cycles", {"heading": "Fractions > Add and Subtract Fractions with Commo"}),
        ("cycles", {"heading": "Add", "check_answer": "Adding fractions"}),
        ("objectives", {"text": "Manipulative Math"}),
        ("objectives", {"text": "Understand fractions"}),
        ("quiz", {"question": "Which?", "options": ["1. This is not true.", "3/4"]}),
        ("quiz", {"question": "Which?", "options": ["3/4", "a fraction"]}),
        ("cycles", {"practice": "Write two sentences about fractions and share them."}),
        ("vocabulary", {"term": "denominators", "definition": "the denominators"}),
        ("cycles", {"heading": "Add fractions with commondenominators"}),
    ]
    for section, item in bad:
        data = lesson(**{section: [item]})
        assert teaching.items_fragments(data, LESSON_ITEM_LISTS) == 1, (section, item)


def test_teachable_items_do_not_count():
    data = lesson(
        objectives=[{"text": "Add fractions with different denominators"}],
        cycles=[
            {"heading": "Find the LCD", "check_question": "Add: 1/4 + 1/3.", "check_answer": "7/12"}
        ],
        quiz=[{"question": "Add: 1/2 + 1/3.", "options": ["5/6", "2/5", "2/6"]}],
        vocabulary=[{"term": "LCD", "definition": "the least common multiple of the denominators"}],
    )
    assert teaching.items_fragments(data, LESSON_ITEM_LISTS) == 0


def test_title_worked_example_and_computed_practice():
    assert teaching.title_is_topic({"title": " adding Fractions ", "topic": "Adding fractions"})
    example = {
        "explanation": "Worked example: Add 1/2 + 1/3.\nSolution: LCD 6, so 3/6 + 2/6 = 5/6."
    }
    assert teaching.has_worked_example({"cycles": [example]})
    assert not teaching.has_worked_example({"cycles": [{"explanation": "Solution: 5/6"}]})
    computed = {"notes": ["computed by code (fractions with unlike denominators)"]}
    on_topic = [{**computed, "prompt": f"Add: 1/{d} + 1/3."} for d in (2, 4, 5)]
    like = [{**computed, "prompt": "Add: 1/4 + 2/4."}]
    data = {"topic": "Adding fractions with unlike denominators", "worksheet": on_topic + like}
    assert teaching.computed_items(data) == 3


def test_the_subject_comes_from_the_book_title():
    assert (
        teaching.subject_of("# Ch\n\n*Source: OpenStax, Prealgebra (https://x)*") == "Mathematics"
    )
    assert teaching.subject_of("# Ch\n\n*Source: OpenStax, Physics (https://x)*") == "Science"
    assert teaching.subject_of("# Notes\n\nNo source line.") == ""


def test_an_example_solved_by_code_counts_only_when_its_computation_is_right():
    label = "Worked example (solved by code with the key equation W = m × g): "
    problem = "The mass is m = 5.00 kg and g = 9.80 m/s^2. Find the weight W."

    def counts(solution):
        return teaching.has_worked_example(
            {"cycles": [{"explanation": f"{label}{problem}\nSolution: {solution}"}]}
        )

    assert counts("Step 3: compute, 5.00 × 9.80 = 49.\nStep 4: the answer, W = 49 N.")
    assert not counts("Step 3: compute, 5.00 × 9.80 = 50.\nStep 4: the answer, W = 50 N.")
    assert not counts("Multiply the mass by g to find the weight.")  # no computation shown
    short = {"explanation": "Worked example: Add.\nSolution: LCD 6, so 3/6 + 2/6 = 5/6."}
    assert not teaching.has_worked_example({"cycles": [short]})  # no problem stated


def test_written_sums_are_recomputed_to_their_written_places():
    assert teaching.written_sums("51 ÷ 240 = 0.2125 and 3/6 + 2/6 = 5/6") == [
        ("0.2125", True),
        ("5/6", True),
    ]
    assert teaching.written_sums("65.0 × 1.5 = 97.6") == [("97.6", False)]

"""The banner's fragment rules: cut headings, box labels, templates, stock
options, vague objectives, definitions no longer than their term."""

from apps.courseware.checks import check_fragments
from apps.courseware.fragments import item_fragments


def test_the_reported_fragments_are_caught():
    cycle = {
        "heading": "Chapter 4: Fractions > Add and Subtract Fractions with Commo",
        "check_question": 'In your own words, what is the main idea of "Fractions"?',
    }
    assert "heading path" in item_fragments("cycles", cycle)
    assert "empty template" in item_fragments("cycles", cycle)
    quiz = {"question": "Which is right?", "options": ["1. This is not true.", "3/4"]}
    assert {"stock option", "list-number debris"} <= set(item_fragments("quiz", quiz))
    assert item_fragments("objectives", {"text": "Learn More with Math"})
    assert item_fragments("vocabulary", {"term": "Adding fours", "definition": "adding fours"})


def test_a_figure_caption_is_a_fragment_and_a_sentence_about_a_figure_is_not():
    caption = {"check_answer": "Figure 4.3 A sled is pulled by a team of dogs."}
    assert "figure caption" in item_fragments("cycles", caption)
    assert "figure caption" in item_fragments("cycles", {"practice": "[Figure: a toy spring]"})
    prose = {"check_answer": "The figure shows the forces acting on the sled."}
    assert item_fragments("cycles", prose) == []


def test_a_teachable_item_passes():
    assert item_fragments("objectives", {"text": "Add fractions with different denominators"}) == []
    assert (
        item_fragments(
            "cycles",
            {
                "heading": "Find the LCD",
                "check_question": "Add: 1/4 + 1/3.",
                "check_answer": "7/12",
            },
        )
        == []
    )


def test_the_banner_marks_fragments_and_says_how_many():
    data = {"objectives": [{"text": "Understand fractions"}, {"text": "Add fractions"}]}
    check = check_fragments(data)
    assert check.status == "warn" and check.items == ["objectives.0"]
    assert data["objectives"][0]["flags"]
    assert check_fragments({"objectives": [{"text": "Add fractions"}]}).status == "pass"

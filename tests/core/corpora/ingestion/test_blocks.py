"""Block kinds kept at ingestion: a book's marks (headings, box labels, figure
lines) give each run of text its kind; a book without marks is all prose."""

from pathlib import Path

from core.corpora.ingestion.blocks import (
    CAPTION,
    EXERCISE,
    KEY_EQUATION,
    KEY_TERM,
    OBJECTIVE,
    PROSE,
    REVIEW_QUESTION,
    SUMMARY,
    WORKED_EXAMPLE,
    heading_kind,
    with_blocks,
)
from core.corpora.ingestion.extract import extract
from core.corpora.ingestion.markdown import extract_markdown

CURRICULUM = Path(__file__).resolve().parents[4] / "demo" / "corpora" / "curriculum"

BOOK = """# Chapter 2: Decimals

## Add Decimals

**Learning objectives**

- Add decimals
- Subtract decimals

To add decimals, line up the decimal points. Then add as with whole numbers.

[Figure: Two columns of digits lined up at the point.]

> **Manipulative Math**
>
> Doing the activity will help you.

> **Example**
>
> > **Problem:** Add: 2.5 + 1.25.
> >
> > **Solution:** Line up the points: 2.50 + 1.25 = 3.75.

> **Try**
>
> > **Problem:** Add: 3.1 + 0.45.

### Key Equations

| sum | a + b |

### Section Summary

- Decimals add like whole numbers once the points line up.

### Test Prep Multiple Choice

> **Exercise**
>
> **Problem:** Which is 0.5 + 0.25?
>
> 1. 0.75
> 2. 0.30

## Glossary

- **decimal**: a number written with a point between its whole part and its parts
"""


def kinds_of(source: str) -> list[tuple[str, str]]:
    extracted = with_blocks(extract_markdown(source))
    return [(s.kind, extracted.text[s.start : s.end].strip()) for s in extracted.sections]


def kind_holding(blocks, needle: str) -> str:
    return next(kind for kind, text in blocks if needle in text)


def test_each_mark_gives_its_kind():
    blocks = kinds_of(BOOK)
    assert kind_holding(blocks, "- Add decimals") == OBJECTIVE
    assert kind_holding(blocks, "line up the decimal points") == PROSE
    assert kind_holding(blocks, "[Figure: Two columns") == CAPTION
    assert kind_holding(blocks, "Manipulative Math") == CAPTION
    assert kind_holding(blocks, "Add: 3.1 + 0.45") == EXERCISE
    assert kind_holding(blocks, "| sum | a + b |") == KEY_EQUATION
    assert kind_holding(blocks, "once the points line up") == SUMMARY
    assert kind_holding(blocks, "Which is 0.5 + 0.25?") == REVIEW_QUESTION
    assert kind_holding(blocks, "**decimal**: a number") == KEY_TERM


def test_a_worked_example_keeps_problem_and_solution_together():
    blocks = kinds_of(BOOK)
    example = [text for kind, text in blocks if kind == WORKED_EXAMPLE]
    assert len(example) == 1
    assert "Add: 2.5 + 1.25" in example[0] and "= 3.75" in example[0]


def test_the_objectives_label_takes_its_list_and_a_heading_line_joins_what_follows():
    blocks = kinds_of(BOOK)
    objective = [text for kind, text in blocks if kind == OBJECTIVE]
    assert len(objective) == 1 and "Subtract decimals" in objective[0]
    texts = [text for _, text in blocks]
    assert "### Test Prep Multiple Choice" not in texts
    assert kind_holding(blocks, "### Test Prep Multiple Choice") == REVIEW_QUESTION


def test_unlabelled_example_runs_to_the_next_label_outside_a_blockquote():
    source = (
        "## Ratios\n\n**Example**\n\nFind 2:3 of 15.\n\nThe answer is 6.\n\n"
        "**Try**\n\nFind 1:4 of 8.\n"
    )
    blocks = kinds_of(source)
    assert kind_holding(blocks, "The answer is 6.") == WORKED_EXAMPLE
    assert kind_holding(blocks, "Find 2:3 of 15.") == WORKED_EXAMPLE
    assert kind_holding(blocks, "Find 1:4 of 8.") == EXERCISE


def test_a_book_without_marks_is_all_prose():
    blocks = kinds_of("# Notes\n\nPlants need light.\n\nThey also need water and air.\n")
    assert {kind for kind, _ in blocks} == {PROSE}


def test_heading_kind_reads_the_last_part_of_the_path():
    assert heading_kind("Physics > Force > Section Key Terms") == KEY_TERM
    assert heading_kind("Physics > Force > Check Your Understanding") == REVIEW_QUESTION
    assert heading_kind("Physics > Force > Practice Problems") == EXERCISE
    assert heading_kind("Physics > Force") is None


def test_the_development_chapters_carry_every_teaching_kind():
    for name in ("ch04-fractions.md", "ch04-forces-and-newtons-laws-of-motion.md"):
        extracted = extract("markdown", (CURRICULUM / name).read_bytes())
        kinds = {s.kind for s in extracted.sections}
        assert {OBJECTIVE, WORKED_EXAMPLE, EXERCISE, SUMMARY, KEY_TERM, CAPTION} <= kinds, name
        # The sections still tile the text in order.
        assert all(
            a.end <= b.start
            for a, b in zip(extracted.sections, extracted.sections[1:], strict=False)
        )


def test_short_exercise_boxes_in_a_row_share_a_passage():
    boxes = "\n\n".join(f"> **Exercise**\n>\n> **Problem:** {n}/3 + 1/3" for n in range(1, 4))
    blocks = kinds_of(f"## Practice\n\n{boxes}\n")
    assert [kind for kind, _ in blocks] == [EXERCISE]

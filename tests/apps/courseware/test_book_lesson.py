"""A lesson assembled from a book section's teaching structure, on sections of
every development chapter (not one topic): valid, no fragments, the title is
the topic, objectives the book's, worked examples with their solutions."""

import re
from pathlib import Path

import pytest

from apps.courseware.book_blocks import Block
from apps.courseware.book_lesson import assemble
from apps.courseware.book_objectives import measurable
from apps.courseware.book_section import (
    BookSection,
    merge_chunks,
    nearby_blocks,
    rows_of_section,
    section_path,
)
from apps.courseware.evaluation import teaching
from apps.courseware.evaluation.item_counts import LESSON_ITEM_LISTS, item_counts
from apps.courseware.lesson import Lesson
from apps.courseware.lesson_context import Context
from core.corpora.ingestion.extract import extract
from core.corpora.ingestion.split import split

CURRICULUM = Path(__file__).resolve().parents[3] / "demo" / "corpora" / "curriculum"


def section_of(chapter: str, title: str) -> BookSection:
    extracted = extract("markdown", (CURRICULUM / chapter).read_bytes())
    drafts = split(extracted, lambda text: len(text.split()) * 4 // 3)
    rows = [
        {
            "id": i,
            "text": d.text,
            "heading": d.heading,
            "page": None,
            "start": d.start,
            "end": d.end,
            "block_kind": d.block_kind,
        }
        for i, d in enumerate(drafts)
    ]
    path = next(r["heading"] for r in rows if r["heading"].split(" > ")[1:2] == [title])
    found = rows_of_section(section_path(path), rows)
    blocks = merge_chunks(found.inside) + [
        Block("key_term", b.text, b.chunk_ids, b.heading) for b in merge_chunks(found.glossary)
    ]
    section = BookSection("1", title, section_path(path), blocks, [], nearby_blocks(found.nearby))
    section.rows = found.inside + found.glossary + found.nearby
    return section


def lesson_data(section: BookSection, topic: str, subject: str) -> dict:
    ctx = Context(
        topic=topic, grade=8, minutes=40, subject=subject, parts=["slides", "worksheet", "quiz"]
    )
    parts = assemble(ctx, section)
    parts.pop("shortfalls")
    sources = [
        {
            "id": str(r["id"]),
            "heading": r["heading"],
            "excerpt": r["text"],
            "document_title": "Book",
        }
        for r in section.rows
    ]
    return {
        **parts,
        "topic": topic,
        "grade": 8,
        "minutes": 40,
        "language": "en",
        "subject": subject,
        "parts": ctx.parts,
        "sources": sources,
    }


CASES = [
    (
        "ch04-fractions.md",
        "Add and Subtract Fractions with Different Denominators",
        "Adding fractions with unlike denominators",
        "Mathematics",
    ),
    ("ch04-fractions.md", "Multiply and Divide Fractions", "Dividing fractions", "Mathematics"),
    ("ch01-whole-numbers.md", "Subtract Whole Numbers", "Subtract Whole Numbers", "Mathematics"),
    (
        "ch04-forces-and-newtons-laws-of-motion.md",
        "Newton's Second Law of Motion",
        "Newton's second law",
        "Science",
    ),
    ("ch13-waves-and-their-properties.md", "Types of Waves", "Types of waves", "Science"),
]


@pytest.mark.parametrize(("chapter", "title", "topic", "subject"), CASES)
def test_a_book_lesson_is_valid_and_reads_whole(chapter, title, topic, subject):
    data = lesson_data(section_of(chapter, title), topic, subject)
    Lesson.model_validate(data)
    assert data["title"] == topic
    assert teaching.items_fragments(data, LESSON_ITEM_LISTS) == 0
    markup, loops, unsupported, seen = item_counts(data)
    assert (markup, loops, unsupported) == (0, 0, 0), seen
    if subject == "Mathematics":
        assert teaching.computed_items(data) >= 3
        assert teaching.has_worked_example(data)
    for quiz in data["quiz"]:
        assert len(set(quiz["options"])) == len(quiz["options"])


def test_the_objectives_are_the_books_and_the_cycles_hold_its_worked_examples():
    data = lesson_data(
        section_of("ch04-fractions.md", "Add and Subtract Fractions with Different Denominators"),
        "Adding fractions with unlike denominators",
        "Mathematics",
    )
    assert data["objectives"][0]["text"] == "Add and subtract fractions with different denominators"
    first = data["cycles"][0]["explanation"]
    assert "Worked example: Add: 1/2 + 1/3." in first and "5/6" in first
    assert any("computed by code" in n for q in data["quiz"] for n in q["notes"])


def test_a_section_without_practice_says_so_instead_of_filler():
    section = section_of("ch13-waves-and-their-properties.md", "Types of Waves")
    ctx = Context(
        topic="Types of waves", grade=8, minutes=40, parts=["slides", "worksheet", "quiz"]
    )
    shortfalls = assemble(ctx, section)["shortfalls"]
    assert any("No practice could be computed" in s for s in shortfalls)


def test_objectives_open_with_a_measurable_verb():
    assert measurable("Understand the meaning of fractions") == "Explain the meaning of fractions"
    assert measurable("Relate wave frequency and period") == "Relate wave frequency and period"
    assert measurable("Newton's second law of motion", from_book=False).startswith("Explain")
    assert measurable("Introduction to Fractions", from_book=False) == "Describe Fractions"


def test_a_section_with_a_key_equation_but_no_worked_example_gets_one_solved_by_code():
    section = section_of(
        "ch04-forces-and-newtons-laws-of-motion.md", "Newton's Second Law of Motion"
    )
    section.blocks = [b for b in section.blocks if b.kind != "worked_example"]
    data = lesson_data(section, "Newton's second law", "Science")
    examples = [c["explanation"] for c in data["cycles"] if "solved by code" in c["explanation"]]
    assert len(examples) == 1  # one example, not the same one in every cycle
    assert "Worked example (solved by code with the key equation" in examples[0]
    assert "Step 4: the answer," in examples[0]
    assert teaching.has_worked_example(data)
    assert teaching.items_fragments(data, LESSON_ITEM_LISTS) == 0
    assert item_counts(data)[:3] == (0, 0, 0), item_counts(data)[3]
    ctx = Context(topic="Newton's second law", grade=8, minutes=40, parts=["slides"])
    shortfalls = assemble(ctx, section)["shortfalls"]
    assert any("solved by code instead" in s for s in shortfalls)


def test_a_section_without_equation_or_numbers_gets_no_made_up_example():
    data = lesson_data(
        section_of("ch13-waves-and-their-properties.md", "Types of Waves"),
        "Types of waves",
        "Science",
    )
    assert not any("solved by code" in c["explanation"] for c in data["cycles"])


@pytest.mark.parametrize(("chapter", "title", "topic", "subject"), CASES)
def test_a_cycles_practice_is_never_its_check_question(chapter, title, topic, subject):
    data = lesson_data(section_of(chapter, title), topic, subject)
    for cycle in data["cycles"]:
        assert cycle["practice"] != cycle["check_question"]


def test_without_computed_items_the_practice_is_the_books_open_question_said_so():
    section = section_of("ch04-forces-and-newtons-laws-of-motion.md", "Force")
    cycle = lesson_data(section, "Force", "Science")["cycles"][0]
    assert cycle["practice"].endswith("?") and "What does" not in cycle["practice"]
    assert any("the book gives no answer" in n for n in cycle["notes"])
    assert not cycle["explanation"].startswith("This ")


def test_each_cycle_checks_the_key_term_its_objective_is_about_and_explains_not_asks():
    section = section_of("ch13-waves-and-their-properties.md", "Types of Waves")
    cycles = lesson_data(section, "Types of waves", "Science")["cycles"]
    assert [c["check_question"] for c in cycles] == [
        "What does “mechanical wave” mean?",
        "What does “longitudinal wave” mean?",
        "What does “periodic wave” mean?",
    ]
    assert not any(c["slide_text"].endswith("?") for c in cycles)


def test_a_maths_section_without_worked_examples_gets_a_computed_items_worked_key():
    section = section_of(
        "ch04-fractions.md", "Add and Subtract Fractions with Different Denominators"
    )
    section.blocks = [b for b in section.blocks if b.kind != "worked_example"]
    data = lesson_data(section, "Adding fractions with unlike denominators", "Mathematics")
    solved = [c["explanation"] for c in data["cycles"] if "solved by code" in c["explanation"]]
    assert len(solved) == 1 and "the rule for fractions with unlike denominators" in solved[0]
    assert teaching.has_worked_example(data)
    assert item_counts(data)[:3] == (0, 0, 0), item_counts(data)[3]


def test_a_section_without_worked_examples_quotes_the_chapters_nearest_on_the_topic():
    section = section_of("ch04-forces-and-newtons-laws-of-motion.md", "Force")
    assert not section.of_kind("worked_example")
    data = lesson_data(section, "Force", "Science")
    assert teaching.has_worked_example(data)
    borrowed = [c for c in data["cycles"] if "Worked example:" in c["explanation"]]
    assert borrowed
    assert any("“Newton's Second Law of Motion”" in n for n in borrowed[0]["notes"])
    example_ids = {c for b in section.nearby for c in b.chunk_ids}
    assert example_ids & set(borrowed[0]["source_ids"])  # the example is cited
    assert teaching.items_fragments(data, LESSON_ITEM_LISTS) == 0
    ctx = Context(topic="Force", grade=8, minutes=40, parts=["slides"])
    shortfalls = assemble(ctx, section)["shortfalls"]
    assert any("quoted from a nearby section" in s or "nearby sections" in s for s in shortfalls)


def test_the_nearby_examples_are_the_chapters_own_nearest_first():
    rows = [
        {"id": 1, "heading": "Ch 1 > A", "block_kind": "worked_example", "text": "> **Example**"},
        {"id": 2, "heading": "Ch 1 > B", "block_kind": "prose", "text": "b"},
        {"id": 3, "heading": "Ch 1 > Glossary", "block_kind": "key_term", "text": "g"},
        {"id": 4, "heading": "Ch 1 > C", "block_kind": "prose", "text": "c"},
        {"id": 5, "heading": "Ch 1 > C", "block_kind": "worked_example", "text": "> **Example**"},
        {"id": 6, "heading": "Ch 1 > D", "block_kind": "worked_example", "text": "> **Example**"},
        {"id": 7, "heading": "Ch 2 > E", "block_kind": "worked_example", "text": "> **Example**"},
    ]
    found = rows_of_section("Ch 1 > B", rows)
    assert [r["id"] for r in found.inside] == [2]
    assert [r["id"] for r in found.glossary] == [3]
    # The nearest section's first (A just before B, then C, then D); never chapter 2's.
    assert [r["id"] for r in found.nearby] == [1, 5, 6]


def test_an_example_on_another_subject_is_not_borrowed():
    section = section_of("ch04-forces-and-newtons-laws-of-motion.md", "Force")
    for block in section.nearby:
        block.text = re.sub(r"(?i)forces?", "thing", block.text)
    data = lesson_data(section, "Force", "Science")
    assert not teaching.has_worked_example(data)


def test_an_explanation_is_not_a_sentence_pointing_back_at_what_the_lesson_does_not_show():
    from apps.courseware.book_cycles import _prose_score
    from apps.courseware.book_section import stems

    wanted = stems("net force")
    back = "The net force combines these two definitions; it is the total force."
    whole = "The net force is the total of all the forces on an object."
    assert _prose_score(back, wanted) < _prose_score(whole, wanted)
    counting = "The basic numbers are those we use to count objects."  # "those" as a pronoun
    assert _prose_score(counting, stems("count numbers")) >= 2
    cycle = lesson_data(
        section_of("ch04-forces-and-newtons-laws-of-motion.md", "Force"), "Force", "Science"
    )["cycles"][0]
    assert "these two definitions" not in cycle["explanation"]

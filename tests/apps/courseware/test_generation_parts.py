"""Parts of a lesson written by code: the first draft shown at once, maths items
taken from the passages with keys code works out, and quiz options that never
hold two correct answers."""

from apps.courseware import generation
from apps.courseware.lesson import SourcePassage

ROUNDING = SourcePassage(
    id="7",
    document_title="Prealgebra",
    heading="Whole Numbers > Round Whole Numbers",
    excerpt="To round a number, look at the digit to its right.\n"
    "**Problem:** Round 843 to the nearest ten.\n**Solution:** 840",
)
FRACTIONS = SourcePassage(
    id="8",
    document_title="Prealgebra",
    heading="Fractions > Add Fractions",
    excerpt="Fractions with a common denominator are added by adding the numerators.\n"
    "So 3/8 + 1/8 = 4/8, which simplifies to 1/2.",
)
CTX = generation.Context(topic="rounding and fractions", grade=8, minutes=40)


def no_model(prompt, schema, title):
    raise generation.TimeBudgetSpent(title)


def test_the_first_draft_is_real_cited_content_and_its_phases_add_up():
    draft = generation.first_draft(CTX, [ROUNDING, FRACTIONS])
    assert draft["objectives"] and len(draft["cycles"]) == 3
    assert draft["cycles"][0]["explanation"].startswith("To round a number")
    assert {sid for c in draft["cycles"] for sid in c["source_ids"]} == {"7", "8"}
    assert all(generation.PROVISIONAL_NOTE in c["notes"] for c in draft["cycles"])
    assert sum(p["minutes"] for p in draft["phases"]) == 40

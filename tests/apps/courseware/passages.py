"""Source passages and a request for tests of the parts of a lesson written by code."""

from apps.courseware.lesson import SourcePassage
from apps.courseware.lesson_context import Context
from apps.courseware.model_calls import TimeBudgetSpent

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
LOCATE = SourcePassage(
    id="9",
    document_title="Prealgebra",
    heading="Fractions > Locate Fractions and Mixed Numbers",
    excerpt="We will locate the fractions 1/5 and 8/3 on the number line, then mixed numbers.",
)
CTX = Context(topic="rounding and fractions", grade=8, minutes=40)


def no_model(prompt, schema, title):
    """A fill whose time is spent: every part is written by code."""
    raise TimeBudgetSpent(title)

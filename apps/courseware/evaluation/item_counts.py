"""Three counts over the shown items of a lesson, by fixed rules written here,
not taken from the product's text checks (``core.reasoning.checks``), so the
evaluation does not grade the product by the product's own rules:

- ``items_markup``: an HTML-like tag (``<b>``, ``</pre>``, ``<next-question>``,
  ``<source id="1">``) or a model control token in any shown text, quiz
  options included; the Markdown the pages render has none;
- ``items_loops``: a 5-word phrase 3 or more times in one text;
- ``items_unsupported_numbers``: a quantity stated (a quiz's wrong options
  left out: they are wrong on purpose) that no retrieved passage, the
  request's topic, grade and minutes, nor the value code works out for the
  item's question, nor the value of a computation the item writes out and
  code finds right when it recomputes it ("65.0 × 1.5 = 97.5": 97.5; the
  operands still need a source) holds, after unit normalisation (0.815 m = 815 mm,
  18% = 0.18, 3/8 by its parts or its value); a label's number ("Figure 3",
  "Step 2") is not a quantity.

An item counts once however many of its texts fail a rule.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from apps.courseware import arithmetic
from apps.courseware.evaluation.teaching import written_sums

LESSON_ITEM_LISTS = ("objectives", "prior_knowledge", "vocabulary", "misconceptions")
LESSON_ITEM_LISTS += ("cycles", "worksheet", "quiz")


SHOWN_FIELDS = {
    "objectives": ("text",),
    "prior_knowledge": ("text",),
    "vocabulary": ("term", "definition"),
    "misconceptions": ("misconception", "correction"),
    "cycles": (
        "heading",
        "explanation",
        "slide_text",
        "check_question",
        "check_answer",
        "practice",
    ),
    "worksheet": ("prompt", "answer"),
    "quiz": ("question", "explanation"),
}
# An HTML-like tag (<b>, </pre>, <next-question>, <source id="1">) or a model control
# token (<|im_end|>); the Markdown the pages render has none (an autolink <https://…>
# does not match: its name would run into "//").
TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>|<\|[^<>|]{1,40}\|>")
PHRASE, PHRASE_TIMES = 5, 3
NUMBER = re.compile(
    r"(?<![\w.,/])(\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|\.\d+)"
    r"(?:\s*/\s*(\d+))?(?:\s?(%|[A-Za-z]+\b))?"
)
# Not quantities: the label's number ("Figure 3", "Step 2", "grade 8").
NUMBER_LABEL = re.compile(
    r"\b(?:figure|fig|table|chapter|section|step|example|exercise|page|grade|lesson|unit)\.?\s*$",
    re.I,
)
UNITS = {  # unit: (dimension, factor to the base unit)
    **dict.fromkeys(("mm", "millimeter", "millimeters", "millimetre", "millimetres"), ("m", 1e-3)),
    **dict.fromkeys(("cm", "centimeter", "centimeters", "centimetre", "centimetres"), ("m", 1e-2)),
    **dict.fromkeys(("m", "meter", "meters", "metre", "metres"), ("m", 1.0)),
    **dict.fromkeys(("km", "kilometer", "kilometers", "kilometre", "kilometres"), ("m", 1e3)),
    **dict.fromkeys(("in", "inch", "inches"), ("m", 0.0254)),
    **dict.fromkeys(("ft", "foot", "feet"), ("m", 0.3048)),
    **dict.fromkeys(("mg", "milligram", "milligrams"), ("kg", 1e-6)),
    **dict.fromkeys(("g", "gram", "grams"), ("kg", 1e-3)),
    **dict.fromkeys(("kg", "kilogram", "kilograms"), ("kg", 1.0)),
    **dict.fromkeys(("ms", "millisecond", "milliseconds"), ("s", 1e-3)),
    **dict.fromkeys(("s", "sec", "second", "seconds"), ("s", 1.0)),
    **dict.fromkeys(("min", "minute", "minutes"), ("s", 60.0)),
    **dict.fromkeys(("h", "hr", "hour", "hours"), ("s", 3600.0)),
    **dict.fromkeys(("%", "percent"), ("ratio", 0.01)),
}


def shown_texts(section: str, item: dict) -> list[str]:
    """Every text of ``item`` the pages show (a quiz question's options too)."""
    texts = [str(item.get(name) or "") for name in SHOWN_FIELDS.get(section, ())]
    return texts + [str(o) for o in item.get("options") or []]


def stated_texts(section: str, item: dict) -> list[str]:
    """The texts that state something: a quiz's wrong options are wrong on purpose."""
    texts = [str(item.get(name) or "") for name in SHOWN_FIELDS.get(section, ())]
    options = item.get("options") or []
    if (
        options
        and isinstance(item.get("answer_index"), int)
        and item["answer_index"] < len(options)
    ):
        texts.append(str(options[item["answer_index"]]))
    return texts


def has_markup(text: str) -> bool:
    return bool(TAG.search(text))


def loops(text: str) -> bool:
    """A 5-word phrase written 3 or more times in one text."""
    words = re.findall(r"\w+", text.casefold())
    counts = Counter(zip(*(words[i:] for i in range(PHRASE)), strict=False))
    return bool(counts) and max(counts.values()) >= PHRASE_TIMES


class Quantity(NamedTuple):
    written: str
    value: float
    parts: tuple[float, ...]  # numerator and denominator of a fraction
    dimension: str  # "m", "kg", "s", "ratio" (a percent), or "" without a unit
    base: float  # the value in the dimension's base unit


def quantities(text: str) -> list[Quantity]:
    out = []
    for match in NUMBER.finditer(text):
        if NUMBER_LABEL.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        whole = float(match.group(1).replace(",", ""))
        parts, value = (whole,), whole
        if match.group(2) and float(match.group(2)):
            parts = (whole, float(match.group(2)))
            value = whole / parts[1]
        written_unit = match.group(3) or ""
        dimension, factor = UNITS.get(written_unit) or UNITS.get(written_unit.lower()) or ("", 1)
        number = text[match.start() : match.end(2) if match.group(2) else match.end(1)]
        written = match.group(0) if dimension else number
        out.append(Quantity(written.strip(), value, parts, dimension, value * factor))
    return out


class GivenNumbers:
    """The values some texts hold, plainly and in base units."""

    def __init__(self, texts: list[str]):
        self.plain: set[float] = set()
        self.based: dict[str, list[float]] = {}
        for text in texts:
            for q in quantities(text):
                self.plain.update(round(v, 9) for v in (q.value, *q.parts))
                if q.dimension:
                    self.based.setdefault(q.dimension, []).append(q.base)
                if q.dimension == "ratio":
                    self.plain.add(round(q.base, 9))  # 18% holds 0.18

    def holds(self, q: Quantity) -> bool:
        if round(q.value, 9) in self.plain:
            return True
        if len(q.parts) == 2 and all(round(p, 9) in self.plain for p in q.parts):
            return True
        if q.dimension == "ratio" and round(q.base, 9) in self.plain:
            return True
        return any(abs(b - q.base) <= 0.01 * abs(b) for b in self.based.get(q.dimension, ()))


def computed_facts(section: str, item: dict) -> list[str]:
    """What code works out for a maths item's question, written every way a key is."""
    question = {"worksheet": "prompt", "quiz": "question", "cycles": "check_question"}.get(section)
    if not question:
        return []
    try:
        task = arithmetic.find_task(str(item.get(question) or ""))
    except (arithmetic.NotArithmetic, ZeroDivisionError, OverflowError):
        return []
    if task is None:
        return []
    value = task.value
    return [
        task.key,
        arithmetic.format_value(value),
        arithmetic.format_mixed(value),
        *(arithmetic.format_decimal(value, places) for places in range(4)),
    ]


def unsupported_numbers(section: str, item: dict, given: GivenNumbers) -> list[str]:
    """The quantities ``item`` states that neither ``given`` nor code's facts hold."""
    worked = [w for t in stated_texts(section, item) for w, right in written_sums(t) if right]
    facts = GivenNumbers(computed_facts(section, item) + worked)
    return [
        q.written
        for text in stated_texts(section, item)
        for q in quantities(text)
        if not (given.holds(q) or facts.holds(q))
    ]


def item_counts(data: dict) -> tuple[int, int, int, list[str]]:
    """(items with markup, items that loop, items stating an unsupported number,
    a few of those numbers for the log) over every shown item of a lesson."""
    sources = [
        f"{s.get('document_title', '')} {s.get('heading', '')} {s.get('excerpt', '')}"
        for s in data.get("sources") or []
    ]
    request = [str(data.get(k) or "") for k in ("topic", "grade", "minutes")]
    given = GivenNumbers(sources + request)
    markup = looping = unsupported = 0
    examples: list[str] = []
    for section in LESSON_ITEM_LISTS:
        for item in data.get(section) or []:
            texts = shown_texts(section, item)
            markup += any(has_markup(t) for t in texts)
            looping += any(loops(t) for t in texts)
            numbers_found = unsupported_numbers(section, item, given)
            unsupported += bool(numbers_found)
            examples += [f"{section}: {n}" for n in numbers_found]
    return markup, looping, unsupported, examples[:5]

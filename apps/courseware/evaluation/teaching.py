"""Measures of whether a lesson is one a teacher can teach from, by fixed rules
written here (not the product's checks, ``apps.courseware.fragments``):

``items_fragments``: items (every shown text of every item, quiz options
included) with any of
  - a heading path (" > ") or a Markdown heading, bold label or blockquote mark;
  - a cut word: a text's last word that the sources never hold whole but only
    as the start of a longer word ("Commo"), or a glued word: a word the
    sources never hold that is two source words run together ("commondenom");
  - a box title or figure caption as the text: the text is the bold label a box
    (blockquote) of the sources opens with ("Manipulative Math", "Try It") or
    opens "[Figure" / "Figure 3";
  - list-number debris in an option ("1. This is not true."), a stock option
    ("not true", "the answer is", "none of the above");
  - an empty template ("Write two sentences about", "what is the main idea of",
    "Explain one key fact about", "Explain the key ideas of");
  - an objective not opening with a measurable verb (after "Students will" or
    "I can"): learn, understand, know, be able to, appreciate count as not;
  - a check-for-understanding answer that is the lesson's title or a heading of
    the sources;
  - a vocabulary term that is a heading of the sources, or a definition with
    fewer than three words besides its term;
  - a quiz whose options mix kinds (some numbers, some words).
``title_is_topic``: the title is the requested topic (case and spaces aside).
``worked_example``: a learning cycle's explanation holds a "Worked example"
(or "Example") label ending in a colon, then a problem of at least three words,
then "Solution:" followed by at least three words. An example whose label says
it was solved "by code" counts only when its solution writes out at least one
computation ("65.0 × 1.5 = 97.5") and every computation it writes out is
right when recomputed here (``arithmetic.evaluate``, to the written value's
decimal places): a claim of computing is checked, not taken on trust.
``computed_practice``: at least three items whose notes say "computed by code"
and whose question works the topic's operation: a topic on unlike or different
denominators asks a sum or difference of two fractions with different
denominators, one on like or common denominators two with the same; a topic on
decimals shows a decimal; any other topic, a question ``arithmetic.find_task``
can work out.
"""

from __future__ import annotations

import re

from apps.courseware import arithmetic

HEADING_PATH = re.compile(r"\S \> \S")
MARKS = re.compile(r"^\s*#{1,6}\s|\*\*|^\s*>\s", re.M)
CAPTION = re.compile(r"^\s*\[?(?:figure|fig\.|image|photo|table)\b", re.I)
DEBRIS = re.compile(r"^\s*\d{1,2}[.)]\s")
STOCK = re.compile(r"\bnot true\b|\bthe answer is\b|none of the above", re.I)
TEMPLATE = re.compile(
    r"write two sentences about|what is the main idea of|explain one key fact about|"
    r"explain the key ideas of",
    re.I,
)
NOT_MEASURABLE = re.compile(
    r"^(?:students will |i can )?(?:learn|understand|know|be able to|appreciate)\b", re.I
)
# A box's title: a bold label alone on its line, in a blockquote or not.
LABEL = re.compile(r"^(?:>\s*)+\*\*([^*\n]{3,120}?):?\*\*\s*$", re.M)
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$", re.M)
WORD = re.compile(r"[A-Za-z]{3,}")
SHOWN = (
    "text term definition misconception correction heading explanation slide_text "
    "check_question check_answer practice prompt answer question"
).split()
COMPUTED = "computed by code"
NUMBER_ONLY = re.compile(r"^[\s\d.,/%+\-−×÷=()]+$")
FRACTION = re.compile(r"(\d+)\s*/\s*(\d+)\s*[+\-−]\s*\(?\s*[-−]?\s*(\d+)\s*/\s*(\d+)")


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


class SourceWords:
    """What the lesson's sources hold: their words, headings and box labels."""

    def __init__(self, data: dict):
        texts = [
            f"{s.get('heading', '')}\n{s.get('excerpt', '')}" for s in data.get("sources") or []
        ]
        joined = "\n".join(texts)
        self.words = {w.casefold() for w in WORD.findall(joined)}
        self.labels = {_norm(m) for m in LABEL.findall(joined)}
        self.headings = {
            _norm(h) for s in data.get("sources") or [] for h in s.get("heading", "").split(" > ")
        }
        self.headings |= {_norm(h) for h in HEADING.findall(joined)}

    def cut(self, word: str) -> bool:
        w = word.casefold()
        if w in self.words or len(w) < 4:
            return False
        return any(other.startswith(w) for other in self.words)

    def glued(self, word: str) -> bool:
        w = word.casefold()
        if w in self.words or len(w) < 8:
            return False
        return any(w[:i] in self.words and w[i:] in self.words for i in range(3, len(w) - 2))


def fragment_reason(section: str, item: dict, data: dict, src: SourceWords) -> str:
    """Which rule ``item`` breaks, with the text ("" when none)."""
    texts = [str(item.get(k)) for k in SHOWN if isinstance(item.get(k), str)]
    options = [str(o) for o in item.get("options") or []]
    for text in texts + options:
        words = WORD.findall(text)
        short = text[:60]
        if HEADING_PATH.search(text):
            return f"heading path: {short}"
        if MARKS.search(text):
            return f"markdown mark: {short}"
        if TEMPLATE.search(text):
            return f"empty template: {short}"
        ends_in_word = re.search(r"[A-Za-z]{3,}\s*$", text)
        if ends_in_word and src.cut(words[-1]) and not text.rstrip().endswith((".", "?", "!")):
            return f"cut word {words[-1]}: {short}"
        glued = [w for w in words if src.glued(w)]
        if glued:
            return f"glued word {glued[0]}: {short}"
        if _norm(text).rstrip(":") in src.labels or CAPTION.match(text):
            return f"box title or caption: {short}"
    for option in options:
        if DEBRIS.match(option) or STOCK.search(option):
            return f"list debris or stock option: {option[:40]}"
    if options and 0 < sum(bool(NUMBER_ONLY.match(o)) for o in options) < len(options):
        return f"options of mixed kinds: {options}"
    if section == "objectives" and NOT_MEASURABLE.match(str(item.get("text", ""))):
        return f"objective not measurable: {item.get('text')}"
    if section == "cycles":
        answer = _norm(item.get("check_answer", ""))
        if answer == _norm(data.get("title", "")) or answer in src.headings:
            return f"answer is a heading: {answer[:60]}"
    if section == "vocabulary":
        term = _norm(item.get("term", ""))
        rest = [
            w for w in str(item.get("definition", "")).split() if w.casefold() not in term.split()
        ]
        if term in src.headings or len(rest) < 3:
            return f"vocabulary term is a heading or definition too short: {term}"
    return ""


def item_fragment(section: str, item: dict, data: dict, src: SourceWords) -> bool:
    return bool(fragment_reason(section, item, data, src))


def items_fragments(data: dict, lists: tuple[str, ...]) -> int:
    src = SourceWords(data)
    return sum(
        1
        for section in lists
        for item in data.get(section) or []
        if isinstance(item, dict) and item_fragment(section, item, data, src)
    )


def title_is_topic(data: dict) -> bool:
    return bool(data.get("topic")) and _norm(data.get("title", "")) == _norm(data["topic"])


EXAMPLE = re.compile(
    r"\b(?:worked example|example)\b([^:\n]{0,200}):(.+?)\bSolution:(.+)", re.I | re.S
)
# A computation written out: numbers and operators, "=", the value ("65.0 × 1.5 = 97.5").
WRITTEN_SUM = re.compile(
    r"(?<![\d.,/])(\(?-?\d[\d.,]*\)?(?:\s*[+\-−×÷*/]\s*\(?-?\d[\d.,]*\)?)+)"
    r"\s*=\s*(-?\d[\d,]*(?:\.\d+|/\d+)?)(?![\d/.]\d)"
)


def written_sums(text: str) -> list[tuple[str, bool]]:
    """(value written, whether it is right) for each computation ``text`` writes
    out, recomputed here; a decimal is right to the places it is written with."""
    out = []
    for match in WRITTEN_SUM.finditer(text):
        written = match.group(2).replace(",", "")
        try:
            value = arithmetic.evaluate(match.group(1))
            if "." in written:
                right = arithmetic.format_decimal(value, len(written.split(".")[1])) == written
            else:
                right = arithmetic.evaluate(written) == value
        except (arithmetic.NotArithmetic, ZeroDivisionError, OverflowError):
            continue
        out.append((written, right))
    return out


def has_worked_example(data: dict) -> bool:
    """A cycle with a worked example, by the rule in the module docstring."""
    for cycle in data.get("cycles") or []:
        found = EXAMPLE.search(str(cycle.get("explanation", "")))
        if not found or len(found.group(2).split()) < 3 or len(found.group(3).split()) < 3:
            continue
        if "by code" in found.group(1):
            sums = [right for _, right in written_sums(found.group(3))]
            if not sums or not all(sums):
                continue
        return True
    return False


def on_operation(topic: str, question: str) -> bool:
    t = topic.casefold()
    sums = FRACTION.search(question)
    if re.search(r"unlike|different", t) and re.search(r"fraction|denominator", t):
        return bool(sums) and sums.group(2) != sums.group(4)
    if re.search(r"\blike\b|common|same", t) and re.search(r"fraction|denominator", t):
        return bool(sums) and sums.group(2) == sums.group(4)
    if "decimal" in t:
        return bool(re.search(r"\d\.\d", question))
    try:
        return arithmetic.find_task(question) is not None
    except (arithmetic.NotArithmetic, ZeroDivisionError, OverflowError):
        return False


def computed_items(data: dict) -> int:
    """Computed items on the topic's operation (rule in the module docstring)."""
    topic = str(data.get("topic", ""))
    count = 0
    for section, field in (
        ("worksheet", "prompt"),
        ("quiz", "question"),
        ("cycles", "check_question"),
    ):
        for item in data.get(section) or []:
            notes = " ".join(item.get("notes") or [])
            if COMPUTED in notes and on_operation(topic, str(item.get(field, ""))):
                count += 1
    return count


MATHS_BOOK = re.compile(r"algebra|arithmetic|math|geometry|calculus|statistic|trigonometry", re.I)
SCIENCE_BOOK = re.compile(r"physics|chemistry|biology|science|astronomy", re.I)
BOOK_LINE = re.compile(r"Source:\s*[^,\n]*,\s*([^(\n]+?)\s*\(", re.I)


def subject_of(chapter_text: str) -> str:
    """The subject the protocol names from the chapter's book title (its source line,
    "*Source: OpenStax, Prealgebra (...)*"): Mathematics for a maths book, Science for a
    science book, "" otherwise."""
    found = BOOK_LINE.search("\n".join(chapter_text.splitlines()[:6]))
    book = found.group(1) if found else ""
    if MATHS_BOOK.search(book):
        return "Mathematics"
    if SCIENCE_BOOK.search(book):
        return "Science"
    return ""

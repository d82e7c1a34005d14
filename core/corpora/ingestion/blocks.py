"""A book's teaching structure, kept at ingestion: each section of the
extracted text is cut into blocks of one kind (an objective list, a worked
example with its solution, an exercise, a summary, ...), so a lesson can be
assembled from what the book marks rather than from whatever sentence came first.

The marks read are those Markdown, HTML and DOCX carry once extracted: the
heading a block sits under ("Section Summary", "Key Equations", "Test Prep
Multiple Choice"), the bold label a box opens with (``> **Example**``,
``> **Try**``, ``**Learning objectives**``) and figure or image lines. A book
without these marks is all prose, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from core.corpora.ingestion.extracted import Extracted, Section

OBJECTIVE = "objective"
KEY_TERM = "key_term"  # a key term, a definition, a glossary entry, a "Note:" box
WORKED_EXAMPLE = "worked_example"  # problem and solution together
EXERCISE = "exercise"  # practice problems, "Try It", readiness quizzes
SUMMARY = "summary"
KEY_EQUATION = "key_equation"
REVIEW_QUESTION = "review_question"  # review and test-prep questions, with their options
CAPTION = "caption"  # a figure's caption or a box that is not the section's teaching
PROSE = "prose"
KINDS = (
    OBJECTIVE,
    KEY_TERM,
    WORKED_EXAMPLE,
    EXERCISE,
    SUMMARY,
    KEY_EQUATION,
    REVIEW_QUESTION,
    CAPTION,
    PROSE,
)

# The kind a heading gives the blocks under it (matched on the heading's last part).
_HEADING_KINDS = [
    (re.compile(r"^(?:section |chapter )?learning objectives?$|^objectives$", re.I), OBJECTIVE),
    (re.compile(r"^(?:section )?key terms$|^glossary$|^vocabulary$", re.I), KEY_TERM),
    (re.compile(r"^key equations?$|^key formulas?$", re.I), KEY_EQUATION),
    (
        re.compile(r"^(?:section |chapter )?summary$|^key concepts(?: and summary)?$", re.I),
        SUMMARY,
    ),
    (
        re.compile(
            r"^(?:check your understanding|concept items|critical thinking|test prep.*|"
            r"review questions?|multiple choice|short answer|self check|chapter review|"
            r"conceptual questions)$",
            re.I,
        ),
        REVIEW_QUESTION,
    ),
    (
        re.compile(
            r"^(?:practice problems?|problems(?: (?:&|and) exercises)?|(?:section |chapter )?"
            r"exercises|practice makes perfect|everyday math|writing exercises|mixed practice|"
            r"chapter review exercises|chapter practice test|try it|practice)$",
            re.I,
        ),
        EXERCISE,
    ),
]
# The kind a box's opening bold label gives it.
_LABEL_KINDS = [
    (re.compile(r"^(?:worked )?example\b", re.I), WORKED_EXAMPLE),
    (re.compile(r"^(?:learning )?objectives?\b", re.I), OBJECTIVE),
    (re.compile(r"^(?:try(?: it)?|exercise|be prepared|self check|practice)\b", re.I), EXERCISE),
    (re.compile(r"^(?:note|definition|key (?:term|idea)s?)\b", re.I), KEY_TERM),
    (re.compile(r"^(?:summary|key concepts)\b", re.I), SUMMARY),
    (re.compile(r"^(?:key )?equations?\b", re.I), KEY_EQUATION),
    (
        re.compile(
            r"^(?:teacher\b|media|manipulative|watch |virtual |snap lab|links? to|fun in|"
            r"tips?\b|boundless|careers?|figure|table|image|photo)",
            re.I,
        ),
        CAPTION,
    ),
]
_LABEL = re.compile(r"^(?:>\s*)?\*\*([^*\n]{1,160}?):?\*\*\s*:?\s*$")
_FIGURE_LINE = re.compile(r"^\[(?:figure|image|photo|table|chart)\b[^\]]*\]\s*$", re.I)
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
JOIN_CHARS = 700  # about 170 MiniLM tokens: under the 200-token chunk
_HEADING_ONLY = re.compile(r"^#{1,6}[ \t][^\n]*$")


def heading_kind(heading: str) -> str | None:
    last = heading.split(" > ")[-1].strip(" #*_:")
    for pattern, kind in _HEADING_KINDS:
        if pattern.match(last):
            return kind
    return None


def label_kind(label: str) -> str | None:
    for pattern, kind in _LABEL_KINDS:
        if pattern.match(label.strip()):
            return kind
    return None


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each run between blank lines; a blockquote's blank lines
    keep their ``>`` so a box stays one run."""
    out, cursor = [], start
    for gap in _PARAGRAPHS.finditer(text, start, end):
        if text[cursor : gap.start()].strip():
            out.append((cursor, gap.start()))
        cursor = gap.end()
    if text[cursor:end].strip():
        out.append((cursor, end))
    return out


def _paragraph_kind(body: str, under: str | None) -> tuple[str, bool]:
    """(kind, whether it is a bare bold label opening a run the next paragraphs join)."""
    first = body.lstrip().split("\n", 1)[0].strip()
    boxed = first.startswith(">")
    if _FIGURE_LINE.match(first) and "\n" not in body.strip():
        return CAPTION, False
    label = _LABEL.match(first)
    if not label:
        return (under or PROSE), False
    kind = label_kind(label.group(1))
    if kind in (CAPTION, WORKED_EXAMPLE, OBJECTIVE):
        return kind, not boxed
    if kind is None:
        return (under or PROSE), False  # a bold sub-heading inside prose
    if under is not None:
        return under, False  # "Exercise" under "Test Prep" is a review question
    return kind, not boxed


@dataclass
class _Draft:
    start: int
    end: int
    kind: str
    boxed: bool


def section_blocks(text: str, section: Section) -> list[Section]:
    """``section`` cut into runs of one block kind each. Boxes (blockquotes) are
    one block each; neighbouring prose paragraphs join; a bare bold label
    ("**Learning objectives**", "**Example**") takes the paragraph after it
    (a worked example: every paragraph up to the next label)."""
    under = heading_kind(section.heading)
    drafts: list[_Draft] = []
    run: str | None = None  # the kind a bare label opened
    for start, end in _paragraphs(text, section.start, section.end):
        body = text[start:end]
        boxed = body.lstrip().startswith(">")
        labelled = bool(_LABEL.match(body.lstrip().split("\n", 1)[0].strip()))
        if run is not None and not boxed and not labelled:
            drafts[-1].end = end
            run = run if run == WORKED_EXAMPLE else None
            continue
        kind, opens = _paragraph_kind(body, under)
        run = kind if opens else None
        last = drafts[-1] if drafts else None
        joinable = kind in (PROSE, KEY_TERM, SUMMARY, KEY_EQUATION, OBJECTIVE) and not boxed
        if last and joinable and not opens and last.kind == kind and not last.boxed:
            last.end = end
            continue
        if last and _HEADING_ONLY.match(text[last.start : last.end].strip()):
            drafts[-1] = _Draft(last.start, end, kind, boxed)  # a heading opens what follows
            continue
        # Short exercise boxes in a row share a passage (each its own would make many
        # tiny chunks); a reader splits them again at their labels.
        small = kind in (EXERCISE, REVIEW_QUESTION) and boxed
        if small and last and last.kind == kind and last.boxed and end - last.start <= JOIN_CHARS:
            last.end = end
            continue
        drafts.append(_Draft(start, end, kind, boxed))
    if not drafts:
        return [section]
    drafts[0].start = section.start  # the heading line belongs to the first block
    drafts[-1].end = section.end
    return [Section(d.start, d.end, section.heading, section.page, d.kind) for d in drafts]


def with_blocks(extracted: Extracted) -> Extracted:
    """``extracted`` with every section cut into blocks of one kind."""
    sections = [b for s in extracted.sections for b in section_blocks(extracted.text, s)]
    return replace(extracted, sections=sections)

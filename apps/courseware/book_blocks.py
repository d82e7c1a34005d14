"""Reading one block of a book's section (as ingestion kept it) into what a
lesson uses: an objective list, a worked example's problem and solution, an
exercise, a review question with its options, key terms with their glossary
definitions, summary points, key equations, prose sentences.

Text comes out plain: no blockquote markers, bold labels, figure lines or
heading lines, so nothing a teacher reads is a box title or a caption; mixed
numbers the source lost the space of are written back where the text proves
them (``mixed_numbers``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from apps.courseware import mixed_numbers

_QUOTE = re.compile(r"^(?:\s*>)+ ?", re.M)
_LABEL_LINE = re.compile(r"^\*\*[^*\n]{1,160}\*\*:?\s*$", re.M)
_FIGURE = re.compile(r"\[(?:figure|image|photo|table|chart)\b[^\]]*\]", re.I)
_HEADING_LINE = re.compile(r"^#{1,6}[ \t].*$", re.M)
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
_PROBLEM = re.compile(r"\*\*Problem:\*\*", re.I)
_SOLUTION = re.compile(r"\*\*Solution:\*\*", re.I)
# A box label that says how to go about the problem ("**Note: Strategy FOR (A)**"), and
# the blank lines before the text it labels.
_STRATEGY = re.compile(
    r"(?:^|>[ \t]*)\*\*(?:Note:\s*)?(Strategy\b[^*\n]{0,40}?):?\*\*[ \t]*\n\s*", re.M | re.I
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+(.+)$", re.M)
_CIRCLED = re.compile(r"[\u24d0-\u24e9]")  # OpenStax's part letters ⓐ ⓑ
_STUB = re.compile(r"#ost/api/\S+")
_SPACES = re.compile(r"[ \t]+")
# A sentence about the book rather than the subject ("In the previous section, ...").
_BOOK_REFERENCE = re.compile(
    r"\(see the|following exercises|(?:previous|next|last) (?:section|chapter|example)|"
    r"\bin this (?:chapter|section)\b|\bwe will learn\b",
    re.I,
)
_BLANKS = re.compile(r"\n\s*\n+")


@dataclass
class Block:
    """One block of a section: its kind, its whole text and the chunks it spans."""

    kind: str
    text: str
    chunk_ids: list[str] = field(default_factory=list)
    heading: str = ""


def _table_lines(text: str) -> str:
    """Table rows as lines of their cells ("step — result"); separator rows dropped."""
    out = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if all(set(c) <= set("-: ") for c in cells):
                continue
            line = " — ".join(c for c in cells if c)
        out.append(line)
    return "\n".join(out)


_TOP_LABEL = re.compile(r"^>[ \t]*\*\*[^*\n]{1,160}\*\*[ \t]*$", re.M)


def split_boxes(text: str) -> list[str]:
    """A passage holding several boxes (``> **Exercise**`` ...), one text per box."""
    starts = [m.start() for m in _TOP_LABEL.finditer(text)]
    if len(starts) < 2:
        return [text]
    cuts = [0, *starts[1:], len(text)]
    return [text[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]


def plain(text: str) -> str:
    """The block's words as a reader sees them."""
    text = _table_lines(_FIGURE.sub("", _QUOTE.sub("", text)))
    text = _HEADING_LINE.sub("", text)
    text = _LABEL_LINE.sub("", text)
    text = _FIGURE.sub("", text)
    text = _STUB.sub("", text)
    text = _EMPHASIS.sub("", text).replace("\u2212", "-")
    text = _SPACES.sub(" ", mixed_numbers.with_spaces(text))
    return _BLANKS.sub("\n\n", text).strip()


def one_line(text: str) -> str:
    return " ".join(plain(text).split())


def list_items(text: str) -> list[str]:
    unquoted = _QUOTE.sub("", text)
    return [one_line(m.group(1)) for m in _LIST_ITEM.finditer(unquoted) if one_line(m.group(1))]


def objectives(block: Block) -> list[str]:
    return [item for item in list_items(block.text) if len(item.split()) >= 2]


def problem_and_solution(block: Block) -> tuple[str, str]:
    """The first problem of a worked example or exercise and its solution ("" when none).

    A worked example in parts (a problem and solution for each) keeps every part's
    working in its solution, so the solution answers the whole problem; a
    "Strategy" box keeps its label, so it does not read as part of the problem."""
    # Proven on the whole block: the solution's "33/8 = 41/8" shows the problem's 41/8.
    text = mixed_numbers.with_spaces(_QUOTE.sub("", block.text))
    text = _STRATEGY.sub(lambda m: f"{m.group(1).strip().capitalize()}: ", text)
    found = _PROBLEM.search(text)
    if not found:
        return "", ""
    rest = text[found.end() :]
    solution = _SOLUTION.search(rest)
    problem = rest[: solution.start()] if solution else rest
    answer = rest[solution.end() :] if solution else ""
    nxt = _PROBLEM.search(answer)
    if nxt and block.kind == "worked_example" and _SOLUTION.search(answer, nxt.end()):
        answer = _SOLUTION.sub("", _PROBLEM.sub("", answer))
    elif nxt:
        answer = answer[: nxt.start()]
    problem, answer = _letters(plain(problem)), _letters(plain(answer))
    return problem, mixed_numbers.answer_with_spaces(problem, answer)


def _letters(text: str) -> str:
    """OpenStax's circled part letters as "(a)", list dashes before them dropped."""
    text = _CIRCLED.sub(lambda m: f"({chr(ord(m.group(0)) - 0x24D0 + ord('a'))}) ", text)
    text = re.sub(r"(?m)^(?:-|\d{1,2}\.)\s+(?=\([a-z]\))", "", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    return re.sub(r"(?m)^[ \t]+", "", text).strip()  # no line opens with a space


_FIGURE_REFERENCE = re.compile(
    r"\b(?:shown|pictured|modell?ed|figures?|the diagram|the graph|the image|below|shaded)\b",
    re.I,
)


def needs_figure(problem: str) -> bool:
    """A problem that cannot be read without the book's figure."""
    return bool(_FIGURE_REFERENCE.search(problem))


def data_in_figure(block: Block) -> bool:
    """A problem that shows a figure and gives no number of its own ("Name the
    improper fraction." beside two shaded circles): what it asks about is in the
    figure the lesson does not show."""
    text = _QUOTE.sub("", block.text)
    found = _PROBLEM.search(text)
    if not found:
        return False
    end = _SOLUTION.search(text, found.end())
    raw = text[found.end() : end.start() if end else len(text)]
    return bool(_FIGURE.search(raw)) and not re.search(r"\d", plain(raw))


def question_and_options(block: Block) -> tuple[str, list[str], str]:
    """A review question: its stem, its options (numbered list) and its solution."""
    problem, solution = problem_and_solution(block)
    options = list_items(problem)
    stem = problem
    if options:
        stem = plain(re.split(r"\n\s*(?:1[.)]|[-*•])\s", problem, maxsplit=1)[0])
    return one_line(stem), options, one_line(solution)


def key_terms(block: Block) -> list[tuple[str, str]]:
    """(term, definition) from glossary lines ``- **term**: definition``."""
    unquoted = _QUOTE.sub("", block.text)
    found = re.findall(r"^\s*[-*]\s*\*\*([^*\n]{1,80})\*\*\s*:\s*(.+)$", unquoted, re.M)
    return [(one_line(t), one_line(d)) for t, d in found]


def table_terms(block: Block) -> list[str]:
    """Terms listed in a key-terms table (``| friction | inertia |``)."""
    cells = re.findall(r"\|([^|\n]+)", block.text)
    return [c.strip() for c in cells if c.strip() and not set(c.strip()) <= set("-: ")]


def equations(block: Block) -> list[tuple[str, str]]:
    """(name, equation) rows of a key-equations table."""
    rows = []
    for line in block.text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and "=" in cells[-1] and not set(cells[-1]) <= set("-: "):
            rows.append((one_line(cells[0]), one_line(cells[-1])))
    return rows


def summary_points(block: Block) -> list[str]:
    return [item for item in list_items(block.text) if len(item.split()) >= 4]


def sentences(block: Block) -> list[str]:
    """Whole prose sentences of the block: none cut at a chunk edge, no list debris."""
    text = plain(block.text)
    out = []
    for paragraph in text.split("\n\n"):
        if _LIST_ITEM.match(paragraph) or "|" in paragraph:
            continue
        flat = " ".join(paragraph.split())
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", flat):
            words = sentence.split()
            if 6 <= len(words) <= 45 and sentence[0].isupper() and sentence[-1] in ".!?":
                if not _BOOK_REFERENCE.search(sentence):
                    out.append(sentence)
    return out


def repetitive(text: str, phrase: int = 5, times: int = 3) -> bool:
    """A 5-word phrase 3 or more times: the rule the product's loop check and the
    evaluation apply to every text, which a long quoted solution can trip."""
    found = re.findall(r"\w+", text.casefold())
    counts: dict[tuple[str, ...], int] = {}
    for i in range(len(found) - phrase + 1):
        key = tuple(found[i : i + phrase])
        counts[key] = counts.get(key, 0) + 1
        if counts[key] >= times:
            return True
    return False

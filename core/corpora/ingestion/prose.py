"""Text laid out for print, made to read as prose before it is split.

PDF text, and text files that were extracted from PDFs upstream, carry the
page's line breaks: a word split by a line-end hyphen, a sentence broken every
sixty characters, one word per line in justified columns. Passages quoted from
them read badly and match worse. Here lines inside a paragraph are joined (a
line-end hyphen joins its word, or stays where the document writes the
compound: see ``hyphens``), while Markdown structure is left as it is:
headings, list items, tables, block quotes, rules, HTML and code (fenced or
indented) keep their own lines, and blank lines still separate paragraphs.
A line that ends a sentence and is clearly shorter than the text's full lines
ends its paragraph (the blank line a PDF does not have).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.corpora.ingestion.hyphens import LEADING_WORD, TRAILING_WORD, Vocabulary, keeps_hyphen
from core.corpora.ingestion.running_lines import drop_running_lines, drop_running_lines_in_text

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_STRUCTURE = re.compile(
    r"""^\s*(?:
        \#{1,6}(?:\s|$)          # heading
      | \|                       # table row
      | >                        # block quote
      | [-*+](?:\s|$)            # bullet
      | \d{1,3}[.)](?:\s|$)      # numbered item
      | <                        # HTML
      | !\[                      # image
      | ([-*_=])(?:\s*\1){2,}\s*$  # rule or setext underline
    )""",
    re.VERBOSE,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])(?:\s|$)")
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_DASH_END = re.compile(r"[—–]$")
_BLANK_RUNS = re.compile(r"\n{3,}")
# A line shorter than this share of the text's full lines, ending a sentence,
# ends its paragraph.
SHORT_LINE = 0.75


def _is_structure(line: str) -> bool:
    return bool(_STRUCTURE.match(line))


def _full_line_length(lines: list[str]) -> int:
    """The length of a full line: the 80th percentile of the prose lines."""
    lengths = sorted(len(s) for s in (line.strip() for line in lines) if s)
    return lengths[int(0.8 * (len(lengths) - 1))] if lengths else 0


@dataclass
class _Paragraph:
    """The lines being joined, kept as parts so joining stays linear."""

    parts: list[str] = field(default_factory=list)
    last_line: str = ""
    line_before: str = ""

    def add(self, part: str, line: str) -> None:
        self.parts.append(part)
        self.line_before, self.last_line = self.last_line, line

    def text(self) -> str:
        return "".join(self.parts)


class _Joiner:
    def __init__(self, text: str, vocabulary: Vocabulary):
        self.lines = text.split("\n")
        self.vocabulary = vocabulary
        self.full = _full_line_length([x for x in self.lines if not _is_structure(x)])
        self.out: list[str] = []
        self.paragraph: _Paragraph | None = None

    def flush(self) -> None:
        if self.paragraph is not None:
            self.out.append(self.paragraph.text())
            self.paragraph = None

    def emit(self, line: str) -> None:
        self.flush()
        self.out.append(line)

    def ends_paragraph(self, line: str, following: str) -> bool:
        """Whether the physical ``line`` ends its paragraph, ``following`` being next."""
        short = self.full * SHORT_LINE
        if following[0].islower() or line[-1] in ",-–—" or len(line) >= short:
            return False
        if not _SENTENCE_END.search(line):
            return True  # a short line before a capital: a heading or a title's line
        # One word per line (justified columns): a short line after a short line.
        before = self.paragraph.line_before if self.paragraph else ""
        return not (before and len(before) < short)

    def join(self, stripped: str) -> None:
        paragraph = self.paragraph
        previous = paragraph.parts[-1]
        if previous.endswith("-") and not previous.endswith(("--", " -")):
            trailing = TRAILING_WORD.search(previous)
            right = LEADING_WORD.match(stripped)
            left = trailing.group()[:-1] if trailing else ""
            if right and left and not keeps_hyphen(left, right.group(), self.vocabulary):
                paragraph.parts[-1] = previous[:-1]
            paragraph.add(stripped, stripped)
        elif _DASH_END.search(previous):
            paragraph.add(stripped, stripped)
        else:
            paragraph.add(" " + stripped, stripped)

    def run(self) -> str:
        fence, indented_code, in_list = "", False, False
        for raw in self.lines:
            line = raw.rstrip()
            stripped = line.strip()
            if fence:
                self.emit(line)
                fence = "" if stripped.startswith(fence) else fence
                continue
            opening = _FENCE.match(line)
            if opening:
                fence = opening.group(1)
                self.emit(line)
                continue
            if not stripped:
                indented_code = False
                self.emit("")
                continue
            starts_block = not self.out or self.out[-1] == "" and self.paragraph is None
            if starts_block and (raw.startswith("    ") or raw.startswith("\t")) and not in_list:
                indented_code = True
            if indented_code:
                self.emit(line)
                continue
            if starts_block and not raw[:1].isspace():
                in_list = bool(_LIST_ITEM.match(line))
            self.add(line, stripped)
        self.flush()
        return "\n".join(self.out)

    def add(self, line: str, stripped: str) -> None:
        if _is_structure(line) and not _LIST_ITEM.match(line):
            self.emit(line)
            return
        paragraph = self.paragraph
        if (
            paragraph is None
            or _LIST_ITEM.match(line)
            or self.ends_paragraph(paragraph.last_line, stripped)
        ):
            self.flush()
            self.paragraph = _Paragraph()
            self.paragraph.add(line, stripped)
            return
        self.join(stripped)


def join_lines(text: str, vocabulary: Vocabulary | None = None) -> str:
    """``text`` with the lines of each paragraph joined into one line and words
    broken by a line-end hyphen made whole; structure lines kept as they are."""
    if "\n" not in text:
        return text
    return _Joiner(text, vocabulary or Vocabulary(text)).run()


def clean_text(text: str) -> str:
    """A text file's text as prose: running lines dropped where it has page
    markers (it was a PDF), then the lines of each paragraph joined."""
    return join_lines(drop_running_lines_in_text(text))


def clean_pages(pages: list[str]) -> list[str]:
    """A PDF's page texts as prose: running headers, footers and page numbers
    dropped, then each page's paragraphs joined, with the whole document as the
    vocabulary that decides line-end hyphens."""
    pages = drop_running_lines(pages)
    vocabulary = Vocabulary("\n".join(pages))
    return [_BLANK_RUNS.sub("\n\n", join_lines(page, vocabulary)).strip() for page in pages]

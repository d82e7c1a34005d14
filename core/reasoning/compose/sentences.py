"""Passages cut into the sentences an answer may quote.

Retrieved chunks are Markdown cut at a token budget, so a chunk may start or
end inside a sentence. What is not prose is left out: headings, figure
blocks and captions, tables, indented equations, exercise and teacher boxes,
lead-ins ending in a colon, questions. List items are sentences of their own.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import regex

from core.reasoning.compose.words import STOPWORDS

ABBREVIATIONS = frozenset(
    """e.g i.e dr mr mrs ms prof st vs fig figs eq eqs no nos approx cf al ca vol pp ch sec
    ref jan feb mar apr jun jul aug sep sept oct nov dec u.s a.m p.m inc ltd co""".split()
)
MIN_WORDS = 4
MAX_WORDS = 80
# A longer sentence (a list of names, a run of clauses) is quoted in windows of whole
# clauses of at most this many words, each marked as cut with an ellipsis.
CLAUSE_WINDOW = 30
LONGEST_CLIPPED = 320

_HEADING = re.compile(r"^#{1,6}\s")
_QUOTE_MARKS = re.compile(r"^(\s*>\s?)+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)]|[a-z][.)])\s+")
_CIRCLED = re.compile(r"^[\u2460-\u24ff]\s*")
_TEACHER_TAGS = re.compile(r"^(?:\[[A-Z]{2}\])+")
_BOLD_LINE = re.compile(r"^\*\*[^*]+\*\*:?$")
_LABEL = re.compile(r"^\*\*([^*]{1,40}?)[:.]?\*\*:?")
_CAPTION = re.compile(
    r"^[*_]*(?:Figure|Fig\.|Table|Image|Photo|Chart|Graph)\s+[\dIVX]+(?:[.\-]\d+)*\b", re.I
)
_FIGURE_BLOCK = re.compile(r"^\[(?:Figure|Image|Table|Chart)\b.*\]$", re.I)


def is_caption(line: str) -> bool:
    """A figure block ("[Figure: ...]") or a caption ("Figure 3.2 A cart ..."):
    never prose to quote, never an item a reader is shown as text."""
    line = line.strip()
    return bool(_FIGURE_BLOCK.match(line) or _CAPTION.match(line))


# Boxes whose text is not the subject itself: exercises, worked examples, notes to teachers.
_SKIPPED_BOXES = re.compile(
    r"^(?:exercise|try|example|problem|solution|answer|hint|be prepared|manipulative|"
    r"teacher|snap lab|check your understanding|practice|mixed practice)",
    re.I,
)
_LINE_LABELS = re.compile(r"^(?:problem|solution|answer|hint|step \d+)$", re.I)
# "(see the figure) shows …": a figure reference standing where the book had "Figure 3 shows".
_SEE = r"\(see\s[^()]{1,40}\)"
_BOUNDARY = regex.compile(
    r"(?<=[.!?…][\"”’)\]*_]*)\s+(?=[\"“‘(\[*_]*[\p{Lu}\p{N}\p{Lo}]|" + _SEE + r")"
    r"|(?<=[。！？；])|(?<=[।॥])\s*"
)
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.\-]*")
_TAG = re.compile(r"</?[A-Za-z!][^<>]{0,200}>")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LATEX = re.compile(r"\\[A-Za-z]{2,}|\\[(\[]|\$\$")
# Encyclopedia editors' marks, not the text: "[citation needed]", "[who?]",
# "[dubious – discuss]", "[update]", "[note 3]", and the Hindi and Chinese ones.
_EDITORS_MARK = regex.compile(
    r"\[(?:[a-z][a-z ]{0,30}\bneeded|[a-z][a-z ]{0,30}\?|[a-z][a-z ]{0,20}\s[–—-]\s?discuss"
    r"|update|updated|note \d{1,3}|nb \d{1,3}"
    r"|[\p{Devanagari} ]{1,30}आवश्यकता|अद्यतन|अधतन|更新|來源請求|来源请求|需要引用)\]"
)
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?])")
# A sentence that opens with a pronoun or a connective pointing back ("This force …",
# "In this case, …", "Therefore …") is quoted with the sentence it leans on.
_LEANS_BACK = re.compile(
    r"^[*_\"“(]*(?:this|these|that|those|such|it|its|they|their|he|she|his|her"
    r"|in (?:this|that|such a|either|each) case"
    r"|all this|(?:all|each|both|none|some|many|most|several|one) of (?:this|that|these|those|them)"
    r"|in other words|as a result|therefore|thus|hence|otherwise|instead)\b",
    re.I,
)
LEAD_MAX_WORDS = 40
# "He died in 1259 …": a sentence about a person named earlier in its paragraph, not
# always in the sentence just before ("Möngke Khan commenced a campaign … The force …
# was far greater … He died in 1259"). The name is matched with it, not quoted.
_PERSONAL = re.compile(r"^[*_\"“(]*(?:he|she|his|her)\b", re.I)
# A name as the subject: capitalised words, then a word in lower case ("Kublai was …",
# "Al-Muwaffaq’s contributions …").
_NAME_START = regex.compile(
    r"^[*_\"“(]*((?:\p{Lu}[\p{L}\p{M}\-]+\s+){0,3}\p{Lu}[\p{L}\p{M}\-]+)(['’]s)?\s+\p{Ll}"
)
REFERENT_REACH = 3  # sentences back
_NAMES_A_TERM = re.compile(r"\*\*[^*]+\*\*|__[^_]+__")
# Words that open a sentence capitalised without naming anyone ("The …", "However, …").
_NOT_NAMES = STOPWORDS | frozenset("however although since later early many two three".split())


@dataclass(frozen=True)
class Sentence:
    """One quotable sentence of source ``n``, ``index`` its place in that passage.

    ``lead`` is the sentence before it when this one leans on it ("This force
    is called friction."): the two are matched and quoted together."""

    n: int
    index: int
    text: str
    lead: str = ""
    about: str = ""  # the person a "He …" sentence is about, named earlier
    # The sentence after it in its paragraph, when that one names no term of its own:
    # a book names a term in bold and says more of it next ("Pure **constructive
    # interference** occurs when … . When waves are exactly in phase, the crests …").
    after: str = ""

    @property
    def quote(self) -> str:
        return f"{self.lead} {self.text}" if self.lead else self.text

    @property
    def matched(self) -> str:
        """What a question is matched against: the quote and whom it is about."""
        return f"{self.about} {self.quote}" if self.about else self.quote


def _last_word(piece: str) -> tuple[str, str]:
    """The word before the final period of ``piece``, and the word before that."""
    found = re.search(r"(\S*)\s+([A-Za-z][A-Za-z.]*)\.\W*$|^([A-Za-z][A-Za-z.]*)\.\W*$", piece)
    if not found:
        return "", ""
    return (found.group(2) or found.group(3) or ""), found.group(1) or ""


def _ends_sentence(piece: str) -> bool:
    word, before = _last_word(piece)
    if word.lower() in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():
        # "+50 N." is a unit ending a sentence; "J. Smith" an initial.
        return bool(re.fullmatch(r"[+\-−]?[\d.,]+", before))
    return True


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph of prose; an abbreviation or an initial does not end one."""
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        piece = paragraph[start : match.start()]
        if not _ends_sentence(piece):
            continue
        pieces.append(piece)
        start = match.end()
    pieces.append(paragraph[start:])
    return [p.strip() for p in pieces if p.strip()]


def _is_equation(line: str) -> bool:
    letters = sum(ch.isalpha() for ch in line)
    return letters < 0.5 * len(line.replace(" ", "")) or (
        "=" in line and len(_WORD.findall(line)) < 6
    )


def paragraphs(text: str) -> list[tuple[str, bool]]:
    """The prose paragraphs and list items (marked True) of a Markdown passage, in order."""
    out: list[tuple[str, bool]] = []
    current: list[str] = []
    skipping_box = False

    def flush() -> None:
        if current:
            out.append((" ".join(current), False))
            current.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        quoted = _QUOTE_MARKS.match(raw)
        depth = quoted.group(0).count(">") if quoted else 0
        line = raw[quoted.end() :] if quoted else raw
        # Inline HTML, entities and images are not prose; the page would show them raw.
        line = html.unescape(_IMAGE.sub("", _TAG.sub("", line)))
        line = _EDITORS_MARK.sub("", line)
        line = _SPACE_BEFORE_STOP.sub(r"\1", line)
        if not depth:
            skipping_box = False
        if not line.strip():
            flush()
            continue
        if line.startswith(("    ", "\t")) or line.lstrip().startswith(("```", "|", "$$")):
            flush()
            continue
        line = line.strip()
        label = _LABEL.match(line)
        if depth and label and _SKIPPED_BOXES.match(label.group(1)):
            skipping_box = True
        if skipping_box or depth > 1:
            flush()
            continue
        if label and _LINE_LABELS.match(label.group(1).strip()):
            flush()
            continue
        if (
            _HEADING.match(line)
            or _BOLD_LINE.match(line)
            or is_caption(line)
            or _TEACHER_TAGS.match(line)
        ):
            flush()
            continue
        item = _LIST_ITEM.match(line)
        if item:
            flush()
            line = _CIRCLED.sub("", line[item.end() :])
            if line and not _is_equation(line) and not _BOLD_LINE.match(line):
                out.append((line, True))
            continue
        if _is_equation(line):
            flush()
            continue
        current.append(line)
    flush()
    return out


_NO_SPACE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")


def word_count(sentence: str) -> float:
    """Words by spaces; a Chinese or Japanese character counts as half a word."""
    characters = len(_NO_SPACE.findall(sentence))
    return len(_WORD.findall(_NO_SPACE.sub(" ", sentence))) + characters / 2


_PROSE_TOKEN = regex.compile(r"[\p{L}\p{N}$][\p{L}\p{M}\p{N}'’.,\-/$%]*")  # "1,234" one
_LATIN_WORD = regex.compile(r"^\p{Latin}[\p{Latin}\p{M}'’.\-]*$")
# Prose in a spaced script has function words and is not mostly numbers: the axis
# labels of a chart extracted from a PDF ("Jan-24 Mar-24 … US$/mt 80 90 100") are not.
MOST_NUMBERS = 0.5
FUNCTION_WORDS_FROM = 8  # a run of this many English words with no function word is a label list


def reads_as_prose(text: str) -> bool:
    """Whether ``text`` reads as prose rather than a run of labels or numbers."""
    words = [w.rstrip(".,") for w in _PROSE_TOKEN.findall(_NO_SPACE.sub(" ", text))]
    if not words:
        return True
    numbers = sum(any(ch.isdigit() for ch in w) for w in words)
    if numbers > MOST_NUMBERS * (len(words) + len(_NO_SPACE.findall(text)) / 2):
        return False
    latin = [w.casefold().strip("'’-") for w in words if _LATIN_WORD.match(w)]
    if len(latin) < FUNCTION_WORDS_FROM or len(latin) < len(words) / 2:
        return True
    return any(w in STOPWORDS for w in latin)


def _quotable(sentence: str) -> bool:
    count = word_count(sentence)
    if not MIN_WORDS <= count <= MAX_WORDS or not reads_as_prose(sentence):
        return False
    if sentence.rstrip("*_ ").endswith((":", "?", "？")) or _TAG.search(sentence):
        return False
    if _LATEX.search(sentence):  # the page has no maths typesetting
        return False
    return not _CAPTION.match(sentence)


def _fragment(sentence: str) -> bool:
    """Starts inside a sentence: cut by the chunker, or continuing after an equation."""
    if regex.match(_SEE, sentence):
        return False
    first = regex.search(r"[\p{L}\p{N}+\-−–,;:)]", sentence)
    return bool(first) and (first.group(0).islower() or first.group(0) in "+-−–,;:)")


def _unfinished(sentence: str) -> bool:
    return not regex.search(r"[.!?…。！？।)\]”’\"*_]$", sentence.rstrip())


def _usable_lead(piece: str) -> bool:
    return not _fragment(piece) and len(_WORD.findall(piece)) <= LEAD_MAX_WORDS


def _lead_for(pieces: list[tuple[str, bool, int]], i: int) -> str:
    """The sentence piece ``i`` leans on: the one before it in its paragraph when
    it starts "This …"/"It …" (its last clauses when it is long), or the lead-in
    ending in a colon of its list."""
    piece, item, para = pieces[i]
    if i and _LEANS_BACK.match(piece) and pieces[i - 1][2] == para:
        before = pieces[i - 1][0]
        if _usable_lead(before):
            return before
        if _fragment(before) or word_count(before) > LONGEST_CLIPPED:
            return ""
        windows = clause_windows(before)  # a long one: its last clauses, nearest "This"
        return windows[-1] if windows else ""
    if item and (i == 0 or pieces[i - 1][2] != para):  # the first sentence of an item
        j = i - 1
        while j >= 0 and pieces[j][1]:
            j -= 1
        if j >= 0 and pieces[j][0].rstrip("*_ ").endswith(":") and _usable_lead(pieces[j][0]):
            return pieces[j][0]
    return ""


def _referent(pieces: list[tuple[str, bool, int]], i: int) -> tuple[str, int]:
    """For a sentence that opens with he/she/his/her: the name opening the nearest
    earlier sentence of its paragraph, and that sentence's place; ("", -1) otherwise."""
    piece, _, para = pieces[i]
    if not _PERSONAL.match(piece):
        return "", -1
    for j in range(i - 1, max(-1, i - 1 - REFERENT_REACH), -1):
        if pieces[j][2] != para:
            break
        name = _NAME_START.match(pieces[j][0])
        if name and _is_name(name.group(1).split(), pieces, bool(name.group(2))):
            return name.group(1), j
    return "", -1


def _is_name(words: list[str], pieces: list[tuple[str, bool, int]], possessive: bool) -> bool:
    """Whether capitalised ``words`` opening a sentence are a name: two or more
    ("Möngke Khan"), one in the possessive ("Al-Muwaffaq’s …"), or one capitalised
    inside a sentence of the passage too ("… succeeded Kublai"), not a word that
    opens a sentence ("Gaining …")."""
    word = words[0]
    if word.casefold() in _NOT_NAMES:
        return False
    if len(words) > 1 or possessive:
        return True
    inside = regex.compile(rf"[\p{{Ll}},;]\s+{regex.escape(word)}\b")
    return any(inside.search(piece) for piece, _, _ in pieces)


def _sentence(n: int, pieces: list[tuple[str, bool, int]], i: int) -> Sentence:
    """Piece ``i`` as a Sentence; one about a person named two or three sentences
    before is quoted after the naming one, the skipped ones marked "…"."""
    about, j = _referent(pieces, i)
    lead = _lead_for(pieces, i)
    if 0 <= j < i - 1 and _usable_lead(pieces[j][0]):
        lead = f"{pieces[j][0]} …"
    after = ""
    if i + 1 < len(pieces) and pieces[i + 1][2] == pieces[i][2]:
        following = pieces[i + 1][0]
        if _usable_lead(following) and not _NAMES_A_TERM.search(following):
            after = following
    return Sentence(n, i, pieces[i][0], lead, about, after)


def quotable_sentences(n: int, text: str) -> list[Sentence]:
    """The sentences of passage ``n`` an answer may quote, in passage order.

    Pieces that start or end inside a sentence (cut by the chunker, or broken
    by an equation) are left out; a list item needs no final stop."""
    pieces = [
        (piece, item, p)
        for p, (para, item) in enumerate(paragraphs(text))
        for piece in split_sentences(para)
    ]
    out: list[Sentence] = []
    for i, (piece, item, _) in enumerate(pieces):
        if _fragment(piece) or (not item and _unfinished(piece)):
            continue
        if _quotable(piece):
            out.append(_sentence(n, pieces, i))
        elif MAX_WORDS < word_count(piece) <= LONGEST_CLIPPED:
            out += [Sentence(n, i, w) for w in clause_windows(piece) if _quotable_window(w)]
    return out


_CLAUSE_END = regex.compile(r"(?<=[,;，；、])(?!(?<=\d,)\d)\s*")  # "8,000" is one number


def clause_windows(sentence: str) -> list[str]:
    """A long sentence as runs of whole clauses of at most ``CLAUSE_WINDOW`` words,
    each overlapping the next by one clause, with "…" where the sentence was cut."""
    clauses = [c for c in _CLAUSE_END.split(sentence) if c.strip()]
    windows = []
    for start in range(len(clauses)):
        end, words = start, 0.0
        while end < len(clauses) and words + word_count(clauses[end]) <= CLAUSE_WINDOW:
            words += word_count(clauses[end])
            end += 1
        if end == start:
            continue
        text = " ".join(c.strip() for c in clauses[start:end]).rstrip(",;，；、 ")
        windows.append(("… " if start else "") + text + (" …" if end < len(clauses) else ""))
        if end == len(clauses):
            break
    return windows


def _quotable_window(window: str) -> bool:
    return (
        MIN_WORDS <= word_count(window)
        and reads_as_prose(window)
        and not _TAG.search(window)
        and not _LATEX.search(window)
    )

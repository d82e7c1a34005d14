"""Words, stems, citations and the sentence structure of model text: what
every check reads. Plain functions over strings, no state."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# \w misses the vowel signs of Indic scripts (category Mc/Mn): add the marks.
_MARKS = "\u0300-\u036f\u0591-\u05c7\u064b-\u065f\u0670\u06d6-\u06ed\u0900-\u0dff\u0e00-\u0eff"
WORD = re.compile(rf"[\w{_MARKS}]+(?:['’][\w{_MARKS}]+)*")
# The renderer's own citation syntax (core.text.markdown): [n] and [n, m].
CITATION = re.compile(r"\[\s*(\d{1,3}(?:\s*[,;]\s*\d{1,3})*)\s*\]")
LETTER = re.compile(rf"[^\W\d_]|[{_MARKS}]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
TAG_LIKE = re.compile(r"</?[A-Za-z|｜][^<>\n]{0,300}>")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "‐": "-", "‑": "-"})

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because
    been before being below between both but by can can't cannot could couldn't did didn't do
    does doesn't doing don't down during each either else etc even ever every few for from
    further had hadn't has hasn't have haven't having he her here hers herself him himself his
    how however i if in into is isn't it it's its itself just let let's like may me might more
    most much must my myself neither no nor not now of off often on once one only or other our
    ours ourselves out over own per quite rather same several shall she should shouldn't since
    so some such than that that's the their theirs them themselves then there there's these
    they this those though through thus to too two three under until up upon us very via was
    wasn't we were weren't what what's when where whether which while who whom whose why will
    with within without would wouldn't another yet you your yours yourself also i'm i'll i've we're
    we'll you're they're it'll
    है हैं का की के में और से को यह एक पर भी था थे थी तो ही जो कि हो होता होती होते लिए गया
    गई किया कर करता करती करते वह इस उस या ये वे
    এবং একটি এই যে না হয় থেকে করে তার ও কে""".split()
)
# Words that carry no content of their own in an answer: "The answer is [1]."
FILLER = frozenset(
    """answer answers answered question questions source sources passage passages number numbers
    text information info based according provided given following follows sure certainly
    course okay ok yes true false correct incorrect right wrong hope helps help helpful glad
    happy here note see refer mentioned states stated says said say explain explained rule
    rules cite cited citation citations bracket brackets fact facts use using used find found
    please thank thanks example shown above below previous mentioned context document documents
    option options choice write written markdown mention term terms called known means mean
    meaning refer refers referring referred good great luck welcome feel free ask""".split()
)
_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc|approx|vs|cf|no|fig|eq)\.", re.I)


def normalise(text: str) -> str:
    """NFKC, case-folded, straight quotes: the form words are compared in."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()


def words(text: str) -> list[str]:
    return WORD.findall(normalise(text))


@lru_cache(maxsize=65536)
def _normal_word(word: str) -> str:
    return normalise(word)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem that makes "waves"/"wave", "propagates"/"propagation" meet."""
    word = word.removesuffix("'s")
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)] + repl
            break
    return word[:6]


def is_content(word: str) -> bool:
    return not word.isdigit() and len(word) > 1 and word not in STOPWORDS and word not in FILLER


def content_keys(text: str) -> set[str]:
    """Stems of the words of ``text`` that carry content."""
    return {stem(w) for w in words(text) if is_content(w)}


def citations_in(text: str) -> list[int]:
    return [int(n) for m in CITATION.finditer(text) for n in re.findall(r"\d+", m.group(1))]


def prose(text: str) -> str:
    """The text with its citations and HTML-like tags taken out (tags are the markup
    check's business, and the words in their attributes say nothing)."""
    return TAG_LIKE.sub(" ", CITATION.sub(" ", text))


def script_of(text: str) -> str:
    """ "latin", "other" or "" (no letters): enough to tell whether two texts can share words."""
    sample = text[:2000]
    latin, letters = len(_LATIN.findall(sample)), len(LETTER.findall(sample))
    if not letters:
        return ""
    return "latin" if latin >= letters - latin else "other"


# --- structure ----------------------------------------------------------------------

_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+")
_ROW = re.compile(r"^\s*\|")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^\s*(#{1,6}\s|\*\*[^*]+\*\*:?\s*$|__[^_]+__:?\s*$)")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?।。！？])[\"')\]*_]*\s+")


@dataclass(frozen=True)
class Unit:
    """A paragraph, list item, table row or heading: the groups citations cover."""

    kind: str  # "paragraph", "item", "row", "header", "heading"
    text: str
    block: int  # units of one list or one table share a block number
    lead: int | None  # the index of the paragraph that introduces this list or table


def units(text: str) -> list[Unit]:
    """The text's units, code blocks left out (code is not prose)."""
    out: list[Unit] = []
    block, in_code, paragraph = 0, False, []
    last_kind = ""

    def flush() -> None:
        nonlocal block, last_kind
        if paragraph:
            block += 1
            out.append(Unit("paragraph", " ".join(paragraph), block, None))
            paragraph.clear()
            last_kind = "paragraph"

    for raw in text.splitlines():
        line = re.sub(r"^\s*(>\s?)+", "", raw)
        if line.lstrip().startswith(("```", "~~~")):
            flush()
            in_code = not in_code
            last_kind = ""
            continue
        if in_code:
            continue
        if not line.strip() or _RULE.match(line):
            flush()
            last_kind = "" if last_kind in ("paragraph", "heading") else last_kind
            continue
        if _HEADING.match(line):
            flush()
            block += 1
            out.append(Unit("heading", line.strip(), block, None))
            last_kind = "heading"
            continue
        kind = "row" if _ROW.match(line) else "item" if _ITEM.match(line) else ""
        if not kind:
            if last_kind == "item" and raw[:1].isspace():  # an item's continuation line
                last = out[-1]
                out[-1] = Unit("item", f"{last.text} {line.strip()}", last.block, last.lead)
                continue
            paragraph.append(line.strip())
            continue
        flush()
        if _TABLE_RULE.match(line):
            if out and out[-1].kind == "row":  # the row above the rule is the header
                out[-1] = Unit("header", out[-1].text, out[-1].block, out[-1].lead)
            continue
        if last_kind != kind:
            block += 1
        lead = _lead_for(out, block)
        out.append(Unit(kind, _ITEM.sub("", line, count=1).strip(), block, lead))
        last_kind = kind
    flush()
    return out


def _lead_for(out: list[Unit], block: int) -> int | None:
    if out and out[-1].block == block:
        return out[-1].lead
    if out and out[-1].kind == "paragraph":
        return len(out) - 1
    return None


def sentences(text: str) -> list[str]:
    """Sentences of one unit; citations written after the full stop ("pull. [1]")
    belong to the sentence before them."""
    protected = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", "\x00"), text)
    out: list[str] = []
    for piece in _SENTENCE_END.split(protected):
        piece = piece.replace("\x00", ".").strip()
        if not piece:
            continue
        lead = re.match(r"^(?:\s*\[\s*\d{1,3}(?:\s*[,;]\s*\d{1,3})*\s*\])+[.,;]?", piece)
        if lead and out:
            out[-1] += " " + lead.group(0)
            piece = piece[lead.end() :].strip()
            if not piece:
                continue
        out.append(piece)
    return out


def quote(text: str, limit: int = 80) -> str:
    """A short quotation of model text for a failure's detail sentence."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Token:
    word: str  # normalised
    start: int
    end: int
    citation: bool  # a number inside [n]


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Words of ``text`` with their places (shifted by ``offset``)."""
    cited = [m.span() for m in CITATION.finditer(text)]
    out, spans = [], iter(cited)
    span = next(spans, None)
    for match in WORD.finditer(text):
        while span and span[1] <= match.start():
            span = next(spans, None)
        inside = bool(span and span[0] <= match.start() < span[1])
        word = _normal_word(match.group())
        out.append(Token(word, match.start() + offset, match.end() + offset, inside))
    return out

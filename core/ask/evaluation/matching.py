"""Does an answer name its term? The matching rules of the answer evaluation."""

from __future__ import annotations

import re
import unicodedata

import regex

COPIED_RUN = 3  # words: a shorter run shared with the question is a coincidence, not a copy

_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "‟": '"'}
)
_HYPHENS = re.compile(r"[-‐‑‒–—―−]")
# A word is letters plus their combining marks (Devanagari and Bengali vowel signs stay in it).
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:'[\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*")
_NO_SPACE_SCRIPT = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
CITATION = re.compile(r"\[\s*\d{1,3}(?:\s*[,;]\s*\d{1,3})*\s*\]")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_LINE_MARK = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:#{1,6}[ \t]+|(?:[-*+•]|\d{1,3}[.)])[ \t]+)?", re.M)
_EMPHASIS = re.compile(r"[*_~`|]")


def normalise(text: str) -> str:
    """NFKC, curly quotes made straight, case-folded."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()


def strip_markdown(text: str) -> str:
    """The words a reader sees: links and images by their text, no heading, quote or
    list marks, no emphasis, code or table marks (each made a space)."""
    text = _LINK.sub(r"\1", text)
    text = _LINE_MARK.sub("", text)
    return _EMPHASIS.sub(" ", text)


def words_of(text: str) -> list[str]:
    """Normalised words, Markdown stripped, hyphens read as spaces."""
    return _WORD.findall(_HYPHENS.sub(" ", strip_markdown(normalise(text))))


def term_variants(term: str) -> list[list[str]]:
    """The word sequences that name ``term``: X and Y of "X (Y)", else the term."""
    found = re.fullmatch(r"\s*(.+?)\s*\(([^()]+)\)\s*", term)
    parts = [found.group(1), found.group(2)] if found else [term]
    return [w for w in (words_of(p) for p in parts) if w]


def _occurrences(words: list[str], phrase: list[str]) -> list[int]:
    size = len(phrase)
    return [i for i in range(len(words) - size + 1) if words[i : i + size] == phrase]


def copied_runs(answer: list[str], question: list[str]) -> list[tuple[int, int]]:
    """(start, end) of the longest run of ``answer`` words also in ``question``, in
    order and contiguous, ending at each answer word (runs of COPIED_RUN or more)."""
    runs, previous = [], [0] * (len(question) + 1)
    for i, word in enumerate(answer):
        current = [0] * (len(question) + 1)
        for j, other in enumerate(question, 1):
            if word == other:
                current[j] = previous[j - 1] + 1
        longest = max(current)
        if longest >= COPIED_RUN:
            runs.append((i + 1 - longest, i + 1))
        previous = current
    return runs


def names_term(answer: str, term: str, question: str) -> bool:
    """Does ``answer`` name ``term`` in its own words (see the module docstring)?"""
    said = words_of(answer)
    runs = copied_runs(said, words_of(question))
    for variant in term_variants(term):
        size = len(variant)
        for start in _occurrences(said, variant):
            inside = any(s <= start and start + size <= e and e - s > size for s, e in runs)
            if not inside:
                return True
    return False


def contains_own_term(question: str, term: str) -> bool:
    if _NO_SPACE_SCRIPT.search(term):
        return _squeezed(term) in _squeezed(question)
    asked = words_of(question)
    return any(_occurrences(asked, variant) for variant in term_variants(term))


def _squeezed(text: str) -> str:
    """Normalised, Markdown stripped, citations and every space and mark of punctuation out."""
    plain = strip_markdown(normalise(CITATION.sub(" ", text)))
    return "".join(regex.findall(r"[\p{L}\p{M}\p{N}]+", plain))


def names_answer(answer: str, golds: tuple[str, ...] | list[str], question: str) -> bool:
    """Does ``answer`` hold one of the gold answers? Whole words for spaced scripts (see
    ``names_term``); a substring for Chinese and Japanese, which have no spaces."""
    for gold in golds:
        if _NO_SPACE_SCRIPT.search(gold):
            if _squeezed(gold) and _squeezed(gold) in _squeezed(answer):
                return True
        elif names_term(answer, gold, question):
            return True
    return False


def shown_words(text: str) -> float:
    """Words by spaces, a Chinese or Japanese character counting as half a word."""
    plain = strip_markdown(CITATION.sub(" ", text))
    characters = len(_NO_SPACE_SCRIPT.findall(plain))
    spaced = [w for w in _NO_SPACE_SCRIPT.sub(" ", plain).split() if regex.search(r"\w", w)]
    return len(spaced) + characters / 2

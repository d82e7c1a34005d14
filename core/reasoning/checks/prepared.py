"""What the checks derive from an Evidence, computed once per Evidence (it is
hashable) so that checking many texts, or a stream, against one prompt costs
only the text's own share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.reasoning.checks.numbers import SupportedNumbers
from core.reasoning.checks.report import Evidence
from core.reasoning.checks.text import CITATION, content_keys, script_of, words

ECHO_GRAM = 6  # words: a copied run of the prompt is found by its 6-word pieces
# Tags and their attributes are the prompt's own scaffolding (<source id="1" where="…">);
# their echo is a markup failure, and a title in them is not the prompt's wording.
_TAG = re.compile(r"[<‹][^<>]{0,300}>")
_LABEL = re.compile(r"\b([A-Z]{3,})\s+(\d{1,2})\b")
# The rules ask the model to say when the sources lack the answer; saying so in the
# rule's words ("the sources do not contain the answer") is obeying them, not an echo.
_SOURCE_WORDS = frozenset("source sources passage passages text texts document documents".split())
_NEGATIONS = frozenset("not no don't doesn't cannot can't nothing".split())
_LACK_VERBS = frozenset(
    "contain contains cover covers say says mention mentions include includes answer have has "
    "provide provides give gives discuss discusses explain explains".split()
)


@dataclass(frozen=True)
class Prepared:
    source_keys: tuple[frozenset[str], ...]  # per passage: content stems and numbers
    known_keys: frozenset[str]  # every passage and fact
    fact_keys: frozenset[str]
    fact_numbers: SupportedNumbers  # what the computed facts alone support
    question_keys: frozenset[str]
    source_script: str
    numbers: SupportedNumbers
    scaffold: frozenset[tuple[str, ...]]  # 6-word pieces of the prompt that are not data
    instruction_grams: dict[int, frozenset[tuple[str, ...]]]  # size -> pieces
    labels: frozenset[str]  # "SECTION 1", "PART 2": the prompt's outline labels, not the data's
    source_chars: frozenset[str]
    source_text: str  # every passage, one after another
    answer_found: bool = False  # Evidence.answer_found


def grams(sequence: list[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(sequence[i : i + size]) for i in range(len(sequence) - size + 1)}


def overlap_keys(text: str) -> frozenset[str]:
    """Content stems, plus numbers of two digits or more, that a cited passage must share."""
    return frozenset(content_keys(text) | {w for w in words(text) if w.isdigit() and len(w) > 1})


def _says_sources_lack(piece: tuple[str, ...]) -> bool:
    found = set(piece)
    return bool(found & _SOURCE_WORDS and found & _NEGATIONS and found & _LACK_VERBS)


def _labels(texts: tuple[str, ...]) -> set[str]:
    return {f"{m.group(1)} {m.group(2)}" for text in texts for m in _LABEL.finditer(text)}


@lru_cache(maxsize=64)
def prepare(evidence: Evidence) -> Prepared:
    data = (*evidence.sources, *evidence.facts, evidence.question)
    data_grams: set[tuple[str, ...]] = set()
    for text in data:
        sequence = words(text)
        for size in range(4, ECHO_GRAM + 1):
            data_grams |= grams(sequence, size)
    scaffold: set[tuple[str, ...]] = set()
    for piece in _TAG.split(evidence.prompt):  # no piece spans a tag: "…through. <source> The…"
        scaffold |= grams(words(CITATION.sub(" ", piece)), ECHO_GRAM)  # as the text is read
    scaffold = {g for g in scaffold - data_grams if not _says_sources_lack(g)}
    instruction_grams: dict[int, set[tuple[str, ...]]] = {}
    for instruction in evidence.instructions:
        sequence = words(CITATION.sub(" ", instruction))
        if len(sequence) >= 4:
            size = min(ECHO_GRAM, len(sequence))
            pieces = {g for g in grams(sequence, size) - data_grams if not _says_sources_lack(g)}
            instruction_grams.setdefault(size, set()).update(pieces)
    source_keys = tuple(overlap_keys(s) for s in evidence.sources)
    fact_keys = frozenset().union(*(overlap_keys(f) for f in evidence.facts))
    known = frozenset().union(*source_keys, fact_keys)
    return Prepared(
        source_keys=source_keys,
        known_keys=known,
        fact_keys=fact_keys,
        fact_numbers=SupportedNumbers(evidence.facts),
        question_keys=frozenset(content_keys(evidence.question)),
        source_script=script_of(" ".join(evidence.sources)[:2000]),
        numbers=SupportedNumbers(
            (*evidence.sources, *evidence.facts, evidence.question, *evidence.instructions)
        ),
        scaffold=frozenset(scaffold),
        instruction_grams={k: frozenset(v) for k, v in instruction_grams.items() if v},
        labels=frozenset(_labels((evidence.prompt, *evidence.instructions)) - _labels(data)),
        source_chars=frozenset("".join(evidence.sources)),
        source_text="\n".join(evidence.sources),
        answer_found=evidence.answer_found,
    )

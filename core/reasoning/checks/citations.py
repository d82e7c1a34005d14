"""Citations: claims cite a given source, and what they cite fits.

A claim is a sentence that states a number, or says something beyond the
question: one content word or more that the question does not have ("The
term is fractions."); 4 or more words in a script without a stopword list.
Headings, questions, lead-ins ending in ":", a restated question ("Newton's
First Law of Motion") and sentences saying the sources do not cover the
question are not claims. A sentence that states a number of the computed
facts, or whose every new word is in them, needs no [n]: facts have no
source number ("The forecast expects 2,310 rupees next week").

- uncited: a paragraph, list item or table row with a claim and no [n]; in a
  paragraph that cites, 3 claim sentences in a row without one (a citation
  may close a group of two sentences, not a page); a list or table is covered
  by a citation in the paragraph that introduces it.
- bad_citation: [n] outside 1..len(sources); or a cited passage that shares no
  content word or number with the sentence citing it (together with the
  uncited sentences just before it, which that citation closes). Skipped when
  the sentence and the passage are in different scripts (a Hindi answer
  citing an English passage).
"""

from __future__ import annotations

import re

from core.reasoning.checks.numbers import claimed_numbers
from core.reasoning.checks.prepared import Prepared, overlap_keys
from core.reasoning.checks.report import BAD_CITATION, UNCITED, Evidence, Failure, gettext_noop
from core.reasoning.checks.text import (
    WORD,
    citations_in,
    content_keys,
    prose,
    quote,
    script_of,
    sentences,
    units,
)

CLAIM_WORDS_OTHER_SCRIPT = 4
UNCITED_RUN = 3
ABSTAIN = re.compile(
    r"\b(?:(?:sources?|passages?|documents?|texts?|context)\b[^.!?\n]{0,60}?"
    r"\b(?:do(?:es)?\s+not|don't|doesn't|did\s+not|never)\s+(?:say|cover|contain|mention|include|"
    r"provide|address|discuss|explain|give|answer|describe|define|have)"
    r"|not\s+(?:covered|mentioned|found|given|addressed|discussed|explained)\s+in\s+the\s+"
    r"(?:sources?|passages?|documents?|texts?)"
    r"|no\s+(?:information|mention|source|passage|details?)\s+(?:about|on|of|regarding)"
    r"|(?:i|we)\s+(?:cannot|can't|could\s+not|couldn't)\s+find"
    r"|nothing\s+(?:about|on)\b)"
    r"|स्रोत[^।]{0,80}नहीं|উৎস[^।]{0,80}(?:নেই|না)",
    re.I,
)
_CLAIMED_NUMBER = re.compile(r"(?<![\w\[])\d")


# What a failure says (stored in English; the run page translates it).
NONE_GIVEN = gettext_noop("It cites %(shown)s, but no sources were given.")
ONE_GIVEN = gettext_noop("It cites %(shown)s, but only 1 source was given.")
SOME_GIVEN = gettext_noop("It cites %(shown)s, but only %(count)s sources were given.")
UNCITED_ONCE = gettext_noop("It states “%(quote)s” without citing a source.")
UNCITED_PLACES = gettext_noop("It states “%(quote)s” without citing a source (%(count)s places).")
MISFIT = gettext_noop(
    "It cites source [%(number)s] for “%(quote)s”, but that source shares no word with it."
)
SENTENCES = (NONE_GIVEN, ONE_GIVEN, SOME_GIVEN, UNCITED_ONCE, UNCITED_PLACES, MISFIT)


def is_claim(sentence: str, prepared: Prepared) -> bool:
    bare = prose(sentence).strip()
    if not bare or bare.endswith(("?", ":", "？")) or ABSTAIN.search(bare):
        return False
    if script_of(bare) == "other":
        return len(WORD.findall(bare)) >= CLAIM_WORDS_OTHER_SCRIPT
    if content_keys(bare) - prepared.question_keys:
        return True
    return bool(_CLAIMED_NUMBER.search(bare)) and bool(claimed_numbers(bare))


def from_facts(sentence: str, prepared: Prepared) -> bool:
    if not prepared.fact_keys:
        return False
    bare = prose(sentence)
    if any(prepared.fact_numbers.supports(n) for n in claimed_numbers(bare)):
        return True
    new = content_keys(bare) - prepared.question_keys
    return bool(new) and new <= prepared.fact_keys


def check_citations(text: str, evidence: Evidence, prepared: Prepared) -> list[Failure]:
    count = len(evidence.sources)
    failures: list[Failure] = []
    outside = sorted({n for n in citations_in(text) if not 1 <= n <= count})
    if outside:
        given = NONE_GIVEN if not count else ONE_GIVEN if count == 1 else SOME_GIVEN
        shown = ", ".join(f"[{n}]" for n in outside[:4])
        detail = given % {"shown": shown, "count": count}
        failures.append(Failure(BAD_CITATION, detail))
    if count:
        failures += _claims_and_fit(
            text, prepared, count, evidence.require_citations, bool(outside)
        )
    return failures


def _claims_and_fit(
    text: str, prepared: Prepared, count: int, require: bool, reported_bad: bool
) -> list[Failure]:
    uncited: list[str] = []
    misfit: tuple[int, str] | None = None
    all_units = units(text)
    for unit in all_units:
        if unit.kind in ("heading", "header"):
            continue
        parts = sentences(unit.text)
        claims = [is_claim(s, prepared) and not from_facts(s, prepared) for s in parts]
        cites = [bool(citations_in(s)) for s in parts]
        covered = any(cites) or (
            unit.kind in ("item", "row")
            and unit.lead is not None
            and bool(citations_in(all_units[unit.lead].text))
        )
        if any(claims) and not covered:
            uncited.append(next(s for s, c in zip(parts, claims, strict=True) if c))
        elif covered:
            run = 0
            for sentence, claim, cite in zip(parts, claims, cites, strict=True):
                run = 0 if cite else run + claim
                if run >= UNCITED_RUN:
                    uncited.append(sentence)
                    break
        if misfit is None and not reported_bad:
            misfit = _misfit(parts, cites, prepared, count)
    failures = []
    if require and uncited:
        said = UNCITED_PLACES if len(uncited) > 1 else UNCITED_ONCE
        detail = said % {"quote": quote(uncited[0]), "count": len(uncited)}
        failures.append(Failure(UNCITED, detail))
    if misfit:
        number, sentence = misfit
        detail = MISFIT % {"number": number, "quote": quote(sentence)}
        failures.append(Failure(BAD_CITATION, detail))
    return failures


def _misfit(
    parts: list[str], cites: list[bool], prepared: Prepared, count: int
) -> tuple[int, str] | None:
    group: list[str] = []
    for sentence, cite in zip(parts, cites, strict=True):
        group.append(sentence)
        if not cite:
            continue
        claim_text = prose(" ".join(group))
        keys = overlap_keys(claim_text)
        group = []
        if not keys or script_of(claim_text) != prepared.source_script:
            continue
        for number in citations_in(sentence):
            if 1 <= number <= count and not keys & prepared.source_keys[number - 1]:
                return number, sentence
    return None

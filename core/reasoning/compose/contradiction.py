"""Whether the sentence an answer would quote says something other than what
was asked: the question asks for the opposite end of a scale, or names a
number the passage never gives.

Questions written to look answerable (SQuAD 2.0; Rajpurkar et al., 2018, list
negation, antonyms and swapped numbers and entities among the ways such
questions are made) share nearly every word with a passage that does not
answer them: "Which is the UK's *smallest* company?" against "… became the UK's
largest company". Word shares cannot see that; these two cues can. Negation
was measured too and left out: fair questions ask "which matters are not
devolved?" of a passage that says "reserved", and glossary definitions say
"and not the internal forces" where the book says "only the external"; it
refused as many fair questions as it caught unanswerable ones.
Latin script only (the opposites are English words); other scripts get no conflict.
"""

from __future__ import annotations

import regex
from django.utils.translation import gettext_noop

from core.text.languages import script_of

# Opposite ends of one scale, each side as written; a question holding one
# side is answered by a sentence holding it, not by one holding only the other.
_OPPOSITES = (
    ("largest", "smallest"),
    ("biggest", "smallest"),
    ("highest", "lowest"),
    ("longest", "shortest"),
    ("oldest", "youngest"),
    ("oldest", "newest"),
    ("earliest", "latest"),
    ("best", "worst"),
    ("most", "least"),
    ("maximum", "minimum"),
    ("first", "last"),
    ("succeeded", "failed"),
    ("won", "lost"),
    ("increased", "decreased"),
    ("rose", "fell"),
    ("accepted", "rejected"),
    ("majority", "minority"),
)
_NUMBER = regex.compile(
    r"(?<![\p{L}\p{N}])\d+(?:[.,]\d+)*(?:st|nd|rd|th)?(?![\p{L}\p{N}])", regex.I
)
_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}


def _words(text: str) -> set[str]:
    return {w.casefold() for w in regex.findall(r"\p{L}+", text)}


def _numbers(text: str) -> set[str]:
    found = {regex.sub(r"(?i)(st|nd|rd|th)$|,", "", n) for n in _NUMBER.findall(text)}
    return found | {_NUMBER_WORDS[w] for w in _words(text) if w in _NUMBER_WORDS}


OPPOSITE = gettext_noop("The question asks about “%(asked)s”; the sentence found says “%(said)s”.")
NUMBER_MISSING = gettext_noop("The question names %(number)s; the passage does not.")
SENTENCES = (OPPOSITE, NUMBER_MISSING)


def conflict(question: str, sentence: str, passage: str) -> str:
    """Why ``sentence`` (of ``passage``) cannot answer ``question``, in words
    (English: the run page translates), or "" when nothing conflicts."""
    if script_of([question]) != "LATIN" or script_of([passage]) != "LATIN":
        return ""
    asked, said = _words(question), _words(sentence)
    for a, b in _OPPOSITES:
        for one, other in ((a, b), (b, a)):
            if one in asked and other in said and one not in said and other not in asked:
                return OPPOSITE % {"asked": one, "said": other}
    stated = _numbers(question)
    if stated and _numbers(sentence) and not stated & _numbers(passage):
        number = sorted(stated)[0]
        return NUMBER_MISSING % {"number": number}
    return ""

"""What a teacher must never read as an item: a fragment. Rules by code,
used by the banner's check (``checks.check_fragments``):

- a heading path (" > ") or a Markdown heading or box label left in the text;
- a figure block or caption as the text ("[Figure: ...]", "Figure 3.2 ..."), by
  the rule Ask's quoting uses (``core.reasoning.is_caption``);
- a cut word at the end ("... with Commo"): the last word of a heading-like
  text is not a word the item's sources hold whole;
- list-number debris ("1. This is not true.") or a stock option ("not true",
  "the answer is");
- an empty template ("Write two sentences about", "what is the main idea of",
  "Explain one key fact about");
- an objective not opening with a measurable verb (learn, understand, know);
- a vocabulary definition with fewer than three words besides its term.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext

from core.reasoning import is_caption

HEADING_PATH = re.compile(r"\S\s>\s\S")
MARKUP_LEFT = re.compile(r"^\s*#{1,6}\s|\*\*[^*]+\*\*|^\s*>\s", re.M)
LIST_DEBRIS = re.compile(r"^\s*\d{1,2}[.)]\s")
STOCK = re.compile(r"\b(?:this is not true|not true\b|the answer is not|none of the above)", re.I)
TEMPLATES = re.compile(
    r"write two sentences about|what is the main idea of|explain one key fact about|"
    r"explain the key ideas of",
    re.I,
)
VAGUE_VERB = re.compile(r"^(?:students will |i can )?(?:learn|understand|know|be able to)\b", re.I)


def item_fragments(section: str, item: dict) -> list[str]:
    """Why ``item`` of lesson part ``section`` reads as a fragment ([] when it does not)."""
    texts = [str(v) for k, v in item.items() if k in SHOWN and isinstance(v, str)]
    texts += [str(o) for o in item.get("options") or []]
    found = []
    for text in texts:
        if HEADING_PATH.search(text):
            found.append(gettext("heading path"))
        if MARKUP_LEFT.search(text):
            found.append(gettext("heading or box label left in"))
        if is_caption(text):
            found.append(gettext("figure caption"))
        if TEMPLATES.search(text):
            found.append(gettext("empty template"))
        if STOCK.search(text):
            found.append(gettext("stock option"))
    for option in item.get("options") or []:
        if LIST_DEBRIS.match(str(option)):
            found.append(gettext("list-number debris"))
    if section == "objectives" and VAGUE_VERB.match(str(item.get("text", ""))):
        found.append(gettext("objective without a measurable verb"))
    if section == "vocabulary":
        term = str(item.get("term", "")).casefold().split()
        rest = [w for w in str(item.get("definition", "")).split() if w.casefold() not in term]
        if len(rest) < 3:
            found.append(gettext("definition no longer than its term"))
    return list(dict.fromkeys(found))


SHOWN = {
    "text",
    "term",
    "definition",
    "misconception",
    "correction",
    "heading",
    "explanation",
    "slide_text",
    "check_question",
    "check_answer",
    "practice",
    "prompt",
    "answer",
    "question",
}

"""Markup: anything in the text that is not the Markdown the page renders.

The renderer (core.text.markdown) turns raw HTML off, so every HTML-like
tag would show as literal text: `</pre>`, `<next-question>`, `<source id="1">`,
`<think>`; so would model control tokens (`<|im_end|>`, `[INST]`), HTML
entities, our own defanged fences (`‹source`), Markdown images (not rendered)
and LaTeX (`\\frac{1}{2}`, `\\(`: the page has no maths typesetting). Tags are
caught inside code spans too: a copied `<source>` tag is never an answer.
Markdown itself (bold, lists, tables, links, code) is fine, and so are
comparisons such as "3 < 5 and 7 > 2" or an autolink <https://…>.
"""

from __future__ import annotations

import re

from core.reasoning.checks.report import MARKUP, Failure, gettext_noop
from core.reasoning.checks.text import quote

_TAG = re.compile(r"</?([A-Za-z][\w:.-]{0,40})((?:\s+[^<>]{0,300}?)?)\s*(/?)>")
_OTHER = re.compile(
    r"<\|[^|<>]{1,40}\|>"  # <|im_end|>
    r"|<｜[^｜<>]{1,40}｜>"  # R1's <｜end▁of▁sentence｜>
    r"|\[/?INST\]|<</?SYS>>"
    r"|‹/?(?:sources?|question)\b"
    r"|&(?:[A-Za-z]{2,8}|#\d{2,5}|#x[0-9A-Fa-f]{2,4});"
    r"|!\[[^\]\n]*\]\([^)\n]*\)"  # a Markdown image
    r"|\\[A-Za-z]{2,}\b|\\[(\[]|\$\$"  # LaTeX
)


# What a failure says (stored in English; the run page translates it).
ONE_PIECE = gettext_noop("It contains markup the page does not render: “%(quote)s”.")
PIECES = gettext_noop(
    "It contains %(count)s pieces of markup the page does not render, such as “%(quote)s”."
)
SENTENCES = (ONE_PIECE, PIECES)


def markup_in(text: str) -> list[str]:
    found = []
    for match in _TAG.finditer(text):
        attributes, closing = match.group(2).strip(), match.group(3)
        if match.group(0).startswith("</") or closing or not attributes or "=" in attributes:
            found.append(match.group(0))
    found.extend(m.group(0) for m in _OTHER.finditer(text))
    return found


def check_markup(text: str) -> Failure | None:
    found = markup_in(text)
    if not found:
        return None
    first = quote(found[0], 50)
    if len(found) == 1:
        return Failure(MARKUP, ONE_PIECE % {"quote": first})
    return Failure(MARKUP, PIECES % {"quote": first, "count": len(found)})

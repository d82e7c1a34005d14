"""A finding's explanation written by code, as data: which verdict it states and
the clause sentences it quotes. The verdict is put into words from the finding's
own facts in the reader's language when it is shown; the quoted clause stays in
its own language, labelled with it.

An explanation the model wrote, or one stored before explanations were data,
has no parts: its stored text is shown as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info, gettext, gettext_noop
from django.utils.translation import gettext as translate

from apps.compliance.finding_notes import note_html, note_words
from apps.compliance.finding_words import element_words, measured_words

VERDICTS = {
    "verdict.unreachable": gettext_noop(
        "%(subject)s does not comply with %(clause)s: %(reason)s. It must be %(need)s."
    ),
    "verdict.fails_unmeasured": gettext_noop(
        "%(subject)s does not comply with %(clause)s. It must be %(need)s."
    ),
    "verdict.unmeasured": gettext_noop(
        "%(subject)s could not be measured from the drawing, so a person must check it "
        "against %(clause)s, which requires %(need)s."
    ),
    "verdict.fails": gettext_noop(
        "%(subject)s does not comply with %(clause)s: it measures %(measured)s, and it "
        "must be %(need)s."
    ),
    "verdict.passes": gettext_noop(
        "%(subject)s complies with %(clause)s: it measures %(measured)s, and it must be %(need)s."
    ),
    "verdict.passes_just": gettext_noop(
        "%(subject)s complies with %(clause)s, but only just: it measures %(measured)s, "
        "and it must be %(need)s. A person should confirm it on site."
    ),
    "verdict.review": gettext_noop(
        "%(subject)s needs a person to check it against %(clause)s: it measures "
        "%(measured)s, and it must be %(need)s."
    ),
    "verdict.review_close": gettext_noop(
        "%(subject)s needs a person to check it against %(clause)s: it measures "
        "%(measured)s, and it must be %(need)s. The measurement is too close to the "
        "limit, or too uncertain, to decide."
    ),
}

# How the explanation composed by core.reasoning marks the clause it quotes and the
# note it repeats (see core/reasoning/compose/findings.py).
QUOTE_MARK = "The code text says: "
NOTED_MARK = " The check noted: "


def verdict_id(f: dict) -> str:
    """Which verdict a finding's explanation states, from its status and measurement."""
    status, measured = f.get("status"), f.get("measured")
    if measured is None and status == "fail":
        return (
            "verdict.unreachable" if f.get("notes") or f.get("note") else "verdict.fails_unmeasured"
        )
    if measured is None:
        return "verdict.unmeasured"
    if status == "fail":
        return "verdict.fails"
    if status == "pass":
        return "verdict.passes_just" if f.get("borderline") else "verdict.passes"
    return "verdict.review" if f.get("notes") or f.get("note") else "verdict.review_close"


def composed_parts(f: dict, composed_text: str, quote_language: str, pack_language: str) -> dict:
    """The parts of an explanation composed by code from ``f``: its verdict, the
    clause sentences it quoted (empty when the clause text was not found) and the
    languages of the quote and of the rule pack's titles."""
    quote = ""
    if QUOTE_MARK in composed_text:
        quote = composed_text.split(QUOTE_MARK, 1)[1].split(NOTED_MARK, 1)[0].strip()
    return {
        "verdict": verdict_id(f),
        "quote": quote,
        "quote_language": quote_language,
        "pack_language": pack_language,
    }


def _need(f: dict) -> str:
    required = str(f.get("required") or "")
    units = f.get("units", "")
    low, high = f.get("threshold"), f.get("threshold_max")
    if required.startswith(("≥", ">=")) and low is not None:
        return gettext("at least %(value)g %(units)s") % {"value": low, "units": units}
    if required.startswith(("≤", "<=")) and low is not None:
        return gettext("at most %(value)g %(units)s") % {"value": low, "units": units}
    if low is not None and high is not None:
        return gettext("between %(low)g and %(high)g %(units)s") % {
            "low": low,
            "high": high,
            "units": units,
        }
    return required or gettext("a value the clause sets")


def _sentences(
    f: dict,
    parts: dict,
    note: str,
    quoted: Callable[[str, str], str],
    words: Callable[[str], str],
) -> list[str]:
    """The explanation's sentences. ``note``: the finding's note, ready to show;
    ``quoted(text, kind)`` marks a fact: kind a language code for the pack's own
    words (its titles and clause names), "data" for names from the drawing, "" for
    words already in the reader's language; ``words`` the catalogue's words (escaped
    for a page, as they are for a PDF)."""

    def gettext(message: str) -> str:
        return words(translate(message))

    pack = parts.get("pack_language", "en")
    clause = quoted(f.get("clause", ""), pack)
    subject = gettext("%(title)s at %(element)s in storey %(storey)s") % {
        "title": quoted(f.get("title") or f.get("rule", ""), pack),
        "element": quoted(element_words(f), ""),
        "storey": quoted(f.get("storey", ""), "data"),
    }
    verdict = gettext(VERDICTS[parts["verdict"]]) % {
        "subject": subject,
        "clause": clause,
        "reason": note,
        "measured": quoted(measured_words(f), ""),
        "need": quoted(_need(f), ""),
    }
    out = [verdict]
    if not parts.get("quote"):
        out.append(
            gettext("The text of %(clause)s is not in the code documents here.")
            % {"clause": clause}
        )
    if note and parts["verdict"] != "verdict.unreachable":
        out.append(gettext("The check noted: %(note)s.") % {"note": note})
    return out


def language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def explanation_html(f: dict, render_markdown: Callable[[str], str]) -> SafeString:
    """The explanation as HTML in the active language; the stored text (rendered as
    Markdown) when it has no parts."""
    parts = f.get("explanation_parts")
    if not parts or parts.get("verdict") not in VERDICTS:
        return mark_safe(render_markdown(f.get("explanation", "")))  # noqa: S308

    def quoted(text: str, kind: str) -> str:
        if kind == "data":
            return format_html('<span class="from-data">{}</span>', text)
        if kind:
            return format_html('<span lang="{}">{}</span>', kind, text)
        return str(conditional_escape(text))

    # A trailing stop cannot end inside an entity or a tag: stripping it keeps the note safe.
    note = mark_safe(str(note_html(f)).rstrip("."))  # noqa: S308
    sentences = _sentences(f, parts, note, quoted, lambda s: str(conditional_escape(s)))
    html = format_html("<p>{}</p>", mark_safe(" ".join(sentences[:1])))  # noqa: S308
    if parts.get("quote"):
        language = parts.get("quote_language") or "en"
        label = gettext("The code text says (quoted in %(language)s):") % {
            "language": language_name(language)
        }
        html += format_html(
            '<p>{}</p><blockquote lang="{}">{}</blockquote>',
            label,
            language,
            mark_safe(render_markdown(parts["quote"])),  # noqa: S308
        )
    for sentence in sentences[1:]:
        html += format_html("<p>{}</p>", mark_safe(sentence))  # noqa: S308
    return html


def explanation_text(f: dict) -> str:
    """The explanation as plain text in the active language, for the PDF and the BCF."""
    parts = f.get("explanation_parts")
    if not parts or parts.get("verdict") not in VERDICTS:
        return f.get("explanation", "")
    note = note_words(f).rstrip(".")
    sentences = _sentences(f, parts, note, lambda text, kind: str(text), str)
    if parts.get("quote"):
        label = gettext("The code text says (quoted in %(language)s):") % {
            "language": language_name(parts.get("quote_language") or "en")
        }
        sentences.insert(1, f"{label} {parts['quote']}")
    return " ".join(sentences)

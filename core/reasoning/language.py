"""Which language a chain of thought is in, by script (R1 often thinks in English
or Chinese whatever the question's language): enough to label the panel."""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext_noop

# Stored in English (a step's data, a check's sentence); the run page translates them.
_LABELS = {
    "zh": gettext_noop("Chinese"),
    "hi": gettext_noop("Hindi (Devanagari)"),
    "en": gettext_noop("English"),
    "ar": gettext_noop("Arabic"),
    "ru": gettext_noop("Cyrillic script"),
    "bn": gettext_noop("Bengali"),
    "ta": gettext_noop("Tamil"),
    "ja": gettext_noop("Japanese"),
    "ko": gettext_noop("Korean"),
    "latin": gettext_noop("Latin script (not English)"),
    "und": gettext_noop("Unknown"),
}
LABELS = tuple(_LABELS.values())
_ENGLISH_HINTS = {"the", "and", "is", "of", "to", "a", "in", "that", "it", "so", "i", "we", "but"}


def _script(ch: str) -> str | None:
    code = ord(ch)
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
        return "zh"
    if 0x3040 <= code <= 0x30FF:
        return "ja"
    if 0xAC00 <= code <= 0xD7AF:
        return "ko"
    if 0x0900 <= code <= 0x097F:
        return "hi"
    if 0x0980 <= code <= 0x09FF:
        return "bn"
    if 0x0B80 <= code <= 0x0BFF:
        return "ta"
    if 0x0600 <= code <= 0x06FF:
        return "ar"
    if 0x0400 <= code <= 0x04FF:
        return "ru"
    if ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"):
        return "latin"
    return None


def detect_language(text: str, *, sample: int = 4000) -> tuple[str, str]:
    """(code, label) of the dominant script of ``text``; English is told apart
    from other Latin-script languages by its commonest words."""
    counts: dict[str, int] = {}
    for ch in text[:sample]:
        script = _script(ch)
        if script:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "und", _LABELS["und"]
    # Chinese packs a word into one character: weigh it against Latin letters.
    if counts.get("zh"):
        counts["zh"] *= 3
    best = max(counts, key=counts.get)
    if best == "latin":
        words = [w.strip(".,;:!?\"'()").lower() for w in text[:sample].split()]
        hits = sum(1 for w in words if w in _ENGLISH_HINTS)
        best = "en" if words and hits / len(words) > 0.08 else "latin"
    return best, _LABELS[best]


def label_for(code: str) -> str:
    return _LABELS.get(code, code)

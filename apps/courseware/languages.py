"""Which languages a teacher may ask for, and which the active model can write."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

OFFERED = {
    "en": "English",
    "hi": "Hindi",
    "zh-hans": "Simplified Chinese",
    "es": "Spanish",
    "fr": "French",
    "sw": "Swahili",
}
# The bundled SmolLM2-135M writes English only; an R1-class model served over
# HTTP writes these too. Operators can narrow or widen it with
# OPENKITCHEN_COURSEWARE_LANGUAGES (settings.COURSEWARE_LANGUAGES).
MULTILINGUAL = ("en", "hi", "zh-hans", "es", "fr")


def writable_languages() -> tuple[str, ...]:
    """The codes a lesson may be asked in: the operator's list, else what the model writes."""
    if settings.COURSEWARE_LANGUAGES:
        return tuple(settings.COURSEWARE_LANGUAGES)
    if settings.LLM_BACKEND == "llamacpp":
        return ("en",)
    return MULTILINGUAL


def language_name(code: str) -> str:
    return OFFERED.get(code, code)


def check_configured_languages(app_configs=None, **kwargs) -> list[checks.Error]:
    """A configured code the form does not offer is a typo ("zh" for "zh-hans"):
    refuse it at start-up rather than leave that language silently unavailable."""
    unknown = [code for code in settings.COURSEWARE_LANGUAGES if code not in OFFERED]
    if not unknown:
        return []
    return [
        checks.Error(
            f"OPENKITCHEN_COURSEWARE_LANGUAGES names {', '.join(unknown)}, which the lesson "
            f"form does not offer; use codes among {', '.join(OFFERED)}.",
            id="courseware.E001",
        )
    ]

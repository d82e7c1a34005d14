"""Which languages a teacher may ask for, and which the active model can write."""

from __future__ import annotations

from django.conf import settings

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
# OPENKITCHEN_COURSEWARE_LANGUAGES (comma-separated codes).
MULTILINGUAL = ("en", "hi", "zh-hans", "es", "fr")


def writable_languages() -> tuple[str, ...]:
    configured = getattr(settings, "COURSEWARE_LANGUAGES", None)
    if configured:
        return tuple(configured)
    if settings.LLM_BACKEND == "llamacpp":
        return ("en",)
    return MULTILINGUAL


def language_name(code: str) -> str:
    return OFFERED.get(code, code)

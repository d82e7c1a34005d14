"""Text helpers that neither call a model nor record steps: Markdown rendered safe
for a page (``markdown``), the script and language of a text (``languages``), and
stored English sentences read back in the reader's language (``KnownSentences``)."""

from core.exports import lazy_exports

_NAMES = {"KnownSentences": "core.text.sentences"}
__all__ = list(_NAMES)
__getattr__ = lazy_exports(__name__, _NAMES)

"""Printing in the reader's script: fonts for PDFs that show Latin, Devanagari,
Bengali and Simplified Chinese. Public names for apps (see docs/CORE_API.md)."""

from core.exports import lazy_exports

_NAMES = {
    "FAMILY": "core.printing.fonts",
    "NOTO": "core.printing.fonts",
    "unicode_fonts": "core.printing.fonts",
}
__all__ = list(_NAMES)
__getattr__ = lazy_exports(__name__, _NAMES)

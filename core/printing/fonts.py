"""Fonts for PDFs in the reader's script (the compliance report, the lesson
exports): Noto Sans for Latin, with Devanagari, Bengali and Simplified Chinese
as fallbacks, shaped by HarfBuzz (uharfbuzz) so vowel signs and conjuncts join.
The system's Noto fonts are embedded (subset) in the PDF, so any viewer shows
the scripts. Without them (a machine where ``make system-deps`` did not run) a
PDF falls back to another font, and text its font lacks shows as "?"."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

NOTO = Path("/usr/share/fonts/truetype/noto")
NOTO_CJK = Path("/usr/share/fonts/opentype/noto")
CJK_SC = 2  # Simplified Chinese in the Noto Sans CJK collection (fc-query lists it third)
FAMILY = "NotoSans"
# (family, file stem, collection index) for each fallback script
FALLBACKS = (
    ("NotoDevanagari", NOTO / "NotoSansDevanagari-{style}.ttf", 0),
    ("NotoBengali", NOTO / "NotoSansBengali-{style}.ttf", 0),
    ("NotoCJK", NOTO_CJK / "NotoSansCJK-{style}.ttc", CJK_SC),
)
STYLES = {"": "Regular", "B": "Bold"}


def _files(pattern: Path) -> dict[str, Path]:
    return {style: Path(str(pattern).format(style=name)) for style, name in STYLES.items()}


def unicode_fonts(pdf: FPDF) -> bool:
    """Adds the Noto fonts to ``pdf`` with script fallbacks and shaping; False (and
    nothing added) when the Latin font is not installed."""
    latin = _files(NOTO / "NotoSans-{style}.ttf")
    if not all(path.is_file() for path in latin.values()):
        return False
    for style, path in latin.items():
        pdf.add_font(FAMILY, style, path)
    fallbacks = []
    for family, pattern, index in FALLBACKS:
        files = _files(pattern)
        if all(path.is_file() for path in files.values()):
            for style, path in files.items():
                pdf.add_font(family, style, path, collection_font_number=index)
            fallbacks.append(family)
    pdf.set_fallback_fonts(fallbacks, exact_match=False)
    pdf.set_text_shaping(True)
    return True

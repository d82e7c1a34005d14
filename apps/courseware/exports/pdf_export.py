"""The lesson as a PDF: A4, black on white, one section per page.

The core's Noto fonts (``core.printing``) show Latin, Devanagari, Bengali and
Chinese and are embedded; without them a Unicode TrueType font is used when one
is found (DejaVu or Liberation, from the system or matplotlib); otherwise the
built-in Helvetica, with characters it cannot print replaced by "?"."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from fpdf import FPDF

from apps.courseware.exports.document import Section
from core.printing import FAMILY, unicode_fonts

logging.getLogger("fontTools").setLevel(logging.WARNING)  # it logs every subset at INFO
_FONT_DIRS = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/share/fonts/truetype/liberation"),
]
_FONT_FILES = [
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
]


@cache
def unicode_font() -> tuple[Path, Path] | None:
    dirs = list(_FONT_DIRS)
    try:
        import matplotlib

        dirs.insert(0, Path(matplotlib.get_data_path()) / "fonts" / "ttf")
    except ImportError:
        pass
    for regular, bold in _FONT_FILES:
        for folder in dirs:
            if (folder / regular).exists() and (folder / bold).exists():
                return folder / regular, folder / bold
    return None


class LessonPDF(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4", unit="mm")
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_text_color(0, 0, 0)
        if unicode_fonts(self):
            self.family, self.unicode = FAMILY, True
        elif font := unicode_font():
            self.add_font("Body", "", str(font[0]))
            self.add_font("Body", "B", str(font[1]))
            self.family, self.unicode = "Body", True
        else:
            self.family, self.unicode = "Helvetica", False

    def safe(self, text: str) -> str:
        if self.unicode:
            return text
        return text.replace("·", "-").encode("latin-1", "replace").decode("latin-1")

    def write_block(
        self, text: str, *, size: float = 11, bold: bool = False, indent: float = 0
    ) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(0, size * 0.5, self.safe(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.family, "", 8)
        self.cell(0, 5, f"{self.page_no()}", align="C")


def lesson_pdf(sections: list[Section]) -> bytes:
    pdf = LessonPDF()
    for section in sections:
        pdf.add_page()
        pdf.write_block(section.title, size=16, bold=True)
        for block in section.blocks:
            if block.kind == "h2":
                pdf.ln(2)
                pdf.write_block(block.text, size=13, bold=True)
            elif block.kind == "li":
                pdf.write_block("• " + block.text if pdf.unicode else "- " + block.text, indent=4)
            elif block.kind == "note":
                pdf.write_block(block.text, size=10, bold=True, indent=4)
            elif block.kind == "line":
                pdf.ln(14)
            else:
                pdf.write_block(block.text)
    return bytes(pdf.output())

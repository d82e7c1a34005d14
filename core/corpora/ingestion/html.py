"""HTML: the main text only (no scripts, styles, navigation), as Markdown-ish
text so headings become sections."""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString

from core.corpora.ingestion import failures
from core.corpora.ingestion.errors import IngestionError
from core.corpora.ingestion.extracted import Extracted
from core.corpora.ingestion.markdown import _BLANK_RUNS, sections_by_heading

_DROP = [
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "input",
    "head",
]
_BLOCKS = [
    "p",
    "div",
    "section",
    "article",
    "li",
    "tr",
    "pre",
    "blockquote",
    "dd",
    "dt",
    "figcaption",
    "caption",
    "table",
    "ul",
    "ol",
    "br",
    "hr",
]
_LANDMARK_ROLES = ["navigation", "banner", "contentinfo", "complementary", "search"]


def extract_html(source: str) -> Extracted:
    soup = BeautifulSoup(source, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(_DROP):
        tag.decompose()
    for tag in soup.find_all(attrs={"role": _LANDMARK_ROLES}):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    for level in range(1, 7):
        for heading in root.find_all(f"h{level}"):
            name = heading.get_text(" ", strip=True)
            heading.replace_with(NavigableString(f"\n\n{'#' * level} {name}\n\n" if name else ""))
    for cell in root.find_all(["td", "th"]):
        cell.insert_after(NavigableString(" | "))
    for block in root.find_all(_BLOCKS):
        block.insert_before(NavigableString("\n"))
        block.insert_after(NavigableString("\n"))
    lines = (" ".join(line.split()) for line in root.get_text().split("\n"))
    text = _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()
    if not text:
        raise IngestionError(failures.HTML_EMPTY)
    sections, first_heading = sections_by_heading(text)
    return Extracted(text=text, sections=sections, title=title or first_heading)

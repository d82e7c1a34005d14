"""Markdown (and anything turned into it): heading-aware sections."""

from __future__ import annotations

import html
import re

from core.corpora.ingestion.extracted import Extracted, Section
from core.corpora.ingestion.prose import clean_text
from core.text.markdown import spaced_emphasis

_ATX = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,500}>")
_EMPHASIS = re.compile(r"[*_`]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


def clean_markdown(source: str) -> str:
    """Drop comments and inline HTML tags (keeping their text), so chunks hold prose."""
    text = _COMMENT.sub("", source.replace("\r\n", "\n").replace("\r", "\n"))
    text = html.unescape(_TAG.sub("", text))
    return _BLANK_RUNS.sub("\n\n", text).strip()


def _heading_text(raw: str) -> str:
    return _EMPHASIS.sub("", raw).strip()


def sections_by_heading(text: str) -> tuple[list[Section], str]:
    """Sections at every ATX heading, each with its heading path; and the first
    top-level heading (a title candidate)."""
    sections: list[Section] = []
    path: list[tuple[int, str]] = []
    title = ""
    starts = list(_ATX.finditer(text))
    if not starts or starts[0].start() > 0:
        sections.append(Section(0, starts[0].start() if starts else len(text), ""))
    for i, match in enumerate(starts):
        level, name = len(match.group(1)), _heading_text(match.group(2))
        title = title or (name if level <= 2 else "")
        path = [(lv, n) for lv, n in path if lv < level] + [(level, name)]
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        sections.append(Section(match.start(), end, " > ".join(n for _, n in path)))
    return [s for s in sections if text[s.start : s.end].strip()], title


def extract_markdown(source: str) -> Extracted:
    """Sections by heading, of the text made prose (``prose.clean_text``)."""
    text = _BLANK_RUNS.sub("\n\n", clean_text(spaced_emphasis(clean_markdown(source)))).strip()
    sections, title = sections_by_heading(text)
    return Extracted(text=text, sections=sections, title=title)


def extract_text(source: str) -> Extracted:
    text = _BLANK_RUNS.sub("\n\n", source.replace("\r\n", "\n").replace("\r", "\n"))
    text = _BLANK_RUNS.sub("\n\n", clean_text(text)).strip()
    first_line = text.split("\n", 1)[0].strip()
    return Extracted(
        text=text,
        sections=[Section(0, len(text))],
        title=first_line[:120] if len(first_line) < 120 else "",
    )

"""OpenStax CNXML: the teaching structure is explicit there (``<example>``,
``<exercise>`` with ``<problem>`` and ``<solution>``, ``<note>``, ``<glossary>``,
``<section>`` titles, ``<figure>`` captions). The module is written out as the
Markdown the other readers give, with the same marks (headings, ``> **Example**``
boxes, ``**Learning objectives**``), so ``blocks`` reads one form for all.

Parsed with defusedxml (no entity expansion, no external DTDs).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from core.corpora.ingestion import failures
from core.corpora.ingestion.errors import IngestionError
from core.corpora.ingestion.extracted import Extracted
from core.corpora.ingestion.markdown import extract_markdown

CNXML_NS = "http://cnx.rice.edu/cnxml"
MD_NS = "http://cnx.rice.edu/mdml"
_SPACES = re.compile(r"\s+")


def looks_like_cnxml(text: str) -> bool:
    head = text.lstrip()[:2000]
    return CNXML_NS in head and "<document" in head


def _name(element: Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _inline(element: Element) -> str:
    """The text of ``element`` and its inline children, one line; emphasis kept as **…**."""
    parts = [element.text or ""]
    for child in element:
        name = _name(child)
        inner = _inline(child)
        if name == "term" or (name == "emphasis" and child.get("effect") == "bold"):
            inner = f"**{inner.strip()}**" if inner.strip() else ""
        elif name in ("math", "media", "image"):
            inner = child.get("alt", "") or inner
        parts.append(inner)
        parts.append(child.tail or "")
    return _SPACES.sub(" ", "".join(parts)).strip()


def _quote(lines: list[str]) -> list[str]:
    return [f"> {line}".rstrip() if line else ">" for line in lines]


def _title(element: Element) -> str:
    for child in element:
        if _name(child) == "title":
            return _inline(child)
    return ""


def _blocks(element: Element, level: int) -> list[str]:
    """Markdown lines for the children of ``element``."""
    lines: list[str] = []
    for child in element:
        name = _name(child)
        if name == "title":
            continue
        body = _render(child, name, level)
        if body:
            lines += [*body, ""]
    return lines


def _render(child: Element, name: str, level: int) -> list[str]:
    if name == "section":
        return [f"{'#' * min(level, 6)} {_title(child)}".rstrip(), "", *_blocks(child, level + 1)]
    if name == "para":
        text = _inline(child)
        return [text] if text else []
    if name == "list":
        return [f"- {_inline(item)}" for item in child if _name(item) == "item"]
    if name == "figure":
        caption = next((_inline(c) for c in child.iter() if _name(c) == "caption"), "")
        return [f"[Figure: {caption}]"] if caption else []
    if name == "equation":
        return [f"    {_inline(child)}"]
    if name == "example":
        label = f"Example: {_title(child)}" if _title(child) else "Example"
        return _quote([f"**{label}**", "", *_blocks(child, level + 1)])
    if name == "exercise":
        return _quote(["**Exercise**", "", *_exercise(child, level)])
    if name == "note":
        label = child.get("class", "") or "note"
        title = _title(child)
        if "objective" in label.lower() or "objective" in title.lower():
            return ["**Learning objectives**", "", *_blocks(child, level + 1)]
        return _quote([f"**{_note_label(label, title)}**", "", *_blocks(child, level + 1)])
    if name in ("problem", "solution"):
        return _blocks(child, level)
    if name in ("table", "code", "preformat", "quote"):
        text = " ".join(_inline(c) for c in child.iter() if c.text and c.text.strip())
        return [text] if text else []
    text = _inline(child)
    return [text] if text else []


def _note_label(css_class: str, title: str) -> str:
    """A note's box label: its class says what kind of box it is ("worked-example"
    -> "Worked Example: <title>", OpenStax's "os-" prefix dropped), a note without
    a class is a "Note"."""
    kind = css_class.split()[0].removeprefix("os-") if css_class else "note"
    kind = kind.replace("-", " ").replace("_", " ").title()
    return f"{kind}: {title}" if title else kind


def _exercise(element: Element, level: int) -> list[str]:
    lines = []
    for child in element:
        name = _name(child)
        if name in ("problem", "solution"):
            body = [line for line in _blocks(child, level + 1) if line != ""]
            label = "**Problem:**" if name == "problem" else "**Solution:**"
            first = body[0] if body else ""
            lines += [f"{label} {first}".rstrip(), "", *body[1:], ""]
    return lines


def _glossary(root: Element) -> list[str]:
    lines = []
    for definition in root.iter():
        if _name(definition) != "definition":
            continue
        term = next((_inline(c) for c in definition if _name(c) == "term"), "")
        meaning = next((_inline(c) for c in definition if _name(c) == "meaning"), "")
        if term and meaning:
            lines.append(f"- **{term}**: {meaning}")
    return ["## Glossary", "", *lines] if lines else []


def cnxml_to_markdown(source: str) -> str:
    try:
        root = ElementTree.fromstring(source.encode("utf-8"))
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise IngestionError(failures.CNXML_MALFORMED, reason=exc) from exc
    content = next((e for e in root.iter() if _name(e) == "content"), None)
    if content is None or not "".join(content.itertext()).strip():
        raise IngestionError(failures.CNXML_EMPTY)
    title = _title(root) or next((e.text or "" for e in root.iter() if _name(e) == "title"), "")
    lines = [f"# {title}".rstrip(), "", *_blocks(content, 2), *_glossary(root)]
    return "\n".join(lines)


def extract_cnxml(source: str) -> Extracted:
    extracted = extract_markdown(cnxml_to_markdown(source))
    if not any(s.heading.count(" > ") for s in extracted.sections):
        extracted.notes.append("This CNXML module has no sections: it is indexed as one.")
    return extracted

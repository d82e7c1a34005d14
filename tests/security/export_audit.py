"""Open an exported file the way an office suite or PDF reader would and list
what in it could act rather than be read: links (javascript:, data:, any
external target), scripts, imported HTML chunks, field codes, macros, embedded
objects. Also the text a person would see, for checking nothing was dropped."""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

# OOXML parts live in these namespaces; an element outside them is foreign markup.
FOREIGN_NAMESPACES = (
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1998/Math/MathML",
)
# Elements that make a run of text do something: links, imported HTML, field codes
# (HYPERLINK, INCLUDETEXT), embedded or ActiveX objects.
ACTIVE_ELEMENTS = {
    "hyperlink",
    "hlinkClick",
    "hlinkHover",
    "hlinkMouseOver",
    "altChunk",
    "fldSimple",
    "fldChar",
    "instrText",
    "object",
    "oleObj",
    "control",
    "embed",
    "script",
}
ACTIVE_CONTENT_TYPES = ("html", "javascript", "vba", "macro", "activex", "oleobject", "svg")
SCRIPT_SCHEME = re.compile(r"^\s*(javascript|vbscript|data|file):", re.IGNORECASE)
PDF_ACTIVE_KEYS = {
    "/JS",
    "/JavaScript",
    "/AA",
    "/Launch",
    "/URI",
    "/SubmitForm",
    "/ImportData",
    "/GoToR",
    "/GoToE",
    "/RichMedia",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/XFA",
    "/AcroForm",
    "/Annots",
}


def squash(text: str) -> str:
    """Text without any whitespace: line wrapping and breaks must not hide a payload."""
    return re.sub(r"\s+", "", text)


def ooxml_problems(data: bytes) -> list[str]:
    """Everything in a DOCX or PPTX package that could act."""
    problems = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            lowered = name.lower()
            if any(part in lowered for part in ("vbaproject", "activex", "embeddings/")):
                problems.append(f"{name}: macro or embedded object part")
            if not lowered.endswith((".xml", ".rels")):
                continue
            root = etree.fromstring(package.read(name))
            if name == "[Content_Types].xml":
                for el in root:
                    kind = (el.get("ContentType") or "").lower()
                    if any(word in kind for word in ACTIVE_CONTENT_TYPES):
                        problems.append(f"content type {kind}")
                continue
            if lowered.endswith(".rels"):
                for rel in root:
                    target, mode = rel.get("Target") or "", rel.get("TargetMode") or ""
                    kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
                    if mode.lower() == "external" or SCRIPT_SCHEME.match(target):
                        problems.append(f"{name}: {kind} relationship to {target!r}")
                    if kind in {"hyperlink", "aFChunk", "oleObject", "control", "package"}:
                        problems.append(f"{name}: {kind} relationship")
                continue
            for el in root.iter():
                if not isinstance(el.tag, str):
                    continue  # comments, processing instructions
                qname = etree.QName(el)
                if qname.namespace is None or qname.namespace in FOREIGN_NAMESPACES:
                    problems.append(f"{name}: foreign element <{qname.localname}>")
                if qname.localname in ACTIVE_ELEMENTS:
                    problems.append(f"{name}: active element <{qname.localname}>")
                for attr, value in el.attrib.items():
                    local = etree.QName(attr).localname
                    if local.lower().startswith("on") and local.lower() not in {"on"}:
                        problems.append(f"{name}: event attribute {local}= on <{qname.localname}>")
                    if SCRIPT_SCHEME.match(value):
                        problems.append(f"{name}: {local}={value!r} on <{qname.localname}>")
    return problems


def docx_text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def pptx_text(data: bytes) -> str:
    from pptx import Presentation

    deck = Presentation(io.BytesIO(data))
    parts = []
    for slide in deck.slides:
        parts += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def pptx_links(data: bytes) -> list[str]:
    """Every hyperlink or click action python-pptx sees on a run or shape."""
    from pptx import Presentation

    deck = Presentation(io.BytesIO(data))
    found = []
    for slide in deck.slides:
        for shape in slide.shapes:
            try:
                action = shape.click_action
                if action.hyperlink.address or action.target_slide is not None:
                    found.append(f"shape click action {action.hyperlink.address!r}")
            except (AttributeError, ValueError, NotImplementedError):
                pass
            if not shape.has_text_frame:
                continue
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    if run.hyperlink.address:
                        found.append(f"run link {run.hyperlink.address!r}")
    return found


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def pdf_problems(data: bytes) -> list[str]:
    """Every object reachable from the trailer, searched for actions, scripts, links, forms."""
    from pypdf import PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    reader = PdfReader(io.BytesIO(data))
    problems: list[str] = []
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in PDF_ACTIVE_KEYS:
                    problems.append(f"PDF dictionary key {key}")
                if key == "/OpenAction" and not isinstance(value, ArrayObject):
                    # An array is a destination (open at page 1, fit width); a
                    # dictionary is an action, which could be a script or a launch.
                    problems.append("PDF open action")
                if key == "/S" and value in {"/JavaScript", "/Launch", "/URI", "/SubmitForm"}:
                    problems.append(f"PDF action {value}")
                stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return problems

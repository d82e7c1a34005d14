"""A finished check's open findings as a BCF 2.1 zip, for BIM tools (BIMcollab, Solibri, Revit).

Layout (buildingSMART BCF-XML 2.1): ``bcf.version`` at the root, then one folder per topic,
named by the topic's GUID, holding ``markup.bcf`` and, for IFC findings, ``viewpoint.bcfv``.
Elements follow the schemas' order; every string goes through ElementTree (escaped) after
XML-illegal characters are removed, because labels, storeys and rule texts come from
uploaded files and editable rule packs.
"""

from __future__ import annotations

import io
import math
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from datetime import UTC, datetime

from django.utils.translation import gettext

from apps.compliance.finding_explanation import explanation_text
from apps.compliance.finding_notes import note_words
from apps.compliance.finding_words import measured_words, status_words
from apps.compliance.reading_messages import storey_words

AUTHOR = "OpenKitchen"
OPEN_STATUSES = ("fail", "needs-review")
# Fixed namespace: topic GUIDs are uuid5(check id, finding number), so re-exports are stable
# and a BIM tool updates its topics instead of duplicating them.
GUID_NAMESPACE = uuid.UUID("6f1c7a52-3b9e-4d7a-9a51-0c2f3e8b4d10")
IFC_GUID = re.compile(r"^[0-9A-Za-z_$]{22}$")
# Characters XML 1.0 cannot carry at all (C0 controls but tab/newline/CR, lone surrogates,
# U+FFFE/U+FFFF); ElementTree would write them and break every reader.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def findings_bcf(check) -> bytes:
    """The BCF zip for a check (a ``Check`` row): its failing and needs-review findings."""
    ifc_files = {d.filename for d in check.drawings.all() if d.kind == "ifc"}
    return build_bcf(
        check.pk, check.result.get("findings", []), created=check.created_at, ifc_files=ifc_files
    )


def build_bcf(
    check_id: int, findings: list[dict], *, created: datetime, ifc_files: set[str]
) -> bytes:
    """BCF 2.1 zip bytes: one "Issue" topic per failing or needs-review finding. Findings from
    a drawing in ``ifc_files`` with IFC GlobalIds also get a viewpoint selecting them."""
    stamp = created.astimezone(UTC).replace(microsecond=0)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        _write(zf, "bcf.version", _version(), stamp)
        for i, f in enumerate(findings, start=1):
            if f.get("status") not in OPEN_STATUSES:
                continue
            n = f.get("n", i)
            topic_guid = str(uuid.uuid5(GUID_NAMESPACE, f"{check_id}:{n}"))
            is_ifc = f.get("drawing") in ifc_files
            guids = _ifc_guids(f) if is_ifc else []
            viewpoint_guid = str(uuid.uuid5(GUID_NAMESPACE, f"{check_id}:{n}:viewpoint"))
            # The BCF guide asks for directory entries in the zip's central directory.
            _write(zf, f"{topic_guid}/", b"", stamp)
            markup = _markup(f, n, topic_guid, stamp, is_ifc, viewpoint_guid if guids else None)
            _write(zf, f"{topic_guid}/markup.bcf", markup, stamp)
            if guids:
                viewpoint = _viewpoint(viewpoint_guid, guids, f.get("location"))
                _write(zf, f"{topic_guid}/viewpoint.bcfv", viewpoint, stamp)
    return buf.getvalue()


def _write(zf: zipfile.ZipFile, name: str, data: bytes, stamp: datetime) -> None:
    # A fixed timestamp keeps the archive byte-identical across re-exports.
    info = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED if name.endswith("/") else zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


def _clean(value) -> str:
    return XML_ILLEGAL.sub("", str(value))


def _el(parent: ET.Element, tag: str, text=None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _clean(text)
    return el


def _xml(root: ET.Element) -> bytes:
    out = io.BytesIO()
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue()


def _version() -> bytes:
    root = ET.Element("Version", {"VersionId": "2.1"})
    _el(root, "DetailedVersion", "2.1")
    return _xml(root)


def _ifc_guids(f: dict) -> list[str]:
    handles = [*f.get("handles", []), f.get("element", "")]
    return list(dict.fromkeys(h for h in handles if isinstance(h, str) and IFC_GUID.match(h)))


def _location(f: dict) -> tuple[float, float] | None:
    loc = f.get("location")
    try:
        x, y = float(loc[0]), float(loc[1])
    except (TypeError, ValueError, IndexError):
        return None
    return (x, y) if math.isfinite(x) and math.isfinite(y) else None


def _line(label: str, value) -> str:
    return gettext("%(label)s: %(value)s") % {"label": label, "value": value}


def _description(f: dict, is_ifc: bool) -> str:
    """The topic's description in the active language; names, clauses and the quoted
    clause text as they are."""
    lines = [
        _line(gettext("Status"), status_words(str(f.get("status")))),
        _line(gettext("Rule"), f.get("rule", "")),
        _line(gettext("Clause"), f"{f.get('clause', '')} {f.get('title', '')}".rstrip()),
        _line(gettext("Element"), f.get("label") or f.get("element", "")),
        _line(gettext("Measured"), measured_words(f)),
        _line(gettext("Required"), f.get("required", "")),
        _line(gettext("Units"), f.get("units", "")),
        _line(gettext("Storey"), storey_words(f.get("storey", ""))),
        _line(gettext("Drawing"), f.get("drawing", "")),
    ]
    loc = _location(f)
    if loc:
        where = gettext("x=%(x).3f, y=%(y).3f (m, drawing coordinates)") % {
            "x": loc[0],
            "y": loc[1],
        }
        lines.append(_line(gettext("Location"), where))
    handles = ", ".join(str(h) for h in f.get("handles", []))
    if handles:
        lines.append(_line("IFC GlobalId" if is_ifc else gettext("DXF handle"), handles))
    if note_words(f):
        lines.append(_line(gettext("Note"), note_words(f)))
    if explanation_text(f):
        lines.append(_line(gettext("Explanation"), explanation_text(f)))
    return "\n".join(lines)


def _markup(
    f: dict, n, topic_guid: str, stamp: datetime, is_ifc: bool, viewpoint_guid: str | None
) -> bytes:
    root = ET.Element("Markup")
    if is_ifc and f.get("drawing"):
        header = _el(root, "Header")
        _el(_el(header, "File", IsExternal="true"), "Filename", f["drawing"])
    topic = _el(root, "Topic", Guid=topic_guid, TopicType="Issue", TopicStatus="Open")
    element = f.get("label") or f.get("element", "")
    title = gettext("%(rule)s %(element)s: %(measured)s, required %(required)s") % {
        "rule": f.get("rule", ""),
        "element": element,
        "measured": measured_words(f),
        "required": f.get("required", ""),
    }
    _el(topic, "Title", title)
    if isinstance(n, int):
        _el(topic, "Index", n)
    _el(topic, "Labels", f.get("status"))
    _el(topic, "CreationDate", stamp.isoformat().replace("+00:00", "Z"))
    _el(topic, "CreationAuthor", AUTHOR)
    _el(topic, "Description", _description(f, is_ifc))
    if viewpoint_guid:
        _el(_el(root, "Viewpoints", Guid=viewpoint_guid), "Viewpoint", "viewpoint.bcfv")
    return _xml(root)


def _viewpoint(guid: str, ifc_guids: list[str], location) -> bytes:
    root = ET.Element("VisualizationInfo", {"Guid": guid})
    components = _el(root, "Components")
    selection = _el(components, "Selection")
    for g in ifc_guids:
        _el(selection, "Component", IfcGuid=g)
    _el(components, "Visibility", DefaultVisibility="true")  # required by visinfo 2.1
    loc = _location({"location": location})
    if loc:
        _camera(root, loc)
    return _xml(root)


def _camera(root: ET.Element, loc: tuple[float, float]) -> None:
    """A perspective camera 8 m south-west of the finding and 8 m up, looking at it.

    BCF wants metres in the model's world coordinates; findings carry plan x, y in metres
    (IFC placements converted by the reader) but no elevation, so the target is at z = 0
    and upper-storey findings are best found through the selected component."""
    x, y = loc
    eye = (x - 8.0, y - 8.0, 8.0)
    look = _unit((8.0, 8.0, -8.0))
    # Up vector: world Z made perpendicular to the viewing direction.
    up = _unit(tuple(z - look[2] * d for z, d in zip((0.0, 0.0, 1.0), look, strict=True)))
    camera = _el(root, "PerspectiveCamera")
    for tag, vec in (("CameraViewPoint", eye), ("CameraDirection", look), ("CameraUpVector", up)):
        point = _el(camera, tag)
        for axis, value in zip("XYZ", vec, strict=True):
            _el(point, axis, f"{value:.6g}")
    _el(camera, "FieldOfView", "60")


def _unit(v: tuple[float, ...]) -> tuple[float, ...]:
    length = math.sqrt(sum(c * c for c in v))
    return tuple(c / length for c in v)

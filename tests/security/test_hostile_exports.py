"""Model output and document text with scripts, javascript: links, event handlers
and Markdown-embedded HTML stay inert text in every export: the lesson's PPTX,
DOCX, PDF, JSON and zip bundle, and the compliance report (PDF and JSON).

The files are opened again as a reader would open them: no hyperlink, field
code, imported HTML chunk, macro, PDF action or script is produced, and every
payload is still there as the literal characters the model or document wrote."""

from __future__ import annotations

import io
import json
import zipfile
from itertools import cycle

import pytest

from tests.security.export_audit import (
    docx_text,
    ooxml_problems,
    pdf_problems,
    pdf_text,
    pptx_links,
    pptx_text,
    squash,
)
from tests.security.hostile import HOSTILE, HOSTILE_URL, PAYLOADS


def _fit(limit: int, start: int = 0) -> str:
    """As many whole payloads as fit in ``limit`` characters, from ``start`` on, cycling."""
    out, n = "", 0
    for payload in cycle(PAYLOADS[start:] + PAYLOADS[:start]):
        joined = f"{out}\n{payload}" if out else payload
        if len(joined) > limit or n == len(PAYLOADS):
            return out
        out, n = joined, n + 1
    return out  # pragma: no cover


def _item(source_ids=("h1",), **fields):
    return {
        "source_ids": list(source_ids),
        "flags": [PAYLOADS[0]],
        "notes": [PAYLOADS[2]],
        **fields,
    }


def hostile_lesson_data(**changes) -> dict:
    """A valid lesson whose every text field, source and flag is hostile."""
    sources = [
        {
            "id": "h1",
            "document_id": "h-doc",
            "document_title": PAYLOADS[1],
            "corpus_slug": "hostile",
            "heading": PAYLOADS[3],
            "page": 1,
            "excerpt": HOSTILE,
            "source_url": HOSTILE_URL,
            "licence": PAYLOADS[5],
        },
        {
            "id": "h2",
            "document_id": "h-doc-2",
            "document_title": PAYLOADS[9],
            "corpus_slug": "hostile",
            "heading": PAYLOADS[10],
            "source_url": "data:text/html,<script>alert(98)</script>",
            "licence": PAYLOADS[14],
        },
    ]
    phase = {"source_ids": [], "flags": [], "notes": []}
    data = {
        "title": _fit(300),
        "subject": PAYLOADS[2][:120],
        "topic": _fit(500, 5),
        "grade": 7,
        "language": "en",
        "minutes": 40,
        "parts": ["plan", "slides", "worksheet", "quiz"],
        "differentiation": None,
        "standards": PAYLOADS[:3],
        "uncited": False,
        "objectives": [_item(text=_fit(600, i)) for i in (0, 7, 14)],
        "prior_knowledge": [_item(text=_fit(600, 10), source_ids=["h2"])],
        "vocabulary": [
            _item(term=PAYLOADS[i], definition=_fit(600, i + 1)) for i in (0, 3, 6, 12, 16)
        ],
        "misconceptions": [
            _item(misconception=_fit(600, 2), correction=_fit(600, 12), source_ids=["h1", "h2"])
        ],
        "phases": [
            {**phase, "name": PAYLOADS[4], "minutes": 10, "activity": HOSTILE},
            {**phase, "name": PAYLOADS[8], "minutes": 30, "activity": _fit(1200, 9)},
        ],
        "cycles": [
            _item(
                heading=PAYLOADS[i],
                explanation=HOSTILE,
                slide_text=_fit(300, i),
                check_question=_fit(600, i + 4),
                check_answer=PAYLOADS[(i + 11) % len(PAYLOADS)],
                practice=HOSTILE,
            )
            for i in range(0, len(PAYLOADS), 4)
        ],
        "worksheet": [
            _item(prompt=HOSTILE, answer=_fit(600, 3), level="on"),
            _item(prompt=PAYLOADS[18], answer=PAYLOADS[19], level="below", source_ids=["h2"]),
        ],
        "quiz": [
            _item(
                question=HOSTILE,
                options=PAYLOADS[i : i + 4],
                answer_index=1,
                explanation=_fit(1200, i),
            )
            for i in (0, 4, 8, 12, 16)
        ],
        "sources": sources,
    }
    data.update(changes)
    return data


def hostile_exports(**changes) -> dict[str, bytes]:
    from apps.courseware.exports.attribution import DocumentAttribution, documents_of
    from apps.courseware.exports.bundle import build_exports
    from apps.courseware.lesson import Lesson

    lesson = Lesson.model_validate(hostile_lesson_data(**changes))
    extra = {
        "h-doc": DocumentAttribution("h-doc", PAYLOADS[6], PAYLOADS[7], HOSTILE_URL, HOSTILE),
    }
    return build_exports(lesson, documents_of(lesson, extra))


def strings_of(value) -> str:
    if isinstance(value, dict):
        return "\n".join(strings_of(v) for v in value.values())
    if isinstance(value, list):
        return "\n".join(strings_of(v) for v in value)
    return str(value)


def assert_every_payload_shown(text: str, where: str, payloads=PAYLOADS) -> None:
    flat = squash(text)
    missing = [p for p in payloads if squash(p) not in flat]
    assert not missing, f"{where}: hostile text was dropped or mangled instead of shown: {missing}"


@pytest.fixture(scope="module")
def files():
    return hostile_exports()


def test_the_hostile_lesson_is_valid_and_uses_every_payload():
    from apps.courseware.lesson import Lesson

    data = hostile_lesson_data()
    Lesson.model_validate(data)
    assert_every_payload_shown(strings_of(data), "the lesson itself")


def test_the_pptx_has_no_links_scripts_or_foreign_markup(files):
    data = files["slides.pptx"]
    assert ooxml_problems(data) == []
    assert pptx_links(data) == []


def test_the_pptx_shows_hostile_text_as_literal_text(files):
    text = pptx_text(files["slides.pptx"])
    assert_every_payload_shown(text, "slides.pptx")
    assert '<script>alert("p1")</script>' in text
    assert "javascript:alert" in text


def test_the_docx_has_no_links_fields_html_chunks_or_macros(files):
    assert ooxml_problems(files["lesson.docx"]) == []


def test_the_docx_shows_hostile_text_as_literal_text(files):
    text = docx_text(files["lesson.docx"])
    assert_every_payload_shown(text, "lesson.docx")
    assert HOSTILE_URL in text  # the source URL is printed, not linked


def test_the_pdf_has_no_actions_links_scripts_or_forms(files):
    assert pdf_problems(files["lesson.pdf"]) == []


def test_the_pdf_shows_hostile_text_as_literal_text(files):
    assert_every_payload_shown(pdf_text(files["lesson.pdf"]), "lesson.pdf")


def test_the_json_and_attribution_keep_the_text_unchanged(files):
    lesson = json.loads(files["lesson.json"])
    assert lesson["cycles"][0]["explanation"] == HOSTILE
    assert lesson["sources"][0]["source_url"] == HOSTILE_URL
    attribution = files["ATTRIBUTION.txt"].decode()
    assert_every_payload_shown(attribution, "ATTRIBUTION.txt", [PAYLOADS[1], PAYLOADS[6]])
    assert HOSTILE in attribution  # the corpus's attribution text, as written


def test_the_bundle_holds_only_its_fixed_file_names(files):
    from apps.courseware.exports.bundle import bundle_zip

    archive = zipfile.ZipFile(io.BytesIO(bundle_zip(files)))
    names = set(archive.namelist())
    assert names == {"lesson.pdf", "lesson.docx", "lesson.json", "ATTRIBUTION.txt", "slides.pptx"}
    for name in names:
        assert archive.read(name) == files[name]


def test_control_characters_and_xml_breakers_do_not_break_or_escape_the_files():
    """Characters XML cannot hold, CDATA ends and entity tricks: still valid, still inert."""
    from apps.courseware.exports.attribution import documents_of
    from apps.courseware.exports.bundle import build_exports
    from apps.courseware.lesson import Lesson

    nasty = [
        "]]><w:hyperlink r:id='rId1'>x</w:hyperlink><![CDATA[",
        '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;',
        "\x00\x01\x08\x0b\x0c\x1f\x7f\ufffe\uffff bell",
        "</a:t></a:r><a:r><a:rPr><a:hlinkClick r:id='rId99'/></a:rPr><a:t>x",
        "\u202e\u200b\ud7ff right-to-left",
    ]
    data = hostile_lesson_data(title=" ".join(nasty)[:300], topic=nasty[1])
    data["cycles"][0]["slide_text"] = nasty[3]
    data["worksheet"][0]["prompt"] = "\n".join(nasty)
    lesson = Lesson.model_validate(data)
    built = build_exports(lesson, documents_of(lesson))
    assert ooxml_problems(built["slides.pptx"]) == []
    assert pptx_links(built["slides.pptx"]) == []
    assert ooxml_problems(built["lesson.docx"]) == []
    assert pdf_problems(built["lesson.pdf"]) == []
    docx = docx_text(built["lesson.docx"])
    assert nasty[0] in docx and "etc/passwd" in docx
    assert "hlinkClick" in pptx_text(built["slides.pptx"])  # shown as text, not obeyed


# --- through the service and the download view ---------------------------------------
@pytest.mark.postgres
def test_the_download_view_serves_every_format_as_an_inert_attachment(cast, client_for):
    """The stored lesson, with a corpus document whose attribution is hostile."""
    from apps.courseware.models import Lesson
    from core.corpora.models import Chunk
    from core.corpora.services import add_document, create_corpus

    corpus = create_corpus(name="Hostile", reader_roles=["farmer"])
    document = add_document(corpus, filename="h.md", data=b"# H\n\nText.", enqueue=False)
    document.title, document.attribution = PAYLOADS[6], HOSTILE
    document.save(update_fields=["title", "attribution"])
    chunk = Chunk.objects.create(
        document=document,
        corpus=corpus,
        ordinal=0,
        text=HOSTILE,
        heading=PAYLOADS[3],
        start=0,
        end=len(HOSTILE),
    )
    data = hostile_lesson_data()
    # Every format is built once per download: a shorter lesson keeps this test fast.
    data["cycles"], data["quiz"], data["vocabulary"] = data["cycles"][:2], data["quiz"][:2], []
    data["sources"] = [{**data["sources"][0], "id": str(chunk.pk), "document_id": str(document.pk)}]
    for section in ("objectives", "prior_knowledge", "misconceptions", "cycles"):
        for item in data[section]:
            item["source_ids"] = [str(chunk.pk)]
    for item in data["worksheet"] + data["quiz"]:
        item["source_ids"] = [str(chunk.pk)]
    lesson = Lesson.objects.create(
        owner=cast["teacher"],
        title="hostile",
        request={"grade": 7, "minutes": 40, "language": "en"},
        status=Lesson.Status.READY,
        data=data,
        retrieved_ids=[str(chunk.pk)],
    )
    client = client_for(cast["teacher"])
    # Every download builds every format: the bundle (all of them) and one file suffice.
    expected = {"zip": "application/zip", "pdf": "application/pdf"}
    got = {}
    for fmt, content_type in expected.items():
        response = client.get(f"/courseware/{lesson.pk}/download/{fmt}")
        assert response.status_code == 200, (fmt, response.status_code)
        assert response["Content-Type"] == content_type, fmt
        assert response["Content-Disposition"].startswith("attachment;"), fmt
        assert response.get("X-Content-Type-Options") == "nosniff", fmt
        got[fmt] = response.content
    with zipfile.ZipFile(io.BytesIO(got["zip"])) as archive:
        assert all("/" not in n and ".." not in n for n in archive.namelist())
        bundle = {name: archive.read(name) for name in archive.namelist()}
    assert ooxml_problems(bundle["slides.pptx"]) == [] and pptx_links(bundle["slides.pptx"]) == []
    assert ooxml_problems(bundle["lesson.docx"]) == []
    assert pdf_problems(got["pdf"]) == [] and pdf_problems(bundle["lesson.pdf"]) == []
    assert_every_payload_shown(docx_text(bundle["lesson.docx"]), "downloaded docx")
    assert_every_payload_shown(pdf_text(got["pdf"]), "downloaded pdf")
    assert_every_payload_shown(pptx_text(bundle["slides.pptx"]), "downloaded pptx")
    assert json.loads(bundle["lesson.json"])["cycles"][0]["explanation"] == HOSTILE
    attribution = bundle["ATTRIBUTION.txt"].decode()
    assert HOSTILE in attribution and PAYLOADS[6] in attribution  # the corpus's own text


# --- the compliance report -------------------------------------------------------------
def hostile_finding(n: int, payload: str, status: str = "fail") -> dict:
    return {
        "n": n,
        "rule": payload,
        "clause": PAYLOADS[(n + 1) % len(PAYLOADS)][:20],
        "title": PAYLOADS[(n + 2) % len(PAYLOADS)],
        "measurement": "door_width",
        "eval_class": "door",
        "measured": 0.7,
        "required": payload,
        "threshold": 0.8,
        "threshold_max": None,
        "units": "m",
        "status": status,
        "storey": payload,
        "location": [1.0, 2.0],
        "element": payload,
        "handles": [payload],
        "label": payload,
        "note": HOSTILE,
        "borderline": False,
        "drawing": PAYLOADS[1],
        "explanation": HOSTILE,
    }


@pytest.fixture
def hostile_check(cast):
    from apps.compliance.models import Check, DrawingFile, RulePack

    pack = RulePack.objects.create(slug="hostile", name=PAYLOADS[0])
    check = Check.objects.create(
        user=cast["engineer"],
        title=PAYLOADS[1],
        pack=pack,
        result={
            "findings": [hostile_finding(n, p) for n, p in enumerate(PAYLOADS, start=1)]
            + [hostile_finding(99, PAYLOADS[3], status="needs-review")]
            + [hostile_finding(100, PAYLOADS[4], status="pass")],
            "storeys": [],
            "metro": {"steps": PAYLOADS, "minutes": 3.5, "passes": True},
        },
    )
    DrawingFile.objects.create(
        check_row=check, filename=PAYLOADS[2], kind="dxf", data=b"", error=HOSTILE
    )
    return check


@pytest.mark.postgres
def test_the_compliance_pdf_report_is_inert_and_shows_the_text(cast, client_for, hostile_check):
    response = client_for(cast["engineer"]).get(f"/compliance/checks/{hostile_check.pk}/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.get("X-Content-Type-Options") == "nosniff"
    assert pdf_problems(response.content) == []
    text = pdf_text(response.content)
    # Table cells are cut to fit; every payload is whole in the rule column and the steps.
    assert_every_payload_shown(text, "compliance report")
    assert '<script>alert("p1")</script>' in text  # the pack name in the header line


@pytest.mark.postgres
def test_the_compliance_json_report_is_served_as_json(cast, client_for, hostile_check):
    response = client_for(cast["engineer"]).get(
        f"/compliance/checks/{hostile_check.pk}/report.json"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.get("X-Content-Type-Options") == "nosniff"
    report = response.json()
    assert report["pack"] == PAYLOADS[0] and report["check"] == PAYLOADS[1]
    assert report["drawings"][0]["error"] == HOSTILE


@pytest.mark.postgres
def test_the_check_page_shows_hostile_findings_and_explanations_inert(
    cast, client_for, hostile_check
):
    from tests.security.test_hostile_content import assert_inert

    response = client_for(cast["engineer"]).get(f"/compliance/checks/{hostile_check.pk}/")
    assert response.status_code == 200
    assert_inert(response.content.decode(), "check page", allow_forms=True)

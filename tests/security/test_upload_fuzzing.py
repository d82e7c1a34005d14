"""The upload parsers, fed mutated real files and arbitrary bytes: each either
reads the file or refuses it with a clean, sentence-long validation error.
Anything else (an IndexError from deep inside a library, a hang) is a bug."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security import seeds

pytestmark = pytest.mark.slow
FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@st.composite
def mutated(draw, seed: bytes) -> bytes:
    """A few byte-level edits of a valid file: flips, cuts, inserts, repeats, splices."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        op = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "repeat", "zero"]))
        if op == "flip" and data:
            data[pos] ^= 1 << draw(st.integers(0, 7))
        elif op == "truncate":
            del data[pos:]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=64))
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 256))]
        elif op == "repeat":
            data[pos:pos] = data[pos : pos + draw(st.integers(1, 512))] * draw(st.integers(2, 20))
        elif op == "zero":
            data[pos : pos + 64] = bytes(len(data[pos : pos + 64]))
    return bytes(data)


def assert_clean_message(exc: Exception) -> None:
    message = getattr(exc, "message", None) or str(exc)
    assert message and message.strip(), "an error without a message"
    assert "Traceback" not in message and len(message) < 1200, message[:300]


# --- corpus documents: PDF, DOCX, HTML, CSV, Markdown, text -------------------
def ingest_parse(data: bytes, filename: str) -> None:
    from core.corpora.ingestion.errors import IngestionError
    from core.corpora.ingestion.extract import extract
    from core.corpora.ingestion.sniff import sniff

    try:
        kind = sniff(data, filename)
        extracted = extract(kind, data)
    except IngestionError as exc:
        assert_clean_message(exc)
        return
    assert isinstance(extracted.text, str)


CORPUS_SEEDS = {
    "notes.pdf": seeds.pdf,
    "notes.docx": seeds.docx,
    "notes.html": lambda: seeds.HTML,
    "prices.csv": lambda: seeds.CSV,
    "notes.md": lambda: seeds.MARKDOWN,
}


@pytest.mark.parametrize("filename", sorted(CORPUS_SEEDS))
def test_mutated_corpus_documents_are_read_or_refused_cleanly(filename, settings_for_fuzz):
    seed = CORPUS_SEEDS[filename]()

    @FUZZ
    @given(data=mutated(seed))
    def check(data):
        ingest_parse(data, filename)

    check()


@pytest.mark.parametrize("filename", ["x.pdf", "x.docx", "x.html", "x.csv", "x.txt"])
def test_arbitrary_bytes_under_any_document_name_are_refused_cleanly(filename, settings_for_fuzz):
    @FUZZ
    @given(data=st.binary(max_size=4096) | st.text(max_size=2000).map(str.encode))
    def check(data):
        ingest_parse(data, filename)

    check()


# --- drawings: DXF and IFC ----------------------------------------------------------
def drawing_parse(data: bytes, filename: str) -> None:
    from apps.compliance.dxf_reader import read_dxf_bytes
    from apps.compliance.errors import DrawingError
    from apps.compliance.ifc_reader import read_ifc_bytes
    from apps.compliance.plan import build_plan

    try:
        if filename.endswith(".ifc"):
            read_ifc_bytes(data, name=filename)
        else:
            build_plan(read_dxf_bytes(data, name=filename))
    except DrawingError as exc:
        assert_clean_message(exc)


@pytest.mark.parametrize("filename", ["plan.dxf", "model.ifc"])
def test_mutated_drawings_are_read_or_refused_cleanly(filename, settings_for_fuzz):
    seed = seeds.dxf() if filename.endswith(".dxf") else seeds.ifc()

    @FUZZ
    @given(data=mutated(seed))
    def check(data):
        drawing_parse(data, filename)

    check()


@pytest.fixture
def settings_for_fuzz(settings, tmp_path):
    """Parsers read limits from settings; nothing here may write outside tmp_path."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


# --- through the services: a refused upload leaves nothing half-written --------------
def broken_variants(seed: bytes, count: int = 6) -> list[bytes]:
    import random

    rng = random.Random(8)
    out = [seed[: len(seed) // 2], seed[:64], b"\x00" * 512]
    while len(out) < count:
        data = bytearray(seed)
        for _ in range(20):
            data[rng.randrange(len(data))] = rng.randrange(256)
        out.append(bytes(data))
    return out


@pytest.mark.postgres
def test_a_refused_drawing_upload_stores_no_check_and_no_file(cast):
    from apps.compliance.errors import DrawingError
    from apps.compliance.models import Check, DrawingFile, RulePack
    from apps.compliance.services import create_check

    pack = RulePack.objects.create(slug="fuzz", name="Fuzz")
    for bad in [b"", b"PK\x03\x04zip", b"AC1027 dwg", b"hello, not a drawing"]:
        with pytest.raises(DrawingError):
            create_check(
                cast["engineer"],
                title="t",
                pack=pack,
                files=[("good.dxf", seeds.dxf()), ("bad.dxf", bad)],
            )
    assert Check.objects.count() == 0 and DrawingFile.objects.count() == 0


@pytest.mark.postgres
def test_a_damaged_document_ends_failed_with_a_reason_and_no_chunks(cast, settings_for_fuzz):
    from core.corpora.models import Chunk, Document
    from core.corpora.services import add_document, create_corpus, ingest_document

    corpus = create_corpus(name="Fuzz", reader_roles=["farmer"])
    for i, data in enumerate(broken_variants(seeds.pdf()) + broken_variants(seeds.docx(), 4)):
        name = f"doc{i}.pdf" if data[:4] != b"PK\x03\x04" else f"doc{i}.docx"
        document = ingest_document(add_document(corpus, filename=name, data=data, enqueue=False).pk)
        assert document.status in {Document.Status.READY, Document.Status.FAILED}
        if document.status == Document.Status.FAILED:
            assert document.error.strip(), document.error
            assert "Something went wrong inside the job" not in document.error, document.error
            assert not Chunk.objects.filter(document=document).exists()

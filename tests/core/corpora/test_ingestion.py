"""Uploads through the real pipeline: bundled embedder, Chroma, tantivy."""

import pytest

from core.corpora import services
from core.corpora.models import Chunk, Document
from core.corpora.search import search_corpora
from core.retrieval import lexical, vectorstore
from tests.core.corpora import files

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

CHAPTER = """# Forces

A force is a push or pull on an object.

## Inertia

Inertia is the tendency of a body at rest to remain at rest.

## Friction

Friction opposes the relative motion of surfaces in contact.
"""


@pytest.fixture
def corpus():
    return services.create_corpus(name="Physics", reader_roles=["teacher"])


def _vector_ids(corpus):
    return set(vectorstore._collection(corpus.pk).get(include=[])["ids"])


def _lexical_ids(corpus, query):
    return {c for c, _ in lexical.search(query, corpus_ids=[corpus.pk], limit=100)}


def test_a_markdown_upload_becomes_ready_with_headings_and_offsets(corpus, ingest):
    document = ingest(corpus, "forces.md", CHAPTER.encode())
    assert document.status == Document.Status.READY, document.error
    assert document.kind == "markdown" and document.chunk_count >= 1
    assert document.embedder_id == "all-MiniLM-L6-v2"
    assert document.title == "Forces"
    chunks = list(document.chunks.all())
    assert all(c.live for c in chunks)
    friction = next(c for c in chunks if "Friction opposes" in c.text)
    assert friction.heading == "Forces > Friction"
    assert CHAPTER.strip()[friction.start : friction.end] == friction.text
    assert set(timing for timing in document.timings_ms) >= {
        "sniff",
        "extract",
        "split",
        "embed",
        "index",
    }
    assert _vector_ids(corpus) == {str(c.pk) for c in chunks}


def test_a_pdf_upload_keeps_page_numbers_and_reports_scanned_pages(corpus, ingest):
    data = files.pdf(
        ["Wheat prices rose in October.", None, "Rice stocks fell sharply this season."]
    )
    document = ingest(corpus, "bulletin.pdf", data)
    assert document.status == Document.Status.READY, document.error
    assert document.notes == ["page 2 is an image: no text found"]
    assert document.page_count == 3
    rice = search_corpora("rice stocks", corpus_ids=[corpus.pk], k=1)[0]
    assert rice.page == 3 and rice.heading == "page 3"


def test_the_same_file_twice_is_one_document(corpus, ingest):
    first = ingest(corpus, "forces.md", CHAPTER.encode())
    again = ingest(corpus, "copy-of-forces.md", CHAPTER.encode())
    assert again.pk == first.pk
    assert corpus.documents.count() == 1


def test_a_changed_reupload_replaces_the_old_chunks(corpus, ingest):
    old = ingest(corpus, "forces.md", CHAPTER.encode())
    old_chunks = set(old.chunks.values_list("pk", flat=True))
    new = ingest(corpus, "forces.md", CHAPTER.replace("Friction opposes", "Drag opposes").encode())
    assert new.status == Document.Status.READY, new.error
    assert not Document.objects.filter(pk=old.pk).exists()
    assert not Chunk.objects.filter(pk__in=old_chunks).exists()
    assert _vector_ids(corpus) == {str(pk) for pk in new.chunks.values_list("pk", flat=True)}
    assert not (_lexical_ids(corpus, "inertia") & old_chunks)
    texts = [p.text for p in search_corpora("opposes motion", corpus_ids=[corpus.pk], k=5)]
    assert any("Drag opposes" in t for t in texts) and not any(
        "Friction opposes" in t for t in texts
    )


def test_a_reupload_that_fails_leaves_the_old_version_searchable(corpus, ingest):
    old = ingest(corpus, "forces.md", CHAPTER.encode())
    broken = ingest(corpus, "forces.md", b"\x00\x01binary" * 100)
    assert broken.status == Document.Status.FAILED
    assert "binary" in broken.error
    old.refresh_from_db()
    assert old.status == Document.Status.READY
    assert search_corpora("inertia", corpus_ids=[corpus.pk], k=1)[0].document_id == old.pk


def test_a_bad_file_fails_alone_and_the_corpus_is_untouched(corpus, ingest):
    good = ingest(corpus, "forces.md", CHAPTER.encode())
    before = (_vector_ids(corpus), _lexical_ids(corpus, "force"))
    bad = ingest(corpus, "locked.pdf", files.encrypted_pdf("secret"))
    assert bad.status == Document.Status.FAILED and "password" in bad.error
    assert bad.chunks.count() == 0
    assert (_vector_ids(corpus), _lexical_ids(corpus, "force")) == before
    good.refresh_from_db()
    assert good.status == Document.Status.READY


def test_an_oversize_upload_is_refused_before_it_is_stored(corpus, settings):
    from core.corpora.ingestion.errors import IngestionError

    settings.MAX_UPLOAD_BYTES = 100
    with pytest.raises(IngestionError, match="limit"):
        services.add_document(corpus, filename="big.txt", data=b"x" * 101)
    assert corpus.documents.count() == 0


def test_a_document_is_not_offered_to_retrieval_until_it_is_ready(corpus, ingest):
    document = services.add_document(corpus, filename="forces.md", data=CHAPTER.encode())
    assert document.status == Document.Status.QUEUED  # the test's transaction never commits
    assert search_corpora("inertia", corpus_ids=[corpus.pk], k=3) == []
    services.ingest_document(document.pk)
    assert search_corpora("inertia", corpus_ids=[corpus.pk], k=3)


def test_ingesting_twice_is_a_no_op(corpus, ingest):
    document = ingest(corpus, "forces.md", CHAPTER.encode())
    chunks = set(document.chunks.values_list("pk", flat=True))
    services.ingest_document(document.pk)
    assert set(document.chunks.values_list("pk", flat=True)) == chunks


def test_reindexing_swaps_in_new_chunks_and_drops_the_old_entries(
    corpus, ingest, django_capture_on_commit_callbacks
):
    document = ingest(corpus, "forces.md", CHAPTER.encode())
    old = set(document.chunks.values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reindex_corpus(corpus) == 1
    document.refresh_from_db()
    new = set(document.chunks.values_list("pk", flat=True))
    assert document.status == Document.Status.READY and new and not (new & old)
    assert _vector_ids(corpus) == {str(pk) for pk in new}
    assert _lexical_ids(corpus, "inertia") <= new


def test_deleting_a_document_removes_its_vectors_and_lexical_entries(corpus, ingest):
    keep = ingest(corpus, "forces.md", CHAPTER.encode())
    gone = ingest(corpus, "waves.md", b"# Waves\n\nA wave carries energy through a medium.\n")
    services.delete_document(gone)
    assert _vector_ids(corpus) == {str(pk) for pk in keep.chunks.values_list("pk", flat=True)}
    assert _lexical_ids(corpus, "wave energy medium") == set()


def test_deleting_a_corpus_removes_its_collection_and_lexical_entries(corpus, ingest):
    ingest(corpus, "forces.md", CHAPTER.encode())
    corpus_id = corpus.pk
    services.delete_corpus(corpus)
    names = [getattr(c, "name", c) for c in vectorstore._client().list_collections()]
    assert not [n for n in names if n.startswith(f"corpus-{corpus_id}-")]
    assert lexical.search("force", corpus_ids=[corpus_id], limit=5) == []

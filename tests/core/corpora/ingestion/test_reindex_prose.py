"""Re-indexing a corpus stores its old documents' passages as prose."""

import re

import pytest

from core.corpora import services
from core.corpora.ingestion import markdown

pytestmark = pytest.mark.django_db

BULLETIN = (
    "# Soybeans\n\nFresh trade restrictions have curtailed U.S. exports to China while signifi-\n"
    "cantly increasing export opportunities for producers in Argentina and\n"
    "Brazil, contributing to a substantial gap between benchmark prices.\n"
)


def test_reindexing_applies_the_cleaning_to_documents_ingested_before_it(
    ingest, fake_embedder, monkeypatch, django_capture_on_commit_callbacks
):
    corpus = services.create_corpus(name="Market", reader_roles=["farmer"])
    with monkeypatch.context() as before_the_cleaning:
        before_the_cleaning.setattr(markdown, "clean_text", lambda text: text)
        document = ingest(corpus, "bulletin.md", BULLETIN.encode())
    [old] = document.chunks.values_list("text", flat=True)
    assert "signifi-\ncantly" in old
    with django_capture_on_commit_callbacks(execute=True):
        services.reindex_corpus(corpus)
    [new] = document.chunks.values_list("text", flat=True)
    assert "significantly increasing" in new and not re.search(r"[a-z,-]\n[a-z]", new)

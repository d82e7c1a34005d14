"""Every core test gets its own Chroma folder and lexical index, and no
cached client from an earlier test."""

import pytest


@pytest.fixture(autouse=True)
def isolated_indexes(settings, tmp_path):
    from core.retrieval import lexical, vectorstore

    settings.CHROMA_PATH = tmp_path / "chroma"
    settings.LEXICAL_INDEX_DIR = tmp_path / "lexical"
    settings.MEDIA_ROOT = tmp_path / "media"
    vectorstore.forget_cached_clients()
    lexical.forget_cached_indexes()
    yield
    vectorstore.forget_cached_clients()
    lexical.forget_cached_indexes()

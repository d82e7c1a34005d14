"""Corpora, documents and their ingestion. Public names for apps (see docs/CORE_API.md)."""

from core.exports import lazy_exports

_NAMES = {
    "Corpus": "core.corpora.models",
    "Document": "core.corpora.models",
    "Chunk": "core.corpora.models",
    "readable_corpora": "core.corpora.selectors",
    "manageable_corpora": "core.corpora.selectors",
    "can_read": "core.corpora.selectors",
    "create_corpus": "core.corpora.services",
    "add_document": "core.corpora.services",
    "ingest_document": "core.corpora.services",
    "run_in_scratch_stack": "core.corpora.scratch",
}
__all__ = list(_NAMES)
__getattr__ = lazy_exports(__name__, _NAMES)

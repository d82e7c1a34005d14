"""Corpora, documents and their ingestion. Public names for apps (see docs/CORE_API.md)."""

from core.exports import lazy_exports

_NAMES = {
    "Corpus": "core.corpora.models",
    "Document": "core.corpora.models",
    "Chunk": "core.corpora.models",
    "readable_corpora": "core.corpora.selectors",
    "manageable_corpora": "core.corpora.selectors",
    "can_read": "core.corpora.selectors",
    "retrieve": "core.corpora.search",
    "search_corpora": "core.corpora.search",
    "create_corpus": "core.corpora.services",
    "add_document": "core.corpora.services",
    "ingest_document": "core.corpora.services",
    "run_in_scratch_stack": "core.corpora.scratch",
    "DemoCorpus": "core.corpora.demo",
    "DemoFile": "core.corpora.demo",
    "load_demo_corpora": "core.corpora.demo",
}
__all__ = list(_NAMES)
__getattr__ = lazy_exports(__name__, _NAMES)

"""Which corpora and documents a reader's search may look at, resolved here so
that retrieval receives a finished ``Scope`` and never asks who may read what."""

from __future__ import annotations

from core.corpora.models import Corpus, Document
from core.corpora.selectors import readable_corpora
from core.retrieval import Scope
from core.retrieval.embedder import embedder_for_language

FILTER_FIELDS = {
    "document_ids": "pk__in",
    "language": "language",
    "kind": "kind",
    "filenames": "filename__in",
}


def resolve_scope(*, user, corpora=None, filters: dict | None = None) -> Scope:
    """The corpora ``user`` may read among ``corpora`` (Corpus objects or slugs;
    None: all they may read), narrowed by ``filters`` to ready documents.
    ``user=None`` is for system jobs and then needs ``corpora``."""
    if user is None:
        if corpora is None:
            raise ValueError("retrieve(user=None) is for system jobs and needs explicit corpora.")
        allowed = Corpus.objects.all()
    else:
        allowed = readable_corpora(user)
    if corpora is not None:
        wanted = list(corpora)
        slugs = [c for c in wanted if isinstance(c, str)]
        ids = [c.pk for c in wanted if isinstance(c, Corpus)]
        allowed = allowed.filter(pk__in=ids) | allowed.filter(slug__in=slugs)
    languages = dict(allowed.values_list("pk", "language"))
    embedders = embedders_of(languages)
    if not filters:
        return Scope.of(languages, embedders=embedders)
    unknown = set(filters) - set(FILTER_FIELDS)
    if unknown:
        raise ValueError(f"Unknown retrieval filters: {', '.join(sorted(unknown))}")
    documents = Document.objects.filter(corpus_id__in=languages, status=Document.Status.READY)
    for key, value in filters.items():
        documents = documents.filter(**{FILTER_FIELDS[key]: value})
    return Scope.of(languages, documents.values_list("pk", flat=True), embedders)


def embedders_of(languages: dict[int, str]) -> dict[int, str]:
    """Each corpus id's embedder, from its language (corpus id -> language)."""
    return {pk: embedder_for_language(language) for pk, language in languages.items()}


def scope_of(corpus_ids) -> Scope:
    """Every one of these corpora, whoever may read them (system jobs, evaluations)."""
    languages = dict(Corpus.objects.filter(pk__in=list(corpus_ids)).values_list("pk", "language"))
    return Scope.of(languages, embedders=embedders_of(languages))

"""Reads for corpora: who may read or manage what, and the admin list. Selectors
only read: a document whose ingestion run lost its worker is failed by the runs
reaper (``core.runs.services.reap``), which the corpus pages call before reading."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from core.accounts.roles import is_admin
from core.corpora.models import Corpus, Document


def readable_corpora(user) -> QuerySet[Corpus]:
    """Corpora ``user`` may read: admins read all; others through a role or
    group named in the corpus's readers. Anonymous users read none."""
    if user is None or not user.is_authenticated:
        return Corpus.objects.none()
    if is_admin(user):
        return Corpus.objects.all()
    return Corpus.objects.filter(readers__in=user.groups.all()).distinct()


def can_read(user, corpus: Corpus) -> bool:
    return readable_corpora(user).filter(pk=corpus.pk).exists()


def manageable_corpora(user) -> QuerySet[Corpus]:
    """Corpora ``user`` may upload to and manage: admins all, else where named a manager."""
    if user is None or not user.is_authenticated:
        return Corpus.objects.none()
    if is_admin(user):
        return Corpus.objects.all()
    return Corpus.objects.filter(managers=user)


def corpora_with_counts(user) -> QuerySet[Corpus]:
    """The admin list: one query, with document counts by status and chunk totals."""
    status = Document.Status
    return (
        manageable_corpora(user)
        .annotate(
            n_documents=Count("documents", distinct=True),
            n_ready=Count("documents", filter=Q(documents__status=status.READY), distinct=True),
            n_failed=Count("documents", filter=Q(documents__status=status.FAILED), distinct=True),
            n_pending=Count(
                "documents",
                filter=Q(documents__status__in=[status.QUEUED, status.INGESTING]),
                distinct=True,
            ),
        )
        .prefetch_related("readers")
        .order_by("name")
    )


def documents_of(corpus: Corpus) -> list[Document]:
    """A corpus's documents, newest first, each with its latest ingestion run."""
    return list(corpus.documents.select_related("run").order_by("-created_at"))

"""Reads for corpora: who may read or manage what, and the admin list."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from core.accounts.roles import is_admin
from core.corpora.models import Corpus, Document
from core.heartbeat import stale_cutoff


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


def fail_stale_ingestions() -> int:
    """A document whose worker died must not show as ingesting forever: a live
    ingestion stamps ``updated_at`` every RUN_HEARTBEAT_S, so one silent for
    RUN_STALE_AFTER_S is marked failed (as runs are)."""
    return Document.objects.filter(
        status=Document.Status.INGESTING, updated_at__lt=stale_cutoff()
    ).update(
        status=Document.Status.FAILED,
        error="The ingestion stopped without finishing (the worker may have restarted). Retry it.",
    )

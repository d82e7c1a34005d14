"""Celery tasks: ids in, one service call."""

from celery import shared_task

from core.corpora import services


@shared_task(name="corpora.ingest_document")
def ingest_document_task(document_id: int) -> str:
    """Ingest one document. The service records progress and failure on the
    row; the soft time limit (TASK_SOFT_TIME_LIMIT_S) bounds a hostile file."""
    return services.ingest_document(document_id).status

"""Celery tasks: ids in, one service call.

Ingestion is the ``corpora.ingest`` run kind (sent as ``core.runs.tasks.execute_run_task``).
This task keeps its name and signature so messages sent before that change still drain."""

from celery import shared_task

from core.corpora import services


@shared_task(name="corpora.ingest_document")
def ingest_document_task(document_id: int) -> str:
    """Ingest one document: executes its queued ingestion run here, or starts one
    if it has none queued or running (the runs engine records steps and failure;
    the soft time limit, TASK_SOFT_TIME_LIMIT_S, bounds a hostile file)."""
    return services.ingest_document(document_id).status

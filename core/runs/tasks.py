"""Celery glue: ids in, one service call. Retries only cover a database that was
briefly unavailable before the run was claimed; a claimed run is never replayed."""

from __future__ import annotations

from celery import shared_task
from celery.signals import worker_ready
from django.db import InterfaceError, OperationalError

from core.runs import services


@shared_task(
    name="core.runs.tasks.execute_run_task",
    acks_late=True,
    ignore_result=True,  # the Run row is the result; no result-backend round trip to fail
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    max_retries=3,
)
def execute_run_task(run_id: str) -> str:
    run = services.execute_run(run_id)
    return run.status if run is not None else "missing"


@worker_ready.connect
def _fail_runs_left_by_a_dead_worker(**kwargs) -> None:
    services.reap()

"""Celery glue kept for messages sent before refits became runs."""

import logging

from celery import shared_task

from apps.crops import services

log = logging.getLogger(__name__)


@shared_task(name="crops.fit_forecasts")
def fit_forecasts_task(job_id=None) -> str:
    """A message from before refits were runs names a fit job that no longer exists:
    refit every series, as a run executed in this worker, so it still drains."""
    log.warning(
        "crops.fit_forecasts: an old message (fit job %s) refits every series as a run", job_id
    )
    return services.refit_now().status


@shared_task(name="crops.agmarknet_import")
def agmarknet_import_task() -> str:
    """Celery beat's entry (core/settings.py CELERY_BEAT_SCHEDULE, only with a key): queue
    one visible import run; the runs engine executes it. No retries here: a refused key
    fails its run with a sentence and the next tick, hours later, asks again."""
    run = services.start_agmarknet_import()
    if run is None:
        return "no API key: nothing asked"
    log.info("crops.agmarknet_import: run %s", run.pk)
    return str(run.pk)

"""Writes: start a refit of the stored forecasts (a run of kind ``crops.refit``) or an
import of today's Agmarknet prices (``crops.agmarknet``), queued for a worker or run
inline, and store an import's prices. The handlers are in ``apps.crops.runs``."""

from __future__ import annotations

from django.conf import settings

from apps.crops.agmarknet_import import RUN_KIND as IMPORT_KIND
from apps.crops.agmarknet_import import import_inputs
from apps.crops.importing import store_parsed
from apps.crops.refit import RUN_KIND, refit_inputs
from core.runs import Run, run_inline, start_run

__all__ = [
    "start_refit",
    "refit_now",
    "refit_summary",
    "start_agmarknet_import",
    "import_now",
    "store_imported",
]


def start_refit(user=None, series_ids=None):
    """Create the refit run and enqueue it after commit. The system starts refits
    (after an import, from the demo), so no rate limit; a broker that is down leaves
    the run queued and resent, as every run."""
    return start_run(user, RUN_KIND, refit_inputs(series_ids), rate_limited=False)


def refit_now(user=None, series_ids=None):
    """Create the refit run and execute it here, in this process (management
    commands, the old task name): the same handler a worker runs, no broker."""
    return run_inline(user, RUN_KIND, refit_inputs(series_ids))


def refit_summary(run) -> str:
    """What a refit said when it ended: its message and seconds, or why it failed."""
    if run.error:
        return run.error
    seconds = (run.result or {}).get("seconds")
    return f"{run.message} ({seconds} s)" if seconds is not None else run.message


def start_agmarknet_import(user=None, filters=None):
    """Queue an import of today's Agmarknet prices (a run of kind ``crops.agmarknet``);
    None when no API key is set (nothing calls out). One at a time: while one is queued
    or running, that one is returned instead of starting another."""
    if not settings.AGMARKNET_API_KEY:
        return None
    busy = Run.objects.filter(kind=IMPORT_KIND, status__in=[Run.Status.QUEUED, Run.Status.RUNNING])
    return busy.first() or start_run(user, IMPORT_KIND, import_inputs(filters), rate_limited=False)


def import_now(user=None, filters=None):
    """The import run executed here, in this process (the management command)."""
    return run_inline(user, IMPORT_KIND, import_inputs(filters))


def store_imported(parsed):
    """Store an import's new prices as a batch and queue a refit of the series that
    gained some (the batch names it)."""
    batch = store_parsed(parsed)
    if batch.points_created:
        batch.refit = start_refit(None, batch.series_ids)
        batch.save(update_fields=["refit"])
    return batch

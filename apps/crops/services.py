"""Writes: start a refit of the stored forecasts (a run of kind ``crops.refit``,
fitted by ``apps.crops.refit.run_refit``), queued for a worker or run inline."""

from __future__ import annotations

from apps.crops.refit import RUN_KIND, refit_inputs


def start_refit(user=None, series_ids=None):
    """Create the refit run and enqueue it after commit. The system starts refits
    (after an import, from the demo), so no rate limit; a broker that is down leaves
    the run queued and resent, as every run."""
    from core.runs import start_run

    return start_run(user, RUN_KIND, refit_inputs(series_ids), rate_limited=False)


def refit_now(user=None, series_ids=None):
    """Create the refit run and execute it here, in this process (management
    commands, the old task name): the same handler a worker runs, no broker."""
    from core.runs import Run, execute_run

    run = Run.objects.create(user=user, kind=RUN_KIND, inputs=refit_inputs(series_ids))
    execute_run(run.pk)
    run.refresh_from_db()
    return run


def refit_summary(run) -> str:
    """What a refit said when it ended: its message and seconds, or why it failed."""
    if run.error:
        return run.error
    seconds = (run.result or {}).get("seconds")
    return f"{run.message} ({seconds} s)" if seconds is not None else run.message

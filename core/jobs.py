"""What the workers are doing right now, from the rows their jobs keep fresh."""

from __future__ import annotations

from core.heartbeat import stale_cutoff


def busy_jobs() -> int:
    """Running runs whose heartbeat is newer than RUN_STALE_AFTER_S: jobs a worker
    is working on now. Every job is a run (ingestions are ``corpora.ingest`` runs),
    so the engine's heartbeat on the Run is the one sign of life counted."""
    from core.runs.models import Run

    return Run.objects.filter(status=Run.Status.RUNNING, heartbeat_at__gte=stale_cutoff()).count()

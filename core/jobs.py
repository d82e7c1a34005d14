"""What the workers are doing right now, from the rows their jobs keep fresh."""

from __future__ import annotations

from core.heartbeat import stale_cutoff


def busy_jobs() -> int:
    """Runs and ingestions whose heartbeat is newer than RUN_STALE_AFTER_S: jobs a
    worker is working on now (a crops refit keeps no heartbeat and is not counted)."""
    from core.corpora.models import Document
    from core.runs.models import Run

    since = stale_cutoff()
    runs = Run.objects.filter(status=Run.Status.RUNNING, heartbeat_at__gte=since).count()
    ingestions = Document.objects.filter(
        status=Document.Status.INGESTING, updated_at__gte=since
    ).count()
    return runs + ingestions

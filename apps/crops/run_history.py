"""Reads of the app's jobs for its pages: the latest refits and Agmarknet imports,
and the refit under way."""

from __future__ import annotations


def recent_refits(limit: int = 10) -> list:
    """The latest refits of the forecasts (runs of kind ``crops.refit``), newest first."""
    from apps.crops.refit import RUN_KIND
    from core.runs import Run

    return list(Run.objects.filter(kind=RUN_KIND).order_by("-created_at")[:limit])


def recent_agmarknet_imports(limit: int = 5) -> list:
    """The latest imports of today's Agmarknet prices (runs of kind ``crops.agmarknet``)."""
    from apps.crops.agmarknet_import import RUN_KIND
    from core.runs import Run

    return list(Run.objects.filter(kind=RUN_KIND).order_by("-created_at")[:limit])


def pending_refit():
    """The refit queued or running now (the oldest), or None."""
    from apps.crops.refit import RUN_KIND
    from core.runs import Run

    active = [Run.Status.QUEUED, Run.Status.RUNNING]
    return Run.objects.filter(kind=RUN_KIND, status__in=active).order_by("created_at").first()

"""Reads on runs, with the permission rule: a run is seen by its owner and by admins."""

from __future__ import annotations

from django.http import Http404

from core.accounts.roles import is_admin
from core.runs.models import Run, RunStep


def can_view_run(user, run: Run) -> bool:
    if not user.is_authenticated:
        return False
    return run.user_id == user.pk or is_admin(user)


def get_run_for_user(user, pk) -> Run:
    """The run, or Http404 for anyone but its owner and admins (no existence leak)."""
    run = Run.objects.filter(pk=pk).select_related("user").first()
    if run is None or not can_view_run(user, run):
        raise Http404("No such run.")
    return run


def steps_of(run: Run) -> list[RunStep]:
    return list(run.steps.order_by("ordinal"))


def recent_runs_for(user, limit: int = 20) -> list[Run]:
    return list(Run.objects.filter(user=user).order_by("-created_at")[:limit])

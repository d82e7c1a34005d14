"""How to make the object behind each route with parameters, and who may open it.

``make(users)`` gets the cast plus ``peer`` (a second user with the owner's
role) and returns ``(url kwargs, usernames that may open it)``. Everyone else
must get 403 (wrong role) or 404 (someone else's object); the peer always 404
unless it is listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# Routes whose parameters name no per-user object, with the reason.
UNOWNED_ROUTES: dict[str, str] = {}
ADMINS = {"corpusadmin", "staff"}


@dataclass(frozen=True)
class ObjectCase:
    route_name: str
    peer_role: str  # attribute of core.accounts.roles.Role
    make: Callable[[dict], tuple[dict, set[str]]]
    method: str = "get"  # "post" for actions: the owner gets 200 or a redirect


def farmers_finished_run(users) -> tuple[dict, set[str]]:
    from core.runs.models import Run, RunStep

    run = Run.objects.create(
        user=users["farmer"], kind="security.walk", status=Run.Status.SUCCEEDED, progress=1.0
    )
    RunStep.objects.create(
        run=run,
        ordinal=1,
        kind="answer",
        title="Answer",
        text="ok",
        status=RunStep.Status.SUCCEEDED,
    )
    return {"pk": run.pk}, {"farmer"} | ADMINS


def object_cases() -> list[ObjectCase]:
    cases = []
    try:
        import core.runs.models  # noqa: F401
    except ImportError:
        pass
    else:
        cases += [
            ObjectCase("runs:detail", "FARMER", farmers_finished_run),
            ObjectCase("runs:fragment", "FARMER", farmers_finished_run),
            ObjectCase("runs:events", "FARMER", farmers_finished_run),
            ObjectCase("runs:cancel", "FARMER", farmers_finished_run, method="post"),
        ]
    return cases

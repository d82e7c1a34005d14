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


def engineers_check(users) -> tuple[dict, set[str]]:
    from apps.compliance.models import Check, RulePack

    pack, _ = RulePack.objects.get_or_create(slug="walk-pack", defaults={"name": "Walk pack"})
    check = Check.objects.create(
        user=users["engineer"],
        title="Ground floor",
        pack=pack,
        result={"findings": [], "storeys": []},
    )
    return {"pk": check.pk, "fmt": "json"}, {"engineer"} | ADMINS


def rule_pack(users) -> tuple[dict, set[str]]:
    from apps.compliance.models import RulePack

    pack = RulePack.objects.create(slug=f"walk-{RulePack.objects.count()}", name="Walk pack")
    return {"pk": pack.pk}, {"peer"} | ADMINS


def managed_corpus(users) -> tuple[dict, set[str]]:
    """A corpus the farmer may read and the teacher manages; the peer teacher neither."""
    from core.corpora.models import Corpus
    from core.corpora.services import add_document, create_corpus

    corpus = create_corpus(name=f"Walk {Corpus.objects.count()}", reader_roles=["farmer"])
    corpus.managers.add(users["teacher"])
    document = add_document(
        corpus, filename="notes.md", data=b"# Notes\n\nDry grain.", enqueue=False
    )
    return {"slug": corpus.slug, "pk": document.pk}, {"teacher"} | ADMINS


def _importable(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def object_cases() -> list[ObjectCase]:
    cases = []
    if _importable("core.runs.models"):
        cases += [
            ObjectCase("runs:detail", "FARMER", farmers_finished_run),
            ObjectCase("runs:fragment", "FARMER", farmers_finished_run),
            ObjectCase("runs:events", "FARMER", farmers_finished_run),
            ObjectCase("runs:cancel", "FARMER", farmers_finished_run, method="post"),
        ]
    if _importable("apps.compliance.models"):
        cases += [
            ObjectCase("compliance:check", "ENGINEER", engineers_check),
            ObjectCase("compliance:report", "ENGINEER", engineers_check),
            ObjectCase("compliance:pack", "CORPUS_ADMIN", rule_pack),
        ]
    if _importable("core.corpora.models"):
        cases += [
            ObjectCase(name, "TEACHER", managed_corpus)
            for name in ("corpora:detail", "corpora:documents", "corpora:query")
        ] + [
            ObjectCase(name, "TEACHER", managed_corpus, method="post")
            for name in (
                "corpora:upload",
                "corpora:reindex",
                "corpora:delete",
                "corpora:document_retry",
                "corpora:document_delete",
            )
        ]
    return cases

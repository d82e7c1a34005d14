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
    ok: frozenset[int] = frozenset()  # what those who may open it get; default 200 (GET)

    def allowed(self) -> set[int]:
        return set(self.ok) or ({200} if self.method == "get" else {200, 302})


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


def teachers_lesson(users) -> tuple[dict, set[str]]:
    """A private lesson: only its owner sees it (admins pass the role check, not the owner one)."""
    from apps.courseware.models import Lesson

    lesson = Lesson.objects.create(
        owner=users["teacher"],
        title="Waves",
        corpus_slug="physics",
        request={"grade": 8, "minutes": 40, "language": "en"},
        status=Lesson.Status.READY,
        data={"title": "Waves"},
    )
    return {"pk": lesson.pk, "section": "cycles", "fmt": "json"}, {"teacher"}


def price_series(users) -> tuple[dict, set[str]]:
    """Market prices are public to every farmer."""
    import datetime

    from apps.crops.models import PricePoint, PriceSeries

    series = PriceSeries.objects.create(
        commodity="Onion",
        market=f"M{PriceSeries.objects.count()}",
        unit="Rs/quintal",
        currency="INR",
    )
    start = datetime.date(2024, 1, 1)
    PricePoint.objects.bulk_create(
        [
            PricePoint(
                series=series, date=start + datetime.timedelta(days=7 * i), price=1500 + 10 * i
            )
            for i in range(30)
        ]
    )
    return {"pk": series.pk}, {"farmer", "peer"} | ADMINS


def import_batch(users) -> tuple[dict, set[str]]:
    from apps.crops.models import ImportBatch

    batch = ImportBatch.objects.create(filename="prices.csv", uploaded_by=users["corpusadmin"])
    return {"pk": batch.pk}, {"peer"} | ADMINS


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
    if _importable("apps.courseware.models"):
        cases += (
            [
                ObjectCase(name, "TEACHER", teachers_lesson)
                for name in ("courseware:lesson", "courseware:body", "courseware:edit")
            ]
            + [
                # an export of a lesson that is not complete is refused with 409, not a crash
                ObjectCase(
                    "courseware:download", "TEACHER", teachers_lesson, ok=frozenset({200, 409})
                ),
            ]
            + [
                ObjectCase(name, "TEACHER", teachers_lesson, method="post")
                for name in (
                    "courseware:regenerate",
                    "courseware:uncited",
                    "courseware:share",
                    "courseware:duplicate",
                )
            ]
        )
    if _importable("apps.crops.models"):
        cases += [
            ObjectCase("crops:series", "FARMER", price_series),
            ObjectCase("crops:series_computing", "FARMER", price_series),
            # an empty form is answered 400 with the form, not a run
            ObjectCase(
                "crops:advise", "FARMER", price_series, method="post", ok=frozenset({200, 302, 400})
            ),
            ObjectCase("crops:import_detail", "CORPUS_ADMIN", import_batch),
        ]
    return cases

"""Demo data for the crops app (idempotent): WFP's Bangladesh food prices
(CC BY-IGO, committed under demo/crops/), their forecasts, and, when the
shared development data is present, the market-outlook reports as the
"market-bulletins" corpus the advisory cites. Agmarknet files are never
loaded by the demo (their licence does not allow shipping them)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from apps.crops.advisory import CORPUS_SLUG

DEMO_DIR = Path(settings.BASE_DIR) / "demo" / "crops"
# The shipped demo's files: series from them are labelled "demo data" on every page.
DEMO_FILES = frozenset(p.name for p in DEMO_DIR.glob("*.csv"))
BULLETINS_DIR = Path(settings.BASE_DIR).parent / "shared" / "data" / "crops" / "text"
BULLETIN_SOURCES = {
    "usda_wasde": (
        "https://www.usda.gov/oce/commodity/wasde",
        "Public domain (17 U.S.C. §105)",
        "USDA World Agricultural Outlook Board, WASDE",
    ),
    "worldbank_cmo": (
        "https://www.worldbank.org/en/research/commodity-markets",
        "CC BY 3.0 IGO",
        "World Bank, Commodity Markets Outlook, October 2025",
    ),
}


def is_demo(source: str) -> bool:
    """Whether a series came from the shipped demo files (not a farmer's own data)."""
    return source in DEMO_FILES


def load(stdout) -> None:
    from apps.crops.importing import import_path
    from apps.crops.models import Forecast, ImportBatch
    from apps.crops.refit import RUN_KIND
    from apps.crops.services import start_refit
    from core.runs import Run

    for path in sorted(DEMO_DIR.glob("*.csv")):
        if ImportBatch.objects.filter(filename=path.name, points_created__gt=0).exists():
            continue
        batch = import_path(path)
        stdout.write(f"Crops: {batch.message}")
    pending = Run.objects.filter(kind=RUN_KIND, status__in=[Run.Status.QUEUED, Run.Status.RUNNING])
    if not Forecast.objects.exists() and not pending.exists():
        # The worker fits them (a minute or two) once `make run` has started it.
        run = start_refit()
        stdout.write(f"Crops: forecast refit {run.pk} queued for the worker.")
    load_bulletins(stdout)


def load_bulletins(stdout) -> None:
    """The market reports the advisory cites, queued for the worker."""
    from core.accounts import Role
    from core.corpora import DemoCorpus, DemoFile, load_demo_corpora

    if not BULLETINS_DIR.is_dir():
        stdout.write("Crops: no market reports found next to the project; the corpus is empty.")
    files = []
    for path in sorted(BULLETINS_DIR.glob("*.md")):  # none where the folder is missing
        url, licence, attribution = next(
            (v for k, v in BULLETIN_SOURCES.items() if path.name.startswith(k)), ("", "", "")
        )
        files.append(DemoFile(str(path), path.stem, url, licence, attribution))
    corpus = DemoCorpus(
        CORPUS_SLUG,
        "Market bulletins",
        "Market bulletins and commodity outlook reports the sell-or-hold advice cites.",
        (Role.FARMER,),
        tuple(files),
        inline=False,
    )
    load_demo_corpora(stdout, (corpus,))

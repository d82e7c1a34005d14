"""Demo data for the crops app (idempotent): WFP's Bangladesh food prices
(CC BY-IGO, committed under demo/crops/), their forecasts, and, when the
shared development data is present, the market-outlook reports as the
"market-bulletins" corpus the advisory cites (``demo_bulletins``). Agmarknet
files are never loaded by the demo (their licence does not allow shipping them)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from apps.crops.demo_bulletins import load_bulletins

DEMO_DIR = Path(settings.BASE_DIR) / "demo" / "crops"
# The shipped demo's files: series from them are labelled "demo data" on every page.
DEMO_FILES = frozenset(p.name for p in DEMO_DIR.glob("*.csv"))


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

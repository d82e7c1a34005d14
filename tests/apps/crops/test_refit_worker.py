"""Refits in a real Celery worker: a killed worker leaves a failed refit with a
reason within the stale window, and a message of the old task name still drains."""

import math
import os
import random
import signal
import subprocess
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from apps.crops.models import Forecast, PricePoint, PriceSeries
from core.celery import app
from core.runs import Run
from tests.workers import spawn_worker, worker_env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored"),
]
STALE_AFTER_S = 3


@pytest.fixture
def worker(settings):
    settings.RUN_STALE_AFTER_S = STALE_AFTER_S  # the reaper in this process
    env = worker_env(
        settings.VAR_DIR.resolve(),
        OPENKITCHEN_DATABASE_URL=f"sqlite:///{connection.settings_dict['NAME']}",
        OPENKITCHEN_RUN_HEARTBEAT_S="0.5",
        OPENKITCHEN_RUN_STALE_AFTER_S=str(STALE_AFTER_S),
        OPENKITCHEN_CROPS_FIT_WORKERS="1",  # no forked fitters: one process group to kill
    )
    proc = spawn_worker("crops", env, pool="prefork", extra=("--concurrency", "1"))
    yield proc
    stop(proc, signal.SIGQUIT)


def stop(proc, sig):
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
    try:
        return proc.communicate(timeout=30)[0]
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        return proc.communicate()[0]


@pytest.fixture
def real_broker():
    """start_run publishes to the broker the worker reads (tests are eager otherwise)."""
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = eager


def prices(markets: int, days: int) -> None:
    """``markets`` weekly-reported series of daily prices ending two days ago."""
    rng = random.Random(3)
    end = timezone.now().date() - timedelta(days=2)
    first = end - timedelta(days=days - 1)
    points = []
    for m in range(markets):
        series = PriceSeries.objects.create(
            commodity="Onion",
            market=f"Market {m}",
            unit="quintal",
            currency="INR",
            first_date=first,
            last_date=end,
            price_days=days,
        )
        level = 1500.0 * (1 + m / markets)
        for k in range(days):
            level *= math.exp(rng.gauss(0, 0.01))
            points.append(PricePoint(series=series, date=first + timedelta(days=k), price=level))
    PricePoint.objects.bulk_create(points, batch_size=5000)


def wait_until(check, timeout=120, what="the condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_refit_whose_worker_is_killed_ends_failed_with_a_reason_in_the_stale_window(
    cast, client_for, worker, real_broker
):
    from apps.crops.services import start_refit
    from core.runs.services import WORKER_DIED

    prices(markets=150, days=1000)  # a fit of some seconds: long enough to be killed in
    run = start_refit()
    fitting = wait_until(
        lambda: run.steps.filter(title="Fit forecasts", status="running").first(),
        what="the refit to start fitting",
    )
    stop(worker, signal.SIGKILL)
    killed = time.monotonic()
    run.refresh_from_db()
    assert run.status == Run.Status.RUNNING  # nobody has looked yet
    page = client_for(cast["corpusadmin"])

    def failed():  # what an admin sees opening the refit's page (which reaps first)
        page.get(reverse("runs:detail", args=[run.pk]))
        run.refresh_from_db()
        return run.status == Run.Status.FAILED

    wait_until(failed, timeout=STALE_AFTER_S + 10, what="the dead refit to fail")
    assert time.monotonic() - killed <= STALE_AFTER_S + 2
    assert run.error == WORKER_DIED
    fitting.refresh_from_db()
    assert fitting.status == "failed"
    loaded = run.steps.get(title="Load prices")
    assert loaded.status == "succeeded" and loaded.data["series_with_prices"] == 150
    assert not Forecast.objects.exists()
    listing = page.get(reverse("crops:imports")).content.decode()
    assert reverse("runs:detail", args=[run.pk]) in listing and WORKER_DIED[:40] in listing


def test_a_message_of_the_old_fit_task_still_drains_in_a_worker(worker):
    prices(markets=3, days=300)
    app.send_task("crops.fit_forecasts", args=[41])  # as queued before the upgrade
    run = wait_until(
        lambda: Run.objects.filter(kind="crops.refit", status__in=Run.FINISHED).first(),
        what="the old message to be run",
    )
    assert run.status == Run.Status.SUCCEEDED, run.error
    assert run.message == "3 series forecast." and Forecast.objects.filter(run=run).count() == 3

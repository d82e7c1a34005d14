import io

import pytest
from django.urls import reverse

from apps.crops.models import Forecast, ImportBatch, PricePoint
from core.runs import Run


@pytest.mark.slow
@pytest.mark.postgres
def test_the_demo_loads_the_wfp_prices_once_and_queues_one_fit(
    db, django_capture_on_commit_callbacks
):
    from apps.crops import demo

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=False):
        demo.load(out)
    points = PricePoint.objects.count()
    with django_capture_on_commit_callbacks(execute=False):
        demo.load(out)  # idempotent
    assert points > 10_000 and PricePoint.objects.count() == points
    assert ImportBatch.objects.count() == 1
    assert Run.objects.filter(kind="crops.refit").count() == 1


@pytest.mark.slow
@pytest.mark.postgres
def test_a_farmer_can_read_a_demo_forecast_and_ask_for_advice_told_how_old_the_prices_are(
    db, cast, client_for, django_capture_on_commit_callbacks
):
    """The demo's real prices end years before today: the page still forecasts and
    offers advice, counting from the latest price's date and saying so."""
    from apps.crops import demo
    from core.runs import execute_run

    with django_capture_on_commit_callbacks(execute=False):
        demo.load(io.StringIO())
    refit = execute_run(Run.objects.get(kind="crops.refit").pk)  # what the worker does
    assert refit.status == Run.Status.SUCCEEDED, refit.error
    ready = Forecast.objects.filter(status="ok").exclude(steps=[]).select_related("series")
    assert ready.count() >= 100  # most WFP markets report until the end of the file
    forecast = ready.order_by("series__commodity", "series__market").first()
    series = forecast.series
    client = client_for(cast["farmer"])
    listing = client.get(reverse("crops:home"), {"commodity": series.commodity}).content.decode()
    assert reverse("crops:series", args=[series.pk]) in listing
    page = client.get(reverse("crops:series", args=[series.pk])).content.decode()
    when = forecast.data_end.strftime("%d %b %Y")
    assert "Get advice" in page and f"1 month after {when}: likely between" in page
    assert f"latest price here is from {when}" in page.split('id="old-data-warning">')[1]
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("crops:advise", args=[series.pk]),
            {"quantity": "10", "storage_cost_per_week": "0.5"},
        )
    assert response.status_code == 302
    assert Run.objects.get(kind="crops.advisory").inputs["series_id"] == series.pk

"""The farmer's pages read stored forecasts only; admins upload with a mapping step."""

import time
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.crops.models import Forecast, ImportBatch, PriceSeries
from core.runs import execute_run
from tests.apps.crops.files import mandi_csv

pytestmark = pytest.mark.postgres


def _series_with_forecast(status="ok", last=date(2024, 3, 3), **extra) -> PriceSeries:
    series = PriceSeries.objects.create(
        commodity="Onion",
        market="Lasalgaon",
        unit="quintal",
        currency="INR",
        last_date=last,
        price_days=300,
    )
    steps = [
        {
            "start": (last + timedelta(days=1 + 7 * k)).isoformat(),
            "mean": 2100.0 + k,
            "lo80": 1800.0,
            "hi80": 2400.0,
            "lo95": 1600.0,
            "hi95": 2700.0,
        }
        for k in range(4)
    ]
    Forecast.objects.create(
        series=series,
        status=status,
        model="neighbours_naive",
        data_end=last,
        last_price=2050.0,
        history=[
            [(last - timedelta(days=14)).isoformat(), 2000.0],
            [(last - timedelta(days=7)).isoformat(), None],
            [last.isoformat(), 2050.0],
        ],
        steps=steps if status == "ok" else [],
        backtest={"mae": 210.0, "mae_naive": 230.0, "relative_error": 0.1},
        **extra,
    )
    return series


def test_the_forecast_page_says_the_numbers_in_plain_words_with_a_fan_chart(cast, client_for):
    last = timezone.now().date() - timedelta(days=3)
    series = _series_with_forecast(last=last)
    client = client_for(cast["farmer"])
    client.get(reverse("crops:series", args=[series.pk]))
    started = time.perf_counter()
    page = client.get(reverse("crops:series", args=[series.pk])).content.decode()
    assert time.perf_counter() - started < 0.3
    assert (
        "Next 4 weeks: likely between Rs 1,800 and Rs 2,400 per quintal, most likely Rs 2,103"
        in page
    )
    assert 'class="band80"' in page and 'class="history"' in page
    assert "off by about Rs 210" in page and "better than simply repeating" in page
    assert last.strftime("%d %b %Y") in page
    assert "Get advice" in page and "old-data-warning" not in page


def test_the_page_says_how_often_the_band_held_here_and_which_model_serves_which_weeks(
    cast, client_for
):
    series = _series_with_forecast(last=timezone.now().date() - timedelta(days=3))
    forecast = series.forecast
    forecast.backtest = {**forecast.backtest, "held80": 6, "scored80": 12}
    forecast.steps = [
        {**s, "model": "neighbours_naive" if k < 2 else "naive"}
        for k, s in enumerate(forecast.steps)
    ]
    forecast.save()
    page = (
        client_for(cast["farmer"]).get(reverse("crops:series", args=[series.pk])).content.decode()
    )
    assert "the likely range held 6 times in 12 here" in page
    assert 'id="band-held-warning"' in page and "less than 7 times in 10" in page
    assert "Weeks 1–2: the forecast model; weeks 3–4: the last price" in page
    forecast.backtest = {**forecast.backtest, "held80": 10}
    forecast.save()
    page = (
        client_for(cast["farmer"]).get(reverse("crops:series", args=[series.pk])).content.decode()
    )
    assert "held 10 times in 12 here" in page and "band-held-warning" not in page


def test_old_prices_still_get_a_forecast_and_advice_dated_from_the_latest_price(cast, client_for):
    series = _series_with_forecast(last=date(2024, 3, 3))
    page = (
        client_for(cast["farmer"]).get(reverse("crops:series", args=[series.pk])).content.decode()
    )
    # "Next 4 weeks" would be a lie two years later: the periods count from the data.
    assert "Next 4 weeks" not in page
    assert "4 weeks after 03 Mar 2024: likely between Rs 1,800 and Rs 2,400 per quintal" in page
    assert "Get advice" in page
    warning = page.split('id="old-data-warning">')[1].split("</p>")[0]
    assert "latest price here is from 03 Mar 2024" in warning
    assert "does not know today&#x27;s prices" in warning


def test_a_stale_series_says_so_instead_of_forecasting(cast, client_for):
    series = _series_with_forecast(
        status="stale", message="This market has not reported for 20 weeks"
    )
    page = (
        client_for(cast["farmer"]).get(reverse("crops:series", args=[series.pk])).content.decode()
    )
    assert "has not reported for 20 weeks" in page
    assert "likely between" not in page and "Get advice" not in page


def test_the_pickers_search_commodities_and_markets(cast, client_for):
    _series_with_forecast()
    PriceSeries.objects.create(commodity="Potato", market="Agra", price_days=10)
    client = client_for(cast["farmer"])
    page = client.get(reverse("crops:home"), {"q": "oni"}).content.decode()
    assert "Onion" in page and "Potato" not in page
    page = client.get(reverse("crops:home"), {"commodity": "Onion", "q": "lasal"}).content.decode()
    assert "Lasalgaon" in page


def test_other_roles_cannot_open_a_forecast_page(cast, client_for):
    series = _series_with_forecast()
    assert (
        client_for(cast["teacher"]).get(reverse("crops:series", args=[series.pk])).status_code
        == 403
    )


def test_an_admin_uploads_confirms_the_columns_and_sees_the_problem_report(
    cast, client_for, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client = client_for(cast["corpusadmin"])
    text = "Day;Modal;Mkt\n01/02/2021;1.250;Pune\n02/02/2021;abc;Pune\n03/02/2021;1.300;Pune\n"
    upload = SimpleUploadedFile("prices.csv", text.encode("utf-16"))
    response = client.post(reverse("crops:upload"), {"file": upload, "commodity": "Onion"})
    assert response.status_code == 302 and response["Location"] == reverse("crops:upload_confirm")
    page = client.get(reverse("crops:upload_confirm")).content.decode()
    assert "Mkt" in page and "Modal" in page
    # The admin maps the market column the detector did not recognise.
    response = client.post(
        reverse("crops:upload_confirm"),
        {
            "date_order": "dmy",
            "col_date": "Day",
            "col_price": "Modal",
            "col_market": "Mkt",
        },
    )
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("crops:import_detail", args=[batch.pk])
    assert PriceSeries.objects.get().market == "Pune"
    report = client.get(response["Location"]).content.decode()
    assert "text in price column" in report and "line 3" in report
    # Its forecasts are refitted by a run the report and the imports page link to.
    refit = batch.refit
    assert refit.kind == "crops.refit" and refit.inputs["series_ids"] == [
        PriceSeries.objects.get().pk
    ]
    assert "A refit of its forecasts is queued." in report
    assert reverse("runs:detail", args=[refit.pk]) in report
    listing = client.get(reverse("crops:imports")).content.decode()
    assert reverse("runs:detail", args=[refit.pk]) in listing and "Queued" in listing
    execute_run(refit.pk)
    report = client.get(response["Location"]).content.decode()
    assert "The refit of its forecasts finished: 1 series forecast." in report
    assert client.get(reverse("runs:detail", args=[refit.pk])).status_code == 200


def test_an_upload_that_is_not_a_table_gets_a_sentence_not_a_traceback(
    cast, client_for, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("notes.csv", b"just some words\nno columns here\n")
    page = (
        client_for(cast["corpusadmin"])
        .post(reverse("crops:upload"), {"file": upload})
        .content.decode()
    )
    assert "only one column" in page


@pytest.mark.slow
def test_a_refit_stores_forecasts_the_page_then_shows(
    cast, client_for, django_capture_on_commit_callbacks
):
    from apps.crops.importing import import_stream
    from apps.crops.services import start_refit
    from tests.apps.crops.files import as_bytes

    recent = timezone.now().date() - timedelta(days=802)  # ends two days ago
    import_stream(as_bytes(mandi_csv(days=800, start=recent)), "onion_state.csv")
    with django_capture_on_commit_callbacks(execute=True):
        run = start_refit()
    run.refresh_from_db()
    assert run.status == "succeeded", run.error
    assert run.message == "3 series forecast."
    assert Forecast.objects.filter(status="ok").count() == 3
    series = PriceSeries.objects.first()
    page = (
        client_for(cast["farmer"]).get(reverse("crops:series", args=[series.pk])).content.decode()
    )
    assert "Next 4 weeks: likely between" in page


def test_a_file_over_the_browser_limit_is_refused_with_the_command_to_use(
    cast, client_for, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MAX_UPLOAD_BYTES = 1024
    upload = SimpleUploadedFile("big.csv", b"DATE,PRICE\n" + b"2021-01-01,100\n" * 200)
    page = (
        client_for(cast["corpusadmin"])
        .post(reverse("crops:upload"), {"file": upload})
        .content.decode()
    )
    assert "crops_import" in page
    assert not ImportBatch.objects.exists()


def test_the_refit_button_starts_a_refit_run_the_imports_page_links_to(cast, client_for):
    from core.runs import Run

    client = client_for(cast["corpusadmin"])
    assert "No job yet." in client.get(reverse("crops:imports")).content.decode()
    response = client.post(reverse("crops:imports"))
    assert response.status_code == 302 and response["Location"] == reverse("crops:imports")
    run = Run.objects.get(kind="crops.refit")
    assert run.user == cast["corpusadmin"] and run.status == Run.Status.QUEUED
    assert run.inputs == {"series_ids": [], "title": "Refit every forecast"}
    page = client.get(reverse("crops:imports")).content.decode()
    assert "Refitting every forecast." in page
    assert reverse("runs:detail", args=[run.pk]) in page and "Queued" in page
    assert (
        "Refit every forecast" in client.get(reverse("runs:detail", args=[run.pk])).content.decode()
    )


def _market_without_forecast() -> PriceSeries:
    return PriceSeries.objects.create(
        commodity="Onion",
        market="Pune",
        unit="quintal",
        currency="INR",
        price_days=30,
        last_date=timezone.now().date(),
    )


def _running_refit(progress: float, seconds: int):
    from core.runs import Run

    return Run.objects.create(
        kind="crops.refit",
        status=Run.Status.RUNNING,
        progress=progress,
        started_at=timezone.now() - timedelta(seconds=seconds),
    )


def test_the_page_counts_down_while_the_forecasts_are_computed(cast, client_for):
    series = _market_without_forecast()
    _running_refit(0.5, 30)
    fragment_url = reverse("crops:series_computing", args=[series.pk])
    page = client_for(cast["farmer"]).get(reverse("crops:series", args=[series.pk]))
    text = page.content.decode()
    assert "The forecasts are being computed: ready in about 3" in text  # 30 s, give or take
    assert f'hx-get="{fragment_url}"' in text and 'hx-trigger="every 3s"' in text


def test_the_computing_fragment_updates_its_estimate_then_stops_when_the_forecast_exists(
    cast, client_for
):
    from core.runs import Run

    series = _market_without_forecast()
    run = _running_refit(0.5, 30)
    client = client_for(cast["farmer"])
    url = reverse("crops:series_computing", args=[series.pk])
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "ready in about 30 s" in text or "ready in about 31 s" in text
    assert 'hx-trigger="every 3s"' in text and "<html" not in text

    Run.objects.filter(pk=run.pk).update(progress=0.02)  # no pace yet: no number
    text = client.get(url).content.decode()
    assert "ready in a minute or two" in text and "about" not in text

    Forecast.objects.create(series=series, status="ok", model="naive", steps=[], history=[])
    Run.objects.filter(pk=run.pk).update(status=Run.Status.SUCCEEDED, progress=1.0)
    text = client.get(url).content.decode()
    assert "The forecasts are ready." in text
    assert f'href="{reverse("crops:series", args=[series.pk])}"' in text
    assert "hx-trigger" not in text and "hx-get" not in text


def test_the_computing_fragment_stops_polling_when_no_refit_is_left(cast, client_for):
    series = _market_without_forecast()
    text = (
        client_for(cast["farmer"])
        .get(reverse("crops:series_computing", args=[series.pk]))
        .content.decode()
    )
    assert "No forecast has been computed for this market yet." in text
    assert "hx-trigger" not in text


def test_the_computing_fragment_is_for_farmers_only(cast, client_for):
    series = _market_without_forecast()
    url = reverse("crops:series_computing", args=[series.pk])
    assert client_for(cast["farmer"]).get(url).status_code == 200
    assert client_for(cast["teacher"]).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302
    missing = reverse("crops:series_computing", args=[series.pk + 1000])
    assert client_for(cast["farmer"]).get(missing).status_code == 404

"""Today's Agmarknet prices from data.gov.in, against a local fake of its API:
paging, a 429, a timeout, an empty day, malformed rows, a refused key, suspect
prices, a market whose name changed case; incremental and idempotent; a
visible run per import and a refit afterwards; nothing calls out without a key."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.crops import agmarknet
from apps.crops.agmarknet_import import RUN_KIND
from apps.crops.models import ImportBatch, PricePoint, PriceSeries
from apps.crops.services import import_now, start_agmarknet_import
from core.runs import Run
from tests.apps.crops.agmarknet_server import GOOD_KEY, FakeDataGovIn, record

pytestmark = pytest.mark.postgres


@pytest.fixture
def api(settings, monkeypatch):
    settings.AGMARKNET_API_KEY = GOOD_KEY
    with FakeDataGovIn() as fake:
        monkeypatch.setattr(agmarknet, "API_URL", fake.url)
        monkeypatch.setattr(agmarknet, "PAGE_LIMIT", 2)
        monkeypatch.setattr(agmarknet, "TIMEOUT_S", 0.3)
        yield fake


def today():
    return timezone.now().date()


def five_markets(day):
    return [
        record(m, "Onion", day, 2000 + 10 * i)
        for i, m in enumerate(["Azadpur", "Keshopur", "Shahdara", "Narela", "Okhla"])
    ]


def test_an_import_reads_every_page_stores_the_prices_and_queues_a_refit(db, api):
    api.records = five_markets(today())
    run = import_now()
    assert run.status == Run.Status.SUCCEEDED, run.error
    assert api.offsets() == [0, 2, 4]  # pages of 2 until the total of 5
    assert {r["format"] for r in api.requests} == {"json"}
    assert PricePoint.objects.filter(date=today()).count() == 5
    series = PriceSeries.objects.get(market="Azadpur")
    assert (series.unit, series.currency, series.region) == ("quintal", "INR", "Delhi, Delhi")
    batch = ImportBatch.objects.get(pk=run.result["batch_id"])
    assert batch.refit is not None and batch.refit.kind == "crops.refit"
    assert sorted(batch.refit.inputs["series_ids"]) == sorted(
        PriceSeries.objects.values_list("pk", flat=True)
    )
    titles = list(run.steps.order_by("ordinal").values_list("title", flat=True))
    assert titles == [
        "Ask data.gov.in for today's prices",
        "Keep the days not stored yet",
        "Store prices",
    ]


def test_a_second_import_of_the_same_day_changes_nothing_and_refits_nothing(db, api):
    api.records = five_markets(today())
    import_now()
    again = import_now()
    assert again.status == Run.Status.SUCCEEDED
    assert again.result["points_created"] == 0 and again.result["already_stored"] == 5
    assert again.result["refit"] is None
    assert PricePoint.objects.count() == 5


def test_only_the_new_days_are_added_the_next_day(db, api):
    yesterday = today() - timedelta(days=1)
    api.records = five_markets(yesterday)
    import_now()
    api.records = five_markets(yesterday) + five_markets(today())
    run = import_now()
    assert run.result["points_created"] == 5 and run.result["already_stored"] == 5
    assert PriceSeries.objects.get(market="Okhla").last_date == today()


def test_a_429_is_waited_out_and_the_import_goes_on(db, api):
    api.records = five_markets(today())
    api.trouble = {2: ["429"]}
    run = import_now()
    assert run.status == Run.Status.SUCCEEDED, run.error
    assert api.offsets() == [0, 2, 2, 4]
    assert PricePoint.objects.count() == 5


def test_a_timeout_stops_the_run_with_a_sentence_and_keeps_the_pages_read(db, api):
    api.records = five_markets(today())
    api.trouble = {2: ["timeout"] * 3}
    api.sleep_s = 1.0
    run = import_now()
    assert run.status == Run.Status.FAILED
    assert "did not answer within 0.3 s (3 tries" in run.error
    assert "The 2 prices read before it were stored." in run.error
    assert PricePoint.objects.count() == 2
    assert api.offsets() == [0, 2, 2, 2]  # bounded: three tries of the page, then stop


def test_an_empty_day_is_a_successful_import_of_nothing(db, api):
    api.records = []
    run = import_now()
    assert run.status == Run.Status.SUCCEEDED
    assert run.message == "data.gov.in has no prices for this query today."
    assert run.result["points_created"] == 0 and run.result["refit"] is None
    assert api.offsets() == [0]


def test_malformed_rows_are_reported_and_the_others_kept(db, api):
    bad_date = record("Azadpur", "Onion", "2026-12-01", 2000)
    text_price = record("Keshopur", "Onion", today(), "about 2000")
    no_market = record("", "Onion", today(), 2000)
    upside_down = record("Narela", "Onion", today(), 2000, low=2500, high=1500)
    api.records = [bad_date, text_price, no_market, upside_down] + five_markets(today())[:1]
    run = import_now()
    assert run.status == Run.Status.SUCCEEDED
    batch = ImportBatch.objects.get(pk=run.result["batch_id"])
    assert batch.problem_counts == {"malformed row": 4}
    assert "arrival_date '2026-12-01' is not dd/mm/yyyy" in batch.problems[0]["message"]
    assert PricePoint.objects.count() == 1


def test_a_refused_key_fails_at_once_with_a_sentence_and_no_retries(db, api, settings):
    settings.AGMARKNET_API_KEY = "wrong-key"
    run = import_now()
    assert run.status == Run.Status.FAILED
    assert "refused the API key (HTTP 403)" in run.error
    assert "OPENKITCHEN_AGMARKNET_API_KEY" in run.error
    assert len(api.requests) == 1


def test_without_a_key_nothing_calls_out(db, settings):
    from apps.crops.tasks import agmarknet_import_task

    settings.AGMARKNET_API_KEY = None
    with FakeDataGovIn() as fake:
        assert start_agmarknet_import() is None
        assert agmarknet_import_task() == "no API key: nothing asked"
        with pytest.raises(agmarknet.KeyRefused):
            agmarknet.fetch("", api_url=fake.url)
        assert fake.requests == []
    assert not Run.objects.filter(kind=RUN_KIND).exists()


BEAT_PROBE = (
    "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'core.settings'; django.setup(); "
    "from django.conf import settings; print(sorted(settings.CELERY_BEAT_SCHEDULE))"
)


@pytest.mark.parametrize(("key", "entries"), [("", "[]"), ("k", "['crops-agmarknet-import']")])
def test_the_beat_entry_exists_only_with_a_key(key, entries):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENKITCHEN_AGMARKNET")}
    env["OPENKITCHEN_AGMARKNET_API_KEY"] = key
    out = subprocess.run(
        [sys.executable, "-c", BEAT_PROBE], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == entries


def test_one_import_at_a_time(db, api):
    first = start_agmarknet_import()
    assert start_agmarknet_import().pk == first.pk
    assert first.status == Run.Status.QUEUED


def test_a_price_of_zero_or_ten_times_the_usual_is_kept_out_as_suspect(db, api):
    start = today() - timedelta(days=10)
    series = PriceSeries.objects.create(
        commodity="Onion", market="Azadpur", variety="Other", unit="quintal", currency="INR"
    )
    PricePoint.objects.bulk_create(
        PricePoint(series=series, date=start + timedelta(days=k), price=2000.0 + k)
        for k in range(8)
    )
    api.records = [
        record("Azadpur", "Onion", today(), 20500),
        record("Keshopur", "Onion", today(), 0),
        record("Shahdara", "Onion", today(), 2100),
    ]
    run = import_now()
    batch = ImportBatch.objects.get(pk=run.result["batch_id"])
    assert batch.problem_counts == {"suspect price": 2}
    assert "modal price 20500 is far from the usual 2003.5" in batch.problems[0]["message"]
    assert not PricePoint.objects.filter(series=series, date=today()).exists()
    assert PricePoint.objects.filter(date=today()).count() == 1


def test_a_market_spelt_in_capitals_the_next_day_stays_one_series(db, api):
    api.records = [record("Azadpur", "Onion", today() - timedelta(days=1), 2000)]
    import_now()
    api.records = [record("AZADPUR ", "ONION", today(), 2050)]
    import_now()
    assert PriceSeries.objects.count() == 1
    assert PriceSeries.objects.get().price_days == 2


def test_parse_record_reads_the_documented_fields():
    r = agmarknet.parse_record(
        {
            "State": "Maharashtra",
            "District": "Nashik",
            "Market": "Lasalgaon",
            "Commodity": "Onion",
            "Variety": "Red",
            "Grade": "FAQ",
            "Arrival_Date": "01/12/2026",
            "Min_Price": "1,800",
            "Max_Price": "2400",
            "Modal_Price": "2100",
        }
    )
    assert (r.market, r.day, r.min_price, r.modal_price) == (
        "Lasalgaon",
        date(2026, 12, 1),
        1800.0,
        2100.0,
    )


def test_the_imports_page_says_missed_days_cannot_be_backfilled(cast, client_for, settings):
    settings.AGMARKNET_API_KEY = None
    page = client_for(cast["corpusadmin"]).get(reverse("crops:imports")).content.decode()
    assert "a day missed here cannot be filled in from it later" in page
    assert "No API key is set, so nothing is asked of data.gov.in" in page
    settings.AGMARKNET_API_KEY = GOOD_KEY
    page = client_for(cast["corpusadmin"]).get(reverse("crops:imports")).content.decode()
    assert "Import today's prices now" in page


def test_the_import_button_opens_the_run_and_a_refused_key_shows_on_the_page(
    cast, client_for, api, settings
):
    client = client_for(cast["corpusadmin"])
    response = client.post(reverse("crops:imports"), {"action": "agmarknet"})
    run = Run.objects.get(kind=RUN_KIND)
    assert response["Location"] == reverse("runs:detail", args=[run.pk])
    settings.AGMARKNET_API_KEY = "wrong-key"
    run.delete()
    import_now()
    page = client.get(reverse("crops:imports")).content.decode()
    assert "refused the API key (HTTP 403)" in page
    farmer = client_for(cast["farmer"])
    assert farmer.post(reverse("crops:imports"), {"action": "agmarknet"}).status_code == 403


def test_imported_series_name_their_source_as_the_licence_asks(db, api):
    api.records = five_markets(today())
    import_now()
    source = PriceSeries.objects.get(market="Okhla").source
    assert source.startswith("AGMARKNET, DMI, Govt. of India (data.gov.in) ")

import pytest

from apps.crops.importing import import_path, import_stream
from apps.crops.models import ImportBatch, PricePoint, PriceSeries
from apps.crops.parsing import Defaults
from tests.apps.crops.files import as_bytes, mandi_csv
from tests.conftest import shared_data

pytestmark = pytest.mark.postgres


def test_reimporting_the_same_file_changes_nothing(db):
    text = mandi_csv(days=60)
    first = import_stream(as_bytes(text), "onion_state.csv")
    before = list(PricePoint.objects.order_by("pk").values_list("pk", "price"))
    second = import_stream(as_bytes(text), "onion_state.csv")
    assert first.points_created > 100 and first.series_count == 3
    assert (second.points_created, second.points_updated) == (0, 0)
    assert list(PricePoint.objects.order_by("pk").values_list("pk", "price")) == before
    assert PriceSeries.objects.count() == 3


def test_a_corrected_file_updates_only_the_changed_day(db):
    import_stream(
        as_bytes("DATE,PRICE\n2021-01-01,100\n2021-01-02,110\n"),
        "x.csv",
        defaults=Defaults(commodity="Onion", market="Pune"),
    )
    batch = import_stream(
        as_bytes("DATE,PRICE\n2021-01-01,100\n2021-01-02,115\n"),
        "x.csv",
        defaults=Defaults(commodity="Onion", market="Pune"),
    )
    assert (batch.points_created, batch.points_updated) == (0, 1)
    assert PricePoint.objects.get(date="2021-01-02").price == 115


def test_an_arrivals_file_attaches_to_the_price_series_it_pairs_with(db, tmp_path):
    (tmp_path / "onion_town_price.csv").write_text("DATE,PRICE\n2021-01-01,100\n2021-01-02,0\n")
    (tmp_path / "onion_town_arrival.csv").write_text("DATE,ARRIVAL\n2021-01-01,50\n2021-01-02,7\n")
    import_path(tmp_path / "onion_town_price.csv")
    batch = import_path(tmp_path / "onion_town_arrival.csv")
    series = PriceSeries.objects.get()
    assert "attached" in batch.message
    points = {p.date.day: (p.price, p.arrival) for p in series.points.all()}
    assert points == {1: (100, 50), 2: (None, 7)}  # day 2: arrivals but no trading price


def test_problems_are_stored_on_the_batch_for_the_report(db):
    batch = import_stream(as_bytes("DATE,PRICE\n2021-01-01,100\nnot a date,5\n"), "y.csv")
    stored = ImportBatch.objects.get(pk=batch.pk)
    assert stored.rows == 2 and stored.rows_kept == 1
    assert stored.problem_counts == {"bad date": 1}
    assert "line 3" in stored.problems[0]["message"]


@pytest.mark.slow
def test_the_real_wfp_file_imports_with_its_series_keys(db):
    path = shared_data("crops", "wfp", "wfp_food_prices_bgd_to2024-01.csv")
    batch = import_path(path)
    assert batch.series_count > 100
    keys = set(PriceSeries.objects.values_list("variety", "currency"))
    assert ("Retail", "BDT") in keys and ("Wholesale", "BDT") in keys
    assert not PricePoint.objects.filter(price__lte=0).exists()  # zero prices are missing values

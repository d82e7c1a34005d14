"""The farmer's pages in Hindi, Bengali and Chinese: sentences, numbers, dates,
crop names, form errors, the language remembered per person."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from apps.crops import names, wording
from apps.crops.advisory_words import choice_phrase, localized_advisory
from apps.crops.models import Forecast, LanguageChoice, PriceSeries

pytestmark = pytest.mark.postgres


def _series(last, *, commodity="Onion", source="onion.csv", mean=123456.0) -> PriceSeries:
    series = PriceSeries.objects.create(
        commodity=commodity,
        market="Lasalgaon",
        unit="quintal",
        currency="INR",
        last_date=last,
        price_days=300,
        source=source,
    )
    steps = [
        {
            "start": (last + timedelta(days=1 + 7 * k)).isoformat(),
            "mean": mean + k,
            "lo80": 118000.0,
            "hi80": 129000.0,
            "lo95": 110000.0,
            "hi95": 135000.0,
        }
        for k in range(4)
    ]
    Forecast.objects.create(
        series=series,
        status="ok",
        model="neighbours_naive",
        data_end=last,
        last_price=120500.0,
        history=[[(last - timedelta(days=7)).isoformat(), 120000.0], [last.isoformat(), 120500.0]],
        steps=steps,
        backtest={"mae": 2100.0, "mae_naive": 2300.0, "relative_error": 0.02},
    )
    return series


def _page(client, series, language) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("crops:series", args=[series.pk])).content.decode()


def test_the_forecast_sentences_are_in_hindi_with_indian_digit_grouping(cast, client_for):
    series = _series(timezone.now().date() - timedelta(days=3))
    page = _page(client_for(cast["farmer"]), series, "hi")
    assert "अगले 4 हफ़्ते: शायद ₹ 1,18,000 से ₹ 1,29,000 प्रति क्विंटल के बीच" in page
    assert "प्याज" in page and '<span class="from-data muted">(Onion)</span>' in page
    assert "सलाह लें" in page and "Get advice" not in page


def test_bengali_and_chinese_pages_write_their_own_words_and_dates(cast, client_for):
    series = _series(date(2024, 3, 3))
    client = client_for(cast["farmer"])
    bengali = _page(client, series, "bn")
    assert "3 মার্চ 2024" in bengali and "পেঁয়াজ" in bengali and "1,23,456" in bengali
    assert "পরামর্শ নিন" in bengali
    chinese = _page(client, series, "zh-hans")
    assert "2024年3月3日" in chinese and "洋葱" in chinese and "123,456" in chinese
    assert "价格截至2024年3月3日" in chinese


def test_prices_older_than_30_days_say_up_to_when_and_the_demo_says_it_is_demo(cast, client_for):
    from apps.crops.demo import DEMO_FILES

    old = _series(date(2022, 4, 15), source=sorted(DEMO_FILES)[0])
    client = client_for(cast["farmer"])
    page = client.get(reverse("crops:series", args=[old.pk])).content.decode()
    assert "Prices up to 15 Apr 2022" in page and "demo data" in page
    home = client.get(reverse("crops:home")).content.decode()
    assert "Prices up to 15 Apr 2022" in home and 'id="demo-data"' in home
    markets = client.get(reverse("crops:home"), {"commodity": "Onion"}).content.decode()
    assert "Prices up to 15 Apr 2022" in markets and "demo data" in markets


def test_recent_prices_carry_no_up_to_label(cast, client_for):
    series = _series(timezone.now().date() - timedelta(days=3))
    page = client_for(cast["farmer"]).get(reverse("crops:series", args=[series.pk]))
    assert "Prices up to" not in page.content.decode()
    assert 'id="demo-data"' not in page.content.decode()


def test_the_advice_form_says_its_errors_in_the_farmers_language(cast, client_for):
    series = _series(timezone.now().date() - timedelta(days=3))
    client = client_for(cast["farmer"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    response = client.post(
        reverse("crops:advise", args=[series.pk]),
        {"quantity": "abc", "storage_cost_per_week": "-1"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "एक संख्या लिखें, जैसे 10 या 2.5।" in page
    assert "कम से कम 0 की संख्या लिखें।" in page


def test_the_language_picked_is_remembered_on_a_new_browser(cast, client_for):
    series = _series(timezone.now().date() - timedelta(days=3))
    first = client_for(cast["farmer"])
    first.post(reverse("set_language"), {"language": "bn", "next": "/crops/"})
    first.get(reverse("crops:home"))
    assert LanguageChoice.objects.get(user=cast["farmer"]).language == "bn"
    elsewhere = client_for(cast["farmer"])  # no cookie: another phone
    response = elsewhere.get(reverse("crops:series", args=[series.pk]))
    assert "পরামর্শ নিন" in response.content.decode()
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "bn"


def test_a_browser_asking_for_a_language_we_lack_gets_english_and_the_picker(cast, client_for):
    client = client_for(cast["farmer"])
    page = client.get(reverse("crops:home"), HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").content
    page = page.decode()
    assert '<html lang="en">' in page and "Crop prices" in page
    assert 'id="lang-select"' in page and "বাংলা" in page and "हिंदी" in page


def test_crop_search_finds_a_crop_by_its_local_name(cast, client_for):
    _series(timezone.now().date() - timedelta(days=3))
    client = client_for(cast["farmer"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    page = client.get(reverse("crops:home"), {"q": "प्याज"}).content.decode()
    assert "?commodity=Onion" in page


@pytest.mark.parametrize(
    ("language", "value", "text"),
    [
        ("en", 1234567, "1,234,567"),
        ("hi", 1234567, "12,34,567"),
        ("bn", 123456.0, "1,23,456"),
        ("hi", 999, "999"),
        ("hi", -12345, "-12,345"),
        ("zh-hans", 1234567, "1,234,567"),
    ],
)
def test_numbers_are_grouped_as_the_language_groups_them(language, value, text):
    with translation.override(language):
        assert wording.grouped(value) == text


def test_crop_names_show_the_local_word_and_leave_unknown_crops_as_they_are():
    with translation.override("bn"):
        assert names.crop_label("Rice (coarse, BR-8/ 11/, Guti Sharna)") == (
            "মোটা চাল",
            "Rice (coarse, BR-8/ 11/, Guti Sharna)",
        )
        assert names.crop_label("Oil (palm)")[0] == "পাম তেল"
        assert names.crop_label("Dragon fruit") == ("", "Dragon fruit")
    with translation.override("en"):
        assert names.crop_label("Onion") == ("", "Onion")


TABLE = {
    "options": [
        {"periods": 0, "expected_price": 2050.0, "low80": 2050.0, "high80": 2050.0},
        {
            "periods": 2,
            "expected_price": 2300.0,
            "low80": 2100.0,
            "high80": 2500.0,
            "storage_cost": 10.0,
        },
    ],
    "choice": 2,
    "choice_words": "store and sell in the next 2 weeks",
    "price_now": 2050.0,
    "currency": "INR",
    "unit": "quintal",
    "data_date": "2024-03-03",
    "commodity": "Onion",
    "market": "Lasalgaon",
}


def test_the_advisory_paragraph_is_written_by_code_in_hindi_from_the_table():
    with translation.override("hi"):
        choice = choice_phrase("weekly", 2, date(2024, 3, 3), old=False)
    composed = localized_advisory(TABLE, [], language="hi", choice=choice)
    assert composed.text.startswith("हिसाब की तालिका के अनुसार सबसे अच्छा: रखकर बेचें: अगले 2")
    assert "₹ 2,300" in composed.text and "₹ 2,100" in composed.text
    assert "3 मार्च 2024" in composed.text and composed.cited == ()


def test_the_advisory_quotes_the_market_report_marked_as_a_quotation():
    from core.reasoning import SourceText

    report = SourceText(1, "Onion prices at Lasalgaon are expected to rise as arrivals fall.")
    with translation.override("bn"):
        choice = choice_phrase("weekly", 0, date(2024, 3, 3), old=True)
    composed = localized_advisory({**TABLE, "choice": 0}, [report], language="bn", choice=choice)
    assert "শেষ দামের দিনেই বিক্রি করুন" in composed.text
    assert "(যেমন লেখা আছে, তেমনই উদ্ধৃত): “Onion prices" in composed.text
    assert composed.cited == (1,)


def test_a_hindi_advice_run_shows_the_code_written_paragraph_in_hindi(cast):
    from apps.crops.advisory import RUN_KIND
    from core.runs import Run, execute_run

    series = _series(date(2024, 3, 3), mean=2100.0)
    run = Run.objects.create(
        user=cast["farmer"],
        kind=RUN_KIND,
        inputs={
            "series_id": series.pk,
            "quantity": 20,
            "storage_cost_per_week": 10,
            "language": "hi",
        },
    )
    with translation.override("hi"):  # as when a Hindi page runs it inline
        execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == Run.Status.SUCCEEDED, run.error
    assert run.result["answer"].startswith("हिसाब की तालिका के अनुसार सबसे अच्छा:")
    assert "%(" not in run.result["answer"]
    table = run.steps.filter(kind="computation").order_by("ordinal")[1]
    assert table.text.startswith("Warning: The latest price here is from 03 Mar 2024")


def test_a_market_without_a_forecast_says_forecasts_are_being_computed(cast, client_for):
    from apps.crops.services import start_refit

    series = PriceSeries.objects.create(
        commodity="Onion",
        market="Pune",
        unit="quintal",
        currency="INR",
        price_days=30,
        last_date=timezone.now().date(),
    )
    client = client_for(cast["farmer"])
    page = client.get(reverse("crops:series", args=[series.pk])).content.decode()
    assert "No forecast has been computed for this market yet." in page
    start_refit()
    page = client.get(reverse("crops:series", args=[series.pk])).content.decode()
    assert "The forecasts are being computed: ready in a minute or two." in page


def test_markets_with_a_forecast_are_listed_first(cast, client_for):
    _series(timezone.now().date(), source="a.csv")  # Lasalgaon, with a forecast
    PriceSeries.objects.create(
        commodity="Onion", market="Azadpur", unit="quintal", currency="INR", price_days=30
    )
    page = client_for(cast["farmer"]).get(reverse("crops:home"), {"commodity": "Onion"})
    text = page.content.decode()
    assert text.index("Lasalgaon") < text.index("Azadpur")


@pytest.mark.parametrize(
    ("data_name", "hindi"),
    [
        ("Paddy(Dhan)(Common)", "धान"),
        ("Arhar (Tur/Red Gram)(Whole)", "अरहर (तूर)"),
        ("Bhindi(Ladies Finger)", "भिंडी"),
        ("ONION", "प्याज"),
    ],
)
def test_agmarknets_own_commodity_names_find_their_hindi_word(data_name, hindi):
    with translation.override("hi"):
        assert names.crop_label(data_name) == (hindi, data_name)


def test_the_market_list_costs_the_same_queries_for_2_or_12_markets(
    cast, client_for, django_assert_num_queries
):
    client = client_for(cast["farmer"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    url = reverse("crops:home")

    def markets(n, start):
        for k in range(start, start + n):
            PriceSeries.objects.create(
                commodity="Onion",
                market=f"M{k}",
                unit="quintal",
                currency="INR",
                price_days=30,
                last_date=date(2022, 1, 1),
            )

    markets(2, 0)
    client.get(url, {"commodity": "Onion"})  # the stored language is written once
    with django_assert_num_queries(5) as few:
        client.get(url, {"commodity": "Onion"})
    markets(10, 2)
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(url, {"commodity": "Onion"}).content.decode()
    assert page.count("1 जनवरी 2022 तक के भाव") == 12

from datetime import date

import pytest

from apps.crops.csv_reading import UnreadableFile
from apps.crops.parsing import Defaults, parse_file
from tests.apps.crops.files import as_bytes, mandi_csv


def test_it_reads_an_agmarknet_file_into_one_series_per_market():
    parsed = parse_file(as_bytes(mandi_csv(days=30)), "onion_state.csv")
    assert parsed.layout.name == "agmarknet"
    assert sorted(k.market for k in parsed.series) == ["EAST", "NORTH", "SOUTH"]
    key = next(iter(parsed.series))
    assert (key.commodity, key.unit, key.currency) == ("onion_state", "quintal", "INR")


@pytest.mark.parametrize("encoding", ["utf-16", "latin-1", "utf-8-sig"])
def test_it_reads_other_encodings(encoding):
    text = "DATE;PRICE;MARKET\n01/02/2021;1.250,5;Bhavnagar\n02/02/2021;1.300;Bhāvnagar é\n"
    parsed = parse_file(
        as_bytes(text.replace("ā", "a") if encoding == "latin-1" else text, encoding), "x.csv"
    )
    points = [p for pts in parsed.series.values() for p in pts.values()]
    assert sorted(p.price for p in points) == [1250.5, 1300.0]
    assert parsed.layout.date_order == "dmy"
    assert date(2021, 2, 1) in next(iter(parsed.series.values()))


def test_it_keeps_good_rows_and_reports_each_bad_one_with_its_line():
    text = (
        "DATE,PRICE\n2021-01-01,100\n2021-01-02,abc\n2021-13-40,120\n2021-01-04,-5\n"
        "2021-01-05,0\n2021-01-06,130\n2021-01-06,135\n"
    )
    parsed = parse_file(as_bytes(text), "tomato_town_price.csv")
    points = next(iter(parsed.series.values()))
    assert {d.day: p.price for d, p in points.items()} == {1: 100, 6: 130}
    kinds = dict(parsed.problem_counts)
    assert kinds == {"text in price column": 1, "bad date": 1, "negative price": 1, "duplicate": 1}
    lines = sorted(p.line for p in parsed.problems)
    assert lines == [3, 4, 5, 8]
    assert parsed.no_trading_days == 1  # a zero price is no trading, not a price


def test_a_single_market_file_takes_commodity_and_market_from_the_name_or_the_form():
    text = "DATE,PRICE\n2021-01-01,100\n"
    key = next(iter(parse_file(as_bytes(text), "onion_lasal_price.csv").series))
    assert (key.commodity, key.market) == ("onion_lasal_price", "onion_lasal_price")
    key = next(
        iter(parse_file(as_bytes(text), "f.csv", Defaults(commodity="Onion", market="Pune")).series)
    )
    assert (key.commodity, key.market) == ("Onion", "Pune")


def test_it_skips_the_hxl_tag_row_of_wfp_files_and_keys_series_by_price_type_unit_and_currency():
    text = (
        "date,admin1,market,commodity,unit,priceflag,pricetype,currency,price,usdprice\n"
        "#date,#adm1+name,#loc+market+name,#item+name,#item+unit,#item+price+flag,#item+price+type,#currency,#value,#value+usd\n"
        "2020-01-15,Dhaka,Dhaka,Rice,KG,actual,Retail,BDT,40,0.5\n"
        "2020-01-15,Dhaka,Dhaka,Rice,100 KG,actual,Wholesale,BDT,3500,41\n"
        "2020-02-15,Dhaka,Dhaka,Rice,KG,forecast,Retail,BDT,0,0\n"
    )
    parsed = parse_file(as_bytes(text), "wfp.csv")
    assert parsed.layout.name == "wfp"
    assert {(k.variety, k.unit, k.currency) for k in parsed.series} == {
        ("Retail", "KG", "BDT"),
        ("Wholesale", "100 KG", "BDT"),
    }
    assert not parsed.problems


WFP_ROWS = (
    "2020-01-15,Dhaka,Dhaka,Rice,KG,actual,Retail,BDT,40,0.5\n"
    "2020-02-15,Dhaka,Dhaka,Rice,KG,actual,Retail,BDT,42.5,0.52\n"
    "2020-01-15,Khulna,Khulna,Rice,100 KG,aggregate,Wholesale,BDT,3500,41\n"
    "2020-03-15,Dhaka,Dhaka,Rice,KG,forecast,Retail,BDT,0,0\n"
)
WFP_HEADER = "date,admin1,market,commodity,unit,priceflag,pricetype,currency,price,usdprice\n"
WFP_TAGS = (
    "#date,#adm1+name,#loc+market+name,#item+name,#item+unit,#item+price+flag,"
    "#item+price+type,#currency,#value,#value+usd\n"
)


def _prices(parsed):
    return {
        (k.market, k.variety, k.unit, k.currency, d.isoformat()): p.price
        for k, points in parsed.series.items()
        for d, p in points.items()
    }


def test_a_wfp_file_without_its_hxl_tag_row_is_read_like_one_with_it():
    with_tags = parse_file(as_bytes(WFP_HEADER + WFP_TAGS + WFP_ROWS), "wfp.csv")
    without = parse_file(as_bytes(WFP_HEADER + WFP_ROWS), "wfp.csv")
    assert without.layout.name == "wfp" and without.layout.skip_rows == 0
    # priceflag stands before price: the price is the 'price' column, not the flag
    assert without.layout.to_json()["columns"]["price"] == "price"
    assert _prices(without) == {
        ("Dhaka", "Retail", "KG", "BDT", "2020-01-15"): 40.0,
        ("Dhaka", "Retail", "KG", "BDT", "2020-02-15"): 42.5,
        ("Khulna", "Wholesale", "100 KG", "BDT", "2020-01-15"): 3500.0,
    }
    assert _prices(without) == _prices(with_tags)
    assert not without.problems and without.rows_kept == 3
    assert without.no_trading_days == 1  # the zero 'forecast' row is no price


def test_an_empty_or_one_column_file_is_refused_with_a_sentence():
    with pytest.raises(UnreadableFile, match="empty"):
        parse_file(as_bytes(""), "e.csv")
    with pytest.raises(UnreadableFile, match="one column"):
        parse_file(as_bytes("hello\nworld\n"), "e.csv")

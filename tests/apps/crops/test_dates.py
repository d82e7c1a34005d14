from datetime import date

import pytest

from apps.crops.dates import guess_date_order, parse_date
from apps.crops.values import BadValue


def test_it_guesses_day_first_when_a_first_field_exceeds_twelve():
    assert guess_date_order(["03/04/2020", "25/04/2020"]) == "dmy"
    assert guess_date_order(["04/25/2020"]) == "mdy"
    assert guess_date_order(["2020-04-25"]) == "ymd"


def test_it_reads_dates_in_the_given_order_and_month_names():
    assert parse_date("03/04/2020", "dmy") == date(2020, 4, 3)
    assert parse_date("03/04/2020", "mdy") == date(2020, 3, 4)
    assert parse_date("2020-04-03") == date(2020, 4, 3)
    assert parse_date("03-Apr-2020") == date(2020, 4, 3)


def test_an_impossible_date_is_a_bad_value():
    with pytest.raises(BadValue):
        parse_date("31/02/2020", "dmy")

from datetime import date

import numpy as np

from apps.crops.forecasting.calendar import MONTHLY, WEEKLY, coverage_last_two_years, regularise


def test_a_week_is_the_mean_of_its_trading_days_monday_to_sunday():
    prices = {
        date(2024, 1, 1): 100.0,  # Monday
        date(2024, 1, 3): 200.0,
        date(2024, 1, 7): None,  # Sunday, no trading
        date(2024, 1, 8): 300.0,  # next Monday
        date(2024, 1, 22): 500.0,
    }
    s = regularise(prices)
    assert s.frequency == WEEKLY
    assert [d.date() for d in s.index] == [
        date(2024, 1, 1),
        date(2024, 1, 8),
        date(2024, 1, 15),
        date(2024, 1, 22),
    ]
    assert s.prices[0] == 150.0 and s.prices[1] == 300.0
    assert np.isnan(s.prices[2])  # a week without trading has no price: not filled
    assert s.closing[0] == 200.0


def test_monthly_reports_stay_monthly():
    prices = {date(2020, m, 15): 10.0 + m for m in range(1, 13)}
    s = regularise(prices)
    assert s.frequency == MONTHLY and len(s.index) == 12


def test_coverage_counts_priced_weeks_of_the_last_two_years():
    prices = {
        date(2020, 1, 6) + (date(2020, 1, 13) - date(2020, 1, 6)) * k: 10.0
        for k in range(0, 104, 2)
    }
    assert abs(coverage_last_two_years(regularise(prices)) - 0.5) < 0.02

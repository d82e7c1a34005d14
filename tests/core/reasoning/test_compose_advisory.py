"""The advisory paragraph by code: the table's choice and numbers, written as
the crops pages write money, and the market report sentence that matters."""

from __future__ import annotations

from core.reasoning.compose import SourceText, compose_advisory

OPTIONS = [
    {"periods": 0, "expected_price": 2000.0, "low80": 2000.0, "high80": 2000.0,
     "storage_cost": 0.0, "expected_net": 2000.0, "worst_net80": 2000.0, "expected_gain": 0.0},
    {"periods": 1, "expected_price": 2140.4, "low80": 1905.2, "high80": 2380.9,
     "storage_cost": 43.3, "expected_net": 2097.1, "worst_net80": 1861.9, "expected_gain": 97.1},
]  # fmt: skip
HOLD = {
    "options": OPTIONS,
    "choice": 1,
    "choice_words": "store and sell next month",
    "price_now": 2000.0,
    "currency": "INR",
    "unit": "quintal",
    "data_date": "2024-03-01",
    "commodity": "Onion",
    "market": "Lasalgaon",
}
BULLETINS = [
    SourceText(1, "Wheat arrivals in Punjab rose sharply this week after the harvest."),
    SourceText(
        2,
        "Onion arrivals at Lasalgaon fell by a third as the rabi crop was delayed. "
        "Traders expect onion prices to stay firm until April.",
    ),
]


def test_a_hold_choice_states_the_table_and_quotes_the_onion_report():
    composed = compose_advisory(HOLD, BULLETINS)
    text = composed.text
    assert text.startswith(
        "Best choice by the computed table: store and sell next month, when the expected "
        "price is Rs 2,140 per quintal, likely between Rs 1,905 and Rs 2,381, and storage "
        "until then costs Rs 43.3 per quintal."
    )
    assert "From the market reports: " in text and "[2]" in text and composed.cited == (2,)
    assert "Wheat" not in text
    assert text.endswith(
        "These figures use prices up to 2024-03-01; check today's price at your market "
        "before you decide."
    )


def test_sell_now_says_why_in_plain_words():
    composed = compose_advisory(HOLD | {"choice": 0, "choice_words": "sell now"}, BULLETINS)
    assert composed.text.startswith(
        "Best choice by the computed table: sell now, at about Rs 2,000 per quintal; no later "
        "sale is expected to gain enough"
    )


def test_reports_about_other_crops_are_not_quoted():
    composed = compose_advisory(HOLD, BULLETINS[:1])
    assert "None of the market reports found speaks about this crop." in composed.text
    assert composed.cited == () and "[" not in composed.text


def test_the_chosen_row_may_be_given_directly():
    table = {
        "best": "store and sell in the next 2 weeks",
        "periods": 2,
        "expected_price": 31.25,
        "low80": 27.0,
        "high80": 35.5,
        "storage_cost": 1.2,
        "currency": "BDT",
        "unit": "kg",
        "commodity": "Rice",
    }
    text = compose_advisory(table, []).text
    assert "Tk 31.2 per kg, likely between Tk 27.0 and Tk 35.5" in text
    assert "market reports" not in text and "prices up to" not in text

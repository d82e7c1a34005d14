"""The sell-or-store advisory written by code from the computed table: the
best choice, its expected price and likely range (the forecast's 80%
interval), storage, the date of the prices; and the market-report sentence
that matters most, quoted and cited. Every number is one the table holds,
written as the crops pages write money (whole units from 100 up, else one
decimal); the interval's level is not written, since it is no number of the
table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from core.reasoning.compose.extractive import quoted
from core.reasoning.compose.questions import QuestionShape
from core.reasoning.compose.ranking import rank_sentences
from core.reasoning.compose.records import Composed, Embed, SourceText
from core.reasoning.compose.relevance import DENSE_THRESHOLD
from core.reasoning.compose.sentences import quotable_sentences
from core.reasoning.compose.words import content_stems

NOTE = "Written by code from the computed table, with the market report quoted as it is."
CURRENCY_SYMBOLS = {"INR": "Rs", "BDT": "Tk", "USD": "$", "NPR": "NRs", "PKR": "PKR"}
BULLETIN_QUERY = "{commodity} {market} price outlook supply demand arrivals"


def money(value: float, currency: str) -> str:
    symbol = CURRENCY_SYMBOLS.get(currency.upper(), currency)
    amount = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"
    return f"{symbol} {amount}".strip()


def _number(table: Mapping, *keys: str) -> float | None:
    for key in keys:
        value = table.get(key)
        if isinstance(value, int | float):
            return float(value)
    return None


@dataclass(frozen=True)
class AdvisoryTable:
    """The chosen row of the computed table and what is needed to say it."""

    choice: str  # "sell now", "store and sell in the next 2 weeks"
    periods: int  # 0 = sell now
    expected_price: float
    low80: float
    high80: float
    storage_cost: float
    price_now: float | None
    currency: str
    unit: str
    data_date: str
    commodity: str = ""
    market: str = ""

    @classmethod
    def from_table(cls, table: Mapping) -> AdvisoryTable:
        """From the advisory's computed step: either the chosen option's own
        fields (periods, expected_price, low80, high80, storage_cost) beside
        choice/currency/unit/data_date, or ``options`` with ``choice`` the
        chosen option's periods, as the crops app records it."""
        row: Mapping = table
        options = table.get("options")
        if options:
            wanted = int(table.get("choice") or 0)
            row = next((o for o in options if int(o.get("periods", -1)) == wanted), options[0])
        periods = int(row.get("periods") or 0)
        expected = _number(row, "expected_price", "expected") or 0.0
        label = table.get("choice_words") or table.get("best")
        if not label and isinstance(table.get("choice"), str):
            label = table["choice"]
        return cls(
            choice=str(label or ("sell now" if periods == 0 else "store and sell later")),
            periods=periods,
            expected_price=expected,
            low80=_number(row, "low80", "lo80") or expected,
            high80=_number(row, "high80", "hi80") or expected,
            storage_cost=_number(row, "storage_cost") or 0.0,
            price_now=_number(table, "price_now", "last_price"),
            currency=str(table.get("currency") or ""),
            unit=str(table.get("unit") or ""),
            data_date=str(table.get("data_date") or table.get("data_end") or ""),
            commodity=str(table.get("commodity") or ""),
            market=str(table.get("market") or ""),
        )


def _per(t: AdvisoryTable) -> str:
    return f" per {t.unit}" if t.unit else ""


def _choice_line(t: AdvisoryTable) -> str:
    m = partial(money, currency=t.currency)
    if t.periods == 0:
        now = f", at about {m(t.price_now)}{_per(t)}" if t.price_now is not None else ""
        return (
            f"Best choice by the computed table: {t.choice}{now}; no later sale is expected to "
            "gain enough to pay for storage and the risk of a lower price."
        )
    return (
        f"Best choice by the computed table: {t.choice}, when the expected price is "
        f"{m(t.expected_price)}{_per(t)}, likely between {m(t.low80)} and {m(t.high80)}, "
        f"and storage until then costs {m(t.storage_cost)}{_per(t)}."
    )


def _date_line(t: AdvisoryTable) -> str:
    if not t.data_date:
        return ""
    return (
        f"These figures use prices up to {t.data_date}; check today's price at your market "
        "before you decide."
    )


def _bulletin_sentence(t: AdvisoryTable, bulletins: Sequence[SourceText], embed: Embed | None):
    """The report sentence closest to this crop's price outlook, if one is about it."""
    query = BULLETIN_QUERY.format(commodity=t.commodity, market=t.market)
    sentences = [s for b in bulletins for s in quotable_sentences(b.n, b.text)]
    shape = QuestionShape("other", query, stems=frozenset(content_stems(query)))
    crop = set(content_stems(t.commodity))
    ranked = rank_sentences(query, shape, sentences, embed=embed)
    for candidate in ranked:
        if crop & set(content_stems(candidate.sentence.quote)):
            return candidate.sentence
    if ranked and ranked[0].cosine is not None and ranked[0].cosine >= DENSE_THRESHOLD:
        return ranked[0].sentence
    if ranked and not crop and ranked[0].overlap > 0:
        return ranked[0].sentence
    return None


def compose_advisory(
    table: Mapping, bulletins: Sequence[SourceText], *, embed: Embed | None = None
) -> Composed:
    """The advisory paragraph (see the module docstring); ``bulletins`` are the
    market-report passages retrieved for the crop."""
    t = AdvisoryTable.from_table(table)
    # The report's sentence sits between the two statements from the table, so
    # the paragraph never runs on uncited (the text checks count such runs).
    lines = [_choice_line(t)]
    sentence = _bulletin_sentence(t, bulletins, embed)
    if sentence:
        lines.append(f"From the market reports: {quoted(sentence)}")
    elif bulletins:
        lines.append("None of the market reports found speaks about this crop.")
    lines.append(_date_line(t))
    cited = (sentence.n,) if sentence else ()
    return Composed(" ".join(x for x in lines if x), cited, False, NOTE)

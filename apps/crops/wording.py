"""Numbers in plain words for a farmer: money, units, ranges, accuracy."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

CURRENCY_WORDS = {"INR": "Rs", "BDT": "Tk", "USD": "$", "NPR": "NRs", "PKR": "PKR"}
UNIT_WORDS = {"quintal": "quintal", "kg": "kg", "l": "litre", "100 kg": "100 kg", "tonne": "tonne"}


def money(value: float | None, currency: str) -> str:
    if value is None:
        return "—"
    symbol = CURRENCY_WORDS.get(currency.upper(), currency)
    amount = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"
    return f"{symbol} {amount}".strip()


def per_unit(unit: str) -> str:
    word = UNIT_WORDS.get(unit.strip().lower(), unit.strip().lower())
    return _("per %(unit)s") % {"unit": word} if word else ""


# Beyond this many days behind today, "next week" would be a lie: the forecast
# periods are named from the date of the latest price instead.
OLD_AFTER_DAYS = {"weekly": 14, "monthly": 62}


def is_old(last: date | None, today: date, frequency: str) -> bool:
    """Whether the latest price is too far behind today to speak of 'next' weeks."""
    return last is not None and (today - last).days > OLD_AFTER_DAYS.get(frequency, 14)


def day_words(day: date) -> str:
    return day.strftime("%d %b %Y")


def period_word(frequency: str, n: int, after: date | None = None) -> str:
    """“next 4 weeks”, or “4 weeks after 03 Mar 2024” when the data is old."""
    if after is not None:
        when = {"when": day_words(after), "n": n}
        if frequency == "monthly":
            return (
                _("1 month after %(when)s") if n == 1 else _("%(n)d months after %(when)s")
            ) % when
        return (_("1 week after %(when)s") if n == 1 else _("%(n)d weeks after %(when)s")) % when
    if frequency == "monthly":
        return _("next month") if n == 1 else _("next %(n)d months") % {"n": n}
    return _("next week") if n == 1 else _("next %(n)d weeks") % {"n": n}


def range_sentence(
    step: dict, n: int, frequency: str, currency: str, unit: str, after: date | None = None
) -> str:
    """“next 4 weeks: likely between Rs 1,800 and Rs 2,400 per quintal, most likely Rs 2,100”
    (“4 weeks after 03 Mar 2024: …” when ``after``, the date of old data, is given)."""
    when = period_word(frequency, n, after)
    return _("%(when)s: likely between %(lo)s and %(hi)s %(unit)s, most likely %(mid)s") % {
        "when": when[:1].upper() + when[1:],
        "lo": money(step["lo80"], currency),
        "hi": money(step["hi80"], currency),
        "unit": per_unit(unit),
        "mid": money(step["mean"], currency),
    }


def accuracy_sentence(backtest: dict, currency: str, unit: str) -> str:
    if not backtest:
        return _("There is not enough past data yet to say how accurate this forecast is.")
    pct = round(100 * backtest["relative_error"])
    verdict = (
        _("better than simply repeating the last price")
        if backtest["mae"] < backtest["mae_naive"]
        else _("no better than simply repeating the last price")
    )
    return _(
        "Tested on the past year of this market: its forecasts were off by about %(err)s "
        "%(unit)s on average (about %(pct)d%% of the price), %(verdict)s (off by %(naive)s)."
    ) % {
        "err": money(backtest["mae"], currency),
        "unit": per_unit(unit),
        "pct": pct,
        "verdict": verdict,
        "naive": money(backtest["mae_naive"], currency),
    }


def age_sentence(last: date | None, today: date) -> str:
    if last is None:
        return ""
    days = (today - last).days
    if days <= 14:
        return ""
    if days < 60:
        return _("The latest price is %(n)d days old.") % {"n": days}
    return _(
        "The latest price is from %(date)s, %(months)d months ago: the forecast starts from then, "
        "not from today."
    ) % {"date": day_words(last), "months": days // 30}


def old_data_warning(last: date, today: date) -> str:
    """What the farmer must know before using advice worked out on old prices."""
    return _(
        "The latest price here is from %(date)s (%(days)s days before today). The advice works "
        "out selling on %(date)s against storing from that date; it does not know today's "
        "prices. Check the price at your market today before you decide."
    ) % {"date": day_words(last), "days": f"{(today - last).days:,}"}

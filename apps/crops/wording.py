"""Numbers in plain words for a farmer: money, units, dates, ranges, accuracy,
in the active language (English, Hindi, Bengali, Simplified Chinese).

Money keeps Western digits in every language; Hindi and Bengali group them the
Indian way (1,23,456), English and Chinese in thousands (123,456). Dates name
the month in the page's language.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from itertools import groupby

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

# English keeps the words the pages always used; the others write the symbol.
CURRENCY_WORDS = {"INR": "Rs", "BDT": "Tk", "USD": "$", "NPR": "NRs", "PKR": "PKR"}
CURRENCY_SYMBOLS = {"INR": "₹", "BDT": "৳", "USD": "$", "NPR": "रु", "PKR": "₨"}
UNIT_WORDS = {
    "quintal": gettext_lazy("quintal"),
    "kg": gettext_lazy("kg"),
    "l": gettext_lazy("litre"),
    "100 kg": gettext_lazy("100 kg"),
    "tonne": gettext_lazy("tonne"),
}
INDIAN_GROUPING = {"hi", "bn"}
DATE_FORMATS = {"en": "d M Y", "hi": "j F Y", "bn": "j F Y", "zh": "Y年n月j日"}


def language() -> str:
    """The active language's base code: en, hi, bn or zh."""
    return (get_language() or "en").split("-")[0].lower()


def grouped(value: float, decimals: int = 0) -> str:
    """``value`` with its digits grouped as the active language groups them."""
    text = f"{abs(value):,.{decimals}f}"
    if language() in INDIAN_GROUPING:
        whole, _dot, frac = f"{abs(value):.{decimals}f}".partition(".")
        head, tail = whole[:-3], whole[-3:]
        pairs = []
        while len(head) > 2:
            pairs.insert(0, head[-2:])
            head = head[:-2]
        text = ",".join([p for p in [head, *pairs] if p] + [tail]) + (f".{frac}" if frac else "")
    return f"-{text}" if value < 0 and text.strip("0.,") else text


def money(value: float | None, currency: str) -> str:
    if value is None:
        return "—"
    code = currency.upper()
    words = CURRENCY_WORDS if language() == "en" else CURRENCY_SYMBOLS
    symbol = words.get(code, currency)
    amount = grouped(value, 0 if abs(value) >= 100 else 1)
    return f"{symbol} {amount}".strip()


def unit_word(unit: str) -> str:
    key = unit.strip().lower()
    return str(UNIT_WORDS.get(key, key))


def per_unit(unit: str) -> str:
    word = unit_word(unit)
    return _("per %(unit)s") % {"unit": word} if word else ""


# Beyond this many days behind today, "next week" would be a lie: the forecast
# periods are named from the date of the latest price instead.
OLD_AFTER_DAYS = {"weekly": 14, "monthly": 62}
# Beyond this, every page names the date the prices end ("prices up to …").
PRICES_UP_TO_DAYS = 30


def is_old(last: date | None, today: date, frequency: str) -> bool:
    """Whether the latest price is too far behind today to speak of 'next' weeks."""
    return last is not None and (today - last).days > OLD_AFTER_DAYS.get(frequency, 14)


def day_words(day: date) -> str:
    """A day as the active language writes it: "15 Apr 2022", "15 अप्रैल 2022"."""
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    return date_format(day, DATE_FORMATS.get(language(), DATE_FORMATS["en"]))


def prices_up_to(last: date | None, today: date) -> str:
    """ "Prices up to 15 Apr 2022" when the latest price is over 30 days old, else ""."""
    if last is None or (today - last).days <= PRICES_UP_TO_DAYS:
        return ""
    return _("Prices up to %(date)s") % {"date": day_words(last)}


def period_word(frequency: str, n: int, after: date | None = None) -> str:
    """“next 4 weeks”, or “4 weeks after 03 Mar 2024” when the data is old."""
    if after is not None:
        when = {"when": day_words(after), "n": n}
        if frequency == "monthly":
            return ngettext("1 month after %(when)s", "%(n)d months after %(when)s", n) % when
        return ngettext("1 week after %(when)s", "%(n)d weeks after %(when)s", n) % when
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


def held_sentence(backtest: dict) -> tuple[str, str]:
    """How often this market's 80% band held in the past year's backtest (“the likely
    range held 9 times in 12 here”), and a plain warning where under 7 times in 10."""
    held, scored = (backtest or {}).get("held80"), (backtest or {}).get("scored80")
    if not scored:
        return "", ""
    text = ngettext(
        "Tested on the past year: the likely range held %(held)d time in %(of)d here.",
        "Tested on the past year: the likely range held %(held)d times in %(of)d here.",
        held,
    ) % {"held": held, "of": scored}
    warning = ""
    if held < 0.7 * scored:
        warning = _(
            "Take care: at this market the likely range held less than 7 times in 10, "
            "so the price may well end up outside it."
        )
    return text, warning


def serving_sentence(steps: list, frequency: str) -> str:
    """Which model serves which weeks (or months): “Weeks 1–2: the model combo;
    weeks 3–8: the last price, unchanged …”. Empty for steps stored without it."""
    models = [s.get("model") for s in steps]
    if not models or not all(models):
        return ""
    parts = []
    first = 1
    for model, run in groupby(models):
        last = first + len(list(run)) - 1
        if frequency == "monthly":
            when = (
                _("month %(n)d") % {"n": first}
                if first == last
                else _("months %(first)d–%(last)d") % {"first": first, "last": last}
            )
        else:
            when = (
                _("week %(n)d") % {"n": first}
                if first == last
                else _("weeks %(first)d–%(last)d") % {"first": first, "last": last}
            )
        if model == "naive":
            how = _("the last price, unchanged (no model was shown better than that here)")
        else:
            # the model's code name (ets, theta, neighbours …) means nothing to a farmer
            how = _("the forecast model")
        parts.append(f"{when}: {how}")
        first = last + 1
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def age_sentence(last: date | None, today: date) -> str:
    if last is None:
        return ""
    days = (today - last).days
    if days <= 14:
        return ""
    if days < 60:
        return _("The latest price is %(n)d days old.") % {"n": days}
    return _(
        "The latest price is from %(date)s, %(months)s months ago: the forecast starts from then, "
        "not from today."
    ) % {"date": day_words(last), "months": grouped(days // 30)}


def old_data_warning(last: date, today: date) -> str:
    """What the farmer must know before using advice worked out on old prices."""
    return _(
        "The latest price here is from %(date)s (%(days)s days before today). The advice works "
        "out selling on %(date)s against storing from that date; it does not know today's "
        "prices. Check the price at your market today before you decide."
    ) % {"date": day_words(last), "days": grouped((today - last).days)}


_TOO_SHORT = re.compile(r"Only (\d+) (weeks|months) with prices: at least (\d+)")
_STALE = re.compile(r"not reported a price for (\d+) (weeks|months)")
_CONSTANT = "The price has never changed"


def forecast_note(status: str, message: str) -> str:
    """The stored forecast's note (written in English when it was fitted) in the
    active language; a note of an unknown shape is dropped rather than shown in
    English, and the status alone is said. In English the stored note is shown."""
    if language() == "en":
        return message
    if m := _TOO_SHORT.search(message):
        n, unit, need = int(m.group(1)), m.group(2), int(m.group(3))
        if unit == "months":
            text = ngettext(
                "Only %(n)d month with prices: at least %(need)d are needed for an honest "
                "forecast.",
                "Only %(n)d months with prices: at least %(need)d are needed for an honest "
                "forecast.",
                n,
            )
        else:
            text = ngettext(
                "Only %(n)d week with prices: at least %(need)d are needed for an honest forecast.",
                "Only %(n)d weeks with prices: at least %(need)d are needed for an honest "
                "forecast.",
                n,
            )
        return text % {"n": n, "need": need}
    if m := _STALE.search(message):
        n = int(m.group(1))
        text = (
            ngettext(
                "This market has not reported a price for %(n)d month while others have: no "
                "forecast from old data.",
                "This market has not reported a price for %(n)d months while others have: no "
                "forecast from old data.",
                n,
            )
            if m.group(2) == "months"
            else ngettext(
                "This market has not reported a price for %(n)d week while others have: no "
                "forecast from old data.",
                "This market has not reported a price for %(n)d weeks while others have: no "
                "forecast from old data.",
                n,
            )
        )
        return text % {"n": n}
    if message.startswith(_CONSTANT):
        return _("The price has never changed in this data; the forecast repeats it.")
    if status == "failed":
        return _("The forecast could not be computed for this market.")
    if status == "ok" or not message:
        return ""
    return _("No forecast for this market.")


# Below this share done, the pace so far says nothing yet: no number is made up.
ESTIMATE_FROM_PROGRESS = 0.05


def remaining_seconds(progress: float | None, elapsed_seconds: float) -> int | None:
    """About how many seconds a run still needs at its pace so far,
    elapsed × (1 − p) / p, or None while it is under 5% done."""
    if progress is None or progress < ESTIMATE_FROM_PROGRESS or elapsed_seconds <= 0:
        return None
    p = min(progress, 1.0)
    return max(1, round(elapsed_seconds * (1 - p) / p))


def computing_sentence(run, now: datetime) -> str:
    """What a market page says while the refit ``run`` (queued or running) computes
    the forecasts: when they will be ready, if its progress tells."""
    elapsed = (now - run.started_at).total_seconds() if run.started_at else 0.0
    seconds = remaining_seconds(run.progress, elapsed)
    if seconds is None:
        return _("The forecasts are being computed: ready in a minute or two.")
    return _("The forecasts are being computed: ready in about %(s)d s.") % {"s": seconds}

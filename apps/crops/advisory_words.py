"""The sell-or-store paragraph written by code in the farmer's language.

The bundled model writes English only, and the core's composer
(``core.reasoning.compose.compose_advisory``) writes English too: on a page in
Hindi, Bengali or Chinese the advisory shows this paragraph instead, built from
the same computed table. The market-report sentence the core's composer picked
is kept as a quotation, marked as one, in the report's own language.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _

from apps.crops.wording import day_words, money, per_unit, period_word
from core.reasoning import SourceText, compose_advisory

_QUOTE = re.compile(r"From the market reports: (.+?)(?= These figures use prices|$)", re.S)


def choice_phrase(frequency: str, periods: int, data_end: date | None, old: bool) -> str:
    """ "sell now", "store and sell in the next 2 weeks" in the active language."""
    if periods == 0:
        return _("sell on the date of the latest price") if old else _("sell now")
    if old:
        return _("store and sell %(when)s") % {"when": period_word(frequency, periods, data_end)}
    return _("store and sell in the %(when)s") % {"when": period_word(frequency, periods)}


def _choice_line(table: Mapping, row: Mapping, choice: str) -> str:
    cur, unit = table["currency"], table["unit"]
    if int(row.get("periods") or 0) == 0:
        return _(
            "Best choice by the computed table: %(choice)s, at about %(price)s %(unit)s; no "
            "later sale is expected to gain enough to pay for storage and the risk of a lower "
            "price."
        ) % {"choice": choice, "price": money(table["price_now"], cur), "unit": per_unit(unit)}
    return _(
        "Best choice by the computed table: %(choice)s, when the expected price is %(mid)s "
        "%(unit)s, likely between %(lo)s and %(hi)s, and storage until then costs %(cost)s "
        "%(unit)s."
    ) % {
        "choice": choice,
        "mid": money(row["expected_price"], cur),
        "lo": money(row["low80"], cur),
        "hi": money(row["high80"], cur),
        "cost": money(row["storage_cost"], cur),
        "unit": per_unit(unit),
    }


def localized_advisory(
    table: Mapping,
    bulletins: Sequence[SourceText],
    *,
    language: str,
    choice: str,
    embed: Callable | None = None,
):
    """The advisory paragraph in ``language`` from the computed ``table`` (the shape
    the advisory records: options, choice, price_now, currency, unit, data_date);
    ``choice`` is the chosen option in words, already in ``language``. Returns the
    core's composed record (text, cited, note) with this text in it."""
    english = compose_advisory(table, bulletins, embed=embed)
    quote = _QUOTE.search(english.text)
    wanted = int(table.get("choice") or 0)
    row = next((o for o in table["options"] if int(o["periods"]) == wanted), table["options"][0])
    with translation.override(language):
        lines = [_choice_line(table, row, choice)]
        if quote:
            lines.append(
                _("From the market reports (quoted as written): “%(quote)s”")
                % {"quote": quote.group(1).strip()}
            )
        elif bulletins:
            lines.append(_("None of the market reports found speaks about this crop."))
        if table.get("data_date"):
            lines.append(
                _(
                    "These figures use prices up to %(date)s; check today's price at your "
                    "market before you decide."
                )
                % {"date": day_words(date.fromisoformat(str(table["data_date"])[:10]))}
            )
        note = _("Written by code from the computed table, with the market report quoted as it is.")
    cited = english.cited if quote else ()
    return dataclasses.replace(english, text=" ".join(lines), cited=cited, note=note)

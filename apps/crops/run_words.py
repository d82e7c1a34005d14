"""The titles, texts and progress lines the crops runs store (in English: the steps
and the facts for the model are English), marked for translation; the run page shows
them in the reader's language (``runs.py`` hands them to the core). The code writes
the same sentences with their values filled in."""

from django.utils.translation import gettext_noop

TITLES = (
    gettext_noop("Stored forecast"),
    gettext_noop("Sell now or store: expected value of each choice"),
    gettext_noop("Market reports found"),
    gettext_noop("Load prices"),
    gettext_noop("Fit forecasts"),
    gettext_noop("Store forecasts"),
    gettext_noop("Ask data.gov.in for today's prices"),
    gettext_noop("Keep the days not stored yet"),
    gettext_noop("Store prices"),
)
# the facts of the sell-or-store table (advisory.describe), line by line
WARNING = gettext_noop("Warning: %(warning)s")
OLD_DATA = gettext_noop(  # wording.old_data_warning, as stored in English
    "The latest price here is from %(date)s (%(days)s days before today). The advice works "
    "out selling on %(date)s against storing from that date; it does not know today's "
    "prices. Check the price at your market today before you decide."
)
CROP = gettext_noop(
    "Crop: %(crop)s; market: %(market)s; latest price %(price)s (data up to %(date)s)."
)
HELD = gettext_noop("Quantity held: %(quantity)s %(unit)s. Storage cost: %(cost)s per week.")
LOWEST = gettext_noop("Lowest acceptable price: %(price)s.")
OPTION = gettext_noop(
    "%(when)s: expected %(expected)s, 80%% range %(low)s–%(high)s, storage %(storage)s, "
    "expected net %(net)s, net if the price falls to the low end %(worst)s."
)
RULE = gettext_noop("The risk-weighted rule says: %(choice)s.")
PER_UNIT = gettext_noop("per %(unit)s")
PRICE_PER_UNIT = gettext_noop("%(price)s per %(unit)s")  # a price and "per quintal" in one
SELL_NOW = gettext_noop("Sell now")
SELL_ON = gettext_noop("Sell on %(date)s")
SELL_LATER = gettext_noop("Sell %(when)s")
CHOOSE_NOW = gettext_noop("sell now")
CHOOSE_OLD_NOW = gettext_noop("sell on the date of the latest price")
CHOOSE_LATER = gettext_noop("store and sell %(when)s")
# when to sell: ``LATER[frequency][old][one]``
LATER = {
    "monthly": {
        False: (gettext_noop("in the next month"), gettext_noop("in the next %(n)s months")),
        True: (gettext_noop("1 month after %(date)s"), gettext_noop("%(n)s months after %(date)s")),
    },
    "weekly": {
        False: (gettext_noop("in the next week"), gettext_noop("in the next %(n)s weeks")),
        True: (gettext_noop("1 week after %(date)s"), gettext_noop("%(n)s weeks after %(date)s")),
    },
}
UNITS = (
    gettext_noop("quintal"),
    gettext_noop("kg"),
    gettext_noop("litre"),
    gettext_noop("100 kg"),
    gettext_noop("tonne"),
)
# the refit's steps (refit.py)
LOADED = gettext_noop(
    "%(points)s price points of %(count)s series read; the forecasts of %(stored)s series "
    "will be stored."
)
FITTED = gettext_noop("%(count)s series fitted in %(seconds)s s; models chosen: %(models)s")
NO_MODEL = gettext_noop("none")
STORED = gettext_noop("%(count)s forecasts stored: %(statuses)s")
# how many forecasts of each status were stored
STATUS_COUNTS = {
    "ok": gettext_noop("%(count)s with a forecast"),
    "too_short": gettext_noop("%(count)s with too little data"),
    "stale": gettext_noop("%(count)s with data too old"),
    "failed": gettext_noop("%(count)s failed"),
}
NOTHING_TO_REFIT = gettext_noop(
    "None of the %(count)s series to refit has prices any more (they were deleted or "
    "emptied): there is nothing to forecast."
)
OUT_OF_MEMORY = gettext_noop(
    "The worker ran out of memory fitting %(count)s %(frequency)s series; refit fewer series "
    "at a time or give the worker more memory."
)
SERIES_FORECAST = gettext_noop("%(count)s series forecast.")
# the import's steps (agmarknet_import.py, runs.py)
FETCHED = gettext_noop(
    "%(pages)s pages read, %(records)s records, %(malformed)s malformed rows left out."
)
FETCHED_STOPPED = gettext_noop(
    "%(pages)s pages read, %(records)s records, %(malformed)s malformed rows left out. "
    "Stopped early: %(reason)s"
)
COUNTED = gettext_noop(
    "%(new)s new market-days; %(stored)s already stored; %(suspect)s suspect prices kept out."
)
PRICES_STORED = gettext_noop("%(count)s prices stored in %(series)s series.")
PRICES_STORED_REFIT = gettext_noop(
    "%(count)s prices stored in %(series)s series; their forecasts are being refitted."
)
STOPPED_AFTER = gettext_noop("%(reason)s The %(count)s prices read before it were stored.")
NO_KEY = gettext_noop("No API key is set (OPENKITCHEN_AGMARKNET_API_KEY): nothing was asked.")
NEW_PRICES = gettext_noop("%(count)s new prices from data.gov.in.")
NO_PRICES_TODAY = gettext_noop("data.gov.in has no prices for this query today.")
NO_FORECAST = gettext_noop(
    "There is no usable forecast for this market yet: no advice is given without one."
)
NO_FORECAST_BECAUSE = gettext_noop(
    "There is no usable forecast for this market yet (%(reason)s): no advice is given without one."
)
TEXTS = (
    gettext_noop("Forecast by %(model)s from data up to %(date)s."),
    gettext_noop("No market reports could be found for this crop."),
    gettext_noop("There are no prices to forecast yet: import a price file first."),
    WARNING,
    OLD_DATA,
    CROP,
    HELD,
    LOWEST,
    OPTION,
    RULE,
    PER_UNIT,
    PRICE_PER_UNIT,
    SELL_NOW,
    SELL_ON,
    SELL_LATER,
    CHOOSE_NOW,
    CHOOSE_OLD_NOW,
    CHOOSE_LATER,
    *(sentence for frequency in LATER.values() for pair in frequency.values() for sentence in pair),
    *UNITS,
    LOADED,
    FITTED,
    NO_MODEL,
    STORED,
    *STATUS_COUNTS.values(),
    gettext_noop("monthly"),
    gettext_noop("weekly"),
    NOTHING_TO_REFIT,
    OUT_OF_MEMORY,
    FETCHED,
    FETCHED_STOPPED,
    COUNTED,
    PRICES_STORED,
    PRICES_STORED_REFIT,
    STOPPED_AFTER,
    NO_KEY,
    NO_FORECAST,
    NO_FORECAST_BECAUSE,
)
PROGRESS = (
    gettext_noop("Looking up market reports…"),
    gettext_noop("The model is explaining the trade-off…"),
    gettext_noop("Loading prices…"),
    gettext_noop("Storing forecasts…"),
    gettext_noop("Fitting %(count)s %(frequency)s series…"),
    # a series' frequency, inside the line above
    gettext_noop("monthly"),
    gettext_noop("weekly"),
    SERIES_FORECAST,
    NEW_PRICES,
    NO_PRICES_TODAY,
)

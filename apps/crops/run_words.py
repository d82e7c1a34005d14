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
TEXTS = (
    gettext_noop("Forecast by %(model)s from data up to %(date)s."),
    gettext_noop("No market reports could be found for this crop."),
    gettext_noop("There are no prices to forecast yet: import a price file first."),
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
)

from django.utils import translation

from apps.crops import advisory, agmarknet_import, refit, runs
from core.runs.registry import get_kind, kind_title


def test_the_crops_kinds_are_registered_at_start_up_by_the_apps_runs_module():
    handlers = {
        advisory.RUN_KIND: runs.advise,
        refit.RUN_KIND: runs.refit_forecasts,
        agmarknet_import.RUN_KIND: runs.import_prices,
    }
    for kind, handler in handlers.items():
        assert get_kind(kind).handler is handler
    with translation.override("en"):  # an earlier test may leave another language active
        assert kind_title(refit.RUN_KIND) == "Updating the price forecasts"


def test_the_store_step_counts_each_status_in_words():
    from collections import Counter

    data, text = refit.store_summary(Counter({"ok": 3, "too_short": 1}))
    assert data == {"stored": 4, "ok": 3, "too_short": 1}
    assert text == "4 forecasts stored: 3 with a forecast, 1 with too little data"

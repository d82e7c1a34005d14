"""A farmer opens a market whose forecast is still being computed (as right after
`make run`): the page says when it will be ready, updates itself, and links to the
forecast once it exists, with no reload by hand."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import check_page
from tests.e2e.test_farmer_languages import weekly_prices

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.timeout(900)]

PREPARE = """
import datetime
from django.utils import timezone
from apps.crops.importing import import_path
from apps.crops.models import PriceSeries
from core.runs.models import Run
import_path({path!r})
series = PriceSeries.objects.get(market={market!r})
now = timezone.now()
# The demo's refit, half done after 30 s (what a worker records while it fits).
run = Run.objects.create(kind='crops.refit', status='running', progress=0.5,
                         started_at=now - datetime.timedelta(seconds=30), heartbeat_at=now)
print(series.pk, run.pk)
"""
FINISH = """
from apps.crops.services import refit_now
from core.runs.models import Run
refit_now(series_ids=[{pk}])
Run.objects.filter(pk={run!r}).update(status='succeeded', progress=1.0)
"""


@pytest.fixture
def computing(stack, tmp_path, viewport):
    """A market of its own for each width, without a forecast, and a refit half done."""
    import datetime

    market = f"Sylhet Bazar {viewport}"
    prices = tmp_path / f"sylhet_{viewport}_prices.csv"
    weekly_prices(prices, market, datetime.date.today())
    pk, run = stack.shell(PREPARE.format(path=str(prices), market=market)).split()[-2:]
    return {"pk": int(pk), "run": run}


def test_a_farmer_sees_when_the_forecast_will_be_ready_and_then_reaches_it(
    page, stack, computing, sign_in, screens
):
    sign_in(page, "farmer")
    page.goto(f"/crops/series/{computing['pk']}/")
    notice = page.locator("#no-forecast")
    expect(notice).to_contain_text(re.compile(r"ready in about \d+ s"))
    check_page(page, screens, "computing")

    stack.shell(FINISH.format(pk=computing["pk"], run=computing["run"]), eager=True, timeout=600)
    # The notice polls every 3 s: it turns into a link to the forecast by itself.
    expect(page.locator("#no-forecast")).to_contain_text("The forecasts are ready.", timeout=30_000)
    check_page(page, screens, "ready")
    page.get_by_role("link", name="Show the forecast").click()
    expect(page.locator("main")).to_contain_text("8 chances in 10")

"""The check page on a 390 px phone: a long file name as the title and many findings
never make it scroll sideways; findings read as cards; the plan zooms and pans by touch."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import check_page

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

LONG_NAME = (
    "Klinikum-Erweiterung_Bauabschnitt-3_Erdgeschoss_Ausfuehrungsplanung_"
    "Revision-C_2026-11-30_final_geprueft_nach_Brandschutzbegehung.dxf"
)

CREATE_CHECK = """
import json
from django.contrib.auth import get_user_model
from apps.compliance.models import RulePack
from apps.compliance.services import create_check
from tests.apps.compliance.drawings import office_plan

user = get_user_model().objects.get(username="engineer")
check = create_check(
    user, title="", pack=RulePack.objects.get(slug="ada-2010"),
    files=[(%r, office_plan(rooms_per_side=16, door_w=0.75))],
)
check.refresh_from_db()
print(json.dumps({"pk": check.pk, "findings": len(check.result.get("findings", []))}))
"""


@pytest.fixture
def viewport() -> str:
    return "phone"


@pytest.fixture(scope="module")
def finished_check(stack) -> dict:
    """A floor with 32 narrow doors and two wide exits, checked inline in the stack's shell."""
    stack.shell("import sys\nfrom apps.compliance import demo\ndemo.load(sys.stdout)")
    out = stack.shell(CREATE_CHECK % LONG_NAME, eager=True)
    return json.loads(out.strip().splitlines()[-1])


def view_box(plan) -> list[float]:
    return [float(v) for v in plan.get_attribute("viewBox").split()]


def touch(page, kind: str, points: list[tuple[int, float, float]]) -> None:
    """Dispatch pointer events of type touch at client points (id, x, y) on the plan."""
    page.evaluate(
        """([kind, points]) => {
            const svg = document.querySelector('svg.plan-svg');
            for (const [id, x, y] of points) {
                svg.dispatchEvent(new PointerEvent(kind, {
                    pointerId: id, pointerType: 'touch', clientX: x, clientY: y,
                    bubbles: true, isPrimary: id === 1}));
            }
        }""",
        [kind, points],
    )


def test_the_check_page_fits_a_phone_with_a_long_name_and_many_findings(
    page, finished_check, sign_in, screens
):
    assert finished_check["findings"] >= 30
    sign_in(page, "engineer")
    page.goto(f"/compliance/checks/{finished_check['pk']}/")
    heading = page.get_by_role("heading", name=re.compile("Findings to act on"))
    expect(heading).to_be_visible()
    check_page(page, screens, "check")  # no sideways scroll, accessible

    title = page.locator("h1.check-title")
    assert title.bounding_box()["width"] <= 390
    assert title.bounding_box()["height"] > 40  # the long name wrapped onto more lines
    cards = page.locator("tbody.finding")
    assert cards.count() >= 30
    assert cards.first.evaluate("el => getComputedStyle(el).display") == "block"
    first = cards.first.locator("td").nth(4)
    assert "Measured" in first.evaluate("el => getComputedStyle(el, '::before').content")
    expect(cards.first).to_contain_text("0.75 m")

    plan = page.locator("figure.plan svg.plan-svg")
    box = plan.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    whole = view_box(plan)
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    touch(page, "pointerdown", [(1, cx - 20, cy), (2, cx + 20, cy)])
    touch(page, "pointermove", [(1, cx - 60, cy), (2, cx + 60, cy)])
    touch(page, "pointerup", [(1, cx - 60, cy), (2, cx + 60, cy)])
    pinched = view_box(plan)
    assert pinched[2] < whole[2] * 0.6, (whole, pinched)  # pinched open: zoomed in

    touch(page, "pointerdown", [(3, cx, cy)])
    touch(page, "pointermove", [(3, cx + 40, cy)])
    touch(page, "pointermove", [(3, cx + 80, cy)])
    touch(page, "pointerup", [(3, cx + 80, cy)])
    dragged = view_box(plan)
    assert dragged[0] < pinched[0] and dragged[2] == pytest.approx(pinched[2])  # panned
    screens(page, "zoomed")
    assert_no_overflow(page)

    page.get_by_role("button", name="Whole plan").click()
    assert view_box(plan) == pytest.approx(whole)

    page.goto("/compliance/")  # the long name in the list of checks wraps too
    expect(page.get_by_role("link", name=LONG_NAME)).to_be_visible()
    assert_no_overflow(page)


def assert_no_overflow(page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"the page scrolls sideways by {overflow} px"

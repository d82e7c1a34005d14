"""A farmer on a phone (390 px) switches the pages to Hindi, then Bengali, and
reads the crops pages: every visible string is in that language, except what the
issue allows (numbers and units, market names and other names from the data,
quotations, the model's name, "OpenKitchen", the language names in the picker).
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import check_page

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.timeout(900)]
HEADER = (
    "date,admin1,admin2,market,latitude,longitude,category,commodity,unit,priceflag,pricetype,"
    "currency,price,usdprice\n"
    "#date,#adm1+name,#adm2+name,#loc+market+name,#geo+lat,#geo+lon,#item+type,#item+name,"
    "#item+unit,#item+price+flag,#item+price+type,#currency,#value,#value+usd\n"
)
SCRIPTS = {"hi": "DEVANAGARI", "bn": "BENGALI", "zh-hans": "CJK"}
PICKER_NAMES = {"hi": "हिंदी", "bn": "বাংলা"}
# Latin words a page may show in any language: the product's name and codes of
# units and money (the "numbers and units").
ALLOWED_WORDS = {"OpenKitchen", "BDT", "INR", "KG", "kg"}
# Elements whose text comes from the data or names a thing: skipped whole.
SKIPPED = ".from-data, .model-name, .brand, #lang-select, script, style"

PREPARE = """
from apps.crops.importing import import_path
from apps.crops.models import Forecast, PriceSeries
from apps.crops.services import refit_now
for path in {paths!r}:
    import_path(path)
ids = list(PriceSeries.objects.filter(market__in=['Kawran Bazar', 'Mymensingh'])
           .values_list('pk', flat=True))
if Forecast.objects.filter(series_id__in=ids).count() < len(ids):
    refit_now(series_ids=ids)
recent = PriceSeries.objects.get(market='Kawran Bazar')
old = PriceSeries.objects.get(market='Mymensingh')
print(recent.pk, old.pk, recent.forecast.status)
"""


def weekly_prices(path, market: str, end: datetime.date) -> None:
    rows = []
    for week in range(104, 0, -1):
        day = end - datetime.timedelta(weeks=week)
        price = 1800 + 150 * math.sin(week / 8) + 3 * (104 - week) + (week * 37 % 23)
        rows.append(
            f"{day},Dhaka,Dhaka,{market},23.75,90.39,cereals and tubers,"
            f"Rice (coarse),100 KG,actual,Wholesale,BDT,{price:.1f},\n"
        )
    path.write_text(HEADER + "".join(rows))


@pytest.fixture(scope="module")
def language_stack(stack, tmp_path_factory):
    folder = tmp_path_factory.mktemp("language-prices")
    today = datetime.date.today()
    recent, old = folder / "kawran_prices.csv", folder / "mymensingh_prices.csv"
    weekly_prices(recent, "Kawran Bazar", today)
    weekly_prices(old, "Mymensingh", today - datetime.timedelta(days=400))
    out = stack.shell(PREPARE.format(paths=[str(recent), str(old)]), eager=True, timeout=600)
    recent_pk, old_pk, status = out.strip().splitlines()[-1].split()
    assert status == "ok", out[-500:]
    return {"recent": int(recent_pk), "old": int(old_pk)}


FORGET_LANGUAGE = """
from apps.crops.models import LanguageChoice
LanguageChoice.objects.filter(user__username='farmer').delete()
"""


@pytest.fixture
def forgets_the_language(stack):
    """The farmer's stored language is dropped afterwards: later journeys of the same
    stack sign in as the farmer and expect English pages."""
    yield
    stack.shell(FORGET_LANGUAGE)


VISIBLE_TEXT = """(skipped) => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, el = node.parentElement;
        const text = node.textContent.trim();
        if (!text || !el || el.closest(skipped)) continue;
        const box = el.getBoundingClientRect(), style = getComputedStyle(el);
        const closed = el.closest('details:not([open]) > :not(summary)');
        const hidden = style.visibility === 'hidden' || style.display === 'none'
            || (box.width === 0 && box.height === 0) || closed;
        if (!hidden) out.push(text);
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label], svg [aria-label]')) {
        if (el.closest(skipped)) continue;
        for (const a of ['placeholder', 'aria-label']) {
            if (el.getAttribute(a)) out.push(el.getAttribute(a));
        }
    }
    return out;
}"""


def foreign_words(texts: list[str], language: str, allowed: set[str]) -> list[str]:
    """Words written in a script other than the page's (digits and signs are not words)."""
    script = SCRIPTS[language]
    wrong = []
    for text in texts:
        for word in re.findall(r"[^\W\d_]+", text):
            if word in allowed:
                continue
            if not all(script in unicodedata.name(ch, "") for ch in word if ch.isalpha()):
                wrong.append(f"{word!r} in {text[:80]!r}")
    return wrong


def assert_in_language(page, language: str, allowed: set[str]) -> None:
    texts = page.evaluate(VISIBLE_TEXT, SKIPPED)
    assert texts, "no visible text found"
    assert foreign_words(texts, language, allowed) == []


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
@pytest.mark.parametrize("language", ["hi", "bn"])
def test_a_farmer_reads_the_crops_pages_in_their_language(
    page, language_stack, sign_in, screens, language, viewport, forgets_the_language
):
    sign_in(page, "farmer", next_path="/crops/")
    page.locator("#lang-select").select_option(language)
    with page.expect_navigation():
        page.locator("form.lang button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    allowed = ALLOWED_WORDS | {"farmer"}  # the person's own user name, on the sign-out button
    assert_in_language(page, language, allowed)
    check_page(page, screens, f"crops-{language}")

    page.locator("ul.picker a").filter(has_text="Rice (coarse)").first.click()
    expect(page.locator("h2")).to_contain_text("(Rice (coarse))")
    assert_in_language(page, language, allowed)
    check_page(page, screens, f"markets-{language}")

    page.locator(f"a[href='/crops/series/{language_stack['recent']}/']").click()
    expect(page.locator("main svg").first).to_be_visible()
    page.locator("details summary").first.click()  # the table of all numbers, opened
    assert_in_language(page, language, allowed)
    check_page(page, screens, f"forecast-{language}")

    page.goto(f"/crops/series/{language_stack['old']}/")
    expect(page.locator("#prices-up-to")).to_be_visible()
    assert_in_language(page, language, allowed)
    check_page(page, screens, f"old-prices-{language}")


def test_the_check_catches_an_english_word_on_a_hindi_page():
    texts = ["अगले 4 हफ़्ते: शायद ৳ 1,800", "Get advice", "मंडी BDT/100 किलो"]
    assert foreign_words(texts, "hi", ALLOWED_WORDS) == [
        "'Get' in 'Get advice'",
        "'advice' in 'Get advice'",
    ]

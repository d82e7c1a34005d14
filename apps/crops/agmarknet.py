"""Agmarknet's daily mandi prices from the data.gov.in API (no database here).

The resource "Current daily price of various commodities from various markets
(Mandi)" (``RESOURCE_ID``) holds only the latest days: a day that is missed is
gone from it, and cannot be backfilled from this API.

Request: ``GET {API_URL}{RESOURCE_ID}?api-key=…&format=json&offset=…&limit=…``
plus ``filters[state]``, ``filters[commodity]``…; the answer's ``records`` carry
state, district, market, commodity, variety, grade, arrival_date (dd/mm/yyyy),
min_price, max_price, modal_price (rupees per quintal), and ``total`` counts
every record of the query. Pages are read until ``total`` or a short page.

What goes wrong, and what happens:
- a refused key (401/403): ``KeyRefused`` at once, no retry;
- 429: wait ``Retry-After`` (at most ``MAX_WAIT_S``), at most ``RETRIES`` times;
- a timeout or a 5xx: ``RETRIES`` more tries, then ``FetchFailed``;
- a row without a market, date or modal price, or with text for a number:
  counted and reported as malformed, the other rows kept.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

import httpx

API_URL = "https://api.data.gov.in/resource/"
RESOURCE_ID = "9ef84268-d588-465a-a308-a864a43d0070"
PAGE_LIMIT = 1000
MAX_PAGES = 200  # 200,000 records: more than the resource ever held in a day
TIMEOUT_S = 30.0
RETRIES = 2
MAX_WAIT_S = 60.0


class AgmarknetError(Exception):
    """A failure with a sentence for the imports page."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
        self.fetched: Fetched | None = None


class KeyRefused(AgmarknetError):
    pass


class FetchFailed(AgmarknetError):
    pass


@dataclass(frozen=True)
class Record:
    """One market's prices of one day, as the API gives them."""

    state: str
    district: str
    market: str
    commodity: str
    variety: str
    grade: str
    day: date
    min_price: float | None
    max_price: float | None
    modal_price: float


@dataclass
class Fetched:
    records: list[Record] = field(default_factory=list)
    malformed: list[str] = field(default_factory=list)  # why each bad row was left out
    pages: int = 0
    total: int = 0
    waited_s: float = 0.0


def _text(raw: dict, name: str) -> str:
    for key, value in raw.items():
        if key.lower().replace(" ", "_") == name:
            return " ".join(str(value or "").split())
    return ""


def _number(raw: dict, name: str) -> float | None:
    text = _text(raw, name).replace(",", "")
    if not text or text.upper() in {"NA", "NR", "-"}:
        return None
    return float(text)  # ValueError: malformed


def parse_record(raw: dict) -> Record:
    """A record from the API's fields; ``ValueError`` with a reason when malformed."""
    if not isinstance(raw, dict):
        raise ValueError("the record is not an object")
    market, commodity = _text(raw, "market"), _text(raw, "commodity")
    if not market or not commodity:
        raise ValueError("no market or no commodity")
    day_text = _text(raw, "arrival_date")
    try:
        d, m, y = (int(x) for x in day_text.split("/"))
        day = date(y, m, d)
    except ValueError:
        raise ValueError(f"arrival_date {day_text[:20]!r} is not dd/mm/yyyy") from None
    try:
        modal = _number(raw, "modal_price")
        low, high = _number(raw, "min_price"), _number(raw, "max_price")
    except ValueError:
        raise ValueError("a price is not a number") from None
    if modal is None:
        raise ValueError("no modal price")
    if modal < 0 or (low is not None and high is not None and low > high):
        raise ValueError("negative price, or minimum above maximum")
    return Record(
        state=_text(raw, "state"),
        district=_text(raw, "district"),
        market=market,
        commodity=commodity,
        variety=_text(raw, "variety"),
        grade=_text(raw, "grade"),
        day=day,
        min_price=low,
        max_price=high,
        modal_price=modal,
    )


def _get(
    client: httpx.Client,
    url: str,
    params: dict,
    sleep: Callable[[float], None],
    fetched: Fetched,
    timeout: float,
) -> dict:
    for attempt in range(RETRIES + 1):
        last = attempt == RETRIES
        try:
            response = client.get(url, params=params)
        except httpx.TimeoutException:
            if last:
                raise FetchFailed(
                    f"data.gov.in did not answer within {timeout:g} s "
                    f"({RETRIES + 1} tries, page at offset {params['offset']})."
                ) from None
            continue
        except httpx.HTTPError as exc:
            if last:
                raise FetchFailed(f"data.gov.in could not be reached: {exc}.") from None
            continue
        if response.status_code in (401, 403):
            raise KeyRefused(
                f"data.gov.in refused the API key (HTTP {response.status_code}): check "
                "OPENKITCHEN_AGMARKNET_API_KEY. Nothing is retried until the next scheduled import."
            )
        if response.status_code == 429:
            if last:
                raise FetchFailed(
                    "data.gov.in asked us to slow down (HTTP 429) and kept refusing: the next "
                    "scheduled import tries again."
                )
            wait = _retry_after(response)
            fetched.waited_s += wait
            sleep(wait)
            continue
        if response.status_code >= 500:
            if last:
                raise FetchFailed(f"data.gov.in answered HTTP {response.status_code}.")
            continue
        if response.status_code != 200:
            raise FetchFailed(f"data.gov.in answered HTTP {response.status_code}.")
        try:
            body = response.json()
        except ValueError:
            raise FetchFailed("data.gov.in answered with something that is not JSON.") from None
        if not isinstance(body, dict) or not isinstance(body.get("records", []), list):
            raise FetchFailed("data.gov.in's answer has no list of records.")
        return body
    raise AssertionError("unreachable")


def _retry_after(response: httpx.Response) -> float:
    try:
        return min(max(float(response.headers.get("Retry-After", "5")), 0.0), MAX_WAIT_S)
    except ValueError:
        return 5.0


def fetch(
    api_key: str,
    *,
    filters: dict[str, str] | None = None,
    api_url: str | None = None,
    limit: int | None = None,
    timeout: float | None = None,
    sleep: Callable[[float], None] | None = None,
) -> Fetched:
    """Every record of the query, page by page (see the module docstring); ``limit``,
    ``timeout`` and ``sleep`` default to the module's (read at call time)."""
    limit, timeout = limit or PAGE_LIMIT, timeout or TIMEOUT_S
    sleep = sleep or time.sleep
    if not api_key:
        raise KeyRefused("No API key is set (OPENKITCHEN_AGMARKNET_API_KEY): nothing was asked.")
    fetched = Fetched()
    url = (api_url or API_URL) + RESOURCE_ID
    base = {"api-key": api_key, "format": "json", "limit": limit}
    base |= {f"filters[{k}]": v for k, v in (filters or {}).items() if v}
    with httpx.Client(timeout=timeout, follow_redirects=True) as client:
        for offset in _offsets(limit):
            try:
                body = _get(client, url, {**base, "offset": offset}, sleep, fetched, timeout)
            except AgmarknetError as exc:
                exc.fetched = fetched  # the pages read before it, for the caller to keep
                raise
            rows = body.get("records") or []
            fetched.pages += 1
            fetched.total = _int(body.get("total"), fetched.total)
            for raw in rows:
                try:
                    fetched.records.append(parse_record(raw))
                except ValueError as exc:
                    fetched.malformed.append(str(exc))
            if not rows or len(rows) < limit or offset + len(rows) >= fetched.total:
                break
    return fetched


def _offsets(limit: int) -> Iterator[int]:
    for page in range(MAX_PAGES):
        yield page * limit


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default

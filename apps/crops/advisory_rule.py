"""Sell now or store: the arithmetic, done by code (never by the model).

Holding h periods is worth the expected price then minus storage for h
periods. The rule holds only when that beats selling now by more than a
share of the downside risk (how far the price may fall, from the lower end
of the 80% interval), so uncertain gains do not tempt it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

RISK_AVERSION = 0.5


@dataclass(frozen=True)
class Option:
    periods: int  # 0 = sell now
    expected_price: float
    low80: float
    high80: float
    storage_cost: float
    expected_net: float
    worst_net80: float  # net if the price ends at the low end of the 80% interval
    expected_gain: float  # over selling now, per unit

    def as_dict(self) -> dict:
        return asdict(self)


def options(price_now: float, forecasts: list[dict], storage_per_period: float) -> list[Option]:
    """Sell now and each horizon; ``forecasts`` holds mean, lo80, hi80 per step 1..H."""
    out = [Option(0, price_now, price_now, price_now, 0.0, price_now, price_now, 0.0)]
    for h, f in enumerate(forecasts, start=1):
        cost = storage_per_period * h
        out.append(
            Option(
                periods=h,
                expected_price=f["mean"],
                low80=f["lo80"],
                high80=f["hi80"],
                storage_cost=cost,
                expected_net=f["mean"] - cost,
                worst_net80=f["lo80"] - cost,
                expected_gain=f["mean"] - cost - price_now,
            )
        )
    return out


def best_option(opts: list[Option], *, risk_aversion: float = RISK_AVERSION) -> Option:
    """The option the rule takes: the highest risk-adjusted net, selling now on ties."""

    def score(o: Option) -> float:
        downside = max(o.expected_price - o.low80, 0.0)
        return o.expected_net - risk_aversion * downside

    best = opts[0]
    for o in opts[1:]:
        if score(o) > score(best):
            best = o
    return best

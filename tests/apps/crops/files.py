"""Small CSV files built in tests, in the layouts and encodings real files use."""

from __future__ import annotations

import io
import math
from datetime import date, timedelta


def mandi_csv(markets=("NORTH", "SOUTH", "EAST"), days=900, start=date(2018, 1, 1), seed=1) -> str:
    """An Agmarknet-style state file: a row per market per trading day (no Sundays)."""
    import random

    rng = random.Random(seed)
    lines = ["MANDINAME,DATE,ARRIVAL,MIN,MAX,PRICE,MANDICODE"]
    level = 1500.0
    for k in range(days):
        day = start + timedelta(days=k)
        level *= math.exp(rng.gauss(0, 0.01))
        if day.weekday() == 6:
            continue
        for j, m in enumerate(markets):
            price = round(level * (1 + 0.05 * j) * math.exp(rng.gauss(0, 0.02)))
            arrival = rng.randint(5, 90)
            lines.append(f"{m},{day},{arrival},{price - 100},{price + 100},{price},{100 + j}")
    return "\n".join(lines) + "\n"


def as_bytes(text: str, encoding: str = "utf-8") -> io.BytesIO:
    return io.BytesIO(text.encode(encoding))

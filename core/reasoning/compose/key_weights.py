"""Key words weighted by rarity among the texts compared (IDF): how much of a
question's keys a text holds, and which text holds the most."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence


def idf(texts: Iterable[Iterable[str]]) -> tuple[dict[str, float], float]:
    """(IDF of each key among ``texts``, the IDF of a key found in none of them)."""
    sets = [set(t) for t in texts]
    frequency = Counter(k for s in sets for k in s)
    n = len(sets)
    return {k: math.log(1 + n / df) for k, df in frequency.items()}, math.log(1 + max(n, 1))


def weighted_share(
    wanted: set[str], found: set[str], weights: dict[str, float], unseen: float
) -> float:
    """The IDF-weighted share of ``wanted`` that is in ``found``."""
    total = sum(weights.get(k, unseen) for k in wanted)
    return sum(weights.get(k, unseen) for k in wanted & found) / total if total else 0.0


def best_share(
    wanted: set[str], texts: Sequence[set[str]], weights: dict[str, float], unseen: float
) -> tuple[float, int]:
    """The largest weighted share over ``texts`` and the index of that text (-1: none)."""
    best, where = 0.0, -1
    for i, found in enumerate(texts):
        share = weighted_share(wanted, found, weights, unseen)
        if share > best:
            best, where = share, i
    return best, where

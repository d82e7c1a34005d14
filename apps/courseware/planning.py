"""Lesson structure decided by code: how many learning cycles, and the timed
phases, whose minutes always add up to the lesson length."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PhasePlan:
    name: str
    weight: float
    activity: str
    cycle: int | None = None  # index of the learning cycle this phase teaches


def cycle_count(minutes: int) -> int:
    """About one explain-check-practise cycle per 13 minutes, 1 to 5."""
    return max(1, min(5, round(minutes / 13)))


def phase_plan(minutes: int, cycles: int, *, quiz: bool) -> list[PhasePlan]:
    plans = [PhasePlan("Starter", 0.12, "Activate prior knowledge and share the objectives.")]
    teach = 0.66 if quiz else 0.76
    for index in range(cycles):
        plans.append(
            PhasePlan(
                f"Learning cycle {index + 1}",
                teach / cycles,
                "Explain, check for understanding, then practise.",
                cycle=index,
            )
        )
    if quiz:
        plans.append(PhasePlan("Quiz", 0.12, "Students answer the quiz on their own."))
    plans.append(PhasePlan("Plenary", 0.10, "Review the objectives and answer questions."))
    return plans


def allocate_minutes(total: int, weights: list[float]) -> list[int]:
    """Whole minutes proportional to ``weights``, each at least 1, summing to ``total``
    (largest-remainder rounding)."""
    if total < len(weights):
        raise ValueError(f"{total} minutes cannot hold {len(weights)} phases")
    spare = total - len(weights)  # every phase gets one minute first
    scale = sum(weights)
    exact = [spare * w / scale for w in weights]
    minutes = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: exact[i] - minutes[i], reverse=True)
    for i in order[: spare - sum(minutes)]:
        minutes[i] += 1
    return [m + 1 for m in minutes]

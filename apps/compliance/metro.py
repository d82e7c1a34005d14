"""Metro station platform evacuation in the style of NFPA 130: every step of arithmetic shown.

Inputs are the occupant load the engineer enters and the stair and passage
widths found in the drawing; the capacities are pack parameters.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from apps.compliance.packs import METRO_PARAMETERS


@dataclass
class EgressCalculation:
    steps: list[str] = field(default_factory=list)
    platform_clear_min: float | None = None
    passes: bool | None = None


def platform_clearing(
    occupant_load: int,
    stair_widths_m: list[float],
    passage_widths_m: list[float],
    params: dict | None = None,
) -> EgressCalculation:
    p = {**METRO_PARAMETERS, **(params or {})}
    calc = EgressCalculation()
    s = calc.steps
    deduct = float(p["edge_deduction_mm"])
    stair_mm = sum(max(w * 1000 - deduct, 0) for w in stair_widths_m)
    passage_mm = sum(max(w * 1000 - deduct, 0) for w in passage_widths_m)
    s.append(f"Occupant load to clear from the platform: {occupant_load} persons (entered).")
    s.append(
        f"Stair widths found: {', '.join(f'{w:.3f} m' for w in stair_widths_m) or 'none'}; "
        f"usable total = {stair_mm:.0f} mm (after {deduct:.0f} mm deduction each)."
    )
    if not stair_mm:
        s.append("No stair width: the platform cannot be cleared; the check fails.")
        calc.passes = False
        return calc
    stair_cap = stair_mm * p["stair_rate_p_per_mm_min"]
    s.append(
        f"Stair capacity = {stair_mm:.0f} mm × {p['stair_rate_p_per_mm_min']} p/(mm·min) "
        f"= {stair_cap:.1f} persons/min."
    )
    caps = [stair_cap]
    if passage_mm:
        passage_cap = passage_mm * p["platform_rate_p_per_mm_min"]
        s.append(
            f"Passage capacity = {passage_mm:.0f} mm × {p['platform_rate_p_per_mm_min']} "
            f"p/(mm·min) = {passage_cap:.1f} persons/min."
        )
        caps.append(passage_cap)
    governing = min(caps)
    s.append(
        f"Governing capacity = min({', '.join(f'{c:.1f}' for c in caps)}) "
        f"= {governing:.1f} persons/min."
    )
    t = occupant_load / governing
    calc.platform_clear_min = round(t, 2)
    limit = p["platform_clear_limit_min"]
    calc.passes = t <= limit
    s.append(
        f"Platform clearing time = {occupant_load} ÷ {governing:.1f} = {t:.2f} min; "
        f"limit {limit} min: {'meets' if calc.passes else 'exceeds'} the limit."
    )
    return calc

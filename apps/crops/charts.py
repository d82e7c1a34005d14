"""A small server-rendered SVG: price history and the forecast fan (80% and
95% bands, most likely line). Only numbers go into the markup, plus escaped
axis labels; styling comes from classes in static/crops/crops.css (CSP)."""

from __future__ import annotations

from django.utils.html import escape

W, H = 360, 200
PAD_L, PAD_R, PAD_T, PAD_B = 46, 8, 10, 24


def fan_chart(
    history: list,
    steps: list,
    *,
    label_money,
    label_date=str,
    title: str = "Price history and forecast",
) -> str:
    """The chart's SVG; ``title`` is its accessible name, ``label_date`` writes the
    ISO dates at both ends of the axis (both in the page's language)."""
    points = [(i, v) for i, (_d, v) in enumerate(history) if v is not None]
    n_hist = len(history)
    n = n_hist + len(steps)
    values = [v for _i, v in points] + [s[k] for s in steps for k in ("lo95", "hi95")]
    if not values or n < 2:
        return ""
    lo, hi = min(values), max(values)
    if hi - lo < 1e-9:
        lo, hi = lo * 0.95, hi * 1.05 + 1e-9

    def x(i: float) -> float:
        return round(PAD_L + (W - PAD_L - PAD_R) * i / (n - 1), 1)

    def y(v: float) -> float:
        return round(PAD_T + (H - PAD_T - PAD_B) * (1 - (v - lo) / (hi - lo)), 1)

    parts = [
        f'<svg class="fan" viewBox="0 0 {W} {H}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for v in (lo, (lo + hi) / 2, hi):
        parts.append(f'<line class="grid" x1="{PAD_L}" x2="{W - PAD_R}" y1="{y(v)}" y2="{y(v)}"/>')
        parts.append(
            f'<text class="axis" x="{PAD_L - 4}" y="{y(v) + 4}">{escape(label_money(v))}</text>'
        )
    if steps:
        start = n_hist - 1 if points and points[-1][0] == n_hist - 1 else n_hist
        anchor = history[-1][1] if history and history[-1][1] is not None else steps[0]["mean"]
        for band, (lk, hk) in (("band95", ("lo95", "hi95")), ("band80", ("lo80", "hi80"))):
            upper = [(x(start), y(anchor))] + [
                (x(n_hist + k), y(s[hk])) for k, s in enumerate(steps)
            ]
            lower = [(x(n_hist + k), y(s[lk])) for k, s in enumerate(steps)][::-1] + [
                (x(start), y(anchor))
            ]
            pts = " ".join(f"{a},{b}" for a, b in upper + lower)
            parts.append(f'<polygon class="{band}" points="{pts}"/>')
        mean = [(x(start), y(anchor))] + [
            (x(n_hist + k), y(s["mean"])) for k, s in enumerate(steps)
        ]
        parts.append(f'<polyline class="mean" points="{" ".join(f"{a},{b}" for a, b in mean)}"/>')
    if points:
        hist = " ".join(f"{x(i)},{y(v)}" for i, v in points)
        parts.append(f'<polyline class="history" points="{hist}"/>')
    if history:
        parts.append(
            f'<text class="axis start" x="{PAD_L}" y="{H - 6}">'
            f"{escape(label_date(history[0][0]))}</text>"
        )
    if steps:
        parts.append(
            f'<text class="axis end" x="{W - PAD_R}" y="{H - 6}">'
            f"{escape(label_date(steps[-1]['start']))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)

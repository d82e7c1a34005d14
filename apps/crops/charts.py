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
    values = [v for _i, v in points] + [s[k] for s in steps for k in ("lo95", "hi95")]
    if not values or len(history) + len(steps) < 2:
        return ""
    plot = _Plot(len(history) + len(steps), min(values), max(values))
    parts = [
        f'<svg class="fan" viewBox="0 0 {W} {H}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        *_grid(plot, label_money),
    ]
    if steps:
        parts += _fan(plot, history, points, steps)
    if points:
        hist = " ".join(f"{plot.x(i)},{plot.y(v)}" for i, v in points)
        parts.append(f'<polyline class="history" points="{hist}"/>')
    if history:
        parts.append(_date_label("start", PAD_L, label_date(history[0][0])))
    if steps:
        parts.append(_date_label("end", W - PAD_R, label_date(steps[-1]["start"])))
    parts.append("</svg>")
    return "".join(parts)


class _Plot:
    """Where period ``i`` and price ``v`` fall in the drawing area."""

    def __init__(self, n: int, lo: float, hi: float):
        if hi - lo < 1e-9:
            lo, hi = lo * 0.95, hi * 1.05 + 1e-9
        self.n, self.lo, self.hi = n, lo, hi

    def x(self, i: float) -> float:
        return round(PAD_L + (W - PAD_L - PAD_R) * i / (self.n - 1), 1)

    def y(self, v: float) -> float:
        return round(PAD_T + (H - PAD_T - PAD_B) * (1 - (v - self.lo) / (self.hi - self.lo)), 1)


def _grid(plot: _Plot, label_money) -> list[str]:
    """Three grid lines (lowest, middle, highest price), each labelled with its price."""
    parts = []
    for v in (plot.lo, (plot.lo + plot.hi) / 2, plot.hi):
        y = plot.y(v)
        parts.append(f'<line class="grid" x1="{PAD_L}" x2="{W - PAD_R}" y1="{y}" y2="{y}"/>')
        parts.append(
            f'<text class="axis" x="{PAD_L - 4}" y="{y + 4}">{escape(label_money(v))}</text>'
        )
    return parts


def _fan(plot: _Plot, history: list, points: list, steps: list) -> list[str]:
    """The 95% and 80% bands and the most likely line, fanning out from the last price
    (from the first forecast step's mean when the history ends without one)."""
    n_hist = len(history)
    start = n_hist - 1 if points and points[-1][0] == n_hist - 1 else n_hist
    anchor = history[-1][1] if history and history[-1][1] is not None else steps[0]["mean"]
    origin = (plot.x(start), plot.y(anchor))
    parts = []
    for band, (lk, hk) in (("band95", ("lo95", "hi95")), ("band80", ("lo80", "hi80"))):
        upper = [origin] + [(plot.x(n_hist + k), plot.y(s[hk])) for k, s in enumerate(steps)]
        lower = [(plot.x(n_hist + k), plot.y(s[lk])) for k, s in enumerate(steps)][::-1]
        pts = " ".join(f"{a},{b}" for a, b in upper + lower + [origin])
        parts.append(f'<polygon class="{band}" points="{pts}"/>')
    mean = [origin] + [(plot.x(n_hist + k), plot.y(s["mean"])) for k, s in enumerate(steps)]
    parts.append(f'<polyline class="mean" points="{" ".join(f"{a},{b}" for a, b in mean)}"/>')
    return parts


def _date_label(end: str, x: float, text: str) -> str:
    return f'<text class="axis {end}" x="{x}" y="{H - 6}">{escape(text)}</text>'

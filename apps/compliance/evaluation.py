"""The fixed evaluation protocol behind ``manage.py compliance_eval`` (see issue 6).

Pure functions over a flat folder of per-storey DXF files and
``<building>__ifc-attributes.json`` files; no database, no model.
"""

from __future__ import annotations

import importlib.util
import json
import math
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

from apps.compliance.dxf_reader import read_dxf_bytes
from apps.compliance.errors import DrawingError
from apps.compliance.packs import ADA_2010, GENERIC_EGRESS
from apps.compliance.plan import build_plan
from apps.compliance.rules import FAIL, REVIEW, check_plan, rules_from_packs

PLANTED_CLASSES = ["door_width", "corridor_width", "stair_tread", "dead_end", "travel_distance"]
EVAL_LIMITS = {"travel_distance_m": 45.0, "dead_end_m": 15.0}
MATCH_RADIUS_M = 1.0
DOOR_MATCH_M = 0.100
DOOR_CLOSE_M = 0.030
RULE_TOLERANCE_M = 0.001


def eval_rules():
    return rules_from_packs([ADA_2010, GENERIC_EGRESS], EVAL_LIMITS)


def load_planter():
    path = Path(__file__).resolve().parents[2] / "bench" / "plant_violations.py"
    spec = importlib.util.spec_from_file_location("plant_violations", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_file(path: Path, storey: str):
    """Read, extract, check: (plan, findings, seconds)."""
    started = time.perf_counter()
    plan = build_plan(read_dxf_bytes(path.read_bytes(), name=path.name), storey=storey)
    findings = check_plan(plan, eval_rules())
    return plan, findings, time.perf_counter() - started


def match_doors(detected: list[float], reference: list[float]) -> list[tuple[int, int]]:
    """Optimal one-to-one pairs by width; pairs more than 100 mm apart do not match."""
    if not detected or not reference:
        return []
    cost = np.abs(np.subtract.outer(np.array(detected), np.array(reference)))
    big = 1e6
    rows, cols = linear_sum_assignment(np.where(cost > DOOR_MATCH_M + 1e-9, big, cost))
    return [(r, c) for r, c in zip(rows, cols, strict=True) if cost[r, c] <= DOOR_MATCH_M + 1e-9]


def _rule(rules, measurement):
    return [r for r in rules if r.measurement == measurement]


def _door_truth(rules, width_m: float) -> bool:
    """True when the door-width rules fail on the reference width."""
    return any(r.judge(width_m + RULE_TOLERANCE_M) == FAIL for r in _rule(rules, "door_width"))


def _stair_truth(rules, stair: dict, unit_scale: float) -> dict[str, bool | None]:
    geo = stair.get("psets_stair_geometry") or {}
    riser = tread = None
    for key, value in geo.items():
        k = key.lower()
        if "riser" in k and "height" in k and isinstance(value, int | float):
            riser = float(value) * unit_scale
        if ("tread" in k and ("length" in k or "depth" in k)) and isinstance(value, int | float):
            tread = float(value) * unit_scale
    out: dict[str, bool | None] = {"stair_riser": None, "stair_tread": None}
    for cls, val in (("stair_riser", riser), ("stair_tread", tread)):
        if val is not None:
            fails = []
            for r in _rule(rules, cls):
                lo_ok = r.judge(val + RULE_TOLERANCE_M) != FAIL
                hi_ok = r.judge(val - RULE_TOLERANCE_M) != FAIL
                fails.append(not (lo_ok or hi_ok))
            out[cls] = any(fails)
    return out


def without_measurement(findings) -> int:
    """Failing findings that state neither a measured value nor that no exit is reachable."""
    return sum(
        1
        for f in findings
        if f.status == FAIL and f.measured is None and "no exit reachable" not in f.note
    )


def score_unmodified(plan, findings, ref: dict, storey: str, unit_scale: float) -> dict:
    rules = eval_rules()
    doors_ref = [d for d in ref.get("doors", []) if d.get("storey") == storey]
    ref_widths = [float(d["overall_width_m"]) for d in doors_ref]
    detected = [d.width_m for d in plan.doors]
    pairs = match_doors(detected, ref_widths)
    pair_of = {plan.doors[r].id: ref_widths[c] for r, c in pairs}
    stairs_ref = [s for s in ref.get("stairs", []) if s.get("storey") == storey]
    stair_truth = [_stair_truth(rules, s, unit_scale) for s in stairs_ref]
    false = unreferenced = review = 0
    for f in findings:
        if f.status == REVIEW:
            review += 1
            continue
        if f.status != FAIL:
            continue
        if f.eval_class == "door_width":
            ref_w = pair_of.get(f.element)
            if ref_w is None or not _door_truth(rules, ref_w):
                false += 1
        elif f.eval_class in ("stair_riser", "stair_tread") and any(
            t[f.eval_class] is not None for t in stair_truth
        ):
            if not any(t[f.eval_class] for t in stair_truth if t[f.eval_class] is not None):
                false += 1
        else:
            unreferenced += 1
    return {
        "reference_doors": len(ref_widths),
        "matched_doors": len(pairs),
        "within_30mm": sum(1 for r, c in pairs if abs(detected[r] - ref_widths[c]) <= DOOR_CLOSE_M),
        "false": false,
        "unreferenced": unreferenced,
        "needs_review": review,
    }


def score_planted(base_findings, findings, planted: list[dict]) -> dict:
    def near(a, b):
        return math.dist(a, b) <= MATCH_RADIUS_M

    present = [(f.eval_class, f.location) for f in base_findings if f.status == FAIL]
    considered = [
        f
        for f in findings
        if f.status == FAIL
        and f.eval_class in PLANTED_CLASSES
        and not any(c == f.eval_class and near(loc, f.location) for c, loc in present)
    ]
    hits = [False] * len(planted)
    true_pos = 0
    for f in considered:
        matched = [
            i
            for i, p in enumerate(planted)
            if p["class"] == f.eval_class and near(p["location_m"], f.location)
        ]
        if matched:
            true_pos += 1
            for i in matched:
                hits[i] = True
    return {
        "findings": len(considered),
        "true_positive": true_pos,
        "planted": [(p["class"], hit) for p, hit in zip(planted, hits, strict=True)],
    }


def run_evaluation(data: Path, *, seed: int, log, building: str | None = None) -> dict:
    """The protocol over every ``<building>__ifc-attributes.json`` in ``data`` (or only
    ``building``'s, to report a building's figures on their own)."""
    planter = load_planter()
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="compliance-eval-") as tmp:
        for ref, unit_scale, storey, path in storey_files(data, building):
            tally.storeys += 1
            try:
                plan, base, secs = check_file(path, storey)
            except DrawingError as exc:
                log(f"{path.name}: {exc}")
                tally.unreadable += 1
                continue
            tally.seconds.append(secs)
            if plan.is_empty:
                tally.empty += 1
            s = score_unmodified(plan, base, ref, storey, unit_scale)
            planted_path = Path(tmp) / f"planted-{path.name}"
            planted = planter.plant_storey(path, planted_path, seed)
            _, mod, _ = check_file(planted_path, storey)
            p = score_planted(base, mod, planted)
            tally.add(s, p, without_measurement(base) + without_measurement(mod))
            log(
                f"{path.name}: {secs:.2f} s, "
                f"doors {s['matched_doors']}/{s['reference_doors']}, "
                f"false {s['false']}, unreferenced {s['unreferenced']}, planted "
                f"{len(planted)} ({sum(h for _, h in p['planted'])} found), "
                f"planted-copy findings {p['findings']} ({p['true_positive']} true)"
            )
    return tally.figures(seed, planter.CLASSES)


def storey_files(data: Path, building: str | None):
    """(reference attributes, metres per IFC length unit, storey name, DXF path) of
    every storey with a drawing."""
    for ref_path in sorted(data.glob(f"{building or '*'}__ifc-attributes.json")):
        ref = json.loads(ref_path.read_text())
        unit_scale = {"mm": 0.001, "m": 1.0, "cm": 0.01}.get(ref.get("ifc_length_unit", "m"), 1.0)
        for st in ref.get("storeys", []):
            if st.get("dxf_file"):
                yield ref, unit_scale, st["name"], data / st["dxf_file"]


SUMMED = (
    "reference_doors",
    "matched_doors",
    "within_30mm",
    "false",
    "unreferenced",
    "needs_review",
    "findings",
    "true_positive",
)


@dataclass
class Tally:
    """The counts of an evaluation, summed over its storeys."""

    storeys: int = 0
    unreadable: int = 0
    empty: int = 0
    planted: int = 0
    unmeasured: int = 0
    seconds: list[float] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SUMMED, 0))
    per_class: dict[str, list[int]] = field(
        default_factory=lambda: {c: [0, 0] for c in PLANTED_CLASSES}
    )  # class: [planted, found]

    def add(self, unmodified: dict, planted: dict, unmeasured: int) -> None:
        """One storey's scores (``score_unmodified``, ``score_planted``)."""
        scores = {**unmodified, **planted}
        for key in SUMMED:
            self.totals[key] += scores[key]
        self.unmeasured += unmeasured
        self.planted += len(planted["planted"])
        for cls, hit in planted["planted"]:
            self.per_class[cls][0] += 1
            self.per_class[cls][1] += int(hit)

    def figures(self, seed: int, planter_classes) -> dict:
        totals, seconds, read = self.totals, self.seconds, max(self.storeys - self.unreadable, 1)
        return {
            "door_recall": _ratio(totals["matched_doors"], totals["reference_doors"]),
            "door_width_within_30mm": _ratio(totals["within_30mm"], totals["matched_doors"]),
            "precision": _ratio(totals["true_positive"], totals["findings"]),
            "recall": _ratio(sum(v[1] for v in self.per_class.values()), self.planted),
            "recall_by_class": {c: _ratio(v[1], v[0]) for c, v in self.per_class.items() if v[0]},
            "false_findings_per_storey": _ratio(totals["false"], read, 3),
            "unreferenced_findings_per_storey": _ratio(totals["unreferenced"], read, 3),
            "seconds_per_storey": round(sum(seconds) / len(seconds), 3) if seconds else None,
            "max_seconds_per_storey": round(max(seconds), 3) if seconds else None,
            "storeys": self.storeys,
            "storeys_without_elements": self.empty,
            "storeys_unreadable": self.unreadable,
            "planted": self.planted,
            # Every class the planter attempts, 0 where nothing could be planted.
            "planted_by_class": {c: self.per_class.get(c, [0])[0] for c in planter_classes},
            "needs_review_findings": totals["needs_review"],
            "findings_without_measurement": self.unmeasured,
            "seed": seed,
        }


def _ratio(a: float, b: float, digits: int = 4) -> float | None:
    return round(a / b, digits) if b else None

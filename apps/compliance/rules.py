"""Apply rule packs (data) to a plan's measurements and return findings."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from apps.compliance import egress
from apps.compliance.finding_notes import english, is_unreachable, note
from apps.compliance.packs import EVAL_CLASS
from apps.compliance.plan import Plan

PASS, FAIL, REVIEW = "pass", "fail", "needs-review"


@dataclass
class RuleSpec:
    code: str
    measurement: str
    comparator: str  # ">=", "<=", "between"
    threshold: float
    units: str = "m"
    threshold_max: float | None = None
    applies_to: str = ""
    jurisdiction: str = ""
    code_name: str = ""
    clause_id: str = ""
    clause_title: str = ""
    review_margin: float = 0.0
    parameter: str = ""
    name_pattern: str = ""

    @classmethod
    def from_dict(cls, d: dict, params: dict | None = None) -> RuleSpec:
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        spec = cls(**known)
        if spec.parameter and params and spec.parameter in params:
            spec.threshold = float(params[spec.parameter])
        return spec

    @property
    def clause(self) -> str:
        return f"{self.code_name} §{self.clause_id}"

    def required_text(self) -> str:
        if self.comparator == "between":
            return f"{self.threshold:g}–{self.threshold_max:g} {self.units}"
        sign = "≥" if self.comparator == ">=" else "≤"
        return f"{sign} {self.threshold:g} {self.units}"

    def judge(self, value: float | None, approximate: bool = False) -> str:
        if value is None:
            return REVIEW
        lo, hi = (
            (self.threshold, self.threshold_max)
            if self.comparator == "between"
            else ((self.threshold, None) if self.comparator == ">=" else (None, self.threshold))
        )
        ok = (lo is None or value >= lo - 1e-9) and (hi is None or value <= hi + 1e-9)
        near = any(b is not None and abs(value - b) < self.review_margin for b in (lo, hi))
        if near and approximate:
            return REVIEW
        return PASS if ok else FAIL


@dataclass
class Finding:
    rule: str
    clause: str
    title: str
    measurement: str
    eval_class: str
    measured: float | None
    required: str
    threshold: float
    threshold_max: float | None
    units: str
    status: str
    storey: str
    location: tuple[float, float]
    element: str
    handles: list[str] = field(default_factory=list)
    label: str = ""
    note: str = ""  # in English, from ``notes``: what findings stored before notes were data hold
    notes: list[dict] = field(default_factory=list)  # the note as data (``finding_notes``)
    borderline: bool = False
    # Routes (travel distance, dead ends): the walk measured, in drawing coordinates,
    # and the exit or way out it reaches.
    route: list[list[float]] = field(default_factory=list)
    exit: str = ""
    # Doors: the drawn outline (block or casing included) and the clear width past
    # the leaf and stops, beside the opening that ``measured`` holds (metres).
    outline_m: float | None = None
    clear_m: float | None = None

    def as_dict(self) -> dict:
        d = asdict(self)
        d["location"] = list(self.location)
        return d


def measured_text(f: dict) -> str:
    """A finding's measured value in words: the value and unit, "none reachable" where no
    exit can be reached, "not measured" where a person must measure."""
    if f.get("measured") is None:
        return "none reachable" if is_unreachable(f) else "not measured"
    return f"{f['measured']:g} {f.get('units', '')}".strip()


def measurements(plan: Plan, kinds: set[str], corridor_thresholds: set[float]) -> list:
    """Every measure the requested rule kinds need, computed once per plan."""
    out: list[egress.Measure] = []
    if "door_width" in kinds:
        out += [_door_measure(d) for d in plan.doors]
    stair_kinds = kinds & {"stair_tread", "stair_riser", "stair_width"}
    for s in plan.stairs if stair_kinds else []:
        if not s.flights:
            for kind in stair_kinds:
                out.append(
                    egress.Measure(
                        kind,
                        None,
                        s.location,
                        s.id,
                        s.handles[:20],
                        f"stair {s.id}",
                        [note("stair.no_flight")],
                    )
                )
        for n, f in enumerate(s.flights, start=1):
            vals = {"stair_tread": f.going_m, "stair_riser": f.riser_m, "stair_width": f.width_m}
            for kind in stair_kinds:
                notes = [] if vals[kind] is not None else [note("stair.no_riser")]
                out.append(
                    egress.Measure(
                        kind,
                        vals[kind],
                        f.location,
                        f"{s.id}.F{n}",
                        f.handles[:20],
                        f"stair {s.id} flight {n}",
                        notes,
                    )
                )
    graph = None
    if "travel_distance" in kinds:
        out += egress.travel_distances(plan, egress.rooms_of(plan))
    if "dead_end" in kinds:
        graph = egress.region_graph(plan)
        out += egress.dead_ends(plan, graph)
    for t in sorted(corridor_thresholds):
        for m in egress.corridor_widths(plan, t):
            m.checked_at = t
            out.append(m)
    if "room_area" in kinds:
        for room in egress.rooms_of(plan):
            out.append(
                egress.Measure(
                    "room_area", round(room.polygon.area, 2), room.point, room.id, [], room.name
                )
            )
    return out


def _door_measure(d) -> egress.Measure:
    if d.measured_by == "wall opening":
        notes = [note("door.opening", source=d.source)]
        if d.outline_m is not None and abs(d.outline_m - d.width_m) > 0.002:
            notes.append(note("door.outline", outline_m=d.outline_m))
    else:
        notes = [note("door.no_jambs", source=d.source)]
    if d.clear_m is not None:
        notes.append(note("door.clear", clear_m=d.clear_m))
    return egress.Measure(
        "door_width",
        d.width_m,
        d.location,
        d.id,
        d.handles,
        f"door {d.id}",
        notes,
        approximate=d.source == "swing" and d.measured_by != "wall opening",
        outline_m=d.outline_m,
        clear_m=d.clear_m,
    )


def check_plan(plan: Plan, rules: list[RuleSpec]) -> list[Finding]:
    kinds = {r.measurement for r in rules}
    widths = {r.threshold for r in rules if r.measurement == "corridor_width"}
    measures = measurements(plan, kinds, widths)
    findings = []
    for rule in rules:
        for m in measures:
            if m.kind != rule.measurement:
                continue
            if m.kind == "corridor_width" and m.checked_at != rule.threshold:
                continue
            if rule.name_pattern and not re.search(rule.name_pattern, m.label, re.IGNORECASE):
                continue
            findings.append(_finding(plan, rule, m))
    return findings


def _finding(plan: Plan, rule: RuleSpec, m) -> Finding:
    # No exit reachable is the worst travel distance; any other missing value needs a person.
    status = FAIL if m.unreachable else rule.judge(m.value, m.approximate)
    notes = list(m.notes)
    if status == PASS and m.clear_m is not None and rule.judge(m.clear_m) == FAIL:
        # The opening passes, but what a person can pass through may not.
        status = REVIEW
        under = note(
            "door.clear_under",
            opening_m=m.value,
            clear_m=m.clear_m,
            limit=rule.threshold,
            units=rule.units,
        )
        notes = [under] + [n for n in notes if n["id"] != "door.clear"]
    borderline = m.value is not None and abs(m.value - rule.threshold) <= max(
        rule.review_margin * 3, 0.02 * abs(rule.threshold)
    )
    return Finding(
        rule=rule.code,
        clause=rule.clause,
        title=rule.clause_title,
        measurement=m.kind,
        eval_class=EVAL_CLASS.get(m.kind, m.kind),
        measured=m.value,
        required=rule.required_text(),
        threshold=rule.threshold,
        threshold_max=rule.threshold_max,
        units=rule.units,
        status=status,
        storey=plan.storey,
        location=plan.to_drawing(m.location),
        element=m.element,
        handles=list(m.handles),
        label=m.label,
        note=english(notes),
        notes=notes,
        borderline=borderline,
        route=[list(plan.to_drawing(p)) for p in m.route],
        exit=m.reached,
        outline_m=m.outline_m,
        clear_m=m.clear_m,
    )


def rules_from_packs(packs: list[dict], params: dict | None = None) -> list[RuleSpec]:
    out = []
    for pack in packs:
        merged = dict(pack.get("parameters", {}))
        merged.update(params or {})
        out.extend(RuleSpec.from_dict(r, merged) for r in pack["rules"])
    return out


def check_ifc(model, rules: list[RuleSpec]) -> list[Finding]:
    """Rules applied to the IFC's own attributes (already converted to metres)."""
    findings = []
    missing = [note("ifc.no_attribute")]
    for storey in model.storeys:
        for el in storey.elements:
            for rule in rules:
                if rule.measurement not in el.values:
                    continue
                if rule.name_pattern and not re.search(rule.name_pattern, el.name, re.IGNORECASE):
                    continue
                value = el.values[rule.measurement]
                status = rule.judge(value)
                findings.append(
                    Finding(
                        rule=rule.code,
                        clause=rule.clause,
                        title=rule.clause_title,
                        measurement=rule.measurement,
                        eval_class=EVAL_CLASS.get(rule.measurement, rule.measurement),
                        measured=value,
                        required=rule.required_text(),
                        threshold=rule.threshold,
                        threshold_max=rule.threshold_max,
                        units=rule.units,
                        status=status,
                        storey=storey.name,
                        location=el.location,
                        element=el.global_id,
                        handles=[el.global_id],
                        label=el.name,
                        note="" if value is not None else english(missing),
                        notes=[] if value is not None else missing,
                    )
                )
    return findings


ATTRIBUTE_KINDS = {"door_width", "door_height"}
STAIR_KINDS = {"stair_riser", "stair_tread"}


def check_ifc_model(model, plans: list[Plan], rules: list[RuleSpec]) -> list[Finding]:
    """Door rules on the IFC's own attributes; stairs on attributes where the model states
    them, else on the cut geometry; egress, corridors and rooms on the cut plans."""
    findings = [f for f in check_ifc(model, rules) if f.measurement in ATTRIBUTE_KINDS]
    stated = {
        (st.name, kind)
        for st in model.storeys
        for el in st.elements
        for kind in STAIR_KINDS
        if el.kind == "stair" and el.values.get(kind) is not None
    }
    findings += [
        f
        for f in check_ifc(model, rules)
        if f.measurement in STAIR_KINDS and (f.storey, f.measurement) in stated
    ]
    for plan in plans:
        geometric = [r for r in rules if r.measurement not in ATTRIBUTE_KINDS | {"room_area"}]
        for f in check_plan(plan, geometric):
            if f.measurement in STAIR_KINDS and (plan.storey, f.measurement) in stated:
                continue
            findings.append(f)
    findings += [f for f in check_ifc(model, rules) if f.measurement == "room_area"]
    return findings

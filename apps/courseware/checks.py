"""Checks done by code and shown to the teacher.

``run_checks(data, retrieved_ids, existing_ids)`` works on the lesson's JSON
(so that even an invalid lesson gets every finding), writes a mark on each item
that fails (``flags``) and returns the report. Nothing is ever dropped: a wrong
key stays, marked, for the teacher to fix.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext

from apps.courseware import arithmetic
from apps.courseware.lesson import SECTIONS, normalise, validation_errors

FAIL, WARN, PASS = "fail", "warn", "pass"
# A distractor this much shorter or longer than the correct answer gives the answer away.
LENGTH_RATIO = 2.5
LENGTH_SLACK = 12  # characters; short answers ("7", "3/4") may differ by a few
READING_SLACK = 2  # grades above the class's grade before text is marked as too hard
MIN_WORDS_FOR_READING = 12


@dataclass
class Check:
    name: str
    status: str
    message: str
    items: list[str] = field(default_factory=list)  # paths such as "quiz.2"


@dataclass
class Report:
    checks: list[Check]
    math_checked: int = 0
    math_wrong: int = 0
    cited: int = 0
    cited_valid: int = 0

    @property
    def blocking(self) -> list[str]:
        return [f"{c.message}" for c in self.checks if c.status == FAIL]

    @property
    def exportable(self) -> bool:
        return not self.blocking

    def as_dict(self) -> dict:
        return {
            "checks": [asdict(c) for c in self.checks],
            "math_checked": self.math_checked,
            "math_wrong": self.math_wrong,
            "cited": self.cited,
            "cited_valid": self.cited_valid,
            "blocking": self.blocking,
        }


def _items(data: dict) -> Iterable[tuple[str, dict]]:
    for section in SECTIONS:
        for index, item in enumerate(data.get(section) or []):
            if isinstance(item, dict):
                yield f"{section}.{index}", item


def _mark(item: dict, flag: str) -> None:
    flags = item.setdefault("flags", [])
    if flag not in flags:
        flags.append(flag)


def run_checks(
    data: dict, retrieved_ids: Iterable[str], existing_ids: Iterable[str] | None = None
) -> Report:
    """Check ``data`` in place (its item ``flags`` are rewritten) and report."""
    for _, item in _items(data):
        item["flags"] = []
    report = Report(checks=[])
    report.checks.append(check_schema(data))
    report.checks.append(check_citations(data, set(retrieved_ids), existing_ids, report))
    report.checks.append(check_phases(data))
    report.checks.extend(check_quiz(data))
    report.checks.append(check_math_keys(data, report))
    report.checks.append(check_reading_level(data))
    report.checks.append(check_fragments(data))
    return report


def check_schema(data: dict) -> Check:
    errors = validation_errors(data)
    if errors:
        return Check(
            "schema",
            FAIL,
            gettext("The lesson does not validate: %(errors)s") % {"errors": "; ".join(errors[:8])},
        )
    return Check("schema", PASS, gettext("The lesson validates against the lesson schema."))


def check_citations(
    data: dict, retrieved: set[str], existing: Iterable[str] | None, report: Report
) -> Check:
    existing = None if existing is None else set(existing)
    bad_paths = []
    for path, item in _items(data):
        for sid in item.get("source_ids") or []:
            report.cited += 1
            if sid not in retrieved:
                _mark(
                    item,
                    gettext("cites passage %(id)s, which was not retrieved for this lesson")
                    % {"id": sid},
                )
                bad_paths.append(path)
            elif existing is not None and sid not in existing:
                _mark(
                    item,
                    gettext("cites passage %(id)s, which no longer exists in the corpus")
                    % {"id": sid},
                )
                bad_paths.append(path)
            else:
                report.cited_valid += 1
    if bad_paths:
        return Check(
            "citations",
            FAIL,
            gettext("%(n)s item(s) cite passages that were not retrieved or no longer exist.")
            % {"n": len(bad_paths)},
            bad_paths,
        )
    if data.get("uncited"):
        return Check(
            "citations",
            WARN,
            gettext(
                "This lesson has no curriculum sources: the teacher asked for it without citations."
            ),
        )
    return Check(
        "citations",
        PASS,
        gettext("All %(n)s citations point to passages retrieved for this lesson.")
        % {"n": report.cited},
    )


def check_phases(data: dict) -> Check:
    phases = data.get("phases") or []
    try:
        total = sum(int(p.get("minutes", 0)) for p in phases)
    except (TypeError, ValueError):
        return Check("phases", FAIL, gettext("A phase has no whole number of minutes."))
    minutes = data.get("minutes")
    if total != minutes:
        return Check(
            "phases",
            FAIL,
            gettext("The phases add up to %(total)s minutes, not the lesson's %(minutes)s.")
            % {"total": total, "minutes": minutes},
        )
    return Check(
        "phases",
        PASS,
        gettext("The %(n)s phases add up to %(minutes)s minutes.")
        % {"n": len(phases), "minutes": minutes},
    )


def check_quiz(data: dict) -> list[Check]:
    broken, uneven = [], []
    for index, item in enumerate(data.get("quiz") or []):
        path = f"quiz.{index}"
        problem = _mcq_problem(item)
        if problem:
            _mark(item, problem)
            broken.append(path)
            continue
        if _uneven_distractors(item):
            _mark(
                item, gettext("a distractor's length is very different from the correct answer's")
            )
            uneven.append(path)
    count = len(data.get("quiz") or [])
    checks = []
    if broken:
        checks.append(
            Check(
                "quiz",
                FAIL,
                gettext(
                    "%(n)s quiz question(s) do not have exactly one correct option among "
                    "distinct options."
                )
                % {"n": len(broken)},
                broken,
            )
        )
    else:
        checks.append(
            Check(
                "quiz",
                PASS,
                gettext(
                    "All %(n)s quiz questions have exactly one correct option and no duplicate "
                    "options."
                )
                % {"n": count},
            )
        )
    if uneven:
        checks.append(
            Check(
                "distractors",
                WARN,
                gettext("%(n)s quiz question(s) have distractors of uneven length.")
                % {"n": len(uneven)},
                uneven,
            )
        )
    return checks


def _mcq_problem(item: dict) -> str | None:
    options = [str(o) for o in item.get("options") or []]
    answer = item.get("answer_index")
    if len(options) < 2:
        return gettext("fewer than two options")
    if not isinstance(answer, int) or not 0 <= answer < len(options):
        return gettext("the correct answer is not one of the options")
    normal = [normalise(o) for o in options]
    if len(set(normal)) != len(normal) or "" in normal:
        return gettext("duplicate or empty options")
    values = [option_value(o) for o in options]
    if values[answer] is not None and sum(1 for v in values if v == values[answer]) > 1:
        return gettext("two options have the same value, so more than one is correct")
    return None


def option_value(text: str):
    """The number a short option states ("3/4", "0.75", "3 parts"), else None:
    two options with the same value would both be correct."""
    if len(text.strip()) > 16:
        return None
    return arithmetic.parse_answer(text)


def _uneven_distractors(item: dict) -> bool:
    options = item["options"]
    correct = len(options[item["answer_index"]].strip())
    for i, option in enumerate(options):
        if i == item["answer_index"]:
            continue
        length = len(option.strip())
        if abs(length - correct) > LENGTH_SLACK and max(length, correct) > LENGTH_RATIO * max(
            1, min(length, correct)
        ):
            return True
    return False


def _keyed_items(data: dict) -> Iterable[tuple[str, dict, str, str]]:
    for index, item in enumerate(data.get("worksheet") or []):
        yield f"worksheet.{index}", item, item.get("prompt", ""), item.get("answer", "")
    for index, item in enumerate(data.get("quiz") or []):
        options, answer = item.get("options") or [], item.get("answer_index")
        if isinstance(answer, int) and 0 <= answer < len(options):
            yield f"quiz.{index}", item, item.get("question", ""), options[answer]
    for index, item in enumerate(data.get("cycles") or []):
        yield f"cycles.{index}", item, item.get("check_question", ""), item.get("check_answer", "")


def check_math_keys(data: dict, report: Report) -> Check:
    wrong = []
    for path, item, question, key in _keyed_items(data):
        try:
            status, computed = arithmetic.check_key(str(question), str(key))
        except (arithmetic.NotArithmetic, ZeroDivisionError, OverflowError):
            continue
        if status == "unchecked":
            continue
        report.math_checked += 1
        value = arithmetic.format_value(computed)
        if status == "wrong":
            report.math_wrong += 1
            _mark(
                item,
                gettext("answer key may be wrong: worked out by code it is %(value)s")
                % {"value": value},
            )
            wrong.append(path)
        elif status == "unclear":
            _mark(
                item,
                gettext("the key states no single number; worked out by code it is %(value)s")
                % {"value": value},
            )
            wrong.append(path)
    if wrong:
        return Check(
            "math_keys",
            WARN,
            gettext(
                "%(n)s of %(checked)s maths answer keys do not match the recomputed value; "
                "they are marked."
            )
            % {"n": len(wrong), "checked": report.math_checked},
            wrong,
        )
    if report.math_checked:
        return Check(
            "math_keys",
            PASS,
            gettext("All %(n)s maths answer keys match the recomputed value.")
            % {"n": report.math_checked},
        )
    return Check(
        "math_keys",
        PASS,
        gettext("No item holds a sum, equation, rounding or percentage that code can recompute."),
    )


def _student_texts(data: dict) -> Iterable[tuple[str, dict, str]]:
    for index, item in enumerate(data.get("cycles") or []):
        yield f"cycles.{index}", item, f"{item.get('slide_text', '')} {item.get('practice', '')}"
    for index, item in enumerate(data.get("worksheet") or []):
        yield f"worksheet.{index}", item, str(item.get("prompt", ""))
    for index, item in enumerate(data.get("quiz") or []):
        yield (
            f"quiz.{index}",
            item,
            " ".join([str(item.get("question", "")), *map(str, item.get("options") or [])]),
        )


def check_reading_level(data: dict) -> Check:
    if data.get("language", "en") != "en":
        return Check(
            "reading_level",
            PASS,
            gettext("Reading level is scored for English only; not scored."),
        )
    from apps.courseware.readability import flesch_kincaid_grade

    grade = int(data.get("grade") or 0)
    hard, texts = [], []
    for path, item, text in _student_texts(data):
        texts.append(text)
        if len(text.split()) < MIN_WORDS_FOR_READING:
            continue
        level = flesch_kincaid_grade(text)
        if level > grade + READING_SLACK:
            _mark(
                item,
                gettext("reading level about grade %(level)s, above grade %(grade)s")
                % {"level": f"{level:.0f}", "grade": grade},
            )
            hard.append(path)
    overall = flesch_kincaid_grade(" ".join(texts)) if texts else 0.0
    message = gettext(
        "Student-facing text reads at about grade %(level)s (Flesch-Kincaid) for a grade "
        "%(grade)s class."
    ) % {"level": f"{overall:.1f}", "grade": grade}
    if hard or overall > grade + READING_SLACK:
        return Check(
            "reading_level",
            WARN,
            message
            + " "
            + gettext("%(n)s item(s) are marked as harder than the grade.") % {"n": len(hard)},
            hard,
        )
    return Check("reading_level", PASS, message)


def check_fragments(data: dict) -> Check:
    """Items a teacher would read as fragments (``fragments``), marked; a warning."""
    from apps.courseware.fragments import item_fragments

    found = []
    for path, item in _items(data):
        reasons = item_fragments(path.split(".")[0], item)
        if reasons:
            _mark(item, gettext("Reads as a fragment: %(why)s") % {"why": ", ".join(reasons)})
            found.append(path)
    if found:
        return Check(
            "fragments",
            WARN,
            gettext("%(n)s items read as fragments (cut headings, box titles, templates)")
            % {"n": len(found)},
            found,
        )
    return Check(
        "fragments",
        PASS,
        gettext(
            "No item reads as a fragment "
            "(fixed rules: cut headings, box titles, templates, stock options)"
        ),
    )

"""The maths code works out from the passages: tasks found in them, and whether a
passage is numerical enough to ask for a calculation (keys and wrong options are
in ``computed_answers``)."""

from __future__ import annotations

import re

from apps.courseware import arithmetic
from apps.courseware.lesson import SourcePassage

MAX_CODE_MATH = 2  # worked sums per worksheet / quiz taken from the passages
DERIVED_NOTE = (
    "practice made by code from the numbers in the source passage; key worked out by code"  # noqa: E501
)
_NUMERIC = re.compile(r"(?<![\w.])-?\d+(?:[.,/]\d+)?(?![\w/])")


def worked_tasks(
    sources: list[SourcePassage], limit: int
) -> list[tuple[arithmetic.Task, SourcePassage]]:
    """Tasks in the passages whose answers code works out exactly: sums, equations
    to solve, roundings, percentages and fractions of a number (at most ``limit``)."""
    found, seen = [], set()
    for passage in sources:
        for line in passage.excerpt.splitlines():
            task = arithmetic.find_task(line)
            if task is None or len(task.question) > 80 or task.question in seen:
                continue
            if task.value.denominator > 1000 or abs(task.value) > 10**9:
                continue
            seen.add(task.question)
            found.append((task, passage))
            if len(found) >= limit:
                return found
    for passage in sources:  # then practice made from the numbers the passages use
        for task in arithmetic.tasks_from_numbers(passage.excerpt):
            if task.question in seen:
                continue
            seen.add(task.question)
            found.append((task, passage))
            if len(found) >= limit:
                return found
    return found


def has_tasks(passage: SourcePassage | None) -> bool:
    """Whether the passage is numerical enough to ask for a calculation: it works
    one out, or it holds several numbers or fractions (maths, or physics with data)."""
    if passage is None:
        return False
    return bool(worked_tasks([passage], 1)) or len(_NUMERIC.findall(passage.excerpt)) >= 4

"""What the lesson page shows: labels, marks, which parts may be regenerated."""

from __future__ import annotations

import copy

from django.utils.translation import gettext

from apps.courseware.edit_fields import EDITABLE
from apps.courseware.exports.document import option_letters
from apps.courseware.lesson import SECTIONS, validation_errors
from apps.courseware.models import Lesson
from apps.courseware.services import REGENERABLE, recheck


def part_names() -> dict[str, str]:
    return {
        "objectives": gettext("Objectives"),
        "prior_knowledge": gettext("Prior knowledge"),
        "vocabulary": gettext("Key vocabulary"),
        "misconceptions": gettext("Common misconceptions"),
        "phases": gettext("Timed phases"),
        "cycles": gettext("Learning cycles"),
        "worksheet": gettext("Worksheet"),
        "quiz": gettext("Quiz"),
    }


def path_label(path: str, names: dict[str, str]) -> str:
    """ "quiz.2" as "Quiz 3": the part a check names, as the teacher reads it."""
    part, _dot, rest = path.partition(".")
    index = rest.split(".")[0]
    number = f" {int(index) + 1}" if index.isdigit() else ""
    return names.get(part, part) + number


def _labels(data: dict) -> dict[str, str]:
    return {s["id"]: f"S{n}" for n, s in enumerate(data.get("sources") or [], start=1)}


def _with_labels(items: list[dict], labels: dict[str, str]) -> list[dict]:
    # Notes are stored in English (code's fixed wording); shown in the reader's language.
    return [
        {
            **item,
            "cites": [labels.get(sid, sid) for sid in item.get("source_ids") or []],
            "notes": [gettext(note) for note in item.get("notes") or []],
        }
        for item in items or []
    ]


def _in_reader_language(lesson: Lesson) -> tuple[dict, dict]:
    """The lesson's data and report with every mark and check message composed again
    in the active language (the stored ones are in the worker's); nothing is saved."""
    shown = copy.copy(lesson)
    shown.data = copy.deepcopy(lesson.data)
    report = recheck(shown, save=False)
    return shown.data, report.as_dict()


def lesson_context(lesson: Lesson, user) -> dict:
    generating = lesson.status == Lesson.Status.GENERATING
    data, report = lesson.data or {}, lesson.report or {}
    if data and not generating:
        data, report = _in_reader_language(lesson)
    labels = _labels(data)
    sections = {key: _with_labels(data.get(key), labels) for key in SECTIONS}
    letters, names = option_letters(), part_names()
    for item in sections["quiz"]:
        item["lettered"] = [
            (letters[i], o, i == item.get("answer_index"))
            for i, o in enumerate(item.get("options") or [])
        ]
    return {
        "lesson": lesson,
        "data": data,
        "s": sections,
        "sources": [{"label": labels[s["id"]], **s} for s in data.get("sources") or []],
        "checks": [
            {**c, "items": [path_label(p, names) for p in c.get("items") or []]}
            for c in report.get("checks", [])
        ],
        "blocking": report.get("blocking", []),
        "schema_errors": [] if generating or not data else validation_errors(data)[:10],
        "generating": generating,
        "is_owner": lesson.owner_id == user.pk,
        "regenerable": REGENERABLE,
        "editable": [(key, label) for key, (label, _keys) in EDITABLE.items()],
        "exportable": lesson.status == Lesson.Status.READY,
        "share_choices": Lesson.Share.choices,
        "has_slides": "slides" in (data.get("parts") or []),
    }

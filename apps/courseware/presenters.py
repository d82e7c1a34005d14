"""What the lesson pages show: labels, marks, which parts may be regenerated."""

from __future__ import annotations

import copy

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.courseware.exports.document import option_letters
from apps.courseware.lesson import SECTIONS, validation_errors
from apps.courseware.models import Lesson
from apps.courseware.services import REGENERABLE, recheck

# section -> (label, the lesson keys it edits)
EDITABLE = {
    "outline": (_("Title and objectives"), ["objectives"]),
    "background": (
        _("Prior knowledge, vocabulary and misconceptions"),
        ["prior_knowledge", "vocabulary", "misconceptions"],
    ),
    "phases": (_("Timed phases"), ["phases"]),
    "cycles": (_("Learning cycles"), ["cycles"]),
    "worksheet": (_("Worksheet"), ["worksheet"]),
    "quiz": (_("Quiz"), ["quiz"]),
}
HIDDEN = {"source_ids", "flags", "notes"}
MULTILINE = {
    "explanation",
    "activity",
    "definition",
    "practice",
    "prompt",
    "question",
    "correction",
    "misconception",
}


def editable_fields(data: dict, section: str) -> list[dict] | None:
    """Every field of a section as {path, label, value, multiline}; None for an unknown section."""
    if section not in EDITABLE:
        return None
    fields = []
    if section == "outline":
        fields.append(
            {"path": "title", "label": "Title", "value": data.get("title", ""), "multiline": False}
        )
    for key in EDITABLE[section][1]:
        for index, item in enumerate(data.get(key) or []):
            for name, value in item.items():
                if name in HIDDEN:
                    continue
                label = (
                    f"{key.replace('_', ' ').capitalize()} {index + 1}: {name.replace('_', ' ')}"
                )
                if isinstance(value, list):
                    for n, option in enumerate(value):
                        fields.append(
                            {
                                "path": f"{key}.{index}.{name}.{n}",
                                "label": f"{label} {n + 1}",
                                "value": option,
                                "multiline": False,
                            }
                        )
                else:
                    if name == "answer_index":
                        label += " (0 = first option)"
                    fields.append(
                        {
                            "path": f"{key}.{index}.{name}",
                            "label": label,
                            "value": value,
                            "multiline": name in MULTILINE,
                        }
                    )
    return fields


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

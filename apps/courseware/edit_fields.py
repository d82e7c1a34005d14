"""The edit page's fields: every field of a lesson section, labelled for the teacher."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

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

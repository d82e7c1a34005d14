"""The printable lesson as a list of sections of simple blocks; the DOCX and
PDF writers render the same blocks, so they always agree.

Labels ("Objectives", "Answer key") are in the active language, the teacher's
(see ``bundle.build_exports``); the lesson's own text stays as written."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import get_language_info, pgettext
from django.utils.translation import gettext as _

from apps.courseware.lesson import Lesson

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def option_letters() -> str:
    """The letters quiz options are numbered with, in the reader's script."""
    return pgettext("quiz option letters, eight in a row", "ABCDEFGH")


def level_names() -> dict[str, str]:
    return {"below": _("below level"), "on": _("on level"), "above": _("above level")}


def without_sources() -> str:
    return _("This lesson was made without curriculum sources, at the teacher's request.")


def language_name(code: str) -> str:
    """The lesson's language by its name in the active language ("Hindi", "হিন্দি")."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def name_and_date() -> str:
    return _("Name: %(name)s   Date: %(date)s") % {"name": "_" * 22, "date": "_" * 12}


def plain(text: object) -> str:
    """Text safe for any XML-based format: control characters removed, nothing interpreted."""
    return _CONTROL.sub("", str(text))


@dataclass
class Block:
    kind: str  # "h2" | "p" | "li" | "note" | "line"
    text: str = ""


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.title = plain(self.title)  # lesson titles come from the model too

    def add(self, kind: str, text: str = "") -> None:
        self.blocks.append(Block(kind, plain(text)))


def source_labels(lesson: Lesson) -> dict[str, str]:
    """Passage id -> "S1", "S2", ... in the order the sources are listed."""
    return {source.id: f"S{n}" for n, source in enumerate(lesson.sources, start=1)}


def cite(item, labels: dict[str, str]) -> str:
    found = [labels[sid] for sid in item.source_ids if sid in labels]
    return f" [{', '.join(found)}]" if found else ""


def flags(section: Section, item) -> None:
    for flag in item.flags:
        section.add("note", _("CHECK: %(flag)s") % {"flag": flag})
    for note in item.notes:
        section.add("note", _("NOTE: %(note)s") % {"note": note})


def header_line(lesson: Lesson) -> str:
    parts = [
        _("Grade %(grade)s") % {"grade": lesson.grade},
        _("%(minutes)s minutes") % {"minutes": lesson.minutes},
        _("Language: %(language)s") % {"language": language_name(lesson.language)},
    ]
    if lesson.subject:
        parts.insert(0, lesson.subject)
    if lesson.differentiation:
        level = level_names().get(lesson.differentiation, lesson.differentiation)
        parts.append(_("Differentiation: %(level)s") % {"level": level})
    return " · ".join(parts)


def plan_section(lesson: Lesson, labels: dict[str, str]) -> Section:
    s = Section(_("Lesson plan: %(title)s") % {"title": lesson.title})
    s.add("p", header_line(lesson))
    if lesson.standards:
        s.add("p", _("Standards: %(codes)s") % {"codes": ", ".join(lesson.standards)})
    s.add("h2", _("Objectives"))
    for item in lesson.objectives:
        s.add("li", item.text + cite(item, labels))
        flags(s, item)
    if lesson.prior_knowledge:
        s.add("h2", _("Prior knowledge"))
        for item in lesson.prior_knowledge:
            s.add("li", item.text + cite(item, labels))
    if lesson.vocabulary:
        s.add("h2", _("Key vocabulary"))
        for item in lesson.vocabulary:
            s.add("li", f"{item.term}: {item.definition}{cite(item, labels)}")
    if lesson.misconceptions:
        s.add("h2", _("Common misconceptions"))
        for item in lesson.misconceptions:
            instead = _("Instead: %(correction)s") % {"correction": item.correction}
            s.add("li", f"{item.misconception} {instead}{cite(item, labels)}")
    s.add("h2", _("Timed phases"))
    for phase in lesson.phases:
        minutes = _("%(minutes)s min") % {"minutes": phase.minutes}
        s.add("li", f"{minutes} · {phase.name}: {phase.activity}")
    for number, cycle in enumerate(lesson.cycles, start=1):
        s.add(
            "h2", _("Learning cycle %(n)s: %(heading)s") % {"n": number, "heading": cycle.heading}
        )
        s.add("p", cycle.explanation + cite(cycle, labels))
        check = _("Check for understanding: %(question)s (Answer: %(answer)s)")
        s.add("li", check % {"question": cycle.check_question, "answer": cycle.check_answer})
        s.add("li", _("Practice: %(practice)s") % {"practice": cycle.practice})
        flags(s, cycle)
    return s


def worksheet_section(lesson: Lesson) -> Section:
    s = Section(_("Worksheet: %(title)s") % {"title": lesson.title})
    s.add("p", name_and_date())
    for number, item in enumerate(lesson.worksheet, start=1):
        s.add("p", f"{number}. {item.prompt}")
        s.add("line")
    return s


def quiz_section(lesson: Lesson) -> Section:
    s = Section(_("Quiz: %(title)s") % {"title": lesson.title})
    s.add("p", name_and_date())
    for number, item in enumerate(lesson.quiz, start=1):
        s.add("p", f"{number}. {item.question}")
        for letter, option in zip(option_letters(), item.options, strict=False):
            s.add("li", f"{letter}) {option}")
    return s


def answer_key_section(lesson: Lesson, labels: dict[str, str]) -> Section:
    s = Section(_("Answer key: %(title)s") % {"title": lesson.title})
    if lesson.worksheet:
        s.add("h2", _("Worksheet"))
        for number, item in enumerate(lesson.worksheet, start=1):
            s.add("li", f"{number}. {item.answer}{cite(item, labels)}")
            flags(s, item)
    if lesson.quiz:
        s.add("h2", _("Quiz"))
        for number, item in enumerate(lesson.quiz, start=1):
            letter = option_letters()[item.answer_index]
            s.add(
                "li", f"{number}. {letter}) {item.answer}. {item.explanation}{cite(item, labels)}"
            )
            flags(s, item)
    return s


def sources_section(lesson: Lesson, attributions: dict[str, str]) -> Section:
    s = Section(_("Sources and attribution"))
    if not lesson.sources:
        s.add("p", without_sources())
    for label, source in zip(source_labels(lesson).values(), lesson.sources, strict=True):
        where = f", {source.heading}" if source.heading else ""
        licence = _("Licence: %(licence)s") % {"licence": source.licence or _("not stated")}
        s.add("li", f"{label}: {source.document_title}{where}. {licence}. {source.source_url}")
    for text in dict.fromkeys(attributions.values()):
        if text:
            s.add("p", text)
    return s


def lesson_sections(lesson: Lesson, attributions: dict[str, str] | None = None) -> list[Section]:
    """Plan, worksheet, quiz, answer key and sources: each starts a new page."""
    labels = source_labels(lesson)
    sections = []
    if "plan" in lesson.parts or "slides" in lesson.parts:
        sections.append(plan_section(lesson, labels))
    if lesson.worksheet:
        sections.append(worksheet_section(lesson))
    if lesson.quiz:
        sections.append(quiz_section(lesson))
    if lesson.worksheet or lesson.quiz:
        sections.append(answer_key_section(lesson, labels))
    sections.append(sources_section(lesson, attributions or {}))
    return sections

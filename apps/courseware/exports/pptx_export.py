"""Slides: one idea per slide, black on white, the teaching notes in the
speaker notes; labels in the active language (the teacher's)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Pt

from apps.courseware.exports.document import cite, header_line, plain, source_labels
from apps.courseware.lesson import Lesson

TITLE, TITLE_AND_BODY = 0, 1
BLACK = RGBColor(0, 0, 0)


def _slide(deck, title: str, lines: list[str], notes: str = "", *, size: int = 28):
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_AND_BODY])
    slide.shapes.title.text = plain(title)
    body = slide.placeholders[1].text_frame
    for index, line in enumerate(lines):
        paragraph = body.paragraphs[0] if index == 0 else body.add_paragraph()
        paragraph.text = plain(line)
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.color.rgb = BLACK
    if notes:
        slide.notes_slide.notes_text_frame.text = plain(notes)
    return slide


def lesson_pptx(lesson: Lesson) -> bytes:
    deck = Presentation()
    labels = source_labels(lesson)
    _title_slide(deck, lesson)
    _slide(
        deck,
        _("Today we will"),
        [o.text for o in lesson.objectives],
        _("Prior knowledge: %(items)s")
        % {"items": " ".join(p.text for p in lesson.prior_knowledge)},
        size=24,
    )
    for item in lesson.vocabulary:
        _slide(deck, item.term, [item.definition], _("Key word.") + cite(item, labels), size=28)
    for number, cycle in enumerate(lesson.cycles, start=1):
        _cycle_slides(deck, number, cycle, labels)
    for item in lesson.misconceptions:
        _slide(
            deck,
            _("Careful!"),
            [item.correction],
            _("Common misconception: %(misconception)s") % {"misconception": item.misconception},
            size=28,
        )
    _slide(
        deck,
        _("What did we learn?"),
        [o.text for o in lesson.objectives],
        _("Plenary: review each objective."),
        size=24,
    )
    sources = [
        f"{label}: {s.document_title} ({s.licence or _('licence not stated')})"
        for label, s in zip(labels.values(), lesson.sources, strict=True)
    ]
    _slide(deck, _("Sources"), sources or [_("Made without curriculum sources.")], size=14)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _title_slide(deck, lesson: Lesson) -> None:
    """Title and header line; the timed phases in its notes."""
    first = deck.slides.add_slide(deck.slide_layouts[TITLE])
    first.shapes.title.text = plain(lesson.title)
    first.placeholders[1].text = plain(header_line(lesson))
    first.notes_slide.notes_text_frame.text = plain(
        _("Timed phases: %(phases)s")
        % {
            "phases": "; ".join(
                f"{p.name} " + _("%(minutes)s min") % {"minutes": p.minutes} for p in lesson.phases
            )
        }
    )


def _cycle_slides(deck, number: int, cycle, labels: dict) -> None:
    """A learning cycle's slide, the teaching in its notes, then its check slide."""
    notes = "\n\n".join(
        [
            cycle.explanation,
            _("Check for understanding: %(question)s") % {"question": cycle.check_question}
            + "\n"
            + _("Answer: %(answer)s") % {"answer": cycle.check_answer},
            _("Practice: %(practice)s") % {"practice": cycle.practice},
            _("Sources:") + cite(cycle, labels),
        ]
    )
    _slide(deck, cycle.heading, [cycle.slide_text], notes, size=32)
    _slide(
        deck,
        _("Check %(n)s") % {"n": number},
        [cycle.check_question],
        _("Answer: %(answer)s") % {"answer": cycle.check_answer},
        size=28,
    )

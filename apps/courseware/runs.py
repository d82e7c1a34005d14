"""Registers the courseware run kind with the core (imported from AppConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from apps.courseware import run_words
from apps.courseware.pipeline import generate_lesson
from apps.courseware.services import RUN_KIND, lesson_run_finished
from core.runs import add_words, run_kind

run_kind(RUN_KIND, on_finished=lesson_run_finished, title=_("Writing a lesson"))(generate_lesson)
add_words(
    titles=run_words.TITLES,
    texts=[*run_words.TEXTS, *run_words.CHECK_MESSAGES],
    progress=run_words.PROGRESS,
    checks=run_words.CHECK_LABELS,
)

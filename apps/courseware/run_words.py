"""The titles, texts and progress lines a lesson's run stores (in English, as the
worker writes them: it runs without its reader's language), marked for
translation; the run page shows them in the reader's language (``runs.py`` hands
them to the core). The code writes the same sentences with their values filled in."""

from django.utils.translation import gettext_noop

TITLES = (
    gettext_noop("Retrieve curriculum passages"),
    gettext_noop("Outline: title and objectives"),
    gettext_noop("Background: prior knowledge, vocabulary, misconceptions"),
    gettext_noop("Learning cycle %(number)s"),
    gettext_noop("Worksheet"),
    gettext_noop("Quiz"),
    gettext_noop("Text checks: %(part)s"),
    gettext_noop("Regenerate %(section)s"),
    gettext_noop("Checks by code"),
    gettext_noop("Exports: PDF, DOCX, PPTX, zip"),
    # the model calls' steps (model_calls.Fill)
    gettext_noop("Outline"),
    gettext_noop("Background"),
    gettext_noop("Learning cycle: %(objective)s"),
    gettext_noop("Quiz question %(number)s"),
    gettext_noop("Worksheet item %(number)s"),
    # the sections a teacher may regenerate
    gettext_noop("outline"),
    gettext_noop("background"),
    gettext_noop("cycles"),
    gettext_noop("worksheet"),
    gettext_noop("quiz"),
)
TEXTS = (
    gettext_noop("Built %(count)s files and the zip bundle."),
    gettext_noop("Not exported: %(reasons)s"),
)
PROGRESS = (
    gettext_noop("Retrieving curriculum passages"),
    gettext_noop("Writing the outline"),
    gettext_noop("Writing vocabulary and misconceptions"),
    gettext_noop("Writing learning cycle %(number)s of %(count)s"),
    gettext_noop("Writing the worksheet"),
    gettext_noop("Writing the quiz"),
    gettext_noop("Regenerating %(section)s"),
    gettext_noop("Checking the lesson"),
    gettext_noop("Building the downloads"),
    gettext_noop("Lesson ready"),
    gettext_noop("Lesson needs fixing"),
)

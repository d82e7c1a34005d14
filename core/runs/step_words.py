"""The titles and texts the core's steps are recorded with (in English, whatever
the reader's language: reasoning and ingestion run without one), marked for
translation here and put into the reader's language when the run page shows
them. A title or text no sentence here matches (an app's, already in its
reader's language, or the model's words) is shown as it was stored."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from core.runs.services import QUEUE_DOWN
from core.text.sentences import KnownSentences

TITLE_SENTENCES = [
    # core.ask
    gettext_noop("Search in your document collections"),
    # core.reasoning
    gettext_noop("Sources given to the model"),
    gettext_noop("Prompt sent to the model"),
    gettext_noop("Do the sources answer this?"),
    gettext_noop("Answer"),
    gettext_noop("Reasoning"),
    gettext_noop("What the model wrote"),
    gettext_noop("Checks on the model's text"),
    gettext_noop("Citation check"),
    gettext_noop("%(title)s (repair attempt)"),
    gettext_noop("%(title)s: output did not validate"),
    # core.corpora ingestion
    gettext_noop("Loading the embedding model"),
    gettext_noop("Checking the file type"),
    gettext_noop("Extracting text"),
    gettext_noop("Splitting into passages"),
    gettext_noop("Embedding %(count)s chunks"),
    gettext_noop("Writing the search indexes"),
    gettext_noop("Making it searchable"),
]
TITLES = KnownSentences(TITLE_SENTENCES)

TEXTS = KnownSentences(
    [
        gettext_noop("%(count)s passages found."),
        gettext_noop("%(count)s more passages did not fit in the model's context window."),
        gettext_noop("The answer cites none of the sources."),
        gettext_noop("Every citation points to one of the %(count)s sources given."),
        gettext_noop(
            "The answer cites source(s) %(numbers)s, which were not given to the model: "
            "treat those statements with suspicion."
        ),
        gettext_noop("The model's answer passed all %(count)s checks and is shown."),
        gettext_noop("The model's answer was not used: %(reasons)s"),
        gettext_noop("%(failure)s The answer shown is the one quoted from the sources."),
        gettext_noop("Stopped early: %(reason)s"),
        gettext_noop("The model used its whole token budget thinking and gave no answer."),
        gettext_noop("The model gave no answer."),
    ]
)

# What a running job says it is doing (the run's header): an ingestion stage's
# title, or one of these.
PROGRESS = KnownSentences(
    [
        gettext_noop("Searching the documents you can read…"),
        gettext_noop("The model is reading the sources and thinking…"),
        gettext_noop("Embedding: %(done)s of %(total)s chunks"),
        gettext_noop("Ready"),
        QUEUE_DOWN,
        gettext_noop("The run was cancelled."),  # core.steps.Cancelled
        gettext_noop("The run was cancelled before it started."),
        *TITLE_SENTENCES,
    ]
)


def step_title(stored: str) -> str:
    """A step's title in the active language (a title inside a title too)."""
    return TITLES.words(stored, step_title)


def step_text(stored: str) -> str:
    """A step's computed text in the active language (a known reason inside it too)."""
    return TEXTS.words(stored, step_text)


def run_message(stored: str) -> str:
    """What a run says it is doing, in the active language."""
    return PROGRESS.words(stored)

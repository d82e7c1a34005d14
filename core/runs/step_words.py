"""The titles and texts the core's steps are recorded with (in English, whatever
the reader's language: reasoning and ingestion run without one), marked for
translation here and put into the reader's language when the run page shows
them. A library or an app that records its own English sentences hands them to
``add_words`` (reasoning's through core.ask, which sits above it). A title or text
no sentence matches (already in its reader's language, or the model's words) is
shown as it was stored."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

from django.utils.translation import gettext, gettext_noop

from core.runs.engine import ERRORS
from core.runs.services import QUEUE_DOWN, RUNNING, WAITING
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

TEXT_SENTENCES = [
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

# What a running job says it is doing (the run's header): an ingestion stage's
# title, or one of these.
PROGRESS_SENTENCES = [
    gettext_noop("Searching the documents you can read…"),
    gettext_noop("The model is reading the sources and thinking…"),
    gettext_noop("Embedding: %(done)s of %(total)s chunks"),
    gettext_noop("Ready"),
    QUEUE_DOWN,
    gettext_noop("The run was cancelled."),  # core.steps.Cancelled
    gettext_noop("The run was cancelled before it started."),
    WAITING,
    RUNNING,
    gettext_noop("Stopping…"),
    # a document's stage on the corpus pages (core.corpora)
    gettext_noop("Queued again"),
    gettext_noop("Queued for re-indexing"),
    gettext_noop("Starting"),
    gettext_noop("Failed"),
]
_WORDS = {"titles": TITLE_SENTENCES, "texts": TEXT_SENTENCES, "progress": PROGRESS_SENTENCES}

# The text checks' names (stored, and read by the evaluations) as the run page
# labels a failure; core.reasoning's checks, an app adds its own.
CHECK_LABELS = {
    "empty": gettext_noop("empty text"),
    "echo": gettext_noop("repeats the prompt"),
    "loop": gettext_noop("repeats itself"),
    "markup": gettext_noop("stray markup"),
    "language": gettext_noop("wrong language"),
    "uncited": gettext_noop("no citation"),
    "bad_citation": gettext_noop("bad citation"),
    "unsupported_number": gettext_noop("number not in the sources"),
}


def add_words(
    *,
    titles: Iterable[str] = (),
    texts: Iterable[str] = (),
    progress: Iterable[str] = (),
    checks: Mapping[str, str] | None = None,
) -> None:
    """Read these English sentences (marked with ``gettext_noop`` where they are
    written, ``%(name)s`` placeholders only) back in the reader's language: step
    titles, step texts (a reason a job stopped too), what a running job says; and
    label these text checks' names (name: marked label)."""
    for which, sentences in (("titles", titles), ("texts", texts), ("progress", progress)):
        _WORDS[which] = [*_WORDS[which], *sentences]
    CHECK_LABELS.update(checks or {})
    _known.cache_clear()


def check_label(name: str) -> str:
    """A text check's name as the run page labels it, in the active language."""
    label = CHECK_LABELS.get(name)
    return gettext(label) if label else name


@cache
def _known(which: str) -> KnownSentences:
    if which == "progress":  # a stage's title is what an ingestion says it is doing
        return KnownSentences([*_WORDS["progress"], *_WORDS["titles"]])
    if which == "errors":  # how a job ended: the engine's words, or a stop's reason
        return KnownSentences([*ERRORS, *_WORDS["texts"]])
    return KnownSentences(_WORDS[which])


def step_title(stored: str) -> str:
    """A step's title in the active language (a title inside a title too)."""
    return _known("titles").words(stored, step_title)


def step_text(stored: str) -> str:
    """A step's computed text in the active language, line by line (a list's "- "
    kept), a known reason or word inside a sentence too."""
    if "\n" in stored:
        return "\n".join(_line(line) for line in stored.split("\n"))
    known = _known("texts")
    pieces = stored.split("; ")
    # sentences joined by "; " (each known: a loose pattern must not take them all)
    if len(pieces) > 1 and all(known.read(piece) for piece in pieces):
        return "; ".join(known.words(piece, _part) for piece in pieces)
    words = known.words(stored, _part)
    if words == stored and len(pieces) > 1:
        return "; ".join(known.words(piece, _part) for piece in pieces)
    return words


def _line(line: str) -> str:
    bullet = line[: len(line) - len(line.lstrip("- "))]
    return bullet + step_text(line[len(bullet) :])


def _part(value: str) -> str:
    """A parameter: a known sentence or word (a step's title too), reasons joined
    by "; ", the names of text checks or known sentences joined by ", "."""
    words = step_text(value)
    if words != value:
        return words
    pieces = value.split(", ")
    if all(piece in CHECK_LABELS for piece in pieces):
        return ", ".join(check_label(piece) for piece in pieces)
    title = step_title(value)
    if title == value and len(pieces) > 1:  # known sentences ("3 with a forecast, 1 failed")
        return ", ".join(step_text(piece) for piece in pieces)
    return title


def run_message(stored: str) -> str:
    """What a run says it is doing, in the active language."""
    return _known("progress").words(stored, run_message)


def run_error(stored: str) -> str:
    """Why a run failed, in the active language."""
    return _known("errors").words(stored, _part)

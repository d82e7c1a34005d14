"""The generic "Ask" run: retrieve from the corpora the person may read, then a
grounded, cited answer. A client of the core like any app."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from core.corpora import retrieve
from core.reasoning.grounded import answer_with_sources
from core.retrieval import get_embedder, on_reference_scale, reads_across_languages
from core.runs.context import Outcome, RunContext
from core.runs.registry import run_kind
from core.steps.events import StepKind, Stopped
from core.steps.payloads import retrieval_data

ASK_KIND = "core.ask"
RETRIEVE_K = 6
# Why a question is not asked (stored in English, shown in the reader's language).
EMPTY = gettext_noop("The question is empty.")
TOO_LONG = gettext_noop(
    "The question is %(length)s characters long; the most allowed is %(most)s. Please shorten it."
)


@run_kind(ASK_KIND, title=_("Answer from your documents"))
def ask(ctx: RunContext) -> Outcome:
    question = str(ctx.inputs.get("question", "")).strip()
    language = str(ctx.inputs.get("language") or "en")
    corpora = ctx.inputs.get("corpora") or None
    if not question:
        raise Stopped(EMPTY)
    if len(question) > settings.ASK_MAX_QUESTION_CHARS:
        most = settings.ASK_MAX_QUESTION_CHARS
        raise Stopped(TOO_LONG % {"length": f"{len(question):,}", "most": f"{most:,}"})
    ctx.progress(0.05, "Searching the documents you can read…")
    with ctx.step(StepKind.RETRIEVAL, "Search in your document collections") as search:
        passages = list(retrieve(question, user=ctx.user, corpora=corpora, k=RETRIEVE_K))
        search.data = retrieval_data(question, passages, corpora=corpora)
        ranker = next((p.dense_by for p in passages if p.dense_by), None)
        passages = on_reference_scale(question, passages)
        search.text = f"{len(passages)} passages found."
    ctx.check_cancelled()
    ctx.progress(0.25, "The model is reading the sources and thinking…")
    grounded = answer_with_sources(
        ctx,
        question=question,
        passages=passages,
        language=language,
        embed=get_embedder(ranker).embed_documents,
        embed_reads_across=reads_across_languages(ranker),
        draft=settings.ASK_MODEL_DRAFT,
        draft_seconds=settings.ASK_DRAFT_SECONDS,
    )
    with translation.override(language):  # the run page says how it ended in the asker's words
        return Outcome(grounded.as_result(), gettext(_outcome_message(grounded)))


def _outcome_message(grounded) -> str:
    if grounded.no_sources:
        return gettext_noop("No usable sources were found.")
    if grounded.outcome == "not_said":
        return gettext_noop("The sources talk about this but do not say the answer.")
    if grounded.abstained:
        return gettext_noop("The sources do not cover this question.")
    if grounded.origin == "model":
        return gettext_noop("Answered by the model; its text passed every check.")
    return gettext_noop("Answered with sentences quoted from the sources.")

"""The generic "Ask" run: retrieve from the corpora the person may read, then a
grounded, cited answer. The proof that the core works before the apps use it."""

from __future__ import annotations

from django.conf import settings

from core.reasoning.grounded import answer_with_sources
from core.runs.models import Run
from core.runs.registry import run_kind
from core.runs.steps import RunStopped, check_cancelled, set_progress, step

ASK_KIND = "core.ask"
RETRIEVE_K = 6


def _hit_record(passage) -> dict:
    get = passage.get if isinstance(passage, dict) else lambda k, d=None: getattr(passage, k, d)
    text = str(get("text", "") or "")
    return {
        "document_title": get("document_title", ""),
        "heading": get("heading", ""),
        "corpus_slug": get("corpus_slug", ""),
        "page": get("page"),
        "scores": get("scores", {}) or {},
        "snippet": text[:240],
    }


@run_kind(ASK_KIND)
def ask(run: Run) -> None:
    question = str(run.inputs.get("question", "")).strip()
    language = str(run.inputs.get("language") or "en")
    corpora = run.inputs.get("corpora") or None
    if not question:
        raise RunStopped("The question is empty.")
    if len(question) > settings.ASK_MAX_QUESTION_CHARS:
        raise RunStopped(
            f"The question is {len(question):,} characters long; the most allowed is "
            f"{settings.ASK_MAX_QUESTION_CHARS:,}. Please shorten it."
        )
    set_progress(run, 0.05, "Searching the documents you can read…")
    with step(run, "retrieval", "Search in your document collections") as search:
        try:
            from core.retrieval import retrieve
        except ImportError as exc:
            raise RunStopped("Document search is not available on this server yet.") from exc
        passages = list(retrieve(question, user=run.user, corpora=corpora, k=RETRIEVE_K))
        search.data = {
            "query": question[:500],
            "corpora": corpora or "all you can read",
            "hits": [_hit_record(p) for p in passages],
        }
        search.text = f"{len(passages)} passages found."
    check_cancelled(run)
    set_progress(run, 0.25, "The model is reading the sources and thinking…")
    grounded = answer_with_sources(run, question=question, passages=passages, language=language)
    run.result = grounded.as_result()
    run.message = (
        "No usable sources were found."
        if grounded.no_sources
        else "Answered with citations."
        if grounded.cited
        else "Answered without citations."
    )

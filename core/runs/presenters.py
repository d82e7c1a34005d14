"""What the run page shows, computed once in Python so templates stay simple."""

from __future__ import annotations

import json

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.jobs import busy_jobs
from core.runs.models import Run, RunStep
from core.runs.registry import kind_title
from core.runs.services import QUEUE_DOWN
from core.runs.step_words import check_label, run_error, run_message, step_text, step_title
from core.text.markdown import render_markdown

LIVE_TEXT_KINDS = {"reasoning", "answer", "structured", "draft"}
# Steps whose text is the model's or the prompt, never a sentence of the code's.
MODEL_TEXT_KINDS = LIVE_TEXT_KINDS | {"prompt"}
# A queued run usually starts within seconds; past this, say how long it has waited.
QUEUE_PATIENCE_S = 120


def _safe_url(url) -> str:
    url = str(url or "")
    return url if url.startswith(("https://", "http://")) else ""


def _score_text(scores: dict) -> str:
    """A hit's scores named in the reader's language; "—" where that search missed it."""
    names = {"dense": _("dense"), "lexical": _("lexical"), "fused": _("fused")}
    return ", ".join(
        f"{names.get(name, name)} {'—' if score is None else f'{score:.3f}'}"
        for name, score in scores.items()
    )


def _scalars(data: dict) -> tuple[list[tuple[str, str]], str]:
    """Scalar items as rows; the rest as pretty JSON (for app-defined steps)."""
    rows, rest = [], {}
    for key, value in data.items():
        if isinstance(value, (str, int, float, bool)) or value is None:
            rows.append((str(key).replace("_", " "), "" if value is None else str(value)))
        else:
            rest[key] = value
    return rows, (json.dumps(rest, indent=2, ensure_ascii=False, default=str) if rest else "")


def present_step(step: RunStep, *, citation_count: int | None, sources_ordinal: int = 0) -> dict:
    """A step as the page shows it. Source anchors carry the ordinal of their
    sources step, so a run with several grounded answers links each to its own."""
    data = step.data or {}
    view = {
        "step": step,
        "kind": step.kind,
        "ordinal": step.ordinal,
        "title": step_title(step.title),
        "status": step.status,
        "running": step.status == RunStep.Status.RUNNING,
        "duration_ms": step.duration_ms,
        "text": step.text if step.kind in MODEL_TEXT_KINDS else step_text(step.text),
        "data": data,
        "error": run_error(data.get("error", "")),
        "live_text": step.kind in LIVE_TEXT_KINDS,
    }
    if step.kind == "reasoning":
        view["language_label"] = step_text(data.get("language_label") or "")
    elif step.kind == "answer" and not view["running"]:
        view["html"] = render_markdown(
            step.text,
            citation_count=citation_count or 0,
            anchor_prefix=f"source-{sources_ordinal}-",
        )
        view["origin"] = data.get("origin", "")  # "" for answers recorded before the checks
        view["note"] = data.get("note", "")
    elif step.kind == "sources":
        view["passages"] = [
            {**p, "safe_url": _safe_url(p.get("source_url"))} for p in data.get("passages", [])
        ]
    elif step.kind == "retrieval":
        view["hits"] = [
            {**h, "score_text": _score_text(h.get("scores") or {})} for h in data.get("hits", [])
        ]
    elif step.kind == "checks" and "failures" in data:
        view["check_report"] = True  # the text checks' report (an app's checks: a table)
        view["failures"] = [
            {**f, "label": check_label(f.get("name", "")), "detail": step_text(f.get("detail", ""))}
            for f in data.get("failures") or []
        ]
    elif step.kind not in LIVE_TEXT_KINDS | {"prompt", "citations"}:
        view["rows"], view["json"] = _scalars({k: v for k, v in data.items() if k != "error"})
    return view


def present_steps(steps: list[RunStep]) -> list[dict]:
    count: int | None = None
    sources_ordinal = 0
    out = []
    draft = None
    for step in steps:
        if step.kind == "sources":
            count = len((step.data or {}).get("passages", []))
            sources_ordinal = step.ordinal
        view = present_step(step, citation_count=count, sources_ordinal=sources_ordinal)
        if step.kind == "draft":
            draft = view
        elif step.kind == "checks" and draft is not None and "used" in (step.data or {}):
            draft["used"] = bool(step.data["used"])  # the draft's fold says why it was not
            draft = None
        out.append(view)
    return out


def waiting_note(run: Run, now=None) -> str:
    """For a run still queued after ``QUEUE_PATIENCE_S``: how long, and what it likely
    means (workers busy with other jobs, or none running). Whole minutes, so a live
    page re-renders it once a minute."""
    if run.status != Run.Status.QUEUED or run.message == QUEUE_DOWN:
        return ""
    waited = ((now or timezone.now()) - run.created_at).total_seconds()
    if waited < QUEUE_PATIENCE_S:
        return ""
    minutes = int(waited // 60)
    head = ngettext(
        "No worker has started this job in %(minutes)d minute.",
        "No worker has started this job in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}
    busy = busy_jobs()
    if busy:
        why = ngettext(
            "The workers are busy with %(jobs)d other job.",
            "The workers are busy with %(jobs)d other jobs.",
            busy,
        ) % {"jobs": busy}
        then = _("Your request is saved and starts when one is free.")
    else:
        why = _("No worker is working on any job either: the job service may be stopped.")
        then = _(
            "Your request is saved and starts when it is back; tell the person who runs this site."
        )
    return f"{head} {why} {then}"


def run_label(run: Run) -> str:
    """What a list calls a run: its question or app-given title, else its kind's title."""
    inputs = run.inputs or {}
    return str(inputs.get("title") or inputs.get("question") or kind_title(run.kind))


def present_run(run: Run) -> dict:
    timings = run.timings or {}
    facts = []
    if run.model_name:
        facts.append((_("Model"), run.model_name))
    if "ttft_ms" in timings:
        facts.append((_("Time to first token"), f"{timings['ttft_ms'] / 1000:.2f} s"))
    if "tokens_per_s" in timings:
        facts.append((_("Speed"), f"{timings['tokens_per_s']:.1f} tokens/s"))
    if "thinking_ms" in timings:
        facts.append((_("Thinking time"), f"{timings['thinking_ms'] / 1000:.1f} s"))
    if run.prompt_tokens or run.completion_tokens:
        facts.append((_("Tokens"), f"{run.prompt_tokens} in, {run.completion_tokens} out"))
    if run.duration_ms is not None:
        facts.append((_("Total time"), f"{run.duration_ms / 1000:.1f} s"))
    return {
        "run": run,
        "message": run_message(run.message),
        "error": run_error(run.error),
        "facts": facts,
        "active": not run.is_finished,
        "waiting_note": waiting_note(run),
        "percent": round((run.progress or 0) * 100),
        # apps may name their run with inputs["title"]; Ask runs show the question
        "question": (run.inputs or {}).get("title") or (run.inputs or {}).get("question", ""),
        "kind_title": kind_title(run.kind),
    }

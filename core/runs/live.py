"""Server-sent events for a run page: the current state first, then only what
changed (appended text of growing steps, whole steps when their status changes),
until the run ends. Every poll is one small query pair; the stream ends after
MAX_STREAM_S and the browser reconnects (EventSource does this itself)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator

from asgiref.sync import sync_to_async
from django.conf import settings
from django.template.loader import render_to_string

from core.runs.models import Run, RunStep
from core.runs.presenters import present_run, present_steps
from core.runs.services import reap

MAX_STREAM_S = 300
KEEPALIVE_S = 15


def sse(event: str, payload: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(payload, ensure_ascii=False)}\n\n"


def _snapshot(run_id) -> tuple[Run, list[RunStep]]:
    run = Run.objects.get(pk=run_id)
    if reap(run):
        run.refresh_from_db()
    return run, list(RunStep.objects.filter(run_id=run_id).order_by("ordinal"))


def _render_changes(run: Run, steps: list[RunStep], sent: dict, csrf_token: str = "") -> list[str]:
    """Events for what changed since ``sent`` (updated in place).

    ``csrf_token`` is the reader's: the header carries the Stop form, rendered here
    without a request."""
    events: list[str] = []
    views = present_steps(steps)
    for view in views:
        step = view["step"]
        key = (step.status, step.title, json.dumps(step.data, sort_keys=True, default=str))
        previous = sent.get(step.ordinal)
        grew = previous is not None and len(step.text) > previous[1]
        if previous is not None and previous[0] == key and view["live_text"] and grew:
            append = step.text[previous[1] :]
            events.append(sse("text", {"ordinal": step.ordinal, "append": append}))
        elif previous is None or previous[0] != key or len(step.text) != previous[1]:
            html = render_to_string("runs/_step.html", {"v": view})
            events.append(sse("step", {"ordinal": step.ordinal, "html": html}))
        sent[step.ordinal] = (key, len(step.text))
    header = present_run(run)
    header_key = (
        run.status,
        round(run.progress, 3),
        run.message,
        run.error,
        json.dumps(run.timings),
        header["waiting_note"],
    )
    if sent.get("header") != header_key:
        html = render_to_string("runs/_header.html", {**header, "csrf_token": csrf_token})
        events.append(sse("run", {"status": run.status, "html": html}))
        sent["header"] = header_key
    return events


async def run_events(run_id, csrf_token: str = "") -> AsyncIterator[str]:
    sent: dict = {}
    started = last_write = time.monotonic()
    yield "retry: 2000\n\n"
    while True:
        run, steps = await sync_to_async(_snapshot)(run_id)
        events = await sync_to_async(_render_changes)(run, steps, sent, csrf_token)
        for event in events:
            yield event
        now = time.monotonic()
        if events:
            last_write = now
        if run.is_finished:
            yield sse("done", {"status": run.status})
            return
        if now - started > MAX_STREAM_S:
            return
        if now - last_write > KEEPALIVE_S:
            yield ": keep-alive\n\n"
            last_write = now
        await asyncio.sleep(settings.RUN_EVENTS_POLL_S)

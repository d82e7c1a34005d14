"""The open-kitchen run page: who may see it, what it shows, the live stream."""

import json
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from asgiref.sync import async_to_sync
from django.test import AsyncClient
from django.urls import reverse
from django.utils import timezone

from core.runs.models import Run, RunStep

pytestmark = pytest.mark.postgres

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


class _Elements(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def assert_inert(html):
    """No element the page did not put there itself: scripts only by src, no handlers,
    no img, no javascript: links."""
    for tag, attrs in _Elements(html).found:
        assert tag != "img" and not (tag == "script" and not attrs.get("src")), (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript:"), (tag, attrs)


@pytest.fixture
def answered(cast):
    """A finished Ask-like run of the farmer with sources, reasoning and a cited answer."""
    run = Run.objects.create(
        user=cast["farmer"],
        kind="core.ask",
        status=Run.Status.SUCCEEDED,
        progress=1.0,
        inputs={"question": f"Price of onions? {EVIL}"},
        model_name="test-model",
        timings={"ttft_ms": 420, "tokens_per_s": 31.5, "thinking_ms": 2100},
        prompt_tokens=300,
        completion_tokens=80,
    )
    passages = [
        {
            "n": 1,
            "document_title": "Onion bulletin",
            "heading": "Prices",
            "text": f"Onions fell. {EVIL}",
            "corpus_slug": "market",
            "source_url": "javascript:alert(1)",
        },
        {
            "n": 2,
            "document_title": "Weather note",
            "heading": "page 2",
            "text": "Rain is due.",
            "corpus_slug": "market",
            "source_url": "https://example.org/w",
        },
    ]
    steps = [
        ("sources", "Sources given to the model", {"passages": passages}, ""),
        (
            "reasoning",
            "Reasoning",
            {"language": "zh", "language_label": "Chinese"},
            "用户问洋葱价格",
        ),
        ("answer", "Answer", {}, f"Onions are cheaper [1], rain is due [2], and [7]. {EVIL}"),
        ("citations", "Citation check", {"cited": [1, 2], "invalid": [7]}, "cites source 7"),
    ]
    for i, (kind, title, data, text) in enumerate(steps, start=1):
        RunStep.objects.create(
            run=run,
            ordinal=i,
            kind=kind,
            title=title,
            data=data,
            text=text,
            status=RunStep.Status.SUCCEEDED,
        )
    return run


def test_only_the_owner_and_admins_can_open_a_run(answered, cast, client_for):
    for name in ["farmer", "corpusadmin", "staff"]:
        for url_name in ["runs:detail", "runs:fragment"]:
            response = client_for(cast[name]).get(reverse(url_name, args=[answered.pk]))
            assert response.status_code == 200, (name, url_name)
    for name in ["teacher", "engineer", "norole"]:
        for url_name in ["runs:detail", "runs:fragment", "runs:events"]:
            response = client_for(cast[name]).get(reverse(url_name, args=[answered.pk]))
            assert response.status_code == 404, (name, url_name)
        assert (
            client_for(cast[name]).post(reverse("runs:cancel", args=[answered.pk])).status_code
            == 404
        )
    anonymous = client_for(None).get(reverse("runs:detail", args=[answered.pk]))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))


def test_the_page_shows_each_step_with_linked_citations_and_inert_text(answered, cast, client_for):
    page = (
        client_for(cast["farmer"]).get(reverse("runs:detail", args=[answered.pk])).content.decode()
    )
    assert_inert(page)
    assert '<a class="cite" href="#source-1-1">[1]</a>' in page and 'href="#source-1-2"' in page
    assert "[7?]" in page and 'id="source-1-1"' in page and 'id="source-1-2"' in page
    assert "Chinese" in page and "用户问洋葱价格" in page
    assert "test-model" in page and "0.42 s" in page and "31.5 tokens/s" in page and "2.1 s" in page
    assert 'href="https://example.org/w"' in page
    assert "hx-trigger" not in page and "data-events-url" not in page  # finished: nothing live


def test_a_running_run_page_is_live_by_events_with_polling_as_fallback(answered, cast, client_for):
    Run.objects.filter(pk=answered.pk).update(status=Run.Status.RUNNING)
    page = (
        client_for(cast["farmer"]).get(reverse("runs:detail", args=[answered.pk])).content.decode()
    )
    assert f'data-events-url="{reverse("runs:events", args=[answered.pk])}"' in page
    assert 'hx-trigger="every 2s"' in page and "runs/live.js" in page
    assert "<noscript>" in page


def read_events(user, run):
    client = AsyncClient()
    async_to_sync(client.aforce_login)(user)

    async def fetch():
        response = await client.get(reverse("runs:events", args=[run.pk]))
        assert response["Content-Type"] == "text/event-stream"
        return "".join([piece.decode() async for piece in response.streaming_content])

    return async_to_sync(fetch)()


def parse(stream):
    events = []
    for block in stream.split("\n\n"):
        lines = dict(
            line.split(": ", 1)
            for line in block.splitlines()
            if ": " in line and not line.startswith(":")
        )
        if "event" in lines:
            events.append((lines["event"], json.loads(lines["data"])))
    return events


def test_the_event_stream_sends_every_step_then_ends(answered, cast):
    events = parse(read_events(cast["farmer"], answered))
    kinds = [name for name, _ in events]
    assert kinds.count("step") == 4 and kinds[-1] == "done" and "run" in kinds
    steps_html = " ".join(data["html"] for name, data in events if name == "step")
    assert 'href="#source-1-1"' in steps_html
    assert_inert(steps_html)


def test_a_growing_step_streams_only_its_new_text(answered, cast):
    from core.runs.live import _render_changes

    step = answered.steps.get(kind="reasoning")
    step.status, step.text = RunStep.Status.RUNNING, "First"
    sent = {}
    first = _render_changes(answered, [step], sent)
    assert first[0].startswith("event: step")
    step.text = "First, second"
    [text_event, *_] = _render_changes(answered, [step], sent)
    assert (
        text_event.startswith("event: text")
        and json.loads(text_event.split("data: ")[1])["append"] == ", second"
    )
    assert _render_changes(answered, [step], sent) == []


def test_the_owner_can_cancel_a_running_run(answered, cast, client_for):
    Run.objects.filter(pk=answered.pk).update(status=Run.Status.RUNNING)
    response = client_for(cast["farmer"]).post(reverse("runs:cancel", args=[answered.pk]))
    assert response.status_code == 302
    answered.refresh_from_db()
    assert (
        answered.cancel_requested and answered.status == Run.Status.RUNNING
    )  # the worker stops it


def test_the_run_list_shows_only_my_runs(answered, cast, client_for):
    assert (
        "Price of onions" in client_for(cast["farmer"]).get(reverse("runs:list")).content.decode()
    )
    assert (
        "Price of onions"
        not in client_for(cast["teacher"]).get(reverse("runs:list")).content.decode()
    )


def queued_run(user, minutes_ago: float, **fields) -> Run:
    run = Run.objects.create(user=user, kind="core.ask", inputs={"question": "Onions?"}, **fields)
    created = timezone.now() - timedelta(minutes=minutes_ago)
    Run.objects.filter(pk=run.pk).update(created_at=created)
    run.refresh_from_db()
    return run


def test_a_run_left_waiting_with_no_job_moving_says_the_job_service_may_be_stopped(
    cast, client_for
):
    run = queued_run(cast["farmer"], minutes_ago=5.5)
    # a run whose worker went silent long ago is no sign of a live worker
    queued_run(cast["teacher"], minutes_ago=9, status=Run.Status.RUNNING)
    page = client_for(cast["farmer"]).get(reverse("runs:detail", args=[run.pk])).content.decode()
    assert "No worker has started this job in 5 minutes." in page
    assert "the job service may be stopped" in page
    assert "Your request is saved" in page


def test_a_run_waiting_behind_live_jobs_says_how_many(cast, client_for):
    run = queued_run(cast["farmer"], minutes_ago=3.2)
    for kind in ("core.ask", "corpora.ingest"):  # an ingestion is a run like any other
        Run.objects.create(
            user=cast["teacher"], kind=kind, status=Run.Status.RUNNING, heartbeat_at=timezone.now()
        )
    Run.objects.create(  # its worker died: not a live job
        user=cast["teacher"],
        kind="core.ask",
        status=Run.Status.RUNNING,
        heartbeat_at=timezone.now() - timezone.timedelta(hours=1),
    )
    page = client_for(cast["farmer"]).get(reverse("runs:detail", args=[run.pk])).content.decode()
    assert "No worker has started this job in 3 minutes." in page
    assert "The workers are busy with 2 other jobs." in page
    assert "job service may be stopped" not in page


def test_a_run_just_queued_or_waiting_on_the_queue_itself_gets_no_such_note(cast, client_for):
    from core.runs.services import QUEUE_DOWN

    fresh = queued_run(cast["farmer"], minutes_ago=0.5)
    queue_down = queued_run(cast["farmer"], minutes_ago=10, message=QUEUE_DOWN)
    finished = queued_run(cast["farmer"], minutes_ago=10, status=Run.Status.FAILED)
    for run in (fresh, queue_down, finished):
        page = client_for(cast["farmer"]).get(reverse("runs:detail", args=[run.pk])).content
        assert b"No worker has started this job" not in page, run.status


def test_the_live_header_is_sent_again_when_the_waiting_note_changes(cast):
    from core.runs.live import _render_changes

    run = queued_run(cast["farmer"], minutes_ago=0.5)
    sent: dict = {}
    assert [e for e in _render_changes(run, [], sent) if e.startswith("event: run")]
    assert _render_changes(run, [], sent) == []
    Run.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(minutes=3))
    run.refresh_from_db()
    [header] = _render_changes(run, [], sent)
    assert "No worker has started this job in 3 minutes." in header

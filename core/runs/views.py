from asgiref.sync import sync_to_async
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.runs import selectors
from core.runs.live import run_events
from core.runs.presenters import present_run, present_steps, run_label
from core.runs.services import cancel_run, reap


def _context(run):
    return {**present_run(run), "steps": present_steps(selectors.steps_of(run))}


def _fresh_run(user, pk):
    """The run after reaping it (a dead worker's run turns failed, an unsent one is resent)."""
    run = selectors.get_run_for_user(user, pk)
    if reap(run):
        run.refresh_from_db()
    return run


@login_required
def run_list(request):
    runs = [(run, run_label(run)) for run in selectors.recent_runs_for(request.user)]
    return render(request, "runs/list.html", {"runs": runs})


@login_required
def detail(request, pk):
    run = _fresh_run(request.user, pk)
    return render(request, "runs/detail.html", _context(run))


@login_required
def live_fragment(request, pk):
    """The polling fallback: the live part of the page, re-rendered."""
    run = _fresh_run(request.user, pk)
    return render(request, "runs/_live.html", _context(run))


async def events(request, pk):
    """Server-sent events of one run (an async view: served by ASGI without tying up a thread)."""
    user = await request.auser()
    if not user.is_authenticated:
        return HttpResponse("Sign in to follow this run.", status=403, content_type="text/plain")
    run = await sync_to_async(selectors.get_run_for_user)(user, pk)
    response = StreamingHttpResponse(
        run_events(run.pk, get_token(request)), content_type="text/event-stream"
    )
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx must not buffer the stream
    return response


@login_required
@require_POST
def cancel(request, pk):
    run = cancel_run(selectors.get_run_for_user(request.user, pk))
    if request.headers.get("HX-Request"):
        return render(request, "runs/_live.html", _context(run))
    return redirect("runs:detail", pk=run.pk)

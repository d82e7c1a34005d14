"""Run kinds used only by tests. A real worker imports this module with
``celery worker -I tests.core.runs.kinds`` so it can run them too."""

import os
import time

from core.runs.context import Outcome
from core.runs.models import Run
from core.runs.registry import run_kind
from core.steps.events import StepKind, Stopped

FINISHED: list[tuple[str, str]] = []  # (run id, status) seen by on_finished in this process


def _finished(run):
    FINISHED.append((str(run.pk), run.status))


@run_kind("tests.echo", on_finished=_finished)
def echo(ctx) -> Outcome:
    with ctx.step(StepKind.COMPUTATION, "Echo the inputs") as s:
        s.data = {"inputs": ctx.inputs, "pid": os.getpid()}
        s.text = "echoed"
    ctx.progress(0.5, "half way")
    return Outcome({"echo": ctx.inputs, "pid": os.getpid()}, "Echoed.")


@run_kind("tests.stop", on_finished=_finished)
def stop(ctx) -> Outcome:
    with ctx.step(StepKind.COMPUTATION, "Look for prices"):
        raise Stopped("No prices were found for this market.")


@run_kind("tests.search_down")
def search_down(ctx) -> Outcome:
    from core.retrieval import SearchUnavailable

    with ctx.step(StepKind.RETRIEVAL, "Search the sources"):
        raise SearchUnavailable("The search service is not answering right now.")


@run_kind("tests.crash")
def crash(ctx) -> Outcome:
    with ctx.step(StepKind.COMPUTATION, "Half-done work") as s:
        s.text = "partial output"
        s.flush()
    {}["missing"]


@run_kind("tests.slow", on_finished=_finished)
def slow(ctx) -> Outcome:
    """Steps every 0.2 s until cancelled or ``seconds`` pass."""
    deadline = time.monotonic() + float(ctx.inputs.get("seconds", 30))
    with ctx.step(StepKind.COMPUTATION, "Counting slowly") as s:
        count = 0
        while time.monotonic() < deadline:
            count += 1
            s.text = f"{count} ticks"
            s.flush()
            ctx.check_cancelled()
            time.sleep(0.2)
    return Outcome({"ticks": count})


@run_kind("tests.cancel_midway")
def cancel_midway(ctx) -> Outcome:
    with ctx.step(StepKind.COMPUTATION, "First part") as s:
        s.text = "done before the cancel"
    Run.objects.filter(pk=ctx.run.pk).update(cancel_requested=True)  # as the cancel button would
    with ctx.step(StepKind.COMPUTATION, "Second part"):
        ctx.check_cancelled()
    return Outcome(message="Not cancelled after all.")


@run_kind("tests.returns_none")
def returns_none(ctx) -> None:  # the mistake the engine must catch
    with ctx.step(StepKind.COMPUTATION, "Work that forgets to say how it ended") as s:
        s.text = "done"


@run_kind("tests.generate")
def generate(ctx) -> Outcome:
    """A short real model call streamed into steps (the bundled model in process)."""
    from core.reasoning.streaming import stream_to_steps

    result = stream_to_steps(
        ctx,
        [{"role": "user", "content": ctx.inputs.get("prompt", "Say hello.")}],
        max_tokens=int(ctx.inputs.get("max_tokens", 16)),
        seed=7,
    )
    return Outcome({"answer": result.answer, "timings": result.timings})

"""Run kinds used only by tests. A real worker imports this module with
``celery worker -I tests.core.runs.kinds`` so it can run them too."""

import os
import time

from core.runs.models import Run
from core.runs.registry import run_kind
from core.runs.steps import RunStopped, check_cancelled, set_progress, step


@run_kind("tests.echo")
def echo(run):
    with step(run, "computation", "Echo the inputs") as s:
        s.data = {"inputs": run.inputs, "pid": os.getpid()}
        s.text = "echoed"
    set_progress(run, 0.5, "half way")
    run.result = {"echo": run.inputs, "pid": os.getpid()}
    run.message = "Echoed."


@run_kind("tests.stop")
def stop(run):
    with step(run, "computation", "Look for prices"):
        raise RunStopped("No prices were found for this market.")


@run_kind("tests.crash")
def crash(run):
    with step(run, "computation", "Half-done work") as s:
        s.text = "partial output"
    {}["missing"]


@run_kind("tests.slow")
def slow(run):
    """Steps every 0.2 s until cancelled or ``seconds`` pass."""
    deadline = time.monotonic() + float(run.inputs.get("seconds", 30))
    with step(run, "computation", "Counting slowly") as s:
        count = 0
        while time.monotonic() < deadline:
            count += 1
            s.text = f"{count} ticks"
            s.flush()
            check_cancelled(run)
            time.sleep(0.2)
    run.result = {"ticks": count}


@run_kind("tests.cancel_midway")
def cancel_midway(run):
    with step(run, "computation", "First part") as s:
        s.text = "done before the cancel"
    Run.objects.filter(pk=run.pk).update(cancel_requested=True)  # as the cancel button would
    with step(run, "computation", "Second part"):
        check_cancelled(run)


@run_kind("tests.generate")
def generate(run):
    """A short real model call streamed into steps (the bundled model in process)."""
    from core.reasoning.streaming import stream_to_steps

    result = stream_to_steps(
        run,
        [{"role": "user", "content": run.inputs.get("prompt", "Say hello.")}],
        max_tokens=int(run.inputs.get("max_tokens", 16)),
        seed=7,
    )
    run.result = {"answer": result.answer, "timings": result.timings}

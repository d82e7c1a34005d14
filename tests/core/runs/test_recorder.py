"""The one recorder: events become RunSteps on a Run. Streamed text is written
at once for its first piece, then at most every ``flush_s``; each write checks
for a cancel; usage is summed over calls; ordinals follow the run's existing steps."""

import pytest

from core.runs import recorder as recorder_module
from core.runs.context import RunContext
from core.runs.models import Run, RunStep
from core.runs.recorder import RunRecorder
from core.steps.events import Cancelled, StepKind, Steps, StepStatus, UsageReported

pytestmark = pytest.mark.postgres


class Clock:
    """perf_counter for the recorder, moved by hand."""

    def __init__(self):
        self.now = 1000.0

    def perf_counter(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(recorder_module, "time", clock)
    return clock


@pytest.fixture
def run(cast):
    return Run.objects.create(user=cast["farmer"], kind="tests.echo", status=Run.Status.RUNNING)


def stored(run) -> str:
    return RunStep.objects.get(run=run).text


def test_streamed_text_is_written_first_at_once_then_at_most_every_flush_s(run, clock):
    steps = Steps(RunRecorder(run, flush_s=0.2))
    answer = steps.open(StepKind.ANSWER, "Answer")
    assert RunStep.objects.get(run=run).status == RunStep.Status.RUNNING  # created on open
    answer.append("Onions ")
    assert stored(run) == "Onions "  # the first piece, at once
    clock.now += 0.1
    answer.append("fell ")
    answer.append("4% ")
    assert stored(run) == "Onions "  # within flush_s: kept in memory
    clock.now += 0.15
    answer.append("this ")
    assert stored(run) == "Onions fell 4% this "  # 0.25 s since the last write
    clock.now += 0.05
    answer.append("week.")
    assert stored(run) == "Onions fell 4% this "
    answer.close()
    step = RunStep.objects.get(run=run)
    assert step.text == "Onions fell 4% this week." and step.status == RunStep.Status.SUCCEEDED
    assert step.duration_ms is not None


def test_text_left_pending_is_written_when_another_step_opens(run, clock):
    steps = Steps(RunRecorder(run, flush_s=60))
    reasoning = steps.open(StepKind.REASONING, "Reasoning")
    reasoning.append("Prices ")
    reasoning.append("fell.")
    assert stored(run) == "Prices "
    steps.open(StepKind.ANSWER, "Answer")
    assert run.steps.get(kind="reasoning").text == "Prices fell."


def test_a_cancel_is_raised_at_a_write_and_the_step_closes_cancelled(run, clock):
    ctx = RunContext(run, recorder=RunRecorder(run, flush_s=0.2))
    with ctx.step(StepKind.ANSWER, "Answer") as answer:
        answer.append("Onions ")
    Run.objects.filter(pk=run.pk).update(cancel_requested=True)  # as the cancel button would
    with pytest.raises(Cancelled):
        with ctx.step(StepKind.ANSWER, "Second answer") as second:
            second.append("Rain ")  # a first piece: written, then the cancel is seen
    first, cancelled = run.steps.all()
    assert first.status == RunStep.Status.SUCCEEDED
    assert cancelled.status == RunStep.Status.CANCELLED and cancelled.text == "Rain "


def test_a_piece_held_back_by_the_throttle_does_not_check_for_a_cancel(run, clock):
    steps = Steps(RunRecorder(run, flush_s=0.2))
    answer = steps.open(StepKind.ANSWER, "Answer")
    answer.append("Onions ")
    Run.objects.filter(pk=run.pk).update(cancel_requested=True)
    answer.append("fell ")  # no write, so no query
    clock.now += 0.3
    with pytest.raises(Cancelled):
        answer.append("a lot.")
    assert stored(run) == "Onions fell a lot."


def test_usage_is_summed_over_calls_with_the_latest_timings(run):
    steps = Steps(RunRecorder(run))
    steps.usage(UsageReported("r1", 100, 20, {"total_ms": 900, "ttft_ms": 300}))
    steps.usage(UsageReported("r1-repair", 150, 30, {"total_ms": 400}))
    run.refresh_from_db()
    assert (run.prompt_tokens, run.completion_tokens) == (250, 50)
    assert run.model_name == "r1-repair"
    assert run.timings == {"total_ms": 400, "calls": 2}
    assert run.heartbeat_at is not None


def test_ordinals_continue_after_the_steps_a_run_already_has(run):
    RunStep.objects.create(run=run, ordinal=1, kind="retrieval", title="Search")
    RunStep.objects.create(run=run, ordinal=2, kind="sources", title="Sources")
    with Steps(RunRecorder(run)).step(StepKind.PROMPT, "Prompt") as prompt:
        prompt.text = "the prompt"
    with Steps(RunRecorder(run)).step(StepKind.ANSWER, "Answer"):  # a second recorder, too
        pass
    assert list(run.steps.values_list("ordinal", "kind")) == [
        (1, "retrieval"),
        (2, "sources"),
        (3, "prompt"),
        (4, "answer"),
    ]
    assert run.steps.get(kind="prompt").text == "the prompt"


def test_data_is_merged_and_a_failure_keeps_its_sentence(run):
    steps = Steps(RunRecorder(run))
    handle = steps.open(StepKind.DATA, "Look for prices")
    handle.data = {"markets": 3}
    handle.flush()
    handle.data = {"found": 0}
    handle.title = "Look for prices (none)"
    handle.close(StepStatus.FAILED, "No prices were found.")
    step = run.steps.get()
    assert step.data == {"markets": 3, "found": 0, "error": "No prices were found."}
    assert step.status == RunStep.Status.FAILED and step.title == "Look for prices (none)"


def test_progress_is_stored_on_the_run(run):
    Steps(RunRecorder(run)).progress(1.5, "Almost done")
    run.refresh_from_db()
    assert (run.progress, run.message) == (1.0, "Almost done") and run.heartbeat_at

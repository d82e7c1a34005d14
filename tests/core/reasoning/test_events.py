"""The step writer over a sink (``Steps``) and the sink tests use (``ListSink``):
what is sent when, how a step closes on each way out, and what a streamed model
call reports, including a sink that stops it. No database."""

import pytest

from core.reasoning.deltas import Delta, Usage
from core.reasoning.llm import LLMBackend
from core.reasoning.streaming import stream_to_steps
from core.steps.events import (
    Cancelled,
    DataAttached,
    ListSink,
    NullSink,
    ProgressReported,
    StepClosed,
    StepKind,
    StepOpened,
    Steps,
    StepStatus,
    Stopped,
    TextAppended,
    UsageReported,
)


def test_a_step_is_opened_then_its_data_and_text_are_sent_when_it_closes(steps, sink):
    with steps.step(StepKind.COMPUTATION, "Sum the prices") as s:
        s.data = {"total": 4}
        s.text = "2 + 2"
        assert sink.events == [StepOpened(1, StepKind.COMPUTATION, "Sum the prices")]
    opened, attached, closed = sink.events
    assert attached == DataAttached(1, {"total": 4}, "2 + 2", "Sum the prices")
    assert isinstance(closed, StepClosed) and closed.key == 1
    assert closed.status == StepStatus.SUCCEEDED and closed.error == ""
    assert closed.duration_ms is not None and closed.duration_ms >= 0
    assert sink.steps() == [
        {
            "kind": "computation",
            "title": "Sum the prices",
            "status": "succeeded",
            "text": "2 + 2",
            "data": {"total": 4},
        }
    ]


def test_appended_text_is_sent_at_once_and_flush_sends_what_the_step_holds(steps, sink):
    with steps.step("answer", "Answer") as s:
        s.append("Onions ")
        s.append("fell.")
        assert sink.events[1:] == [TextAppended(1, "Onions "), TextAppended(1, "fell.")]
        assert sink.steps()[0]["text"] == "Onions fell." and sink.steps()[0]["status"] == "running"
        s.data["words"] = 2
        s.title = "Answer (2 words)"
        s.flush()
        assert sink.events[-1] == DataAttached(1, {"words": 2}, "Onions fell.", "Answer (2 words)")
    [shown] = sink.steps()
    assert shown["title"] == "Answer (2 words)" and shown["text"] == "Onions fell."
    assert shown["status"] == "succeeded" and shown["data"] == {"words": 2}


def test_a_step_closes_failed_with_the_sentence_when_the_job_is_stopped(steps, sink):
    with pytest.raises(Stopped, match="No prices"):
        with steps.step(StepKind.DATA, "Look for prices") as s:
            s.text = "looked in 3 markets"
            raise Stopped("No prices were found for this market.")
    [shown] = sink.steps()
    assert shown["status"] == "failed" and shown["text"] == "looked in 3 markets"
    assert shown["data"] == {"error": "No prices were found for this market."}
    assert sink.events[-1].status == StepStatus.FAILED


def test_a_step_closes_cancelled_when_the_person_asks_to_stop(steps, sink):
    with pytest.raises(Cancelled):
        with steps.step(StepKind.DATA, "Counting slowly") as s:
            s.append("1 tick")
            raise Cancelled()
    [shown] = sink.steps()
    assert shown["status"] == "cancelled" and shown["text"] == "1 tick"
    assert shown["data"]["error"] == "The run was cancelled."
    assert isinstance(Cancelled(), Stopped)  # the engine maps it before Stopped


def test_a_step_closes_failed_without_a_sentence_on_any_other_error(steps, sink):
    with pytest.raises(KeyError):
        with steps.step(StepKind.DATA, "Half-done work") as s:
            s.data = {"done": 1}
            {}["missing"]
    [shown] = sink.steps()
    assert shown["status"] == "failed" and shown["data"] == {"done": 1}  # no error text to show


def test_a_step_may_close_failed_by_its_status_without_raising(steps, sink):
    with steps.step(StepKind.VALIDATION, "Output did not validate") as check:
        check.status = StepStatus.FAILED
    with steps.step(StepKind.ANSWER, "Next"):
        pass
    assert [(s["title"], s["status"]) for s in sink.steps()] == [
        ("Output did not validate", "failed"),
        ("Next", "succeeded"),
    ]


def test_steps_keep_their_order_and_keys_are_unique_per_writer(steps, sink):
    first = steps.open(StepKind.RETRIEVAL, "Search")
    second = steps.open(StepKind.SOURCES, "Sources")
    second.close()
    first.close(StepStatus.FAILED, "index missing")
    assert (first.key, second.key) == (1, 2)
    assert [(s["kind"], s["status"]) for s in sink.steps()] == [
        ("retrieval", "failed"),
        ("sources", "succeeded"),
    ]
    assert sink.steps()[0]["data"] == {"error": "index missing"}


def test_kinds_are_the_enumeration_and_titles_are_capped(steps, sink):
    with steps.step("citations", "x" * 400) as s:
        assert s.kind is StepKind.CITATIONS and len(s.title) == 300
    assert sink.steps()[0]["title"] == "x" * 300
    with pytest.raises(ValueError):
        steps.open("retrieve", "Not a kind")  # a misspelt kind fails at once, not when rendered


def test_progress_is_clamped_to_between_0_and_1_and_its_message_capped(steps, sink):
    steps.progress(1.7, "past the end")
    steps.progress(-0.2)
    steps.progress(0.5, "m" * 600)
    assert sink.events[:2] == [ProgressReported(1.0, "past the end"), ProgressReported(0.0, "")]
    assert sink.events[2].fraction == 0.5 and len(sink.events[2].message) == 500
    assert sink.steps() == []  # progress is not a step


def test_usage_is_passed_to_the_sink_as_is(steps, sink):
    call = UsageReported("r1", 17, 3, {"total_ms": 40})
    steps.usage(call)
    assert sink.events == [call]


def test_a_null_sink_takes_every_event():
    steps = Steps(NullSink())
    with steps.step(StepKind.DATA, "Nothing kept") as s:
        s.append("text")
    steps.progress(0.5)


class Scripted(LLMBackend):
    """Yields the given deltas; records whether its stream was closed."""

    model_name = "scripted"

    def __init__(self, *deltas, finish_reason="stop"):
        super().__init__()
        self.deltas, self.finish_reason, self.closed = deltas, finish_reason, False

    def stream(self, messages, **kwargs):
        try:
            yield from self.deltas
            self.last_usage = Usage(9, len(self.deltas), self.finish_reason)
        finally:
            self.closed = True


def test_a_model_call_streams_reasoning_and_answer_steps_then_reports_usage(steps, sink):
    backend = Scripted(
        Delta("reasoning", "Prices "), Delta("reasoning", "fell."), Delta("answer", "Sell [1].")
    )
    result = stream_to_steps(steps, [{"role": "user", "content": "q"}], backend=backend)
    assert (result.reasoning, result.answer) == ("Prices fell.", "Sell [1].")
    assert [(s["kind"], s["title"], s["status"], s["text"]) for s in sink.steps()] == [
        ("reasoning", "Reasoning", "succeeded", "Prices fell."),
        ("answer", "Answer", "succeeded", "Sell [1]."),
    ]
    assert {"language", "language_label"} <= sink.steps()[0]["data"].keys()
    [call] = [e for e in sink.events if isinstance(e, UsageReported)]
    assert (call.model_name, call.prompt_tokens, call.completion_tokens) == ("scripted", 9, 3)
    assert {"total_ms", "ttft_ms", "thinking_ms"} <= call.timings.keys()
    assert sink.events.index(call) > max(
        i for i, e in enumerate(sink.events) if isinstance(e, StepClosed)
    )


class StopsAtText(ListSink):
    """A sink that asks to stop at the first streamed text (as the recorder does
    when the person pressed Cancel)."""

    def __init__(self):
        super().__init__()
        self.raised = False

    def emit(self, event):
        super().emit(event)
        if isinstance(event, TextAppended) and not self.raised:
            self.raised = True
            raise Cancelled()


def test_a_sink_that_cancels_mid_stream_closes_the_stream_and_its_steps_cancelled():
    sink = StopsAtText()
    backend = Scripted(Delta("answer", "Onions "), Delta("answer", "fell."))
    with pytest.raises(Cancelled):
        stream_to_steps(Steps(sink), [{"role": "user", "content": "q"}], backend=backend)
    assert backend.closed  # the model is released, not left generating
    [answer] = sink.steps()
    assert answer["status"] == "cancelled" and answer["text"] == "Onions "
    assert [e.model_name for e in sink.events if isinstance(e, UsageReported)] == ["scripted"]


def test_stop_when_ends_generation_early_with_its_sentence(steps, sink, monkeypatch):
    from core.reasoning import streaming

    monkeypatch.setattr(streaming, "GUARD_EVERY_S", 0.0)
    backend = Scripted(*[Delta("answer", "again ") for _ in range(50)])
    result = stream_to_steps(
        steps,
        [{"role": "user", "content": "q"}],
        backend=backend,
        stop_when=lambda text: "It repeats itself." if text.count("again") >= 3 else "",
    )
    assert result.stopped_by == "It repeats itself." and backend.closed
    assert result.answer == "again " * 3 and sink.steps()[0]["text"] == "again " * 3
    assert sink.steps()[0]["status"] == "succeeded"


class SlowReader(Scripted):
    """Reads its prompt in slices that take ``seconds`` each, then answers."""

    def __init__(self, slices: int, seconds: float):
        super().__init__(Delta("answer", "Too late."))
        self.slices, self.seconds, self.read = slices, seconds, 0

    def stream(self, messages, **kwargs):
        import time

        try:
            for _ in range(self.slices):
                time.sleep(self.seconds)
                self.read += 1
                yield Delta("reading", "")
            yield from self.deltas
        finally:
            self.closed = True


def test_a_deadline_ends_a_call_still_reading_its_prompt_with_no_text_shown(steps, sink):
    backend = SlowReader(slices=50, seconds=0.02)
    result = stream_to_steps(
        steps, [{"role": "user", "content": "q"}], backend=backend, deadline_s=0.1
    )
    assert backend.closed and backend.read < 20  # stopped between slices, not at the end
    assert result.stopped_by == "it ran out of its 0.1 s while still reading the sources"
    assert result.answer == "" and "first" not in result.marks


def test_reading_slices_show_nothing_and_do_not_count_as_the_first_token(steps, sink):
    backend = SlowReader(slices=3, seconds=0.0)
    result = stream_to_steps(steps, [{"role": "user", "content": "q"}], backend=backend)
    assert result.answer == "Too late." and not result.stopped_by
    assert [s["text"] for s in sink.steps()] == ["Too late."]
    assert "first_reading" not in result.marks

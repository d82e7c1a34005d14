"""A model call with a deadline: a backend that never stops is cut, with a clear
failure that keeps what the model wrote; a valid reply in time is returned.
Steps go to a ListSink (no database)."""

import itertools

import pytest
from pydantic import BaseModel

from core.reasoning.deltas import Delta
from core.reasoning.llm import LLMBackend
from core.reasoning.structured import ModelTimeout, StructuredOutputError, generate_structured
from core.steps.events import UsageReported


class Answer(BaseModel):
    text: str


class Endless(LLMBackend):
    """Writes forever (what a stuck decoder looks like from outside)."""

    model_name = "endless"

    def __init__(self):
        super().__init__()
        self.closed = 0

    def stream(self, messages, **kwargs):
        try:
            yield Delta("answer", '{"text": "')
            while True:
                yield Delta("answer", "la ")
        finally:
            self.closed += 1


class Replies(LLMBackend):
    model_name = "replies"

    def __init__(self, *replies):
        super().__init__()
        self.replies, self.calls = list(replies), 0

    def stream(self, messages, **kwargs):
        self.calls += 1
        yield Delta("answer", self.replies.pop(0))


class Clock:
    """One second passes at every reading."""

    def __init__(self):
        self.ticks = itertools.count()

    def __call__(self) -> float:
        return float(next(self.ticks))


def test_a_call_that_never_ends_is_cut_at_the_deadline_and_keeps_its_text(steps, sink):
    backend = Endless()
    with pytest.raises(ModelTimeout) as caught:
        generate_structured(
            steps,
            prompt="Say something.",
            schema=Answer,
            step_title="Something",
            timeout_s=20,
            backend=backend,
            clock=Clock(),
        )
    assert isinstance(caught.value, StructuredOutputError)  # callers' fallbacks catch it
    assert "no valid reply within 20 s" in caught.value.message
    assert caught.value.partial.startswith('{"text": "la la')
    assert backend.closed == 1  # the model is released for the next call
    [answer] = sink.steps()
    assert (answer["kind"], answer["title"]) == ("structured", "Something")
    assert answer["status"] == "failed" and answer["text"].startswith('{"text": "la')
    assert "ran out" in answer["data"]["error"]
    [call] = [e for e in sink.events if isinstance(e, UsageReported)]  # the cut call is reported
    assert call.model_name == "endless"


def test_no_call_starts_once_the_time_is_spent(steps, sink):
    backend = Replies('{"text": "hello"}')
    with pytest.raises(ModelTimeout):
        generate_structured(
            steps, prompt="p", schema=Answer, step_title="t", timeout_s=0, backend=backend
        )
    assert backend.calls == 0 and sink.steps() == []


def test_a_reply_in_time_is_validated_and_repaired_once(steps, sink):
    backend = Replies('{"words": 1}', 'Here: {"text": "hello"}')
    value = generate_structured(
        steps, prompt="p", schema=Answer, step_title="t", timeout_s=60, backend=backend
    )
    assert value == Answer(text="hello") and backend.calls == 2
    assert [(s["kind"], s["title"], s["status"]) for s in sink.steps()] == [
        ("structured", "t", "succeeded"),
        ("validation", "t: output did not validate", "failed"),
        ("structured", "t (repair attempt)", "succeeded"),
    ]


def test_two_invalid_replies_are_a_structured_failure_not_a_timeout(steps):
    backend = Replies("no", "still no")
    with pytest.raises(StructuredOutputError) as caught:
        generate_structured(
            steps, prompt="p", schema=Answer, step_title="t", timeout_s=60, backend=backend
        )
    assert not isinstance(caught.value, ModelTimeout) and caught.value.partial == "still no"

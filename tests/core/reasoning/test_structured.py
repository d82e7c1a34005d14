"""Structured output: validated with pydantic, one repair attempt, then a clear error.
Steps go to a ListSink (no database)."""

import json
from typing import Annotated

import pytest
from pydantic import BaseModel, Field, StringConstraints

from core.reasoning import llm as llm_module
from core.reasoning.structured import (
    StructuredOutputError,
    extract_json,
    generate_structured,
    json_char_bound,
)
from core.steps.events import UsageReported
from tests.fakes.vllm import FakeVLLM, Script, install_backend


class Finding(BaseModel):
    rule: str
    passed: bool


class Sequenced(FakeVLLM):
    """Answers each request with the next script."""

    def __init__(self, scripts):
        super().__init__(scripts[0])
        self.scripts = scripts

    def chunks(self, body):
        self.script = self.scripts[min(len(self.requests) - 1, len(self.scripts) - 1)]
        return super().chunks(body)


@pytest.fixture(autouse=True)
def forget_backend():
    yield
    llm_module.reset_llm()


def test_a_valid_reply_is_returned_as_the_model(steps, sink):
    with FakeVLLM(
        Script(reasoning=["Door is 0.9 m."], content=['{"rule": "door width", ', '"passed": true}'])
    ) as fake:
        install_backend(fake)
        finding = generate_structured(
            steps, prompt="Check the door.", schema=Finding, step_title="Finding"
        )
    assert finding == Finding(rule="door width", passed=True)
    assert (
        fake.requests[0]["response_format"]["json_schema"]["schema"] == Finding.model_json_schema()
    )
    recorded = sink.steps()
    assert [(s["kind"], s["title"], s["status"]) for s in recorded] == [
        ("reasoning", "Reasoning", "succeeded"),
        ("structured", "Finding", "succeeded"),
    ]
    assert recorded[0]["text"] == "Door is 0.9 m."
    assert recorded[1]["text"] == '{"rule": "door width", "passed": true}'
    [call] = [e for e in sink.events if isinstance(e, UsageReported)]
    assert call.model_name == fake.model


def test_an_invalid_reply_is_repaired_once(steps, sink):
    scripts = [
        Script(content=['{"rule": "door width"}']),
        Script(content=['```json\n{"rule": "door width", "passed": false}\n```']),
    ]
    with Sequenced(scripts) as fake:
        install_backend(fake)
        finding = generate_structured(
            steps, prompt="Check the door.", schema=Finding, step_title="Finding"
        )
    assert finding.passed is False and len(fake.requests) == 2
    assert "passed" in fake.requests[1]["messages"][0]["content"]  # the errors go back to the model
    assert [(s["kind"], s["title"], s["status"]) for s in sink.steps()] == [
        ("structured", "Finding", "succeeded"),
        ("validation", "Finding: output did not validate", "failed"),
        ("structured", "Finding (repair attempt)", "succeeded"),
    ]
    [check] = [s for s in sink.steps() if s["kind"] == "validation"]
    assert check["data"]["errors"][0]["loc"] == ["passed"] and check["data"]["attempt"] == 1
    assert len([e for e in sink.events if isinstance(e, UsageReported)]) == 2


def test_two_invalid_replies_raise_with_the_partial_output_and_errors(steps, sink):
    with FakeVLLM(Script(content=["not json at all"])) as fake:
        install_backend(fake)
        with pytest.raises(StructuredOutputError) as caught:
            generate_structured(
                steps, prompt="Check the door.", schema=Finding, step_title="Finding"
            )
    assert caught.value.partial == "not json at all" and caught.value.errors
    assert len(fake.requests) == 2
    checks = [s for s in sink.steps() if s["kind"] == "validation"]
    assert [c["data"]["attempt"] for c in checks] == [1, 2]
    assert {c["status"] for c in checks} == {"failed"}


def test_a_raw_newline_inside_a_string_is_kept_not_sent_for_repair(steps, sink):
    # llama-cpp-python's grammar for a schema lets a string hold a raw newline.
    with FakeVLLM(Script(content=['{"rule": "door\nwidth", "passed": true}'])) as fake:
        install_backend(fake)
        finding = generate_structured(
            steps, prompt="Check the door.", schema=Finding, step_title="Finding"
        )
    assert finding.rule == "door\nwidth" and len(fake.requests) == 1
    assert "validation" not in [s["kind"] for s in sink.steps()]


def test_a_cut_reply_is_reported_as_invalid_json(steps, sink):
    with FakeVLLM(Script(content=['{"rule": "door wi'])) as fake:
        install_backend(fake)
        with pytest.raises(StructuredOutputError) as caught:
            generate_structured(
                steps, prompt="Check the door.", schema=Finding, step_title="Finding"
            )
    assert caught.value.errors[0]["msg"].startswith("Invalid JSON")
    first = next(s for s in sink.steps() if s["kind"] == "validation")
    assert first["data"]["errors"][0]["msg"].startswith("Invalid JSON")


def test_json_is_found_inside_prose_or_fences():
    assert extract_json('Here: ```json\n{"a": 1}\n``` done') == '{"a": 1}'
    assert extract_json('Sure! {"a": {"b": 2}} Hope this helps') == '{"a": {"b": 2}}'


Short = Annotated[str, StringConstraints(max_length=12)]


class Bounded(BaseModel):
    name: Short
    count: int
    ok: bool
    tags: list[Short] = Field(max_length=3)


def test_the_char_bound_holds_the_longest_reply_the_schema_allows():
    longest = Bounded(name="x" * 12, count=-(10**15), ok=False, tags=["y" * 12] * 3)
    reply = json.dumps(longest.model_dump(), separators=(", ", ": "))
    bound = json_char_bound(Bounded.model_json_schema())
    assert len(reply) <= bound <= 2 * len(reply)


def test_an_unbounded_schema_has_no_char_bound():
    assert json_char_bound(Finding.model_json_schema()) is None


def test_a_bounded_schema_caps_the_tokens_asked_for(steps):
    with FakeVLLM(Script(content=['{"name": "a", "count": 1, "ok": true, "tags": []}'])) as fake:
        install_backend(fake)
        generate_structured(steps, prompt="Fill it.", schema=Bounded, step_title="Bounded")
    assert fake.requests[0]["max_tokens"] == json_char_bound(Bounded.model_json_schema())

"""Structured output: validated with pydantic, one repair attempt, then a clear error."""

import pytest
from pydantic import BaseModel

from core.reasoning import llm as llm_module
from core.reasoning.llm import OpenAICompatibleBackend
from core.reasoning.structured import StructuredOutputError, extract_json, generate_structured
from core.runs.models import Run
from tests.fakes.vllm import FakeVLLM, Script

pytestmark = pytest.mark.postgres


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


@pytest.fixture
def run(cast):
    return Run.objects.create(
        user=cast["engineer"], kind="tests.structured", status=Run.Status.RUNNING
    )


def use(fake):
    llm_module._backend = OpenAICompatibleBackend(
        base_url=fake.base_url, model=fake.model, api_key="k", timeout_s=5
    )


@pytest.fixture(autouse=True)
def forget_backend():
    yield
    llm_module.reset_llm()


def test_a_valid_reply_is_returned_as_the_model(run):
    with FakeVLLM(
        Script(reasoning=["Door is 0.9 m."], content=['{"rule": "door width", ', '"passed": true}'])
    ) as fake:
        use(fake)
        finding = generate_structured(
            run, prompt="Check the door.", schema=Finding, step_title="Finding"
        )
    assert finding == Finding(rule="door width", passed=True)
    assert (
        fake.requests[0]["response_format"]["json_schema"]["schema"] == Finding.model_json_schema()
    )
    assert list(run.steps.values_list("kind", flat=True)) == ["reasoning", "structured"]


def test_an_invalid_reply_is_repaired_once(run):
    scripts = [
        Script(content=['{"rule": "door width"}']),
        Script(content=['```json\n{"rule": "door width", "passed": false}\n```']),
    ]
    with Sequenced(scripts) as fake:
        use(fake)
        finding = generate_structured(
            run, prompt="Check the door.", schema=Finding, step_title="Finding"
        )
    assert finding.passed is False and len(fake.requests) == 2
    assert "passed" in fake.requests[1]["messages"][0]["content"]  # the errors go back to the model
    assert run.steps.get(kind="validation").data["errors"][0]["loc"] == ["passed"]


def test_two_invalid_replies_raise_with_the_partial_output_and_errors(run):
    with FakeVLLM(Script(content=["not json at all"])) as fake:
        use(fake)
        with pytest.raises(StructuredOutputError) as caught:
            generate_structured(run, prompt="Check the door.", schema=Finding, step_title="Finding")
    assert caught.value.partial == "not json at all" and caught.value.errors
    assert len(fake.requests) == 2


def test_json_is_found_inside_prose_or_fences():
    assert extract_json('Here: ```json\n{"a": 1}\n``` done') == '{"a": 1}'
    assert extract_json('Sure! {"a": {"b": 2}} Hope this helps') == '{"a": {"b": 2}}'

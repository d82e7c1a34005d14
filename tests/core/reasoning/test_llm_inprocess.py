"""The in-process llama.cpp backend with the real bundled model (short, fixed seed)."""

import json

import pytest
from pydantic import BaseModel

from core.reasoning import llm as llm_module
from core.reasoning.llm import get_llm

pytestmark = pytest.mark.slow

PROMPT = [{"role": "user", "content": "Name one vegetable."}]


@pytest.fixture(scope="module")
def backend():
    llm_module.reset_llm()
    yield get_llm()
    llm_module.reset_llm()


def test_the_bundled_model_streams_an_answer_with_usage(backend):
    deltas = list(backend.stream(PROMPT, max_tokens=16, seed=7))
    said = [d for d in deltas if d.kind != "reading"]  # reading: the prompt, slice by slice
    assert said and {d.kind for d in said} == {"answer"}  # SmolLM2 does not think
    assert "".join(d.text for d in said).strip()
    usage = backend.last_usage
    assert 0 < usage.completion_tokens <= 16 and usage.prompt_tokens > 5
    assert usage.finish_reason in {"stop", "length"}
    assert get_llm() is backend  # one per process
    assert backend.model_name.startswith("SmolLM2-135M-Instruct")


def test_a_fixed_seed_gives_the_same_text(backend):
    first = "".join(d.text for d in backend.stream(PROMPT, max_tokens=12, seed=11))
    second = "".join(d.text for d in backend.stream(PROMPT, max_tokens=12, seed=11))
    assert first == second


def test_a_json_schema_constrains_the_output_with_a_grammar(backend):
    class Vegetable(BaseModel):
        name: str
        colour: str

    text = "".join(
        d.text
        for d in backend.stream(
            [{"role": "user", "content": "Describe a carrot as JSON with name and colour."}],
            max_tokens=48,
            seed=7,
            json_schema=Vegetable.model_json_schema(),
        )
    )
    Vegetable.model_validate(json.loads(text))


def test_the_cap_on_tokens_is_honoured(backend, settings):
    settings.LLM_MAX_TOKENS = 20
    list(
        backend.stream(
            [{"role": "user", "content": "Write a long story about rice."}], max_tokens=500, seed=3
        )
    )
    assert backend.last_usage.completion_tokens <= 20


def test_a_long_prompt_is_read_in_slices_then_found_cached_by_the_completion(backend):
    from core.reasoning.backends.llamacpp import READ_SLICE, _chat_tokens

    long = [{"role": "user", "content": "Sources: " + "The onion price rose. " * 120}]
    deltas = list(backend.stream(long, max_tokens=4, seed=7))
    kinds = [d.kind for d in deltas]
    tokens = _chat_tokens(backend._llama, long)
    assert len(tokens) > 3 * READ_SLICE
    assert kinds.count("reading") == -(-(len(tokens) - 1) // READ_SLICE)
    assert kinds.index("answer") > kinds.index("reading")  # read before a word is sampled
    # what was read is exactly the prompt the chat template gave the completion
    assert list(backend._llama._input_ids[: len(tokens)]) == tokens

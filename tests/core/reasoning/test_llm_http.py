"""The OpenAI-compatible backend against a local server speaking vLLM's wire format."""

import socket

import pytest

from core.reasoning.llm import (
    LLMProtocolError,
    LLMTimeout,
    LLMUnavailable,
    OpenAICompatibleBackend,
)
from tests.fakes.vllm import FakeVLLM, Script

R1 = "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"


def backend_for(fake, model=R1, timeout_s=10.0):
    return OpenAICompatibleBackend(
        base_url=fake.base_url, model=model, api_key="k", timeout_s=timeout_s
    )


def collect(backend, **kwargs):
    deltas = list(
        backend.stream([{"role": "user", "content": "Is rice cheaper this week?"}], **kwargs)
    )
    return (
        "".join(d.text for d in deltas if d.kind == "reasoning"),
        "".join(d.text for d in deltas if d.kind == "answer"),
    )


@pytest.mark.parametrize("field", ["reasoning", "reasoning_content", "both", "both_null_old"])
def test_reasoning_arrives_from_every_field_vllm_has_used(field):
    script = Script(
        reasoning=["Prices ", "fell ", "by 3%."],
        content=["Yes", ", slightly [1]."],
        reasoning_field=field,
    )
    with FakeVLLM(script) as fake:
        backend = backend_for(fake)
        assert collect(backend) == ("Prices fell by 3%.", "Yes, slightly [1].")
    assert backend.last_usage.completion_tokens == 5
    assert backend.last_usage.prompt_tokens == script.prompt_tokens
    assert backend.last_usage.finish_reason == "stop"


def test_each_call_uses_r1_sampling_and_no_system_prompt(settings):
    settings.LLM_MAX_TOKENS = 300
    with FakeVLLM(Script(content=["ok"])) as fake:
        backend = backend_for(fake)
        list(
            backend.stream(
                [
                    {"role": "system", "content": "Be brief."},
                    {"role": "user", "content": "Hi"},
                    {"role": "assistant", "content": "<think>secret</think>Hello"},
                    {"role": "user", "content": "Again"},
                ],
                max_tokens=5000,
            )
        )
    sent = fake.requests[0]
    assert sent["temperature"] == 0.6 and sent["top_p"] == 0.95
    assert sent["max_tokens"] == 300  # capped by the setting
    assert sent["stream"] is True and sent["stream_options"] == {"include_usage": True}
    assert [m["role"] for m in sent["messages"]] == ["user", "assistant", "user"]
    assert sent["messages"][0]["content"].startswith("Be brief.")
    assert "secret" not in str(sent["messages"])  # reasoning is never sent back


def test_inline_think_tags_split_across_chunks_are_separated():
    script = Script(
        reasoning_field=None,
        reasoning=["<th", "ink>\nWe", "igh it</th"],
        content=["ink>\n\nSell", " now."],
    )
    with FakeVLLM(script, model="some-chat-model") as fake:
        assert collect(backend_for(fake, model="some-chat-model")) == ("Weigh it", "Sell now.")


def test_a_missing_opening_tag_from_an_r1_model_is_still_reasoning():
    script = Script(reasoning_field=None, reasoning=["Weigh", " it</", "think>"], content=["Hold."])
    with FakeVLLM(script) as fake:
        assert collect(backend_for(fake)) == ("Weigh it", "Hold.")


def test_a_thinking_model_cut_by_the_token_cap_keeps_its_reasoning():
    script = Script(
        reasoning_field=None, reasoning=["<think>", "Still weighing"], finish_reason="length"
    )
    with FakeVLLM(script) as fake:
        backend = backend_for(fake)
        assert collect(backend) == ("Still weighing", "")
    assert backend.last_usage.finish_reason == "length"


def test_a_json_schema_asks_for_guided_decoding():
    schema = {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}
    with FakeVLLM(Script(content=['{"ok": true}'])) as fake:
        collect(backend_for(fake), json_schema=schema)
    assert fake.requests[0]["response_format"]["type"] == "json_schema"
    assert fake.requests[0]["response_format"]["json_schema"]["schema"] == schema


def test_a_server_that_is_down_gives_a_clear_sentence():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    backend = OpenAICompatibleBackend(
        base_url=f"http://127.0.0.1:{port}/v1", model=R1, api_key="k", timeout_s=3
    )
    with pytest.raises(LLMUnavailable, match="cannot be reached"):
        collect(backend)


def test_a_server_error_gives_a_clear_sentence():
    with FakeVLLM(Script(status=500)) as fake, pytest.raises(LLMUnavailable, match="HTTP 500"):
        collect(backend_for(fake))


def test_a_model_name_the_server_does_not_serve_names_the_setting():
    """vLLM answers 404 for a model it does not serve (a typo in OPENKITCHEN_LLM_MODEL)."""
    with FakeVLLM(Script()) as fake:
        with pytest.raises(LLMUnavailable) as caught:
            collect(backend_for(fake, model="deepseek-r1-typo"))
    message = str(caught.value)
    assert "deepseek-r1-typo" in message and "OPENKITCHEN_LLM_MODEL" in message, message
    assert len(fake.requests) == 1, "a 404 is not retried"


def stream_until_error(backend):
    got = []
    with pytest.raises(Exception) as caught:
        for delta in backend.stream([{"role": "user", "content": "q"}]):
            got.append(delta.text)
    return "".join(got), caught.value


def test_a_stream_that_stalls_times_out_and_keeps_what_came():
    script = Script(reasoning=["a", "b", "c"], content=["d"], stall_after=2, stall_s=5)
    with FakeVLLM(script) as fake:
        partial, error = stream_until_error(backend_for(fake, timeout_s=1))
    assert isinstance(error, LLMTimeout) and "did not answer" in str(error)
    assert partial == "ab"


def test_a_connection_dropped_mid_stream_is_reported():
    with FakeVLLM(Script(reasoning=["a", "b", "c"], content=["d"], drop_after=2)) as fake:
        partial, error = stream_until_error(backend_for(fake))
    assert isinstance(error, LLMUnavailable) and "closed the connection" in str(error)
    assert partial == "ab"


def test_a_malformed_chunk_is_reported():
    with FakeVLLM(Script(reasoning=["a", "b"], content=["c"], malformed_at=2)) as fake:
        partial, error = stream_until_error(backend_for(fake))
    assert isinstance(error, LLMProtocolError) and "malformed" in str(error)
    assert partial == "a"


def test_the_client_gets_the_sdks_own_timeout_and_answers_through_it():
    # openai 3.x runs on httpx2 and refuses httpx.Timeout: the backend must hand the
    # installed SDK its own type, with the connect limit kept apart from the read limit.
    import openai

    with FakeVLLM(Script(reasoning=["Checked."], content=["Yes [1]."])) as fake:
        backend = backend_for(fake, timeout_s=30.0)
        timeout = backend.client.timeout
        assert isinstance(timeout, openai.Timeout)
        assert (timeout.connect, timeout.read) == (10.0, 30.0)
        assert collect(backend)[1] == "Yes [1]."
        backend.close()
        assert backend.client.is_closed()
        backend.close()  # twice is fine

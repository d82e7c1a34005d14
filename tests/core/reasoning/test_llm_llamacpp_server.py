"""The HTTP backend against llama-cpp-python's own OpenAI-compatible server process."""

import socket
import subprocess
import sys
import time

import httpx
import pytest
from pydantic import BaseModel

from core.bundled import bundled_gguf_path
from core.reasoning.llm import OpenAICompatibleBackend

pytestmark = pytest.mark.slow


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    log = (tmp_path_factory.mktemp("llama-server") / "log.txt").open(
        "w+"
    )  # a pipe would fill and block it
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(bundled_gguf_path()),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_threads",
            "2",
            "--n_ctx",
            "2048",
            "--seed",
            "7",
            "--verbose",
            "False",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx.get(f"{base}/models", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    else:
        proc.kill()
        log.seek(0)
        pytest.fail("llama_cpp.server did not start: " + log.read()[-2000:])
    yield base
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


def test_the_http_backend_streams_from_llama_cpp_server(server):
    backend = OpenAICompatibleBackend(
        base_url=server, model="SmolLM2-135M-Instruct", api_key="", timeout_s=60
    )
    deltas = list(
        backend.stream([{"role": "user", "content": "Name one fruit."}], max_tokens=16, seed=7)
    )
    assert deltas and {d.kind for d in deltas} == {"answer"}
    assert "".join(d.text for d in deltas).strip()
    assert backend.last_usage.finish_reason in {"stop", "length"}


def test_schema_constrained_output_works_on_llama_cpp_server(server):
    class Fruit(BaseModel):
        name: str

    backend = OpenAICompatibleBackend(
        base_url=server, model="SmolLM2-135M-Instruct", api_key="", timeout_s=60
    )
    text = "".join(
        d.text
        for d in backend.stream(
            [{"role": "user", "content": "Give a fruit as JSON with a name."}],
            max_tokens=40,
            seed=7,
            json_schema=Fruit.model_json_schema(),
        )
    )
    Fruit.model_validate_json(text)

"""A local stand-in for a vLLM GPU server (the one thing that cannot run here).

It speaks vLLM's OpenAI-compatible wire format: ``POST /v1/chat/completions``
with ``stream: true`` answers ``text/event-stream`` over chunked HTTP/1.1, one
``data: {chat.completion.chunk}`` per token, the chain of thought in the
delta's ``reasoning`` field (vLLM's deepseek_r1 parser since late 2025) or
``reasoning_content`` (before; both during the transition), then content
deltas, a finish chunk, a usage chunk when ``stream_options.include_usage``,
and ``data: [DONE]``. A ``Script`` says what to send and which fault to
inject; every request body is recorded for assertions.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Script:
    reasoning: list[str] = field(default_factory=list)
    content: list[str] = field(default_factory=list)
    reasoning_field: str | None = "reasoning"  # "reasoning_content", "both", "both_null_old", None
    finish_reason: str = "stop"
    delay_s: float = 0.0  # between chunks
    drop_after: int | None = None  # close the connection after this many token chunks
    stall_after: int | None = None  # stop sending (keep the socket open) after this many
    stall_s: float = 30.0
    malformed_at: int | None = None  # send a broken JSON line instead of this chunk
    status: int = 200
    prompt_tokens: int = 17


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # clients that go away (a killed worker, a closed stream) are not errors here
        pass


class FakeVLLM:
    def __init__(
        self, script: Script | None = None, model: str = "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"
    ):
        self.script = script or Script()
        self.model = model
        self.requests: list[dict] = []
        self.first_token_sent_at: float | None = None  # time.time() of the first token chunk
        self.server = _QuietServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> FakeVLLM:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- the wire format ----------------------------------------------------------
    def chunks(self, body: dict) -> list[dict]:
        s, cid, created = self.script, f"chatcmpl-{uuid.uuid4().hex}", int(time.time())

        def chunk(delta, finish=None, **extra):
            choice = {
                "index": 0,
                "delta": delta,
                "logprobs": None,
                "finish_reason": finish,
                **extra,
            }
            return {
                "id": cid,
                "object": "chat.completion.chunk",
                "created": created,
                "model": self.model,
                "choices": [choice],
            }

        out = [chunk({"role": "assistant", "content": ""})]
        for piece in s.reasoning:
            if s.reasoning_field == "both":
                out.append(chunk({"reasoning": piece, "reasoning_content": piece}))
            elif s.reasoning_field == "both_null_old":
                out.append(chunk({"reasoning": piece, "reasoning_content": None}))
            elif s.reasoning_field:
                out.append(chunk({s.reasoning_field: piece}))
            else:  # no reasoning parser: R1's thinking arrives inline in the content
                out.append(chunk({"content": piece}))
        out += [chunk({"content": piece}) for piece in s.content]
        out.append(chunk({"content": ""}, s.finish_reason, stop_reason=None))
        if (body.get("stream_options") or {}).get("include_usage"):
            completion = len(s.reasoning) + len(s.content)
            out.append(
                {
                    "id": cid,
                    "object": "chat.completion.chunk",
                    "created": created,
                    "model": self.model,
                    "choices": [],
                    "usage": {
                        "prompt_tokens": s.prompt_tokens,
                        "completion_tokens": completion,
                        "total_tokens": s.prompt_tokens + completion,
                    },
                }
            )
        return out

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                pass

            def _json(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                if self.path.rstrip("/").endswith("/models"):
                    self._json(
                        200,
                        {
                            "object": "list",
                            "data": [
                                {
                                    "id": fake.model,
                                    "object": "model",
                                    "owned_by": "vllm",
                                    "max_model_len": 8192,
                                }
                            ],
                        },
                    )
                else:
                    self._json(
                        404,
                        {"error": {"message": "Not Found", "type": "NotFoundError", "code": 404}},
                    )

            def do_POST(self):
                body = json.loads(
                    self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}"
                )
                fake.requests.append(body)
                if body.get("model") != fake.model:  # as vLLM answers a model it does not serve
                    self._json(
                        404,
                        {
                            "object": "error",
                            "message": f"The model `{body.get('model')}` does not exist.",
                            "type": "NotFoundError",
                            "param": None,
                            "code": 404,
                        },
                    )
                    return
                if fake.script.status != 200:
                    self._json(
                        fake.script.status,
                        {
                            "error": {
                                "message": "engine error",
                                "type": "InternalServerError",
                                "code": fake.script.status,
                            }
                        },
                    )
                    return
                if not body.get("stream"):
                    self._whole(body)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream; charset=utf-8")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                self._stream(body)

            def _write_chunk(self, text: str):
                data = text.encode()
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()

            def _stream(self, body):
                s = fake.script
                for i, item in enumerate(fake.chunks(body)):
                    if s.drop_after is not None and i > s.drop_after:
                        self.close_connection = True
                        self.connection.shutdown(2)
                        return
                    if s.stall_after is not None and i > s.stall_after:
                        time.sleep(s.stall_s)
                        return
                    line = (
                        'data: {"id": "broken", "choices": [{\n\n'
                        if i == s.malformed_at
                        else (f"data: {json.dumps(item)}\n\n")
                    )
                    self._write_chunk(line)
                    if i == 1 and fake.first_token_sent_at is None:
                        fake.first_token_sent_at = time.time()
                    if s.delay_s:
                        time.sleep(s.delay_s)
                self._write_chunk("data: [DONE]\n\n")
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()

            def _whole(self, body):
                s = fake.script
                message = {"role": "assistant", "content": "".join(s.content)}
                if s.reasoning_field:
                    message["reasoning"] = "".join(s.reasoning)
                completion = len(s.reasoning) + len(s.content)
                self._json(
                    200,
                    {
                        "id": "chatcmpl-x",
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": fake.model,
                        "choices": [
                            {"index": 0, "message": message, "finish_reason": s.finish_reason}
                        ],
                        "usage": {
                            "prompt_tokens": s.prompt_tokens,
                            "completion_tokens": completion,
                            "total_tokens": s.prompt_tokens + completion,
                        },
                    },
                )

        return Handler


def install_backend(fake: FakeVLLM) -> None:
    """Make ``fake`` this process's model backend (``llm.reset_llm()`` undoes it)."""
    from core.reasoning import llm as llm_module
    from core.reasoning.llm import OpenAICompatibleBackend

    llm_module._backend = OpenAICompatibleBackend(
        base_url=fake.base_url, model=fake.model, api_key="k", timeout_s=5
    )


@contextmanager
def serving(script: Script):
    """A fake server for ``script``, installed as this process's model backend while
    the block runs (the backend the settings name comes back after it)."""
    from core.reasoning import llm as llm_module

    with FakeVLLM(script) as fake:
        install_backend(fake)
        try:
            yield fake
        finally:
            llm_module.reset_llm()

"""The vector store against a Chroma server that hangs, fails or restarts:
a sentence within seconds, never a hang; a restart is waited for."""

import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

from core.retrieval import SearchUnavailable, vectorstore


@pytest.fixture
def server_mode(settings):
    def point_at(url: str, **budgets):
        settings.CHROMA_URL = url
        settings.CHROMA_TIMEOUT_S = budgets.get("timeout", 0.5)
        settings.CHROMA_READ_RETRY_S = budgets.get("read", 1.0)
        settings.CHROMA_WRITE_RETRY_S = budgets.get("write", 1.0)
        vectorstore.forget_cached_clients()

    yield point_at
    vectorstore.forget_cached_clients()


def _vector():
    vector = np.zeros(384, dtype=np.float32)
    vector[0] = 1.0
    return vector


def test_a_chroma_server_that_never_answers_gives_a_sentence_not_a_hang(server_mode):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)  # accepts connections, never replies
    try:
        server_mode(f"http://127.0.0.1:{listener.getsockname()[1]}")
        started = time.monotonic()
        with pytest.raises(SearchUnavailable, match="search service is not answering"):
            vectorstore.search(_vector(), corpus_ids=[1], limit=3)
        assert time.monotonic() - started < 10
    finally:
        listener.close()


class _Failing(BaseHTTPRequestHandler):
    calls = 0

    def log_message(self, *args):
        pass

    def do_GET(self):
        type(self).calls += 1
        body = b'{"error": "InternalError", "message": "boom"}'
        self.send_response(500)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET


def test_a_chroma_server_answering_500_is_retried_then_reported(server_mode):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        server_mode(f"http://127.0.0.1:{server.server_address[1]}")
        with pytest.raises(SearchUnavailable):
            vectorstore.add(1, ids=[1], vectors=np.stack([_vector()]), texts=["t"], metadatas=[{}])
        assert _Failing.calls > 1, "a 500 is retried before giving up"
    finally:
        server.shutdown()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _chroma(folder: Path, port: int) -> subprocess.Popen:
    chroma = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(folder), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).is_success:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("chroma run did not start")


@pytest.mark.slow
def test_a_write_while_the_chroma_server_restarts_waits_for_it(server_mode, tmp_path):
    port = _free_port()
    server = _chroma(tmp_path / "chroma", port)
    try:
        server_mode(f"http://127.0.0.1:{port}", timeout=5, read=5, write=30)
        vectors = np.stack([_vector(), _vector()[::-1].copy()])
        vectorstore.add(7, ids=[1], vectors=vectors[:1], texts=["one"], metadatas=[{"n": 1}])
        server.terminate()
        server.wait(timeout=30)
        back = threading.Timer(2.0, lambda: servers.append(_chroma(tmp_path / "chroma", port)))
        servers: list[subprocess.Popen] = []
        back.start()
        # Written while the server is down: retried until it is back.
        vectorstore.add(7, ids=[2], vectors=vectors[1:], texts=["two"], metadatas=[{"n": 2}])
        back.join()
        found = vectorstore.search(vectors[1], corpus_ids=[7], limit=2)
        assert [chunk for chunk, _ in found] == [2, 1]
    finally:
        for proc in [server, *locals().get("servers", [])]:
            if proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=30)

"""The whole live path with real processes: a Celery worker streams a model
answer (the local vLLM stand-in) into steps while the ASGI server pushes them to
a browser-like client by server-sent events. Measures how long the first token
takes from the model server to the client (target: under 0.5 s)."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid

import httpx
import pytest
from django.db import connection

from core.celery import app
from core.runs.models import Run
from tests.conftest import REPO_ROOT
from tests.fakes.vllm import FakeVLLM, Script
from tests.workers import celery_worker_args, worker_env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored"),
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def spawn(args, env, log):
    return subprocess.Popen(
        [sys.executable, "-m", *args],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_tokens_reach_the_browser_live_by_server_sent_events(cast, client_for, settings, tmp_path):
    script = Script(
        reasoning=[f"thought {i} " for i in range(12)],
        content=["Sell ", "half ", "now."],
        delay_s=0.15,
    )
    with FakeVLLM(script) as fake:
        env = worker_env(
            settings.VAR_DIR.resolve(),
            OPENKITCHEN_DATABASE_URL=f"sqlite:///{connection.settings_dict['NAME']}",
            OPENKITCHEN_LLM_BACKEND="openai",
            OPENKITCHEN_LLM_BASE_URL=fake.base_url,
            OPENKITCHEN_LLM_MODEL=fake.model,
        )
        port = free_port()
        log = (tmp_path / "procs.log").open("w")
        web = spawn(
            ["uvicorn", "core.asgi:application", "--port", str(port), "--log-level", "warning"],
            env,
            log,
        )
        worker = spawn(celery_worker_args("live", extra=("-I", "tests.core.runs.kinds")), env, log)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                try:
                    httpx.get(f"{base}/healthz", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.3)
            session = client_for(cast["farmer"]).cookies["sessionid"].value
            run = Run.objects.create(
                user=cast["farmer"],
                kind="tests.generate",
                inputs={"prompt": "Sell?"},
                celery_task_id=uuid.uuid4().hex,
            )
            app.send_task(
                "core.runs.tasks.execute_run_task", args=[str(run.pk)], task_id=run.celery_task_id
            )
            events, first_token_at = [], None
            with httpx.stream(
                "GET",
                f"{base}/runs/{run.pk}/events",
                cookies={"sessionid": session},
                timeout=httpx.Timeout(120),
            ) as response:
                assert response.headers["content-type"].startswith("text/event-stream")
                name = None
                for line in response.iter_lines():
                    if line.startswith("event: "):
                        name = line[7:]
                    elif line.startswith("data: "):
                        data = json.loads(line[6:])
                        events.append((name, data))
                        if first_token_at is None and (
                            name == "text" or "thought 0" in data.get("html", "")
                        ):
                            first_token_at = time.time()
                        if name == "done":
                            break
        finally:
            stop(worker)
            stop(web)
            log.close()
    latency = first_token_at - fake.first_token_sent_at
    print(f"first token: model server -> browser in {latency * 1000:.0f} ms")
    assert events[-1] == ("done", {"status": "succeeded"})
    assert any(name == "text" for name, _ in events)  # text was appended live, not only at the end
    final = [data["html"] for name, data in events if name == "step"][-1]
    assert "Sell half now." in final
    assert latency < 2.0  # the target is 0.5 s; a loaded shared machine gets slack

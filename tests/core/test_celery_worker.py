"""A task executed by a real worker process, over Redis and over the embedded broker.

Both the sender and the worker run as separate processes with the same
environment, so each side reads the real settings.
"""

import os
import subprocess
import sys
import uuid

import pytest

from tests.conftest import REPO_ROOT
from tests.workers import spawn_worker, worker_env

pytestmark = pytest.mark.slow

SEND = """
from core.celery import app
result = app.send_task("core.ping", args=[{"token": "%s"}])
print(result.get(timeout=90))
"""


def redis_up():
    try:
        import redis

        return redis.Redis(host="127.0.0.1", port=6379, socket_timeout=1).ping()
    except Exception:
        return False


def run_round_trip(env_overrides, tmp_path):
    env = worker_env(tmp_path, **env_overrides)
    worker = spawn_worker("t", env)
    token = uuid.uuid4().hex
    try:
        sent = subprocess.run(
            [sys.executable, "-c", SEND % token],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=150,
        )
    finally:
        worker.terminate()
        worker_log = worker.communicate(timeout=30)[0]
    assert sent.returncode == 0, sent.stderr[-2000:] + worker_log[-2000:]
    reply = eval(sent.stdout.strip().splitlines()[-1])
    assert reply["echo"] == {"token": token}
    assert reply["pid"] == worker.pid or reply["pid"] != os.getpid()


@pytest.mark.skipif(not redis_up(), reason="Redis is not running on 127.0.0.1:6379")
def test_a_real_worker_runs_a_task_over_redis(tmp_path):
    run_round_trip({"OPENKITCHEN_BROKER_URL": "redis://127.0.0.1:6379/14"}, tmp_path)


def test_a_real_worker_runs_a_task_over_the_embedded_broker(tmp_path):
    run_round_trip({}, tmp_path)


def test_an_unreadable_message_does_not_stop_the_embedded_worker(tmp_path):
    # kombu's own transport stops the worker here ("Unrecoverable error: JSONDecodeError")
    queue = tmp_path / "broker" / "queue"
    queue.mkdir(parents=True)
    # "0_" sorts before any millisecond stamp: the worker meets it before the task
    (queue / "0_half-written.celery.msg").write_bytes(b"")
    run_round_trip({}, tmp_path)

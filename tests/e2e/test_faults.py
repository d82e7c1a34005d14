"""Faults with a real worker and a real Redis broker (our own redis-server on a
free port, so restarting it disturbs nobody): the broker restarting with runs
queued, the broker down when a person asks, the worker killed mid-run.

Targets: no run left "running" after its worker is gone; nothing a person
submitted lost without a message.
"""

import re
import shutil
import signal
import subprocess
import time

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import check_page
from tests.e2e.stack import LiveStack, free_port
from tests.fakes.vllm import FakeVLLM, Script

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed"),
]
FINISHED = re.compile(r"status-(succeeded|failed|cancelled)")


class RedisServer:
    """A throw-away redis-server with the production settings (append-only file)."""

    def __init__(self, folder):
        self.folder, self.port, self.proc = folder, free_port(), None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.folder),
                "--appendonly",
                "yes",
                "--save",
                "",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            ping = subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True
            )
            if ping.stdout.strip() == "PONG":
                return
            time.sleep(0.2)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # like a container stop: AOF is flushed
            self.proc.wait(timeout=20)

    def queued(self) -> int:
        out = subprocess.run(
            ["redis-cli", "-p", str(self.port), "llen", "celery"], capture_output=True, text=True
        ).stdout.strip()
        return int(out or 0)


@pytest.fixture(scope="module")
def slow_r1():
    """An LLM server that thinks slowly: long enough to kill a worker mid-stream."""
    words = [f"step {i} of a long thought. " for i in range(300)]
    with FakeVLLM(Script(reasoning=words, content=["Done [1]."], delay_s=0.1)) as fake:
        yield fake


@pytest.fixture(scope="module")
def redis(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def stack(tmp_path_factory, redis, slow_r1):
    live = LiveStack(
        tmp_path_factory.mktemp("e2e-faults"),
        env={
            "OPENKITCHEN_BROKER_URL": redis.url,
            "OPENKITCHEN_RESULT_BACKEND": redis.url,
            "OPENKITCHEN_LLM_BACKEND": "openai",
            "OPENKITCHEN_LLM_BASE_URL": slow_r1.base_url,
            "OPENKITCHEN_LLM_MODEL": slow_r1.model,
            # A dead worker is noticed after 6 s without a heartbeat (production: 90 s).
            "OPENKITCHEN_RUN_HEARTBEAT_S": "1",
            "OPENKITCHEN_RUN_STALE_AFTER_S": "6",
        },
    ).start()
    live.add_corpus("grain-notes", ["farmer"], {"grain.md": "# Grain\n\nKeep it dry and sealed."})
    yield live
    live.stop()


@pytest.fixture
def viewport():
    return "desktop"  # faults are about the server; one width is enough


def ask(page, question: str) -> None:
    page.goto("/ask/")
    page.get_by_label("Your question").fill(question)
    page.get_by_role("button", name="Ask", exact=True).click()


def run_status(page) -> str:
    return page.locator("#run-header .badge").get_attribute("class") or ""


def wait_until_finished(page, timeout_s: float) -> str:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        page.reload()
        status = run_status(page)
        if FINISHED.search(status):
            return status
        page.wait_for_timeout(1500)
    raise AssertionError(f"the run did not end in {timeout_s} s: {page.inner_text('#run-header')}")


def stop_worker(stack, sig=signal.SIGTERM) -> None:
    if stack.worker is not None and stack.worker.poll() is None:
        stack.worker.send_signal(sig)
        stack.worker.wait(timeout=30)
    stack.worker = None


@pytest.fixture
def quick_r1(slow_r1):
    """The same server answering at once, for a fault that is not about the model
    (the slow thought is 30 s that only the killed-worker test needs)."""
    slow = slow_r1.script
    slow_r1.script = Script(reasoning=["Dry grain keeps."], content=["Keep it dry [1]."])
    yield slow_r1
    slow_r1.script = slow


def test_runs_queued_while_the_broker_restarts_still_run(
    page, stack, redis, sign_in, screens, quick_r1
):
    stop_worker(stack)
    sign_in(page, "farmer")
    ask(page, "How dry must grain be? (queued across a broker restart)")
    expect(page).to_have_url(re.compile(r"/runs/[0-9a-f-]{36}/$"))
    expect(page.locator("#run-header")).to_contain_text("Queued")
    assert redis.queued() >= 1, "the run should be waiting in Redis"
    redis.stop()
    redis.start()
    assert redis.queued() >= 1, "the queued run was lost in the broker restart"
    stack.start_worker()
    status = wait_until_finished(page, 240)
    assert "status-succeeded" in status or page.locator(".run-error").count()
    check_page(page, screens, "after-restart")


LATEST_RUN = (
    "from core.runs.models import Run\n"
    "run = Run.objects.filter(user__username='farmer').order_by('-created_at').first()\n"
    "print(run.status if run else 'none', run.error[:80] if run else '')\n"
)


def test_a_question_asked_while_the_broker_is_down_is_not_lost_silently(
    page, guard, stack, redis, sign_in, screens
):
    stack.start_worker()
    sign_in(page, "farmer")
    before = stack.shell(LATEST_RUN)
    page.goto("/ask/")
    page.get_by_label("Your question").fill("Is my question kept when the queue is down?")
    page.set_default_timeout(130_000)  # measure the wait rather than give up on it
    redis.stop()
    try:
        started = time.monotonic()
        with guard.expecting(500, "/ask/"), page.expect_navigation() as navigation:
            page.get_by_role("button", name="Ask", exact=True).click()
        waited, status = time.monotonic() - started, navigation.value.status
        screens(page, "broker-down")
    finally:
        redis.start()
    problems = []
    if waited > 15:
        problems.append(f"the person waited {waited:.0f} s for an answer")
    if status >= 500:
        problems.append(f"HTTP {status} instead of a message")
    # Once the broker is back, the question must run, or end failed with a reason.
    deadline, latest = time.monotonic() + 120, before
    while time.monotonic() < deadline:
        latest = stack.shell(LATEST_RUN)
        if latest != before and not latest.startswith(("queued", "running")):
            break
        time.sleep(5)
    if latest.startswith(("queued", "running")):
        problems.append(f"the run stays '{latest.split()[0]}' after the broker is back")
    assert not problems, "; ".join(problems) + f" (latest run: {latest.strip()})"


def test_a_killed_worker_leaves_a_failed_run_with_a_reason_not_a_running_one(
    page, stack, sign_in, screens
):
    stack.start_worker()
    sign_in(page, "farmer")
    ask(page, "How should I keep my grain?")  # the notes answer it: the model is asked
    expect(page).to_have_url(re.compile(r"/runs/[0-9a-f-]{36}/$"))
    expect(page.locator(".step-reasoning .reasoning-text")).not_to_be_empty(timeout=180_000)
    stop_worker(stack, signal.SIGKILL)  # the worker dies mid-stream: no clean-up code runs
    status = wait_until_finished(page, 60)
    assert "status-failed" in status
    expect(page.locator(".run-error")).to_contain_text("stopped without finishing")
    expect(page.locator(".step-reasoning .reasoning-text")).to_contain_text("step 0 of a long")
    check_page(page, screens, "worker-killed")

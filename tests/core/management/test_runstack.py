import subprocess
import sys

from core.management.commands.runstack import stack_commands, stop_all


def test_the_stack_is_a_worker_beat_and_the_web_server_on_the_asked_address(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    worker, beat, web = stack_commands("py", "0.0.0.0", 8123, 3)
    assert worker[:6] == ["py", "-m", "celery", "-A", "core", "worker"]
    assert worker[worker.index("--concurrency") + 1] == "3"
    assert beat[5] == "beat" and beat[beat.index("--schedule") + 1] == str(
        tmp_path / "celerybeat-schedule"
    )
    assert web[2] == "uvicorn"
    assert web[web.index("--host") + 1] == "0.0.0.0" and web[web.index("--port") + 1] == "8123"


def test_a_process_that_ignores_the_stop_signal_is_killed():
    stubborn = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
            "print('ready', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert stubborn.stdout.readline().strip() == "ready"
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    stop_all([stubborn, finished], timeout_s=0.5)
    assert stubborn.wait(timeout=5) == -9  # SIGKILL, after SIGTERM was ignored
    stubborn.stdout.close()

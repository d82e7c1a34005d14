"""Start the web server, a real Celery worker and Celery beat (the scheduled jobs,
e.g. today's Agmarknet prices when a key is set) together; Ctrl-C stops them all."""

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


def stack_commands(python: str, host: str, port: int, concurrency: int) -> list[list[str]]:
    """The command lines of the worker, beat and the web server, in that order."""
    celery = [python, "-m", "celery", "-A", "core"]
    schedule = str(settings.VAR_DIR / "celerybeat-schedule")
    return [
        celery
        + ["worker", "--loglevel", "INFO", "--concurrency", str(concurrency)]
        + ["--without-gossip", "--without-mingle"],
        celery + ["beat", "--loglevel", "WARNING", "--schedule", schedule],
        [python, "-m", "uvicorn", "core.asgi:application", "--host", host, "--port", str(port)]
        + ["--log-level", "warning"],
    ]


def stop_all(procs: list[subprocess.Popen], timeout_s: float = 20) -> None:
    """Ask every process still running to stop, then kill those that do not in time."""
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()


class Command(BaseCommand):
    help = "Run the web server (uvicorn, ASGI), a Celery worker and Celery beat until interrupted."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--concurrency", type=int, default=2)

    def handle(self, *args, host, port, concurrency, **options):
        commands = stack_commands(sys.executable, host, port, concurrency)
        procs = [subprocess.Popen(command) for command in commands]
        self.stdout.write(self.style.SUCCESS(f"OpenKitchen is running at http://{host}:{port}/"))
        self.stdout.write("Press Ctrl-C to stop the web server, the worker and beat.")
        try:
            while all(proc.poll() is None for proc in procs):
                time.sleep(0.5)
            self.stderr.write("A process exited; stopping the others.")
        except KeyboardInterrupt:
            self.stdout.write("Stopping…")
        finally:
            stop_all(procs)

"""Start the web server, a real Celery worker and Celery beat (the scheduled jobs,
e.g. today's Agmarknet prices when a key is set) together; Ctrl-C stops them all."""

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the web server (uvicorn, ASGI), a Celery worker and Celery beat until interrupted."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--concurrency", type=int, default=2)

    def handle(self, *args, host, port, concurrency, **options):
        python = sys.executable
        procs = [
            subprocess.Popen(
                [
                    python,
                    "-m",
                    "celery",
                    "-A",
                    "core",
                    "worker",
                    "--loglevel",
                    "INFO",
                    "--concurrency",
                    str(concurrency),
                    "--without-gossip",
                    "--without-mingle",
                ]
            ),
            subprocess.Popen(
                [
                    python,
                    "-m",
                    "celery",
                    "-A",
                    "core",
                    "beat",
                    "--loglevel",
                    "WARNING",
                    "--schedule",
                    str(settings.VAR_DIR / "celerybeat-schedule"),
                ]
            ),
            subprocess.Popen(
                [
                    python,
                    "-m",
                    "uvicorn",
                    "core.asgi:application",
                    "--host",
                    host,
                    "--port",
                    str(port),
                    "--log-level",
                    "warning",
                ]
            ),
        ]
        self.stdout.write(self.style.SUCCESS(f"OpenKitchen is running at http://{host}:{port}/"))
        self.stdout.write("Press Ctrl-C to stop the web server, the worker and beat.")
        try:
            while all(proc.poll() is None for proc in procs):
                time.sleep(0.5)
            self.stderr.write("A process exited; stopping the others.")
        except KeyboardInterrupt:
            self.stdout.write("Stopping…")
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.send_signal(signal.SIGTERM)
            for proc in procs:
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()

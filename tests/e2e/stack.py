"""A real OpenKitchen server for browser tests: uvicorn (and, when a journey needs
runs, a Celery worker) as separate processes over their own var dir.

Nothing is shared with the test process: the stack is migrated and seeded by
``manage.py`` in a clean environment (no ``OPENKITCHEN_*`` from the caller, so
the eager-tasks default of the test settings does not leak into the server).
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import REPO_ROOT
from tests.workers import celery_worker_args, worker_env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clean_env(var_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    return worker_env(var_dir, PYTHONUNBUFFERED="1", OPENBLAS_NUM_THREADS="1", **(extra or {}))


class LiveStack:
    """One server (and optionally one worker) over ``var_dir``; ``stop()`` ends both."""

    def __init__(self, var_dir: Path, env: dict[str, str] | None = None):
        self.var_dir = Path(var_dir)
        self.var_dir.mkdir(parents=True, exist_ok=True)
        self.env = clean_env(self.var_dir, env)
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.server: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None
        self.logins: dict[str, str] = {}

    # -- management commands, in the stack's environment -------------------
    def manage(
        self,
        *args: str,
        timeout: float = 300,
        stdin: str | None = None,
        env: dict[str, str] | None = None,
    ) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO_ROOT,
            env={**self.env, **(env or {})},
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-4000:]}")
        return result.stdout

    def shell(self, code: str, timeout: float = 300, eager: bool = False) -> str:
        """Run Python in a Django shell of the stack (to create objects a journey needs);
        ``eager``: tasks it enqueues run inline, in that shell."""
        env = {"OPENKITCHEN_CELERY_EAGER": "true"} if eager else None
        return self.manage("shell", "-c", code, timeout=timeout, env=env)

    def add_corpus(self, slug: str, reader_roles: list[str], documents: dict[str, str]) -> None:
        """A corpus with text documents, ingested inline (embedder and indexes of the stack)."""
        code = (
            "import json, sys\n"
            "from core.corpora.services import add_document, create_corpus, ingest_document\n"
            "spec = json.loads(sys.stdin.read())\n"
            "name = spec['slug'].replace('-', ' ').title()\n"
            "corpus = create_corpus(name=name, slug=spec['slug'], reader_roles=spec['roles'])\n"
            "for name, text in spec['documents'].items():\n"
            "    doc = add_document(corpus, filename=name, data=text.encode(), enqueue=False)\n"
            "    doc = ingest_document(doc.id)\n"
            "    assert doc.status == 'ready', (name, doc.status, getattr(doc, 'error', ''))\n"
        )
        spec = {"slug": slug, "roles": reader_roles, "documents": documents}
        self.manage("shell", "-c", code, stdin=json.dumps(spec), timeout=600)

    # -- processes ----------------------------------------------------------
    def _spawn(self, name: str, argv: list[str]) -> subprocess.Popen:
        log = open(self.var_dir / f"{name}.log", "ab")  # noqa: SIM115 - lives with the process
        return subprocess.Popen(
            argv, cwd=REPO_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )

    def start(self) -> LiveStack:
        self.manage("migrate", "--noinput", "-v0")
        self.manage("seed_demo")
        self.logins = json.loads((self.var_dir / "demo-logins.json").read_text())
        self.server = self._spawn(
            "server",
            [
                sys.executable,
                "-m",
                "uvicorn",
                "core.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
            ],
        )
        self._wait_for_health()
        return self

    def start_worker(self) -> None:
        if self.worker is not None and self.worker.poll() is None:
            return
        self.worker = self._spawn(
            "worker",
            [sys.executable, "-m", *celery_worker_args("e2e-", loglevel="INFO")],
        )

    def _wait_for_health(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError("the server exited at start-up:\n" + self.log("server"))
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("the server did not answer /healthz:\n" + self.log("server"))

    def log(self, name: str, tail: int = 4000) -> str:
        path = self.var_dir / f"{name}.log"
        return path.read_text(errors="replace")[-tail:] if path.exists() else ""

    def stop(self) -> None:
        for proc in (self.worker, self.server):
            if proc is not None and proc.poll() is None:
                proc.terminate()
        for proc in (self.worker, self.server):
            if proc is not None:
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


class AttachedStack(LiveStack):
    """A stack someone else started and stops (``bench/prod_smoke.py`` runs the
    journeys against the production topology this way): its address, logins and
    environment come from a JSON file named by ``E2E_ATTACH_TO``; its workers
    are already running, so ``start_worker`` has nothing to do."""

    def __init__(self, spec_path: str | Path):
        spec = json.loads(Path(spec_path).read_text())
        self.var_dir = Path(spec["var_dir"])
        self.env = dict(spec["env"])
        self.base_url = spec["base_url"]
        self.logins = spec["logins"]
        self.server = self.worker = None

    def start(self) -> LiveStack:
        return self

    def start_worker(self) -> None:
        pass

    def log(self, name: str, tail: int = 4000) -> str:
        names = sorted(p.stem for p in self.var_dir.glob(f"{name}*.log"))
        return "\n".join(f"--- {n}\n" + super(AttachedStack, self).log(n, tail) for n in names)

    def stop(self) -> None:
        pass

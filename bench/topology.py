"""The production topology of ``docker-compose.yml`` as plain processes on loopback,
for ``bench/prod_smoke.py``: PostgreSQL (the machine's server, a throw-away
database), Redis (a spare db number), ``chroma run`` over a throw-away folder,
llama.cpp's OpenAI-compatible server with the bundled GGUF, gunicorn with
uvicorn workers, two Celery workers and Celery beat.

Every process is started here in its own session and stopped here by its PID
(``stop``/``kill``/``restart`` one service, ``__exit__`` all of them); the
database, the Redis db and the folder are removed at the end. Logs are one file
per service in the var folder (``log(name)``). ``Scratch`` (the throw-away
database, Redis db and folder, and the production environment over them) is
shared with ``bench/load.py``.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("SMOKE_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
MODEL_ALIAS = "smollm2-135m-instruct"
BIN = Path(sys.executable).parent


def log(msg: str) -> None:
    print(f"[smoke {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Scratch:
    """A throw-away PostgreSQL database, a spare Redis db (the first empty one of
    ``redis_dbs``) and a var folder; ``create()`` makes them and returns the
    production settings over them, ``remove()`` drops all three."""

    def __init__(self, name: str, *, admin_url: str, redis_dbs: tuple[int, ...]):
        self.admin_url, self.redis_dbs = admin_url, redis_dbs
        self.db_name = f"openkitchen_{name}_{secrets.token_hex(4)}"
        self.db_url = admin_url.rsplit("/", 1)[0] + "/" + self.db_name
        self.var_dir = Path(tempfile.mkdtemp(prefix=f"openkitchen-{name}-"))
        self.redis_db: int | None = None

    def create(self) -> dict[str, str]:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.db_name}"')
        self.redis_db = self._spare_redis_db()
        redis_url = f"redis://{REDIS_HOST}:{REDIS_PORT}/{self.redis_db}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("OPENKITCHEN_")}
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "core.settings",
                "OPENBLAS_NUM_THREADS": "1",
                "OPENKITCHEN_VAR_DIR": str(self.var_dir),
                "OPENKITCHEN_PRODUCTION": "true",
                # Plain HTTP on loopback: no TLS redirect, cookies without the Secure flag.
                "OPENKITCHEN_SSL_REDIRECT": "false",
                "OPENKITCHEN_SECURE_COOKIES": "false",
                "OPENKITCHEN_SECRET_KEY": secrets.token_urlsafe(50),
                "OPENKITCHEN_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "OPENKITCHEN_DATABASE_URL": self.db_url,
                "OPENKITCHEN_BROKER_URL": redis_url,
                "OPENKITCHEN_RESULT_BACKEND": redis_url,
            }
        )
        return env

    def _spare_redis_db(self) -> int:
        import redis

        for number in self.redis_dbs:
            if redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=number).dbsize() == 0:
                return number
        low, high = min(self.redis_dbs), max(self.redis_dbs)
        raise SystemExit(f"no empty Redis database among {low}-{high} on 127.0.0.1:6379")

    def remove(self) -> None:
        try:
            import psycopg
            import redis

            if self.redis_db is not None:
                redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=self.redis_db).flushdb()
            with psycopg.connect(self.admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
        finally:
            subprocess.run(["rm", "-rf", str(self.var_dir)], check=False)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:
            return reply.status == 200
    except OSError:
        return False


class Topology:
    """A context manager; ``services`` maps a name to its running Popen."""

    def __init__(self, *, stale_after_s: int = 30, web_workers: int = 2):
        self.stale_after_s, self.web_workers = stale_after_s, web_workers
        self.scratch = Scratch("smoke", admin_url=PG_ADMIN_URL, redis_dbs=(12, 11, 10, 9, 8, 7))
        self.db_name, self.db_url = self.scratch.db_name, self.scratch.db_url
        self.var_dir = self.scratch.var_dir
        self.ports = {"web": free_port(), "chroma": free_port(), "llm": free_port()}
        self.base_url = f"http://127.0.0.1:{self.ports['web']}"
        self.services: dict[str, subprocess.Popen] = {}
        self.logins: dict[str, str] = {}

    # -- set-up and tear-down ---------------------------------------------------
    def __enter__(self) -> Topology:
        try:
            self.env = self.scratch.create()
            self.env.update(self._services_env())
            self.start("chroma")
            self.start("llm")
            self.manage("migrate", "--noinput", "-v0")
            self.manage("seed_demo")
            self.logins = json.loads((self.var_dir / "demo-logins.json").read_text())
            for name in ("web", "worker-1", "worker-2", "beat"):
                self.start(name)
        except BaseException:
            self.__exit__()
            raise
        log(
            f"database {self.db_name}, redis db {self.scratch.redis_db}, var {self.var_dir}, "
            f"web {self.base_url}, chroma :{self.ports['chroma']}, llm :{self.ports['llm']}"
        )
        return self

    def _services_env(self) -> dict[str, str]:
        return {
            "PYTHONUNBUFFERED": "1",
            "OPENKITCHEN_CHROMA_URL": f"http://127.0.0.1:{self.ports['chroma']}",
            "OPENKITCHEN_LLM_BACKEND": "openai",
            "OPENKITCHEN_LLM_BASE_URL": f"http://127.0.0.1:{self.ports['llm']}/v1",
            "OPENKITCHEN_LLM_MODEL": MODEL_ALIAS,
            # The fault table's stale window, shorter so that the smoke waits less.
            "OPENKITCHEN_RUN_STALE_AFTER_S": str(self.stale_after_s),
            "OPENKITCHEN_LOG_LEVEL": "INFO",
        }

    def __exit__(self, *exc) -> None:
        for name in list(self.services):
            self.stop(name)
        self.scratch.remove()
        log("topology stopped and removed")

    # -- the services -------------------------------------------------------------
    def argv(self, name: str) -> list[str]:
        if name.startswith("worker-"):
            return self._worker_argv(name)
        by_name = {
            "chroma": self._chroma_argv,
            "llm": self._llm_argv,
            "web": self._web_argv,
            "beat": self._beat_argv,
        }
        if name not in by_name:
            raise KeyError(name)
        return by_name[name]()

    def _chroma_argv(self) -> list[str]:
        folder = self.var_dir / "chroma-server"
        return [
            str(BIN / "chroma"),
            "run",
            "--path",
            str(folder),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.ports["chroma"]),
        ]

    def _llm_argv(self) -> list[str]:
        """llama.cpp's server over the bundled GGUF (its path asked of Django)."""
        py = sys.executable
        from_django = "from core.bundled import bundled_gguf_path as p; print(p())"
        gguf = subprocess.run(
            [py, "-c", "import django; django.setup(); " + from_django],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return [
            py,
            "-m",
            "llama_cpp.server",
            "--model",
            gguf,
            "--model_alias",
            MODEL_ALIAS,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.ports["llm"]),
            "--n_ctx",
            "4096",
            "--n_threads",
            "1",
        ]

    def _web_argv(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "core.asgi:application",
            "-k",
            "uvicorn.workers.UvicornWorker",
            "-w",
            str(self.web_workers),
            "-b",
            f"127.0.0.1:{self.ports['web']}",
            "--timeout",
            "120",
            "--graceful-timeout",
            "5",
            "--log-level",
            "warning",
        ]

    def _worker_argv(self, name: str) -> list[str]:
        return [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "core",
            "worker",
            "--concurrency",
            "1",
            "--loglevel",
            "INFO",
            "-n",
            f"{name}-{self.db_name}@%h",
        ]

    def _beat_argv(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "core",
            "beat",
            "--loglevel",
            "INFO",
            "--schedule",
            str(self.var_dir / "celerybeat-schedule"),
        ]

    def start(self, name: str) -> None:
        out = open(self.var_dir / f"{name}.log", "ab")  # noqa: SIM115 - lives with the process
        self.services[name] = subprocess.Popen(
            self.argv(name),
            cwd=REPO,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        out.close()
        self.wait_ready(name)

    def wait_ready(self, name: str, timeout: float = 180) -> None:
        probe = {
            "chroma": f"http://127.0.0.1:{self.ports['chroma']}/api/v2/heartbeat",
            "llm": f"http://127.0.0.1:{self.ports['llm']}/v1/models",
            "web": self.base_url + "/healthz",
        }.get(name)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.services[name].poll() is not None:
                raise RuntimeError(f"{name} exited at start-up:\n{self.log(name)}")
            if probe is None:
                if name == "beat" or "ready." in self.log(name, tail=20000):
                    return
            elif _answers(probe):
                return
            time.sleep(0.3)
        raise RuntimeError(f"{name} was not ready in {timeout:.0f} s:\n{self.log(name)}")

    def stop(self, name: str, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
        """Signal the service's whole process group (a worker's pool children too)."""
        proc = self.services.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        except ProcessLookupError:
            pass

    def kill(self, name: str) -> None:
        self.stop(name, signal.SIGKILL)

    def restart(self, name: str) -> None:
        self.stop(name)
        self.start(name)

    # -- using it ---------------------------------------------------------------------
    def manage(self, *args: str, stdin: str | None = None, timeout: float = 900) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def log(self, name: str, tail: int = 4000) -> str:
        path = self.var_dir / f"{name}.log"
        return path.read_text(errors="replace")[-tail:] if path.exists() else ""

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.db_url) as conn:
            return conn.execute(sql, params or []).fetchall()

    def spec(self) -> dict:
        """What the e2e journeys need to attach to this topology (tests/e2e/stack.py)."""
        return {
            "base_url": self.base_url,
            "var_dir": str(self.var_dir),
            "env": self.env,
            "logins": self.logins,
        }

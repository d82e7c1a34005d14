"""Bounded load on loopback against a production-like stack that this script
starts and stops itself: gunicorn with uvicorn workers, a throw-away PostgreSQL
database, Redis (a spare db number) as broker, one real Celery worker.

N users sign in and browse the pages their role opens (found from their nav,
so new apps are picked up), while R of them each start a run on the Ask page
and poll its status the way the run page does, until every run has ended.
A small corpus that every role may read is ingested first, so each Ask run
retrieves passages and calls the model (with no sources it would not).

The model: by default the worker streams from the fake vLLM server of the tests
(``tests/fakes/vllm.py``: vLLM's real wire format, R1 reasoning deltas, then a
cited answer, at --model-tokens-per-s per stream), started on loopback. That is
the production topology (DESIGN.md): vLLM runs on its own GPU host, and the web
host runs the web server, the worker, retrieval and the database, not the
model. ``--model bundled`` runs the bundled llama.cpp model inside the worker
instead, on the same CPUs as the web server (the embedded default, not a
production layout). The JSON says which in ``model``.

    .venv/bin/python bench/load.py [--users 50] [--runs 5] [--duration 60]
                                   [--model fake-vllm|bundled]

Logs go to stderr; the last line on stdout is one JSON object with p95_ms
(GETs of pages and run status, not run creation), errors (5xx answers and
failed connections; a 429 is respected, not counted; a GET whose kept-alive
connection the server closed as it was reused is sent again once, as a browser
does, and counted in resent_gets), runs_submitted,
runs_completed (runs that ended, succeeded or failed with a reason) and
per-page p50/p95/p99.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

import httpx
from topology import Scratch, free_port

REPO = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("LOAD_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
ROLES = ["farmer", "teacher", "engineer", "corpus_admin"]
PASSWORD = "load-" + secrets.token_hex(8)
QUESTION = (
    "What do the sources say about storing grain after harvest, and what should I check first?"
)
FINISHED = {"succeeded", "failed", "cancelled"}
# What the Ask runs retrieve from: short notes that every role may read.
CORPUS = {
    "grain-storage.md": (
        "# Storing grain after harvest\n\n"
        "Grain keeps well only when it is dry: below 14% moisture for wheat and maize, "
        "below 13% for rice. Dry it in the sun or with a dryer before it goes into store.\n\n"
        "Clean the bin or the store room before filling it: old grain and dust carry insects. "
        "Seal it against rain and rodents, and keep bags on pallets, off the floor and away "
        "from the walls.\n\n"
        "## Checks\n\n"
        "Check the grain every two weeks for heat, a musty smell and insects. A warm spot in "
        "the heap means moisture or insects: turn the grain and dry it again.\n"
    ),
    "onion-curing.md": (
        "# Curing and storing onions\n\n"
        "Cure onions in shade for 7 to 10 days before storage, until the necks are dry and "
        "tight. Store them in ventilated structures with bottom ventilation and keep the "
        "bulbs dry. Storage losses are usually 25 to 40% over four months, mostly from "
        "weight loss and sprouting.\n"
    ),
    "market-week.md": (
        "# Market bulletin\n\n"
        "Arrivals of grain at the wholesale market fell this week after heavy rain delayed "
        "the harvest, and modal prices rose. Traders expect arrivals to recover within two "
        "weeks as fields dry. Farmers with dry, well-stored grain can wait for better prices; "
        "damp grain should be sold or dried first.\n"
    ),
}
# What the fake R1 server streams for every run: a chain of thought in the
# ``reasoning`` field, then a cited answer (one word a token, as vLLM sends them).
FAKE_REASONING = (
    "The farmer asks how to store grain after harvest and what to check first. Source 1 says "
    "grain keeps only when it is dry, below fourteen percent moisture for wheat and maize, and "
    "that the store must be clean and sealed. It also says to check every two weeks for heat, "
    "smell and insects. Source 3 says damp grain should be sold or dried first. So the first "
    "check is moisture, then cleanliness of the store. I should answer briefly, in order, and "
    "cite the sources by number. "
) * 2
FAKE_ANSWER = (
    "First check that the grain is dry: below 14% moisture for wheat and maize [1]. Clean and "
    "seal the store before filling it, and keep bags off the floor [1]. After that, check the "
    "grain every two weeks for heat, a musty smell and insects [1]. If it is still damp, dry "
    "it or sell it first [3]."
)
FAKE_SERVER = """
import sys, time
from tests.fakes.vllm import FakeVLLM, Script
reasoning, answer, delay = sys.argv[1], sys.argv[2], float(sys.argv[3])
script = Script(
    reasoning=[w + " " for w in reasoning.split()],
    content=[w + " " for w in answer.split()],
    delay_s=delay,
)
with FakeVLLM(script) as fake:
    print(fake.base_url, fake.model, flush=True)
    while True:
        time.sleep(3600)
"""
ID_IN_PATH = re.compile(r"/(?:[0-9a-f]{8}-[0-9a-f-]{27}|\d+)(?=/|$)")


def log(msg: str) -> None:
    print(f"[load {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return round(ordered[index], 1)


# --- the stack ----------------------------------------------------------------
class Stack:
    """Throw-away database, Redis db, var dir; gunicorn and a worker. A context manager."""

    def __init__(
        self,
        web_workers: int,
        worker_concurrency: int,
        model: str = "fake-vllm",
        model_tokens_per_s: float = 40.0,
    ):
        self.web_workers, self.worker_concurrency = web_workers, worker_concurrency
        self.model, self.model_tokens_per_s = model, model_tokens_per_s
        self.model_description = ""
        self.scratch = Scratch("load", admin_url=PG_ADMIN_URL, redis_dbs=(13, 12, 11, 10, 9, 8))
        self.db_name, self.db_url = self.scratch.db_name, self.scratch.db_url
        self.var_dir = self.scratch.var_dir
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.procs: dict[str, subprocess.Popen] = {}

    def __enter__(self) -> Stack:
        try:
            self.env = self.scratch.create()
            self.env["OPENKITCHEN_LOG_LEVEL"] = "WARNING"
            self._choose_model()
        except BaseException:
            self.__exit__()
            raise
        log(f"database {self.db_name}, redis db {self.scratch.redis_db}, var {self.var_dir}")
        return self

    def _choose_model(self) -> None:
        if self.model == "fake-vllm":
            base_url, model_name = self._start_fake_model()
            self.env.update(
                {
                    "OPENKITCHEN_LLM_BACKEND": "openai",
                    "OPENKITCHEN_LLM_BASE_URL": base_url,
                    "OPENKITCHEN_LLM_MODEL": model_name,
                }
            )
            tokens = len(FAKE_REASONING.split()) + len(FAKE_ANSWER.split())
            self.model_description = (
                f"fake vLLM server (tests/fakes/vllm.py: vLLM's wire format, R1 reasoning "
                f"deltas) on loopback, {self.model_tokens_per_s:g} tokens/s per stream, "
                f"{tokens} tokens a run; stands in for the GPU host, so the model's own "
                "compute is not on these CPUs (the production topology)"
            )
        else:
            self.model_description = (
                "bundled SmolLM2-135M (llama.cpp) inside the worker, on the same CPUs as the "
                "web server (the embedded default, not the production topology)"
            )

    def _start_fake_model(self) -> tuple[str, str]:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                FAKE_SERVER,
                FAKE_REASONING,
                FAKE_ANSWER,
                str(1.0 / self.model_tokens_per_s),
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.procs["model"] = proc
        line = proc.stdout.readline().split()
        if len(line) != 2:
            raise SystemExit("the fake vLLM server did not start")
        return line[0], line[1]

    def manage(self, *args: str, stdin: str | None = None) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if result.returncode:
            raise SystemExit(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def create_users(self, count: int) -> list[tuple[str, str]]:
        users = [(f"load{i:03d}", ROLES[i % len(ROLES)]) for i in range(count)]
        # One hash for all: the same password, and 50 PBKDF2 runs would only slow the set-up.
        code = (
            "import json, sys\n"
            "from django.contrib.auth.hashers import make_password\n"
            "from django.contrib.auth.models import Group, User\n"
            f"hashed = make_password({PASSWORD!r})\n"
            "for name, role in json.loads(sys.stdin.read()):\n"
            "    user = User.objects.create(username=name, password=hashed)\n"
            "    user.groups.add(Group.objects.get_or_create(name=role)[0])\n"
        )
        self.manage("shell", "-c", code, stdin=json.dumps(users))
        return users

    def add_corpus(self) -> None:
        """The corpus the Ask runs search, readable by every role, ingested here
        (before the clock starts) with the stack's embedder and indexes."""
        code = (
            "import json, sys\n"
            "from core.corpora.services import add_document, create_corpus, ingest_document\n"
            "spec = json.loads(sys.stdin.read())\n"
            "corpus = create_corpus(name='Load notes', slug='load-notes', "
            "reader_roles=spec['roles'])\n"
            "for name, text in spec['documents'].items():\n"
            "    doc = add_document(corpus, filename=name, data=text.encode(), enqueue=False)\n"
            "    doc = ingest_document(doc.id)\n"
            "    assert doc.status == 'ready', (name, doc.status, doc.error)\n"
        )
        self.manage("shell", "-c", code, stdin=json.dumps({"roles": ROLES, "documents": CORPUS}))

    def spawn(self, name: str, argv: list[str]) -> None:
        out = open(self.var_dir / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        self.procs[name] = subprocess.Popen(argv, cwd=REPO, env=self.env, stdout=out, stderr=out)

    def start(self) -> None:
        self.manage("migrate", "--noinput", "-v0")
        self.spawn(
            "web",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "core.asgi:application",
                "-k",
                "uvicorn.workers.UvicornWorker",
                "-w",
                str(self.web_workers),
                "-b",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                "--graceful-timeout",
                "5",
            ],
        )
        self.spawn(
            "worker",
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "core",
                "worker",
                "--concurrency",
                str(self.worker_concurrency),
                "--loglevel",
                "WARNING",
                "--without-gossip",
                "--without-mingle",
                "-n",
                f"{self.db_name}@%h",
            ],
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.procs["web"].poll() is not None:
                raise SystemExit("gunicorn exited:\n" + self.log_tail("web"))
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=2):
                    return
            except OSError:
                time.sleep(0.5)
        raise SystemExit("the web server did not answer /healthz:\n" + self.log_tail("web"))

    def log_tail(self, name: str, size: int = 3000) -> str:
        path = self.var_dir / f"{name}.log"
        return path.read_text(errors="replace")[-size:] if path.exists() else ""

    def run_statuses(self, run_ids: list[str]) -> tuple[dict[str, tuple[str, str]], int]:
        """Each run's (status, error), and how many connections the stack holds now."""
        import psycopg

        with psycopg.connect(self.db_url) as conn:
            rows = conn.execute(
                "SELECT id::text, status, error FROM runs_run WHERE id::text = ANY(%s)", [run_ids]
            ).fetchall()
            connections = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [self.db_name]
            ).fetchone()[0]
        return {row[0]: (row[1], row[2]) for row in rows}, connections - 1

    def run_times(self, run_ids: list[str]) -> dict:
        """Seconds from submission to the end of each run, and the model's own timings."""
        import psycopg

        with psycopg.connect(self.db_url) as conn:
            rows = conn.execute(
                "SELECT extract(epoch FROM finished_at - created_at)::float, "
                "(timings->>'ttft_ms')::float, (timings->>'tokens_per_s')::float "
                "FROM runs_run WHERE id::text = ANY(%s) AND finished_at IS NOT NULL",
                [run_ids],
            ).fetchall()
        if not rows:
            return {}
        ends, ttfts, speeds = (
            sorted(v for v in col if v is not None) for col in zip(*rows, strict=True)
        )
        mid = lambda values: round(values[len(values) // 2], 2) if values else None  # noqa: E731
        return {
            "run_s_median": mid(ends),
            "run_s_max": round(ends[-1], 2) if ends else None,
            "model_ttft_ms_median": mid(ttfts),
            "model_tokens_per_s_median": mid(speeds),
        }

    def cpu_seconds(self) -> dict[str, float]:
        """CPU seconds used so far by each process of the stack with its children
        (gunicorn's and the worker's processes; PostgreSQL is shared, not counted)."""
        return {name: round(_tree_cpu_s(proc.pid), 1) for name, proc in self.procs.items()}

    def __exit__(self, *exc) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        self.scratch.remove()
        log("stack stopped and removed")


def _tree_cpu_s(pid: int) -> float:
    """utime + stime of a process, its reaped children and its live descendants (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    own = sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    return own + sum(_tree_cpu_s(int(child)) for child in children)


# --- the users ------------------------------------------------------------------
class Recorder:
    def __init__(self):
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.unexpected: list[str] = []  # 4xx other than 429 on a page the user should open
        self.throttled = 0
        self.resent = 0  # GETs sent again after a reused connection was closed under them

    async def get(self, client: httpx.AsyncClient, path: str, label: str | None = None):
        label = label or ID_IN_PATH.sub("/<id>", path)
        started = time.perf_counter()
        try:
            try:
                response = await client.get(path)
            except (httpx.ReadError, httpx.RemoteProtocolError, httpx.WriteError):
                # A kept-alive connection that the server closed as we reused it: a
                # browser sends an idempotent GET again on a new connection, once.
                # Counted (resent_gets); a second failure is an error.
                self.resent += 1
                response = await client.get(path)
        except httpx.HTTPError as exc:
            self.errors.append(f"GET {path}: {type(exc).__name__}")
            return None
        self.latency[label].append((time.perf_counter() - started) * 1000)  # both tries
        self._judge("GET", path, response)
        return response

    def _judge(self, method: str, path: str, response: httpx.Response) -> None:
        if response.status_code >= 500:
            self.errors.append(f"{method} {path}: {response.status_code}")
        elif response.status_code == 429:
            self.throttled += 1
        elif response.status_code >= 400:
            self.unexpected.append(f"{method} {path}: {response.status_code}")


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def nav_paths(html: str) -> list[str]:
    nav = re.search(r"<nav.*?</nav>", html, re.S)
    return re.findall(r'href="(/[^"]*)"', nav.group(0)) if nav else []


class User:
    def __init__(self, base_url: str, name: str, recorder: Recorder):
        self.name, self.rec = name, recorder
        # Drop idle connections before gunicorn's 2 s keep-alive does: reusing one the
        # server is closing gives a ReadError that no browser would show (it retries).
        self.client = httpx.AsyncClient(
            base_url=base_url,
            timeout=30,
            follow_redirects=False,
            limits=httpx.Limits(keepalive_expiry=1.0),
        )
        self.pages: list[str] = ["/"]
        self.run_id: str | None = None

    async def sign_in(self) -> bool:
        started = time.perf_counter()
        try:
            page = await self.client.get("/accounts/login/")
            reply = await self.client.post(
                "/accounts/login/",
                data={
                    "username": self.name,
                    "password": PASSWORD,
                    "csrfmiddlewaretoken": csrf_token(page.text),
                },
                headers={"Referer": str(page.url)},
            )
        except httpx.HTTPError as exc:
            self.rec.errors.append(f"sign in {self.name}: {type(exc).__name__}")
            return False
        self.rec.latency["POST /accounts/login/ (not in p95)"].append(
            (time.perf_counter() - started) * 1000
        )
        self.rec._judge("POST", "/accounts/login/", reply)
        if reply.status_code != 302:
            return False
        home = await self.rec.get(self.client, "/")
        if home is not None and home.status_code == 200:
            self.pages = sorted({"/", "/runs/", *nav_paths(home.text)})
        return True

    async def start_run(self) -> None:
        page = await self.rec.get(self.client, "/ask/")
        if page is None:
            return
        started = time.perf_counter()
        try:
            reply = await self.client.post(
                "/ask/",
                data={
                    "question": QUESTION,
                    "language": "en",
                    "csrfmiddlewaretoken": csrf_token(page.text),
                },
                headers={"Referer": str(page.url)},
            )
        except httpx.HTTPError as exc:
            self.rec.errors.append(f"POST /ask/: {type(exc).__name__}")
            return
        self.rec.latency["POST /ask/ (not in p95)"].append((time.perf_counter() - started) * 1000)
        self.rec._judge("POST", "/ask/", reply)
        match = re.search(r"/runs/([0-9a-f-]{36})/", reply.headers.get("location", ""))
        if reply.status_code == 302 and match:
            self.run_id = match.group(1)
        else:
            log(f"{self.name}: the Ask form did not start a run ({reply.status_code})")

    async def browse(self, stop: asyncio.Event, think_s: float) -> None:
        run_active = self.run_id is not None
        while not stop.is_set():
            if run_active:
                # What the run page does while the run is live: fetch its fragment every 2 s.
                reply = await self.rec.get(self.client, f"/runs/{self.run_id}/live")
                run_active = reply is not None and "data-events-url" in reply.text
                if not run_active:
                    await self.rec.get(self.client, f"/runs/{self.run_id}/")
                await _sleep(stop, 2.0)
                continue
            reply = await self.rec.get(self.client, random.choice(self.pages))
            if reply is not None and reply.status_code == 429:
                await _sleep(stop, float(reply.headers.get("retry-after", 5)))
            await _sleep(stop, random.uniform(0.5 * think_s, 1.5 * think_s))

    async def close(self) -> None:
        await self.client.aclose()


async def _sleep(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except TimeoutError:
        pass


async def drive(stack: Stack, users: list[tuple[str, str]], args) -> dict:
    rec = Recorder()
    people = [User(stack.base_url, name, rec) for name, _ in users]
    signed, run_ids = await sign_in_and_submit(people, rec, args.runs)
    started = time.monotonic()
    cpu_before = stack.cpu_seconds()
    own_before = time.process_time()
    load_before = os.getloadavg()[0]
    stop = asyncio.Event()
    tasks = [
        asyncio.create_task(p.browse(stop, args.think))
        for p, ok in zip(people, signed, strict=True)
        if ok
    ]
    statuses, peak_connections = await watch_runs(stack, rec, run_ids, started, args)
    stop.set()
    await asyncio.gather(*tasks)
    await asyncio.gather(*(p.close() for p in people))
    result = summarise(rec, run_ids, statuses, time.monotonic() - started, len(people), args)
    result["pg_connections_peak"] = peak_connections
    cpu_after = stack.cpu_seconds()
    result["cpu_s"] = {
        **{name: round(cpu_after[name] - cpu_before.get(name, 0.0), 1) for name in cpu_after},
        "load_generator": round(time.process_time() - own_before, 1),
    }
    # Everyone's runnable processes on this machine (1-minute average), at the start
    # of the measured part and at its end: above the CPU count, the numbers include
    # waiting for CPUs that other programs hold.
    result["machine_load_avg"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    result.update(await asyncio.to_thread(stack.run_times, run_ids))
    return result


async def sign_in_and_submit(people: list[User], rec: Recorder, runs: int):
    """(who signed in, as booleans; the ids of the runs the first ``runs`` of them
    submitted); the sign-in latencies are then dropped from the record."""
    gate = asyncio.Semaphore(4)  # sign-ins hash passwords: don't make that the benchmark

    async def sign_in(person: User) -> bool:
        async with gate:
            return await person.sign_in()

    signed = await asyncio.gather(*(sign_in(p) for p in people))
    log(f"{sum(signed)}/{len(people)} users signed in")
    askers = [p for p, ok in zip(people, signed, strict=True) if ok][:runs]
    await asyncio.gather(*(p.start_run() for p in askers))
    run_ids = [p.run_id for p in askers if p.run_id]
    log(f"{len(run_ids)} runs submitted; browsing with {sum(signed)} users")
    for name in list(rec.latency):
        if not name.startswith("POST"):
            rec.latency[name].clear()  # sign-in warm-up is not the steady state
    return signed, run_ids


async def watch_runs(stack: Stack, rec: Recorder, run_ids: list, started: float, args):
    """Poll the runs every 2 s until the duration has passed and every run has
    ended (or the maximum duration): (their last statuses, peak PG connections)."""
    statuses: dict[str, tuple[str, str]] = {}
    peak_connections = 0
    while True:
        await asyncio.sleep(2)
        elapsed = time.monotonic() - started
        try:
            statuses, connections = await asyncio.to_thread(stack.run_statuses, run_ids)
            peak_connections = max(peak_connections, connections)
        except Exception as exc:  # the database refusing us is a finding, not a crash
            rec.errors.append(f"status query: {type(exc).__name__}: {str(exc)[:120]}")
        ended = sum(1 for status, _ in statuses.values() if status in FINISHED)
        if elapsed >= args.duration and ended == len(run_ids):
            break
        if elapsed >= args.max_duration:
            log(f"max duration reached with {len(run_ids) - ended} runs not ended")
            break
        if int(elapsed) % 20 < 2:
            count = sum(map(len, rec.latency.values()))
            log(f"{elapsed:.0f}s: {count} requests, {ended}/{len(run_ids)} runs ended")
    return statuses, peak_connections


def summarise(rec: Recorder, run_ids, statuses, elapsed: float, users: int, args) -> dict:
    gets = [
        v for label, values in rec.latency.items() if not label.startswith("POST") for v in values
    ]
    completed = sum(
        1
        for status, error in statuses.values()
        if status == "succeeded" or (status in FINISHED and error.strip())
    )
    pages = {
        label: {
            "n": len(values),
            "p50_ms": percentile(values, 50),
            "p95_ms": percentile(values, 95),
            "p99_ms": percentile(values, 99),
        }
        for label, values in sorted(rec.latency.items())
        if values
    }
    for line in (rec.errors + rec.unexpected)[:20]:
        log(line)
    return {
        "p95_ms": percentile(gets, 95),
        "p50_ms": percentile(gets, 50),
        "p99_ms": percentile(gets, 99),
        "errors": len(rec.errors),
        "unexpected_4xx": len(rec.unexpected),
        "throttled_429": rec.throttled,
        "resent_gets": rec.resent,
        "requests": len(gets),
        "runs_submitted": len(run_ids),
        "runs_completed": completed,
        "runs_by_status": {
            s: sum(1 for st, _ in statuses.values() if st == s)
            for s in sorted({st for st, _ in statuses.values()})
        },
        "users": users,
        "duration_s": round(elapsed, 1),
        "rps": round(len(gets) / max(elapsed, 1e-9), 1),
        "pages": pages,
        "stack": f"gunicorn x{args.web_workers} uvicorn workers, PostgreSQL, Redis broker, "
        f"1 celery worker (concurrency {args.worker_concurrency}), loopback",
        "model": args.model_description,
        "cpus": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--duration", type=float, default=60, help="browse at least this long (s)")
    parser.add_argument(
        "--max-duration", type=float, default=600, help="stop even if runs are not done"
    )
    parser.add_argument(
        "--think", type=float, default=1.0, help="mean pause between a user's pages (s)"
    )
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--worker-concurrency", type=int, default=2)
    parser.add_argument(
        "--model",
        choices=["fake-vllm", "bundled"],
        default="fake-vllm",
        help="fake-vllm: the tests' fake vLLM server on loopback (the model off this host, "
        "as in production); bundled: llama.cpp inside the worker on these CPUs",
    )
    parser.add_argument(
        "--model-tokens-per-s", type=float, default=40.0, help="the fake server's pace per stream"
    )
    args = parser.parse_args()
    with Stack(
        args.web_workers, args.worker_concurrency, args.model, args.model_tokens_per_s
    ) as stack:
        args.model_description = stack.model_description
        stack.start()
        stack.add_corpus()
        users = stack.create_users(args.users)
        try:
            result = asyncio.run(drive(stack, users, args))
        except BaseException:
            log("web log:\n" + stack.log_tail("web") + "\nworker log:\n" + stack.log_tail("worker"))
            raise
        if result["errors"]:
            log("web log tail:\n" + stack.log_tail("web"))
    print(json.dumps(result))


if __name__ == "__main__":
    main()

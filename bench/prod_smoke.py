"""The production topology on one machine, proven by the journeys and three faults.

Starts ``bench/topology.py`` (PostgreSQL throw-away database, Redis spare db,
``chroma run``, llama.cpp's OpenAI-compatible server with the bundled GGUF,
gunicorn + uvicorn, two Celery workers, Celery beat), then:

1. runs the browser journeys of every role against it (the e2e tests, attached
   to this topology with ``E2E_ATTACH_TO``, desktop width): a corpus admin
   ingests a corpus, a farmer asks a question and gets advice, an engineer
   checks a drawing, a teacher makes a lesson and downloads it, each demo user
   signs in and reaches their app;
2. drives three faults, each judged by its row of the README's fault table:
   the model server restarted while it streams an answer, one worker killed
   while it runs a job, Chroma restarted with ingestions and a question in
   flight. A fault is survived when every job in flight ended as its row says
   and the next job of the same kind succeeds;
3. waits up to 5 minutes for every job to finish (``jobs_lost`` counts those
   that did not), and stops every process it started, by PID.

    .venv/bin/python bench/prod_smoke.py [--check]

``--check`` (what ``make prod-smoke`` and CI run) exits 1 unless every journey
passed, every fault was survived and no job was lost.

Logs go to stderr; the last line on stdout is one JSON object: journeys_passed,
journeys, faults, faults_survived, jobs_lost, p95_ms (page GETs seen by the
browser: documents and htmx fragments, not event streams or downloads), seconds,
and per-fault and per-journey details.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import httpx
from topology import REPO, Topology, log

JOURNEYS = [
    "tests/e2e/test_corpus_admin_journey.py",
    "tests/e2e/test_ask_journey.py",
    "tests/e2e/test_farmer_journey.py",
    "tests/e2e/test_engineer_journey.py",
    "tests/e2e/test_teacher_journey.py",
    "tests/e2e/test_sign_in_and_navigation.py::test_each_demo_user_signs_in_and_reaches_their_app_from_the_nav",
]
FINISHED = ("succeeded", "failed", "cancelled")
NOTES = {
    "maize-drying.md": (
        "# Drying maize before storage\n\nMaize must be dried to below 13% moisture before it "
        "is stored, or moulds grow in the heap. Spread the cobs in the sun on a clean floor and "
        "turn them twice a day.\n"
    ),
    "grain-store.md": (
        "# A clean grain store\n\nClean the store before filling it and seal it against rain "
        "and rodents. Keep bags on pallets, off the floor and away from the walls. Check the "
        "grain every two weeks for heat, a musty smell and insects.\n"
    ),
}
QUESTION = "How dry must maize be before it is stored, and how do I dry it?"
ADD_CORPUS = """
import json, sys
from core.corpora.services import add_document, create_corpus, ingest_document
spec = json.loads(sys.stdin.read())
corpus = create_corpus(name=spec['name'], slug=spec['slug'], reader_roles=['farmer', 'teacher'])
for name, text in spec['documents'].items():
    doc = add_document(corpus, filename=name, data=text.encode(), enqueue=spec['enqueue'])
    if not spec['enqueue']:
        assert ingest_document(doc.id).status == 'ready', name
"""
LESSON = """
import json, sys
from django.contrib.auth.models import User
from apps.courseware import services
from apps.courseware.forms import LessonRequestForm
from core.corpora.models import Corpus
spec = json.loads(sys.stdin.read())
form = LessonRequestForm(
    {"topic": spec["topic"], "grade": 8, "minutes": 40, "language": "en",
     "corpus": "fault-notes", "parts": ["plan", "slides"], "quiz_count": 3},
    corpora=Corpus.objects.filter(slug="fault-notes"),
)
assert form.is_valid(), form.errors
lesson = services.request_lesson(User.objects.get(username="teacher"), form.as_request())
print(lesson.run_id)
"""


# --- the journeys -------------------------------------------------------------------
def run_journeys(topo: Topology) -> dict:
    spec, junit = topo.var_dir / "attach.json", topo.var_dir / "journeys.xml"
    spec.write_text(json.dumps(topo.spec()))
    env = {k: v for k, v in topo.env.items() if not k.startswith("OPENKITCHEN_")}
    env.update(E2E_ATTACH_TO=str(spec), E2E_TIMINGS_TO=str(topo.var_dir / "timings.jsonl"))
    argv = [
        sys.executable,
        "-m",
        "pytest",
        *JOURNEYS,
        "-k",
        "desktop",
        "-p",
        "no:cacheprovider",
        "-q",
        f"--junitxml={junit}",
        "-o",
        "addopts=--strict-markers",
    ]
    subprocess.run(argv, cwd=REPO, env=env, stdout=sys.stderr, stderr=sys.stderr, check=False)
    results = {}
    if junit.exists():
        for case in ET.parse(junit).iter("testcase"):
            outcome = next((c.tag for c in case if c.tag in ("failure", "error", "skipped")), "")
            results[case.get("name")] = outcome or "passed"
    return results


def page_times(topo: Topology) -> tuple[float, int, list]:
    """The p95 of page GETs the browser made, their number, and the five slowest."""
    path = topo.var_dir / "timings.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []
    if not rows:
        return 0.0, 0, []
    values = sorted(row["ms"] for row in rows)
    p95 = round(values[min(len(values) - 1, int(0.95 * len(values)))], 1)
    slowest = sorted(rows, key=lambda row: row["ms"], reverse=True)[:5]
    return p95, len(rows), [(urlsplit(row["url"]).path, round(row["ms"])) for row in slowest]


# --- a person on the site, for the faults --------------------------------------------
class Person:
    def __init__(self, topo: Topology, username: str):
        self.topo = topo
        self.client = httpx.Client(base_url=topo.base_url, timeout=30, follow_redirects=False)
        page = self.client.get("/accounts/login/")
        reply = self.client.post(
            "/accounts/login/",
            data={
                "username": username,
                "password": topo.logins[username],
                "csrfmiddlewaretoken": _csrf(page.text),
            },
            headers={"Referer": str(page.url)},
        )
        if reply.status_code != 302:
            raise RuntimeError(f"{username} could not sign in ({reply.status_code})")

    def ask(self, question: str = QUESTION) -> str:
        page = self.client.get("/ask/")
        reply = self.client.post(
            "/ask/",
            data={"question": question, "language": "en", "csrfmiddlewaretoken": _csrf(page.text)},
            headers={"Referer": str(page.url)},
        )
        match = re.search(r"/runs/([0-9a-f-]{36})/", reply.headers.get("location", ""))
        if not match:
            raise RuntimeError(f"the Ask form did not start a run ({reply.status_code})")
        return match.group(1)

    def look(self, run_id: str) -> None:
        """Open the run page, as the person waiting for it does (it also calls the reaper)."""
        self.client.get(f"/runs/{run_id}/")


def _csrf(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


def run_row(topo: Topology, run_id: str) -> dict:
    rows = topo.query("SELECT status, error, kind FROM runs_run WHERE id::text = %s", [run_id])
    status, error, kind = rows[0]
    steps = topo.query(
        "SELECT kind, status, text, data::text FROM runs_runstep WHERE run_id::text = %s "
        "ORDER BY id",
        [run_id],
    )
    return {"status": status, "error": error, "kind": kind, "steps": steps}


def wait_for(
    topo, run_id, *, until, timeout: float, person: Person | None = None, every: float = 1.0
) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        row = run_row(topo, run_id)
        if until(row) or time.monotonic() > deadline:
            return row
        if person is not None:
            person.look(run_id)
        time.sleep(every)


def ended(row: dict) -> bool:
    return row["status"] in FINISHED


def streaming_draft(row: dict) -> bool:
    return ended(row) or any(
        kind == "draft" and status == "running" and len(text) > 20
        for kind, status, text, _ in row["steps"]
    )


def answered_from_sources(row: dict) -> bool:
    answer = [text for kind, _, text, _ in row["steps"] if kind == "answer"]
    return row["status"] == "succeeded" and bool(answer and answer[-1].strip())


# --- the faults ------------------------------------------------------------------------
def fault_model_server_restart(topo: Topology, farmer: Person) -> dict:
    """README: 'LLM server stops mid-stream' — the run ends succeeded with the answer code
    composed from the sources, and the checks step says the server closed the connection."""
    for _ in range(3):  # a short answer may be over before it is seen streaming: ask again
        run_id = farmer.ask()
        row = wait_for(topo, run_id, until=streaming_draft, timeout=240, every=0.1)
        in_stream = not ended(row)
        if in_stream:
            break
    topo.kill("llm")
    row = wait_for(topo, run_id, until=ended, timeout=180, person=farmer)
    said = any("model server" in (text + data).lower() for _, _, text, data in row["steps"])
    topo.start("llm")
    after = wait_for(topo, farmer.ask(), until=ended, timeout=300)
    return {
        "fault": "model server restarted mid-stream",
        "killed_while_streaming": in_stream,
        "in_flight": row["status"],
        "in_flight_as_readme": in_stream and answered_from_sources(row) and said,
        "next_job": after["status"],
        "survived": in_stream
        and answered_from_sources(row)
        and said
        and after["status"] == "succeeded",
    }


def _worker_running(topo: Topology, task_id: str) -> str | None:
    """Which of the two workers holds the task (Celery's inspect over the broker)."""
    from celery import Celery

    control = Celery(broker=topo.env["OPENKITCHEN_BROKER_URL"]).control
    for _ in range(10):
        active = control.inspect(timeout=2).active() or {}
        for node, tasks in active.items():
            if any(task.get("id") == task_id for task in tasks):
                return node.split("-openkitchen_smoke")[0]
        time.sleep(0.5)
    return None


def start_lesson(topo: Topology) -> str:
    """The teacher's lesson request, through the same form and service as the page."""
    out = topo.manage("shell", "-c", LESSON, stdin=json.dumps({"topic": "Drying maize"}))
    return out.strip().splitlines()[-1]


def fault_worker_killed(topo: Topology, teacher: Person) -> dict:
    """README: 'worker killed mid-lesson' — the run turns failed with the worker-died
    sentence once its heartbeat is RUN_STALE_AFTER_S old, and the lesson shows failed
    with that reason; the other worker keeps taking jobs."""
    run_id = start_lesson(topo)
    row = wait_for(topo, run_id, until=lambda r: r["status"] != "queued", timeout=120)
    task_id = topo.query("SELECT celery_task_id FROM runs_run WHERE id::text = %s", [run_id])[0][0]
    holder = _worker_running(topo, task_id) if row["status"] == "running" else None
    if holder in topo.services:
        topo.kill(holder)
    # The teacher keeps the lesson's run page open (which also calls the reaper).
    row = wait_for(topo, run_id, until=ended, timeout=topo.stale_after_s + 60, person=teacher)
    lesson = topo.query(
        "SELECT status, message FROM courseware_lesson WHERE run_id::text = %s", [run_id]
    )
    as_readme = (
        row["status"] == "failed"
        and "worker running this job stopped" in row["error"]
        and bool(lesson)
        and lesson[0][0] == "failed"
        and "worker running this job stopped" in lesson[0][1]
    )
    # While the killed one is down, the other worker makes the next lesson.
    after = wait_for(topo, start_lesson(topo), until=ended, timeout=900)
    if holder and holder not in topo.services:
        topo.start(holder)  # as compose's restart policy would
    return {
        "fault": "one worker killed mid-lesson",
        "killed": holder,
        "in_flight": row["status"],
        "lesson": lesson[0][0] if lesson else None,
        "in_flight_as_readme": bool(holder) and as_readme,
        "next_job": after["status"],
        "survived": bool(holder) and as_readme and after["status"] == "succeeded",
    }


def fault_chroma_restart(topo: Topology, farmer: Person, outage_s: float = 8) -> dict:
    """README: 'Chroma server restarts' — ingestions in flight retry with backoff and
    become ready; a question in flight either gets its answer (Chroma back within its
    retries) or fails saying the search service is unavailable; the next ones succeed."""
    topo.stop("chroma")
    spec = {"name": "Restart notes", "slug": "restart-notes", "documents": NOTES, "enqueue": True}
    topo.manage("shell", "-c", ADD_CORPUS, stdin=json.dumps(spec))
    asked = farmer.ask()
    time.sleep(outage_s)
    topo.start("chroma")
    ingest_ids = [
        r[0]
        for r in topo.query(
            "SELECT run_id::text FROM corpora_document d "
            "JOIN corpora_corpus c ON c.id = d.corpus_id WHERE c.slug = 'restart-notes'"
        )
    ]
    ingested = [wait_for(topo, i, until=ended, timeout=240) for i in ingest_ids]
    question = wait_for(topo, asked, until=ended, timeout=240)
    ingest_ok = bool(ingested) and all(r["status"] == "succeeded" for r in ingested)
    ask_ok = question["status"] == "succeeded" or (
        question["status"] == "failed" and "search service" in question["error"].lower()
    )
    spec = {
        "name": "After restart",
        "slug": "after-restart",
        "documents": {"after.md": NOTES["grain-store.md"]},
        "enqueue": True,
    }
    topo.manage("shell", "-c", ADD_CORPUS, stdin=json.dumps(spec))
    next_ingest = topo.query(
        "SELECT run_id::text FROM corpora_document d JOIN corpora_corpus c ON c.id = d.corpus_id "
        "WHERE c.slug = 'after-restart'"
    )[0][0]
    next_ok = wait_for(topo, next_ingest, until=ended, timeout=240)["status"] == "succeeded"
    next_ask = wait_for(topo, farmer.ask(), until=ended, timeout=300)["status"]
    return {
        "fault": "Chroma restarted with ingestions and a question in flight",
        "ingestions": [r["status"] for r in ingested],
        "ingestion_errors": [r["error"][:200] for r in ingested if r["error"]],
        "question": question["status"],
        "question_error": question["error"][:200],
        "in_flight_as_readme": ingest_ok and ask_ok,
        "next_job": {"ingestion": "succeeded" if next_ok else "failed", "ask": next_ask},
        "survived": ingest_ok and ask_ok and next_ok and next_ask == "succeeded",
    }


def jobs_not_finished(topo: Topology, wait_s: float = 300) -> int:
    deadline = time.monotonic() + wait_s
    while True:
        left = topo.query("SELECT count(*) FROM runs_run WHERE status IN ('queued', 'running')")
        if left[0][0] == 0 or time.monotonic() > deadline:
            return left[0][0]
        time.sleep(2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 unless all passed")
    args = parser.parse_args()
    started = time.monotonic()
    result: dict = {}
    with Topology() as topo:
        try:
            result = smoke(topo)
        except BaseException:
            for name in ("web", "worker-1", "worker-2", "chroma", "llm", "beat"):
                log(f"--- {name} log\n{topo.log(name)}")
            raise
    result["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(result))
    passed = (
        result["journeys_passed"] == result["journeys"] > 0
        and result["faults_survived"] == result["faults"] > 0
        and result["jobs_lost"] == 0
    )
    if args.check and not passed:
        sys.exit("prod-smoke: a journey failed, a fault was not survived or a job was lost")


def smoke(topo: Topology) -> dict:
    """The journeys, then the faults, then the page times, over a running topology."""
    journeys = run_journeys(topo)
    log(f"journeys: {journeys}")
    faults = run_faults(topo)
    p95, pages_seen, slowest = page_times(topo)
    return {
        "journeys_passed": sum(1 for v in journeys.values() if v == "passed"),
        "journeys": len(journeys),
        "faults": len(faults),
        "faults_survived": sum(1 for f in faults if f.get("survived")),
        "jobs_lost": jobs_not_finished(topo),
        "p95_ms": p95,
        "page_gets": pages_seen,
        "slowest_pages": slowest,
        "journey_results": journeys,
        "fault_results": faults,
    }


def run_faults(topo: Topology) -> list[dict]:
    """Each fault in turn over a corpus of fault notes; one that breaks the driver
    is recorded as not survived."""
    setup = {"name": "Fault notes", "slug": "fault-notes", "documents": NOTES, "enqueue": False}
    topo.manage("shell", "-c", ADD_CORPUS, stdin=json.dumps(setup))
    people = {"farmer": Person(topo, "farmer"), "teacher": Person(topo, "teacher")}
    faults = []
    for fault, who in (
        (fault_model_server_restart, "farmer"),
        (fault_worker_killed, "teacher"),
        (fault_chroma_restart, "farmer"),
    ):
        log(f"fault: {fault.__name__}")
        try:
            faults.append(fault(topo, people[who]))
        except Exception as exc:
            faults.append(
                {
                    "fault": fault.__name__,
                    "survived": False,
                    "error": f"{type(exc).__name__}: {str(exc)[:300]}",
                }
            )
        log(json.dumps(faults[-1]))
    return faults


if __name__ == "__main__":
    main()

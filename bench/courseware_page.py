"""How long after a teacher submits the lesson form the first lesson content,
and then the whole bundle, shows on the lesson page (bundled model, this machine).

    .venv/bin/python bench/courseware_page.py CHAPTER.md [CHAPTER.md ...] [--topic TEXT]

A throw-away var folder (SQLite, indexes) holds one corpus of the given chapter
files. For each chapter a teacher POSTs the request form (topic: the first
``## `` heading of the second module block, as courseware_eval; grade 8, 40
minutes, English, slides, worksheet, quiz of 5) through Django's test client;
the run is executed by a worker thread as soon as it is enqueued (no queue
wait: the broker is not part of this measure). The main thread polls the
lesson page's htmx body every 0.5 s, as the browser does every 2 s, and notes
when it first shows lesson content (an objective or a learning cycle) and when
the downloads appear. Logs go to stderr; the last stdout line is JSON with the
per-lesson seconds and their medians.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import tempfile
import threading
import time
from pathlib import Path

from common import logger, setup_django  # noqa: E402 (bench/ is the script folder)

log = logger("courseware_page")
POLL_S = 0.5
LIMIT_S = 600


def worker_enqueue(threads: list[threading.Thread]):
    """Stands in for the broker and a solo worker: the run starts at once in a thread."""
    from django.db import connection

    from core.runs.services import execute_run

    def enqueue(run) -> bool:
        def work() -> None:
            try:
                execute_run(run.pk)
            finally:
                connection.close()

        thread = threading.Thread(target=work, daemon=True)
        thread.start()
        threads.append(thread)
        return True

    return enqueue


def measure(client, corpus, topic: str, threads: list) -> dict:
    from django.urls import reverse

    form = {
        "subject": "",
        "grade": 8,
        "topic": topic,
        "minutes": 40,
        "language": "en",
        "corpus": corpus.slug,
        "parts": ["slides", "worksheet", "quiz"],
        "quiz_count": 5,
        "differentiation": "",
        "standards": "",
    }
    started = time.monotonic()
    response = client.post(reverse("courseware:new"), form)
    if response.status_code != 302:
        raise SystemExit(f"the form was refused ({response.status_code})")
    body_url = response["Location"].rstrip("/") + "/body"
    first = bundle = phases = None
    while time.monotonic() - started < LIMIT_S:
        html = client.get(body_url).content.decode()
        now = round(time.monotonic() - started, 2)
        if phases is None and "<h2>Timed phases" in html:
            phases = now
        if first is None and re.search(r"<h2>(Objectives|Learning cycle)", html):
            first = now
            log(f"{topic!r}: first lesson content on the page after {first} s")
        if "Everything (zip)" in html or "Downloads are off" in html:
            bundle = now
            break
        time.sleep(POLL_S)
    threads[-1].join(timeout=60)
    log(f"{topic!r}: downloads on the page after {bundle} s")
    return {
        "topic": topic,
        "phases_visible_s": phases,
        "first_visible_s": first,
        "bundle_on_page_s": bundle,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("chapters", nargs="+", type=Path)
    parser.add_argument("--topic", default="")
    args = parser.parse_args()
    setup_django(tempfile.mkdtemp(prefix="courseware-page-"), migrate=True, CELERY_EAGER="true")

    from django.test import Client

    from apps.courseware import evaluation
    from core.runs import services

    files = [path.resolve() for path in args.chapters]
    user = evaluation.eval_user()
    corpus = evaluation.ingest(
        Path(os.path.commonpath([f.parent for f in files])), files, user, log
    )
    threads: list[threading.Thread] = []
    services._enqueue = worker_enqueue(threads)
    client = Client()
    client.force_login(user)
    results = []
    for path in files:
        topic = args.topic or evaluation.chapter_topic(path.read_text(errors="replace"))
        results.append(measure(client, corpus, topic, threads))
    firsts = [r["first_visible_s"] for r in results if r["first_visible_s"] is not None]
    bundles = [r["bundle_on_page_s"] for r in results if r["bundle_on_page_s"] is not None]
    print(
        json.dumps(
            {
                "lessons": results,
                "first_visible_s": statistics.median(firsts) if firsts else None,
                "bundle_on_page_s": statistics.median(bundles) if bundles else None,
            }
        )
    )


if __name__ == "__main__":
    main()

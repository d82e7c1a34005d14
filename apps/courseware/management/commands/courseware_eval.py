"""python manage.py courseware_eval --docs DIR --json [--out DIR]

Runs in a throw-away embedded stack: the command re-runs itself in a child
process whose VAR_DIR (SQLite database, Chroma folder, lexical index) is a
temporary folder, with tasks inline, so nothing of the operator's data is
touched. Logs go to stderr; the last stdout line is one JSON object.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

CHILD_FLAG = "OPENKITCHEN_COURSEWARE_EVAL_CHILD"


class Command(BaseCommand):
    help = "Generate one lesson per chapter file under --docs and report finish, validity, export, citation and maths-key measures."  # noqa: E501

    def add_arguments(self, parser):
        parser.add_argument(
            "--docs",
            required=True,
            help="folder holding ch*.md chapter files (searched recursively)",
        )
        parser.add_argument(
            "--out",
            help="folder (created if missing) for each finished lesson's bundle: <stem>.zip",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="print one JSON line (always done; kept for the protocol)",
        )

    def handle(self, *args, **options):
        root = Path(options["docs"]).resolve()
        if not root.is_dir():
            raise CommandError(f"{root} is not a folder.")
        out = Path(options["out"]).resolve() if options.get("out") else None
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
        if os.environ.get(CHILD_FLAG) != "1":
            return self._spawn(root, out)
        self._evaluate(root, out)

    def _log(self, message: str) -> None:
        print(f"[courseware_eval] {message}", file=sys.stderr, flush=True)

    def _spawn(self, root: Path, out: Path | None) -> None:
        from core.corpora import run_in_scratch_stack

        env = {"OPENKITCHEN_CELERY_EAGER": "true", CHILD_FLAG: "1"}
        for name in (
            "LLM_BACKEND",
            "LLM_BASE_URL",
            "LLM_MODEL",
            "LLM_API_KEY",
            "LLM_GGUF_PATH",
            "EMBEDDER",
        ):
            if f"OPENKITCHEN_{name}" in os.environ:  # the model under test is the operator's choice
                env[f"OPENKITCHEN_{name}"] = os.environ[f"OPENKITCHEN_{name}"]
        line = run_in_scratch_stack(
            "courseware_eval",
            ["--docs", str(root), "--json", *(["--out", str(out)] if out else [])],
            env=env,
            prefix="courseware-eval-",
            log=self._log,
        )
        self.stdout.write(line)

    def _warm_up(self) -> None:
        """Load the model once, as a running worker already has: the timings
        measure lessons, not the process start."""
        from core.reasoning import get_llm

        started = time.monotonic()
        llm = get_llm()
        for _ in llm.stream([{"role": "user", "content": "Hello"}], max_tokens=1):
            pass
        self._log(f"model {llm.model_name} ready in {time.monotonic() - started:.1f} s")

    def _evaluate(self, root: Path, out: Path | None) -> None:
        from apps.courseware import evaluation

        files = evaluation.chapter_files(root)
        self._log(f"{len(files)} chapter files under {root}")
        user = evaluation.eval_user()
        started = time.monotonic()
        corpus = evaluation.ingest(root, files, user, self._log)
        self._log(f"ingestion took {time.monotonic() - started:.1f} s")
        self._warm_up()
        results = []
        for path in files:
            text = path.read_text(errors="replace")
            topic = evaluation.chapter_topic(text)
            if topic is None:
                self._log(f"{path.name}: no second module block; counted as a failed lesson")
                results.append(evaluation.LessonResult(problems=["no topic"]))
                continue
            subject = evaluation.teaching.subject_of(text)
            bundle = out / f"{path.stem}.zip" if out else None
            results.append(evaluation.run_lesson(user, corpus, topic, self._log, subject, bundle))
        self._log(f"load average now {os.getloadavg()[0]:.2f}")
        self.stdout.write(json.dumps(evaluation.summary(len(files), results)))

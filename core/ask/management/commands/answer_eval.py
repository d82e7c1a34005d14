"""python manage.py answer_eval --qa FILE --docs DIR [--off-corpus-qa FILE2] --json

Runs in a throw-away embedded stack: the command re-runs itself in a child
process whose VAR_DIR (SQLite database, Chroma folder, lexical index, broker
folder) is a temporary folder, with the bundled model and seed 7, so nothing of
the operator's data is touched and anyone can rerun it. The protocol and the
measures are ``core.ask.evaluation``'s. Logs go to stderr; the last stdout line
is one JSON object.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

CHILD_FLAG = "OPENKITCHEN_ANSWER_EVAL_CHILD"


class Command(BaseCommand):
    help = "Ask each question of a qa.jsonl through the core.ask run and report answer accuracy, abstention, checks and timings."  # noqa: E501

    def add_arguments(self, parser):
        parser.add_argument("--qa", required=True, type=Path, help="qa.jsonl of build_qrels.py")
        parser.add_argument("--docs", required=True, type=Path, help="its docs/ folder")
        parser.add_argument(
            "--off-corpus-qa", type=Path, help="qa.jsonl of other chapters (not ingested)"
        )
        parser.add_argument("--details", type=Path, help="also write one JSON line per question")
        parser.add_argument("--json", action="store_true", help="print one JSON line (always done)")
        parser.add_argument(
            "--without-model",
            action="store_true",
            help="never ask the model: measure the answers composed from the sources alone",
        )

    def handle(self, *args, qa: Path, docs: Path, off_corpus_qa: Path | None = None, **options):
        paths = [p.resolve() for p in (qa, docs, off_corpus_qa) if p is not None]
        if not docs.is_dir():
            raise CommandError(f"--docs {docs} is not a folder.")
        for path in (qa, off_corpus_qa):
            if path is not None and not path.is_file():
                raise CommandError(f"{path} is not a file.")
        details = options.get("details")
        details = details.resolve() if details else None
        if os.environ.get(CHILD_FLAG) != "1":
            return self._spawn(
                paths, off_corpus_qa is not None, details, options.get("without_model", False)
            )
        self._evaluate(
            qa.resolve(), docs.resolve(), off_corpus_qa, details, options.get("without_model")
        )

    def _log(self, message: str) -> None:
        print(f"[answer_eval] {message}", file=sys.stderr, flush=True)

    def _spawn(
        self, paths: list[Path], off: bool, details: Path | None, without_model: bool
    ) -> None:
        from core.ask.evaluation import SEED
        from core.corpora.scratch import run_in_scratch_stack

        env = {
            "OPENKITCHEN_LLM_SEED": str(SEED),
            "OPENBLAS_NUM_THREADS": "1",  # numpy's idle threads steal the cores (STACK.md)
            "TOKENIZERS_PARALLELISM": "false",
            CHILD_FLAG: "1",
        }
        if without_model:
            env["OPENKITCHEN_ASK_MODEL_DRAFT"] = "0"
        arguments = ["--qa", str(paths[0]), "--docs", str(paths[1])]
        if off:
            arguments += ["--off-corpus-qa", str(paths[2])]
        if details:
            arguments += ["--details", str(details)]
        if without_model:
            arguments.append("--without-model")
        line = run_in_scratch_stack(
            "answer_eval", [*arguments, "--json"], env=env, prefix="answer-eval-", log=self._log
        )
        self.stdout.write(line)

    def _evaluate(
        self, qa: Path, docs: Path, off: Path | None, details: Path | None, without_model: bool
    ) -> None:
        from core.ask import evaluation

        asked = evaluation.read_qa(qa, evaluation.MAX_QUESTIONS)
        others = evaluation.read_qa(off, evaluation.MAX_OFF_CORPUS) if off else []
        self._log(f"{len(asked)} questions from {qa.name}, {len(others)} off-corpus")
        results = evaluation.evaluate(docs, asked, others, self._log, warm=not without_model)
        if details:
            with details.open("w", encoding="utf-8") as out:
                for answered, judged in results:
                    row = evaluation.detail(answered, judged)
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._log(f"load average now {os.getloadavg()[0]:.2f}")
        self.stdout.write(json.dumps(evaluation.summary(results)))

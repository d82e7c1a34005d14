"""Fit and cross-validate Ask's answerability model (core.reasoning.compose.answerability).

    .venv/bin/python bench/answerability.py [--data ../shared/data] [--work DIR] [--reuse]

Protocol, fixed before measuring. Every development set is asked through the real
pipeline with ``answer_eval --without-model --details`` (hybrid retrieval's passages, the
composer's signals as the run records them): SQuAD answerable (+ off-corpus),
SQuAD 2.0 unanswerable, XQuAD in English, Hindi and Chinese, and glossary questions
of two curriculum chapters (``build_qrels.py``) with the other two as off-corpus.
Labels: 1 = answerable and a gold answer is in a passage given; 0 = off-corpus or
unanswerable; answerable questions whose answer no passage holds are left out of the fit
(no decision can make them right) but counted in the rates. A logistic regression
(L2, C=1, no scaling: the signals run 0..1) is cross-validated with one fold per article
(chapter for glossary questions); the rates are out of fold. The threshold is the
lowest of ``THRESHOLDS`` at which every set's off-corpus questions are still refused
``OFF_CORPUS_FLOOR`` of the time out of fold (a margin over the 0.90 target): below it,
fair questions are refused for nothing. The final coefficients are fitted on
everything; paste them and the threshold into answerability.py.

Logs go to stderr; the last stdout line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from core.reasoning.compose.answerability import (  # noqa: E402
    WORD_SIGNALS,
    Signals,
)

FEATURES = list(
    Signals("other", 0.0, 0.0, 0.0, 0.0, False, None).features()
)  # names in the model's order
# The full model leaves the asked-type signals out: fitted with them, a sentence holding
# the asked type lowered the chance (off-corpus "when" and "how many" questions find
# years and numbers in any passage) and one missing it raised the chance.
MEANING_AND_WORDS = [f for f in FEATURES if not f.startswith("typed")]
THRESHOLDS = tuple(round(0.2 + 0.05 * k, 2) for k in range(9))  # 0.2 .. 0.6
OFF_CORPUS_FLOOR = 0.95


_NUMBERED = re.compile(r"-\d+\.md$")


def log(message: str) -> None:
    print(f"[answerability] {message}", file=sys.stderr, flush=True)


def answer_eval(qa: Path, docs: Path, off: Path | None, details: Path) -> None:
    command = [
        str(REPO / ".venv/bin/python"),
        str(REPO / "manage.py"),
        "answer_eval",
        "--qa", str(qa), "--docs", str(docs), "--without-model", "--details", str(details),
    ]  # fmt: skip
    if off:
        command += ["--off-corpus-qa", str(off)]
    log(" ".join(command[2:]))
    subprocess.run(command, check=True, cwd=REPO, stdout=subprocess.PIPE)


def glossary_sets(data: Path, work: Path) -> list[tuple[Path, Path, Path]]:
    chapters = sorted((data / "curriculum").glob("*/ch*.md"))
    builder = data.parent / "eval" / "build_qrels.py"
    sets = []
    for k, (inside, outside) in enumerate(
        [(chapters[0::2], chapters[1::2]), (chapters[1::2], chapters[0::2])]
    ):
        folder_in, folder_out = work / f"glossary-{k}-in", work / f"glossary-{k}-off"
        for folder, files in ((folder_in, inside), (folder_out, outside)):
            if not (folder / "qa.jsonl").exists():
                subprocess.run(
                    [sys.executable, str(builder), str(folder), *map(str, files)],
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
        sets.append((folder_in / "qa.jsonl", folder_in / "docs", folder_out / "qa.jsonl"))
    return sets


def article(row: dict, name: str) -> str:
    relevant = (row.get("relevant") or [""])[0]
    if name.startswith("glossary"):
        return f"{name}:{'off' if row['off_corpus'] else 'in'}:{relevant[:6]}"
    return f"{name}:{_NUMBERED.sub('', relevant)}"


def rows_of(details: Path, name: str) -> list[dict]:
    rows = []
    for line in details.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        decision = row.get("decision")
        if not decision:
            continue  # the question's script is not the documents': no decision is made
        answerable = not row["off_corpus"] and not row["unanswerable"]
        rows.append(
            {
                "set": name,
                "group": article(row, name),
                "answerable": answerable,
                "kind": "answerable"
                if answerable
                else ("off_corpus" if row["off_corpus"] else "unanswerable"),
                "gold_given": answerable and bool(row.get("gold_in_sources")),
                "x": [Signals(**signals_of(row, decision)).features()[f] for f in FEATURES],
                "share": decision["signals"]["passage_share"],
            }
        )
    return rows


def signals_of(row: dict, decision: dict) -> dict:
    """The recorded signals, with the question's script (older details lack it)."""
    from core.text.languages import script_of

    return {"script": script_of([row["question"]]) or "", **decision["signals"]}


def rates(rows: list[dict], accepted: np.ndarray) -> dict:
    out = {}
    for kind in ("answerable", "off_corpus", "unanswerable"):
        mask = np.array([r["kind"] == kind for r in rows])
        if mask.any():
            share = accepted[mask].mean() if kind == "answerable" else 1 - accepted[mask].mean()
            out[f"{kind}_{'accepted' if kind == 'answerable' else 'refused'}"] = round(
                float(share), 3
            )
    return out


def rates_by_set(rows: list[dict], accepted: np.ndarray, set_names) -> dict:
    return {
        name: rates(
            [r for r in rows if r["set"] == name], accepted[[r["set"] == name for r in rows]]
        )
        for name in set_names
    }


def cross_validated(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Out-of-fold probabilities, one fold per article."""
    from sklearn.linear_model import LogisticRegression

    predicted = np.zeros(len(y))
    for group in sorted(set(groups)):
        held = groups == group
        model = LogisticRegression(C=1.0, max_iter=1000, class_weight="balanced").fit(
            x[~held], y[~held]
        )
        predicted[held] = model.predict_proba(x[held])[:, 1]
    return predicted


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--work", type=Path)
    parser.add_argument("--reuse", action="store_true", help="reuse details already in --work")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="answerability-"))
    work.mkdir(parents=True, exist_ok=True)
    sets = question_sets(args.data, work)
    rows = []
    for name, (questions, docs, off) in sets.items():
        details = work / f"{name}.jsonl"
        if not (args.reuse and details.exists()):
            answer_eval(questions, docs, off, details)
        rows += rows_of(details, name)
    fit = [r for r in rows if not r["answerable"] or r["gold_given"]]
    result = {
        "questions": len(rows),
        "fitted_on": len(fit),
        "answerable_without_gold_passage": sum(
            r["answerable"] and not r["gold_given"] for r in rows
        ),
        "all_rates": {},
        "work": str(work),
    }
    for label, names in (("", MEANING_AND_WORDS), ("word_", list(WORD_SIGNALS))):
        fit_signals(result, label, names, rows, fit, list(sets))
    print(json.dumps(result))


def question_sets(data: Path, work: Path) -> dict[str, tuple[Path, Path, Path | None]]:
    """name: (questions, their documents, off-topic questions or None)."""
    qa = data / "qa"

    def folder(name: str, off: str | None = None) -> tuple[Path, Path, Path | None]:
        return qa / name / "qa.jsonl", qa / name / "docs", qa / off / "qa.jsonl" if off else None

    sets = {
        "squad": folder("squad-dev-en", "squad-dev-off"),
        "squad2": folder("squad2-dev-unanswerable"),
        **{f"xquad-{lang}": folder(f"xquad-dev-{lang}") for lang in ("en", "hi", "zh")},
    }
    for k, triple in enumerate(glossary_sets(data, work)):
        sets[f"glossary-{k}"] = triple
    return sets


def fit_signals(result: dict, label: str, names: list[str], rows, fit, set_names) -> None:
    """Cross-validated rates and a logistic fit over the signals ``names``, into
    ``result`` under keys that start with ``label``."""
    from sklearn.linear_model import LogisticRegression

    y = np.array([int(r["answerable"]) for r in fit])
    groups = np.array([r["group"] for r in fit])
    columns = [FEATURES.index(n) for n in names]
    x = np.array([r["x"] for r in fit])[:, columns]
    predicted = cross_validated(x, y, groups)
    result[f"{label}cross_validated_at"] = {t: rates(fit, predicted >= t) for t in THRESHOLDS}
    by_set = {t: rates_by_set(fit, predicted >= t, set_names) for t in THRESHOLDS}
    answer_at = next(
        (
            t
            for t in THRESHOLDS
            if all(r.get("off_corpus_refused", 1.0) >= OFF_CORPUS_FLOOR for r in by_set[t].values())
        ),
        THRESHOLDS[-1],
    )
    model = LogisticRegression(C=1.0, max_iter=1000, class_weight="balanced").fit(x, y)
    result[f"{label}answer_at"] = answer_at
    result[f"{label}cross_validated"] = rates(fit, predicted >= answer_at)
    result[f"{label}cross_validated_by_set"] = by_set[answer_at]
    result[f"{label}coefficients"] = {
        f: round(float(c), 3) for f, c in zip(names, model.coef_[0], strict=True)
    }
    result[f"{label}intercept"] = round(float(model.intercept_[0]), 3)
    all_x = np.array([r["x"] for r in rows])[:, columns]
    result["all_rates"][label or "full"] = rates(
        rows, model.predict_proba(all_x)[:, 1] >= answer_at
    )


if __name__ == "__main__":
    main()

"""The topic-coverage rule of apps/courseware/topic_coverage.py, measured.

    HF_HUB_OFFLINE=1 OPENBLAS_NUM_THREADS=1 \
        .venv/bin/python tests/apps/courseware/measure_topic_coverage.py

The four development chapters of ../shared/data/curriculum are rotated: each
in turn is held out and the other three are searched (chunked as ingestion
chunks Markdown, embedded with the bundled MiniLM, the 8 passages of highest
cosine as retrieval's k). Topics: the chapters' section headings (## and ###),
chapter furniture ("Practice Problems", "Section Summary", ...) left out;
in-corpus topics should be accepted, the held-out chapter's refused. Prints
the rates for the core's cosine threshold alone and with the word rule, one
JSON line, then each topic judged wrongly. About 3 minutes on 2 cores.
"""

import json
import os
import re
import sys
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parents[3]
DATA = REPO.parent / "shared" / "data" / "curriculum"
FURNITURE = re.compile(
    r"^(?:introduction|glossary|key (?:terms|concepts|equations)|section (?:key terms|summary)"
    r"|summary|exercises?|practice(?: makes perfect| problems)?|everyday math|self check"
    r"|learning objectives?|be prepared|chapter (?:review|practice test)|references?"
    r"|.*exercises|mixed practice|try it|example.*|solution|manipulative.*|media"
    r"|links to literacy|teacher support|check your understanding|performance task"
    r"|test prep.*|critical thinking.*|problems|concept items|.*review)$",
    re.I,
)
K = 8


def headings(path: Path) -> list[str]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^#{2,3}\s+(.*)$", line)
        if match:
            heading = re.sub(r"^\d+(?:\.\d+)*\s*", "", re.sub(r"[*_`]", "", match.group(1)))
            if heading and not FURNITURE.match(heading.strip()) and len(heading.split()) <= 8:
                found.append(heading.strip())
    return list(dict.fromkeys(found))


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")
    sys.path[:0] = [str(REPO), str(REPO / "bench")]
    import django

    django.setup()
    import compose_threshold as bench
    import numpy as np

    from apps.courseware.topic_coverage import missing_words
    from core.corpora.ingestion.markdown import extract_markdown
    from core.corpora.ingestion.split import split
    from core.reasoning.compose.relevance import DENSE_THRESHOLD

    embed = bench.Embedder()
    chunks, vectors = {}, {}
    for chapter in bench.CHAPTERS:
        extracted = extract_markdown((DATA / chapter).read_text(encoding="utf-8"))
        chunks[chapter] = [(d.heading, d.text) for d in split(extracted, embed.count_tokens)]
        vectors[chapter] = embed([text for _, text in chunks[chapter]])
    judged = {"in": {"dense": [], "rule": []}, "off": {"dense": [], "rule": []}}
    wrong = []
    for held_out in bench.CHAPTERS:
        inside = [c for c in bench.CHAPTERS if c != held_out]
        pool = [chunk for c in inside for chunk in chunks[c]]
        matrix = np.vstack([vectors[c] for c in inside])
        for kind, chapters in (("in", inside), ("off", [held_out])):
            for topic in (t for c in chapters for t in headings(DATA / c)):
                scores = matrix @ embed([topic])[0]
                best = np.argsort(-scores)[:K]
                passages = [SimpleNamespace(heading=pool[j][0], text=pool[j][1]) for j in best]
                dense = bool(scores[best[0]] >= DENSE_THRESHOLD)
                rule = dense and not missing_words(topic, passages)
                judged[kind]["dense"].append(dense)
                judged[kind]["rule"].append(rule)
                if rule != (kind == "in"):
                    wrong.append((kind, held_out, topic, round(float(scores[best[0]]), 3)))

    def rate(values: list[bool], kind: str) -> float:
        right = sum(values) if kind == "in" else len(values) - sum(values)
        return round(right / len(values), 3)

    print(
        json.dumps(
            {
                kind: {
                    "topics": len(v["dense"]),
                    "right_share_dense_only": rate(v["dense"], kind),
                    "right_share_dense_and_words": rate(v["rule"], kind),
                }
                for kind, v in judged.items()
            }
        )
    )
    for row in wrong:
        print(row)


if __name__ == "__main__":
    main()

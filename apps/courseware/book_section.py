"""The section of a book that teaches the topic, read whole with its block kinds.

Which section: among the sections the retrieved passages come from, the one
whose title shares most words with the topic, retrieval rank breaking ties
(a section is the second level of a passage's heading path: "Chapter 4:
Fractions > Add and Subtract Fractions with Different Denominators"). Its
glossary is the "Glossary" run right after it, as OpenStax places it.

A chapter's first section often only introduces its subject and the book
works its examples in the sections after it; so the worked examples of the
chapter's other sections (same first level of the heading path, same
document) come along, nearest first, for a lesson whose own section has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from apps.courseware.book_blocks import Block, split_boxes
from apps.courseware.lesson import SourcePassage

_BOX_START = re.compile(r"^\s*(?:>\s*)?\*\*|^\s*#")
_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = {"and", "the", "with", "for", "from", "into", "about", "how", "what", "using"}
_SUFFIX = re.compile(r"(?:ing|ions|ion|ers|es|ed|s)$")


@dataclass
class BookSection:
    document_id: str
    title: str  # the section's own heading, e.g. "Add and Subtract Fractions with ..."
    path: str  # "Chapter 4: Fractions > Add and Subtract ..."
    blocks: list[Block] = field(default_factory=list)
    sources: list[SourcePassage] = field(default_factory=list)
    # Worked examples of the chapter's other sections, nearest first, and their passages.
    nearby: list[Block] = field(default_factory=list)
    nearby_sources: list[SourcePassage] = field(default_factory=list)

    def of_kind(self, *kinds: str) -> list[Block]:
        return [b for b in self.blocks if b.kind in kinds]

    def cited_nearby(self, cited: set[str]) -> list[SourcePassage]:
        """The passages of every nearby example the lesson cites a chunk of."""
        wanted = {c for b in self.nearby if cited & set(b.chunk_ids) for c in b.chunk_ids}
        return [p for p in self.nearby_sources if p.id in wanted]


def stems(text: str) -> set[str]:
    return {
        _SUFFIX.sub("", w.casefold())[:6] for w in _WORD.findall(text) if w.casefold() not in _STOP
    }


def section_path(heading: str) -> str:
    parts = [p for p in heading.split(" > ") if p]
    return " > ".join(parts[:2])


def section_title(heading: str) -> str:
    """The section's own heading from a passage's heading path."""
    return section_path(heading).split(" > ")[-1]


def choose_section(topic: str, sources: list[SourcePassage]) -> tuple[str, str] | None:
    """(document id, section path) of the section that teaches ``topic``, or None."""
    wanted = stems(topic)
    scores: dict[tuple[str, str], float] = {}
    for rank, source in enumerate(sources):
        path = section_path(source.heading)
        if " > " not in path or path.endswith("Glossary"):
            continue
        key = (source.document_id, path)
        overlap = len(wanted & stems(path.split(" > ")[-1])) / max(1, len(wanted))
        scores[key] = max(scores.get(key, 0.0), overlap) + 0.1 / (rank + 1)
    if not scores:
        return None
    return max(scores, key=scores.get)


def merge_chunks(rows: list[dict]) -> list[Block]:
    """Consecutive chunks of one block joined back into its whole text (chunks
    overlap: offsets say where the next one's new text begins); short exercise
    boxes that ingestion put in one passage, one block each again."""
    blocks = []
    for block in _joined(rows):
        if block.kind in ("exercise", "review_question"):
            blocks += [
                Block(block.kind, t, block.chunk_ids, block.heading)
                for t in split_boxes(block.text)
            ]
        else:
            blocks.append(block)
    return blocks


def _joined(rows: list[dict]) -> list[Block]:
    blocks: list[Block] = []
    last_end = -1
    for row in rows:
        starts_box = bool(_BOX_START.match(row["text"]))
        same = blocks and blocks[-1].kind == row["block_kind"] and not starts_box
        if same and row["start"] < last_end:
            blocks[-1].text += row["text"][last_end - row["start"] :]
        elif same and row["block_kind"] not in ("prose", "caption"):
            blocks[-1].text += "\n\n" + row["text"]
        else:
            blocks.append(Block(row["block_kind"], row["text"], [], row["heading"]))
        blocks[-1].chunk_ids.append(str(row["id"]))
        last_end = max(last_end, row["end"]) if same else row["end"]
    return blocks


@dataclass
class SectionRows:
    inside: list[dict]
    glossary: list[dict]
    nearby: list[dict]  # worked-example rows of the chapter's other sections


def rows_of_section(path: str, rows: list[dict]) -> SectionRows:
    """The document's rows (in reading order) that are the section at ``path``,
    its glossary, and the worked examples of its chapter's other sections,
    nearest section first."""
    inside, glossary, others = [], [], []
    first = last = None
    closed = False
    chapter = path.split(" > ")[0] + " > "
    for index, row in enumerate(rows):
        if row["heading"] == path or row["heading"].startswith(path + " > "):
            inside.append(row)
            first = index if first is None else first
            last = index
            continue
        glossary_row = row["heading"].endswith("> Glossary") and not glossary_done(glossary, row)
        if inside and not closed and glossary_row:
            glossary.append(row)
            continue
        closed = bool(inside)
        if row["block_kind"] == "worked_example" and row["heading"].startswith(chapter):
            others.append((index, row))
    if first is None:
        return SectionRows([], [], [])

    def distance(found: tuple[int, dict]) -> int:
        index = found[0]
        return first - index if index < first else index - last

    nearest = {}
    for index, row in sorted(others, key=distance):
        nearest.setdefault(section_path(row["heading"]), []).append((index, row))
    nearby = [row for group in nearest.values() for _, row in sorted(group, key=lambda f: f[0])]
    return SectionRows(inside, glossary, nearby)


def nearby_blocks(rows: list[dict]) -> list[Block]:
    """The nearby worked-example rows as whole blocks, one section's at a time."""
    blocks, group = [], []
    for row in rows:
        if group and section_path(row["heading"]) != section_path(group[-1]["heading"]):
            blocks += merge_chunks(group)
            group = []
        group.append(row)
    return blocks + (merge_chunks(group) if group else [])


def load_section(topic: str, sources: list[SourcePassage]) -> BookSection | None:
    """The section teaching ``topic`` with every block of it, or None."""
    from core.corpora import Chunk

    chosen = choose_section(topic, sources)
    if chosen is None:
        return None
    document_id, path = chosen
    template = next(s for s in sources if s.document_id == document_id)
    rows = list(
        Chunk.objects.filter(document_id=document_id, live=True)
        .order_by("ordinal")
        .values("id", "text", "heading", "page", "start", "end", "block_kind")
    )
    found = rows_of_section(path, rows)
    if not found.inside:
        return None
    blocks = merge_chunks(found.inside) + [
        Block("key_term", b.text, b.chunk_ids, b.heading) for b in merge_chunks(found.glossary)
    ]

    def passages(chosen_rows: list[dict]) -> list[SourcePassage]:
        return [
            template.model_copy(
                update={
                    "id": str(r["id"]),
                    "heading": r["heading"],
                    "page": r["page"],
                    "excerpt": r["text"],
                }
            )
            for r in chosen_rows
        ]

    return BookSection(
        document_id,
        path.split(" > ")[-1],
        path,
        blocks,
        passages(found.inside + found.glossary),
        nearby_blocks(found.nearby),
        passages(found.nearby),
    )


def glossary_done(glossary: list[dict], row: dict) -> bool:
    return bool(glossary) and row["heading"] != glossary[-1]["heading"]

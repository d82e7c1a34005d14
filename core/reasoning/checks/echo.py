"""Echo: the text copies the prompt's own wording back (its rules, its outline
labels, a JSON schema), as opposed to quoting the sources or the question,
which is allowed.

Rules, with why:
- a run of 8 or more words copied from the prompt's wording (not from its
  sources, question or facts; tags and citation numbers left out), or two
  runs of 6 or more: one 6-word piece can be chance, 8 words or two pieces
  are not;
- any 6 consecutive words of an instruction the caller named (the whole of a
  4- or 5-word one): instructions are the one thing that must never come back;
- in both, a piece that says the sources lack something ("the sources do not
  contain the answer") does not count: that is doing what the rules ask;
- two or more of the prompt's outline labels ("SECTION 1", "SECTION 9") that
  are not the sources' own;
- JSON-schema keys ("type": "object", "properties": {): schema, not prose.
Fed in pieces, so the stream guard and the full check agree.
"""

from __future__ import annotations

import re

from core.reasoning.checks.prepared import ECHO_GRAM, Prepared
from core.reasoning.checks.report import ECHO, Failure, gettext_noop
from core.reasoning.checks.text import Token, quote

LONG_RUN = 8
_SCHEMA = re.compile(
    r'"(?:type"\s*:\s*"(?:object|string|array|integer|number|boolean)"|properties"\s*:\s*\{'
    r'|\$schema"|required"\s*:\s*\[\s*")'
)
_LABEL = re.compile(r"\b([A-Z]{3,})\s+(\d{1,2})\b")


# What a failure says (stored in English; the run page translates it).
INSTRUCTIONS = gettext_noop("It copies the prompt's instructions back: “%(quote)s”.")
WORDING = gettext_noop("It copies the prompt's wording back: “%(quote)s”.")
WORDING_PLACES = gettext_noop(
    "It copies the prompt's wording back (%(count)s places): “%(quote)s”."
)
LABELS = gettext_noop("It repeats the prompt's outline labels (%(labels)s) instead of answering.")
SCHEMA = gettext_noop("It copies a JSON schema back (“%(schema)s”) instead of answering.")
SENTENCES = (INSTRUCTIONS, WORDING, WORDING_PLACES, LABELS, SCHEMA)


class EchoDetector:
    def __init__(self, prepared: Prepared):
        self.prepared = prepared
        self.words: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.run = 0  # consecutive scaffold pieces ending at the last word
        self.runs: list[tuple[int, int]] = []  # (first word, last word) of closed runs
        self.instruction_hit: tuple[int, int] | None = None
        self.labels: set[str] = set()
        self.schema: str | None = None

    def feed(self, new_tokens: list[Token], text: str, scan_from: int, scan_to: int) -> None:
        """Take the next words, and scan ``text[scan_from:scan_to]`` for labels and schema keys."""
        scaffold, sizes = self.prepared.scaffold, self.prepared.instruction_grams
        fresh = [t for t in new_tokens if not t.citation]
        before = len(self.words)
        self.words.extend(t.word for t in fresh)
        self.starts.extend(t.start for t in fresh)
        self.ends.extend(t.end for t in fresh)
        # the pieces that end at a new word, last word by last word
        first = max(0, before - ECHO_GRAM + 1)
        tail = self.words[first:]
        for offset, piece in enumerate(zip(*(tail[i:] for i in range(ECHO_GRAM)), strict=False)):
            if piece in scaffold:
                self.run += 1
            elif self.run:
                self._close(first + offset + ECHO_GRAM - 2)
        if self.instruction_hit is None:
            for size, pieces in sizes.items():
                start = max(0, before - size + 1)
                tail = self.words[start:]
                for offset, piece in enumerate(zip(*(tail[i:] for i in range(size)), strict=False)):
                    if piece in pieces:
                        self.instruction_hit = (start + offset, start + offset + size - 1)
                        break
        if self.prepared.labels:
            for match in _LABEL.finditer(text, scan_from, scan_to):
                label = f"{match.group(1)} {match.group(2)}"
                if label in self.prepared.labels:
                    self.labels.add(label)
        if self.schema is None:
            found = _SCHEMA.search(text, scan_from, scan_to)
            self.schema = found.group(0) if found else None

    def _close(self, last_word: int) -> None:
        first = last_word - (self.run + ECHO_GRAM - 1) + 1
        self.runs.append((first, last_word))
        self.run = 0

    def _spans(self) -> list[tuple[int, int]]:
        spans = list(self.runs)
        if self.run:
            last = len(self.words) - 1
            spans.append((last - (self.run + ECHO_GRAM - 1) + 1, last))
        return spans

    def failure(self, text: str) -> Failure | None:
        def copied(span: tuple[int, int]) -> str:
            return quote(text[self.starts[span[0]] : self.ends[span[1]]])

        if self.instruction_hit:
            shown = copied(self.instruction_hit)
            return Failure(ECHO, INSTRUCTIONS % {"quote": shown})
        spans = self._spans()
        longest = max(spans, key=lambda s: s[1] - s[0], default=None)
        if longest and (longest[1] - longest[0] + 1 >= LONG_RUN or len(spans) >= 2):
            said = WORDING_PLACES if len(spans) > 1 else WORDING
            return Failure(ECHO, said % {"quote": copied(longest), "count": len(spans)})
        if len(self.labels) >= 2:
            shown = ", ".join(sorted(self.labels)[:3])
            return Failure(ECHO, LABELS % {"labels": shown})
        if self.schema:
            return Failure(ECHO, SCHEMA % {"schema": self.schema})
        return None


def check_echo(text: str, tokens: list[Token], prepared: Prepared) -> Failure | None:
    detector = EchoDetector(prepared)
    detector.feed(tokens, text, 0, len(text))
    return detector.failure(text)

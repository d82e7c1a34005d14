"""The checks that can stop a generation early: a loop or an echo, found on
the stream as it grows, so the model is not left to run to its token cap; and,
where code already found an answer in the sources, a draft whose first
sentences say nothing (only the question's words, citations and stock phrases
such as "The answer is [1]." or "The sources do not contain the answer."),
so a reader does not wait for a draft that could never replace that answer."""

from __future__ import annotations

import re

from core.reasoning.checks.echo import EchoDetector
from core.reasoning.checks.empty import check_empty
from core.reasoning.checks.loops import LoopDetector
from core.reasoning.checks.prepared import prepare
from core.reasoning.checks.report import Evidence, Failure
from core.reasoning.checks.text import tokens

LOOKBACK = 64  # characters re-scanned for a label or schema key cut by the last feed
# A served model may open with a sentence of preamble; three sentences (or this many
# words) with nothing in them are a draft that says nothing.
EMPTY_AFTER_SENTENCES = 3
EMPTY_AFTER_WORDS = 60
_SENTENCE_END = re.compile(r"[.!?。！？।](?=\s|$)|\n\s*\n")


class StreamGuard:
    """Feed it the text so far, as often as every ~200 ms; each call reads only
    what is new since the last (whole words up to the last space), so a 2 kB
    answer costs about the same fed once or fed in a hundred pieces.

    ``feed`` returns a Failure ("loop" or "echo") once the text certainly fails
    that check (the full ``check_text`` will say the same), or "empty" once the
    first sentences of a draft say nothing while ``Evidence.answer_found`` (the
    full check reads the whole text, so a draft with content later would pass
    it: on the stream the reader is not made to wait for that), else None. A
    text that is not an extension of the previous one starts the guard afresh."""

    def __init__(self, evidence: Evidence):
        self.prepared = prepare(evidence)
        self._start()

    def _start(self) -> None:
        self.text = ""
        self.done = 0  # characters whose words have been fed
        self.segment_from = 0
        self.loops = LoopDetector()
        self.echo = EchoDetector(self.prepared)
        self.failure: Failure | None = None
        self.empty_judged = not self.prepared.answer_found

    def feed(self, text_so_far: str) -> Failure | None:
        if self.failure is not None and text_so_far.startswith(self.text):
            return self.failure
        if not text_so_far.startswith(self.text):
            self._start()
        self.loops.feed_characters(text_so_far, len(self.text))
        self.text = text_so_far
        cut = _settled(text_so_far, self.done)
        if cut <= self.done:
            self.failure = self.loops.failure(text_so_far)
            return self.failure
        new = tokens(text_so_far[self.done : cut], offset=self.done)
        self.loops.feed_tokens(new)
        self.segment_from = self.loops.feed_segments(text_so_far, self.segment_from, cut)
        self.echo.feed(new, text_so_far, max(0, self.done - LOOKBACK), cut)
        self.done = cut
        self.failure = (
            self.loops.failure(text_so_far)
            or self.echo.failure(text_so_far)
            or self._empty(text_so_far[:cut])
        )
        return self.failure

    def _empty(self, settled: str) -> Failure | None:
        """Judged once, when the draft's first sentences are settled."""
        if self.empty_judged:
            return None
        sentences = len(_SENTENCE_END.findall(settled))
        if sentences < EMPTY_AFTER_SENTENCES and len(settled.split()) < EMPTY_AFTER_WORDS:
            return None
        self.empty_judged = True
        return check_empty(settled, self.prepared)


def _settled(text: str, done: int) -> int:
    """Where the words that can no longer change end: the last whitespace, and
    before a citation still open ("[1, ")."""
    cut = max(text.rfind(" ", done), text.rfind("\n", done))
    if cut <= done:
        return done
    opened = text.rfind("[", done, cut)
    if opened > text.rfind("]", done, cut):
        cut = opened
    return max(cut, done)

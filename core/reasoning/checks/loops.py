"""Loop: the text goes round in circles.

Rules, with why:
- a 5-word phrase 3 or more times (the evaluation's own fixed rule, counted
  both with and without citation numbers, so "force [1] is" and "force [2]
  is" are the same phrase);
- a sentence, clause or line of 4 or more words (one of them a content word)
  written twice: "This is a math problem — This is a math problem";
- a phrase of 4 to 12 words said twice in a row;
- one character 12 or more times in a row ("!!!!!!!!!!!!"; rules, tables
  and digits are left to Markdown and the number check).
Fed token by token and segment by segment, so the stream guard and the full
check agree.
"""

from __future__ import annotations

import re
from collections import Counter

from core.reasoning.checks.report import LOOP, Failure
from core.reasoning.checks.text import CITATION, Token, is_content, quote, words

PHRASE = 5
PHRASE_TIMES = 3
SEGMENT_WORDS = 4
_SEGMENT_END = re.compile(r"[.!?;:।。！？\n]+|\s[—–-]\s|—|–")
_CHAR_RUN = re.compile(r"([^\s\d\-=_*#|~`.])\1{11,}")


class LoopDetector:
    def __init__(self) -> None:
        self.streams: dict[bool, list[Token]] = {True: [], False: []}  # with/without citations
        self.counts: dict[bool, Counter] = {True: Counter(), False: Counter()}
        self.worst: tuple[int, tuple[str, ...]] = (0, ())
        self.segments: Counter = Counter()
        self.repeated_segment: tuple[tuple[str, ...], int] | None = None
        self.immediate: tuple[int, int] | None = None  # (start, end) of the repeated half
        self.char_run: str | None = None

    def feed_tokens(self, new_tokens: list[Token]) -> None:
        for token in new_tokens:
            for with_citations in (True, False):
                if token.citation and not with_citations:
                    continue
                stream = self.streams[with_citations]
                stream.append(token)
                if len(stream) >= PHRASE:
                    phrase = tuple(t.word for t in stream[-PHRASE:])
                    count = self.counts[with_citations][phrase] + 1
                    self.counts[with_citations][phrase] = count
                    if count > self.worst[0]:
                        self.worst = (count, phrase)
            if self.immediate is None and not token.citation:
                self._check_immediate(self.streams[False])

    def _check_immediate(self, stream: list[Token]) -> None:
        n = len(stream)
        for size in range(SEGMENT_WORDS, 13):
            if n < 2 * size:
                return
            second = [t.word for t in stream[n - size :]]
            if second == [t.word for t in stream[n - 2 * size : n - size]] and any(
                is_content(w) for w in second
            ):
                self.immediate = (stream[n - size].start, stream[-1].end)
                return

    def feed_segments(self, text: str, start: int, end: int) -> int:
        """Count the complete segments of ``text[start:end]``; returns where the
        unfinished last one starts (feed it again later)."""
        position = start
        for match in _SEGMENT_END.finditer(text, start, end):
            self._segment(text, position, match.start())
            position = match.end()
        found = _CHAR_RUN.search(text, max(0, start - 12), end)
        if found and self.char_run is None:
            self.char_run = found.group(0)
        return position

    def finish_segments(self, text: str, start: int) -> None:
        self._segment(text, start, len(text))

    def _segment(self, text: str, start: int, end: int) -> None:
        piece = CITATION.sub(" ", text[start:end])
        key = tuple(words(piece))
        if len(key) < SEGMENT_WORDS or not any(is_content(w) for w in key):
            return
        self.segments[key] += 1
        if self.segments[key] >= 2 and self.repeated_segment is None:
            self.repeated_segment = (key, self.segments[key])

    def failure(self, text: str) -> Failure | None:
        count, phrase = self.worst
        if count >= PHRASE_TIMES:
            shown = quote(" ".join(phrase))
            return Failure(LOOP, f"It repeats the phrase “{shown}” {count} times.")
        if self.repeated_segment:
            key, _ = self.repeated_segment
            return Failure(LOOP, f"It says the same thing twice: “{quote(' '.join(key))}”.")
        if self.immediate:
            start, end = self.immediate
            return Failure(LOOP, f"It repeats “{quote(text[start:end])}” twice in a row.")
        if self.char_run:
            shown = quote(self.char_run, 20)
            return Failure(LOOP, f"It repeats one character over and over: “{shown}”.")
        return None


def check_loops(text: str, tokens: list[Token]) -> Failure | None:
    detector = LoopDetector()
    detector.feed_tokens(tokens)
    detector.finish_segments(text, detector.feed_segments(text, 0, len(text)))
    return detector.failure(text)

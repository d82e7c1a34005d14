"""Loop: the text goes round in circles.

Rules, with why:
- a 5-word phrase 3 or more times (the evaluation's own fixed rule, counted
  both with and without citation numbers, so "force [1] is" and "force [2]
  is" are the same phrase);
- a sentence, clause or line of 4 or more words (one of them a content word)
  written twice: "This is a math problem — This is a math problem";
- a phrase of 4 to 12 words said twice in a row;
- a run of 6 or more copies of a piece of 1 to 20 characters, 12 characters
  or more in all ("embed_embed_embed_…", "!!!!!!!!!!!!"), when the piece has a
  letter or is one character that is not Markdown's (rules, table borders) or
  a digit (long numbers are the number check's).
Fed token by token and segment by segment, so the stream guard and the full
check agree.
"""

from __future__ import annotations

import re
from collections import Counter

from core.reasoning.checks.report import LOOP, Failure, gettext_noop
from core.reasoning.checks.text import CITATION, Token, is_content, quote, words

PHRASE = 5
PHRASE_TIMES = 3
SEGMENT_WORDS = 4
_SEGMENT_END = re.compile(r"[.!?;:।。！？\n]+|\s[—–-]\s|—|–")
_RUN = re.compile(r"(\S{1,20}?)\1{5,}")
RUN_LENGTH = 12  # characters
_MARKDOWN_RUNS = frozenset("-=_*#|~.:`")  # rules, table borders, emphasis
RUN_REACH = 20 * 7  # the longest run start a scan must look back for


# What a failure says (stored in English; the run page translates it).
REPEATED_PHRASE = gettext_noop("It repeats the phrase “%(quote)s” %(count)s times.")
TWICE = gettext_noop("It says the same thing twice: “%(quote)s”.")
IN_A_ROW = gettext_noop("It repeats “%(quote)s” twice in a row.")
CHARACTERS = gettext_noop("It repeats the same characters over and over: “%(quote)s”.")
SENTENCES = (REPEATED_PHRASE, TWICE, IN_A_ROW, CHARACTERS)


def _is_run(unit: str) -> bool:
    if any(ch.isalpha() for ch in unit):
        return True
    return len(unit) == 1 and unit not in _MARKDOWN_RUNS and not unit.isdigit()


class LoopDetector:
    def __init__(self) -> None:
        self.streams: dict[bool, list[Token]] = {True: [], False: []}  # with/without citations
        self.words: dict[bool, list[str]] = {True: [], False: []}
        self.counts: dict[bool, Counter] = {True: Counter(), False: Counter()}
        self.worst: tuple[int, tuple[str, ...]] = (0, ())
        self.segments: Counter = Counter()
        self.repeated_segment: tuple[tuple[str, ...], int] | None = None
        self.immediate: tuple[int, int] | None = None  # (start, end) of the repeated half
        self.char_run: str | None = None

    def feed_tokens(self, new_tokens: list[Token]) -> None:
        for with_citations in (True, False):
            fresh = [t for t in new_tokens if with_citations or not t.citation]
            stream, words_ = self.streams[with_citations], self.words[with_citations]
            first = max(0, len(words_) - PHRASE + 1)  # the first phrase that is new
            stream.extend(fresh)
            words_.extend(t.word for t in fresh)
            counts = self.counts[with_citations]
            tail = words_[first:]
            for phrase in zip(*(tail[i:] for i in range(PHRASE)), strict=False):
                counts[phrase] += 1
                if counts[phrase] > self.worst[0]:
                    self.worst = (counts[phrase], phrase)
            if not with_citations and self.immediate is None:
                self._check_immediate(stream, words_, len(words_) - len(fresh))

    def _check_immediate(self, stream: list[Token], words_: list[str], start: int) -> None:
        """A phrase of 4-12 words ending at any new word, said just before too."""
        for end in range(max(start, 2 * SEGMENT_WORDS - 1), len(words_)):
            for size in range(SEGMENT_WORDS, min(12, (end + 1) // 2) + 1):
                if words_[end] != words_[end - size]:
                    continue
                second = words_[end - size + 1 : end + 1]
                if second == words_[end - 2 * size + 1 : end - size + 1] and any(
                    is_content(w) for w in second
                ):
                    self.immediate = (stream[end - size + 1].start, stream[end].end)
                    return

    def feed_segments(self, text: str, start: int, end: int) -> int:
        """Count the complete segments of ``text[start:end]``; returns where the
        unfinished last one starts (feed it again later)."""
        position = start
        for match in _SEGMENT_END.finditer(text, start, end):
            self._segment(text, position, match.start())
            position = match.end()
        return position

    def feed_characters(self, text: str, start: int) -> None:
        """Look for a run in ``text[start:]`` (and a little before): a run can only
        grow, so the unfinished tail may be read too."""
        if self.char_run is not None:
            return
        for match in _RUN.finditer(text, max(0, start - RUN_REACH)):
            unit = match.group(1)
            if len(match.group(0)) >= RUN_LENGTH and _is_run(unit):
                self.char_run = match.group(0)
                return

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
            return Failure(LOOP, REPEATED_PHRASE % {"quote": shown, "count": count})
        if self.repeated_segment:
            key, _ = self.repeated_segment
            return Failure(LOOP, TWICE % {"quote": quote(" ".join(key))})
        if self.immediate:
            start, end = self.immediate
            return Failure(LOOP, IN_A_ROW % {"quote": quote(text[start:end])})
        if self.char_run:
            shown = quote(self.char_run, 30)
            return Failure(LOOP, CHARACTERS % {"quote": shown})
        return None


def check_loops(text: str, tokens: list[Token]) -> Failure | None:
    detector = LoopDetector()
    detector.feed_tokens(tokens)
    detector.finish_segments(text, detector.feed_segments(text, 0, len(text)))
    detector.feed_characters(text, 0)
    return detector.failure(text)

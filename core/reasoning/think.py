"""The one parser that separates an R1 chain of thought from its answer when
both arrive inline in the text: ``<think>…</think>answer``, the opening tag
possibly missing (chat templates that open it in the prompt), the closing tag
possibly missing (the token cap cut the thinking), either tag split across
stream chunks anywhere. Feed chunks, get Deltas; text is held back only while
it could still be the start of a tag.
"""

from __future__ import annotations

import re

from core.reasoning.deltas import ANSWER, REASONING, Delta

OPEN, CLOSE = "<think>", "</think>"
_REASONING_MODEL = re.compile(r"(?:^|[^a-z0-9])(r1|qwq|reason|think)", re.IGNORECASE)


def looks_like_reasoning_model(model_name: str) -> bool:
    """R1, its distills, QwQ and other 'thinking' models open inside the chain of thought."""
    return bool(_REASONING_MODEL.search(model_name or ""))


def _partial_tag_suffix(text: str, tag: str) -> int:
    """Length of the longest end of ``text`` that is a proper start of ``tag``."""
    for size in range(min(len(tag) - 1, len(text)), 0, -1):
        if tag.startswith(text[-size:]):
            return size
    return 0


class ThinkSplitter:
    """Streaming reasoning/answer separation for inline ``<think>`` output.

    ``opens_in_thinking``: text before any tag is reasoning (R1 templates put
    ``<think>`` in the prompt). Otherwise it is answer, unless a lone
    ``</think>`` shows later that it was reasoning after all: ``result()``
    then moves it, so the final split never mixes the two.
    """

    def __init__(self, *, opens_in_thinking: bool = False):
        self.opens_in_thinking = opens_in_thinking
        self._state = "start"
        self._buf = ""
        self._reasoning: list[str] = []
        self._answer: list[str] = []
        self._answer_len = 0
        self._lone_close_at: int | None = None  # answer length when a lone </think> came
        self._watch_lone_close = False
        self.closed_thinking = False  # a </think> was seen

    # -- public ---------------------------------------------------------------
    def feed(self, text: str) -> list[Delta]:
        self._buf += text
        out: list[Delta] = []
        self._drain(out, final=False)
        return out

    def close(self) -> list[Delta]:
        out: list[Delta] = []
        self._drain(out, final=True)
        return out

    def result(self) -> tuple[str, str]:
        """(reasoning, answer) of everything fed so far, corrected for a lone </think>."""
        reasoning, answer = "".join(self._reasoning), "".join(self._answer)
        if self._lone_close_at is not None:
            reasoning += answer[: self._lone_close_at]
            answer = answer[self._lone_close_at :].lstrip()
        return reasoning, answer

    @property
    def in_reasoning(self) -> bool:
        return self._state in ("reasoning", "reasoning_start")

    # -- states -----------------------------------------------------------------
    def _emit(self, out: list[Delta], kind: str, text: str) -> None:
        if not text:
            return
        if kind == REASONING:
            self._reasoning.append(text)
        else:
            self._answer.append(text)
            self._answer_len += len(text)
        out.append(Delta(kind, text))

    def _drain(self, out: list[Delta], final: bool) -> None:
        while True:
            state = self._state
            if state == "start":
                stripped = self._buf.lstrip()
                if not final and (
                    not stripped or (len(stripped) < len(OPEN) and OPEN.startswith(stripped))
                ):
                    return  # could still become <think>
                if stripped.startswith(OPEN):
                    self._buf = stripped[len(OPEN) :]
                    self._state = "reasoning_start"
                elif self.opens_in_thinking:
                    self._buf, self._state = stripped, "reasoning_start"
                else:
                    self._buf, self._state = stripped, "answer"
                    self._watch_lone_close = True
            elif state in ("reasoning_start", "answer_start"):
                self._buf = self._buf.lstrip()
                if not self._buf:
                    return
                self._state = "reasoning" if state == "reasoning_start" else "answer"
            elif state == "reasoning":
                if not self._split_at_close(out, REASONING, final):
                    return
                self.closed_thinking = True
                self._state = "answer_start"
            else:  # answer
                if not self._watch_lone_close:
                    self._emit(out, ANSWER, self._buf)
                    self._buf = ""
                    return
                if not self._split_at_close(out, ANSWER, final):
                    return
                self.closed_thinking = True
                self._watch_lone_close = False
                self._lone_close_at = self._answer_len
                self._state = "answer_start"

    def _split_at_close(self, out: list[Delta], kind: str, final: bool) -> bool:
        """Emit up to a </think>; True if one was found and consumed."""
        at = self._buf.find(CLOSE)
        if at >= 0:
            self._emit(out, kind, self._buf[:at])
            self._buf = self._buf[at + len(CLOSE) :]
            return True
        hold = 0 if final else _partial_tag_suffix(self._buf, CLOSE)
        self._emit(out, kind, self._buf[: len(self._buf) - hold])
        self._buf = self._buf[len(self._buf) - hold :]
        return False


def split_reasoning(text: str, *, opens_in_thinking: bool = False) -> tuple[str, str]:
    """(reasoning, answer) of a whole reply (same rules as the streaming parser)."""
    splitter = ThinkSplitter(opens_in_thinking=opens_in_thinking)
    splitter.feed(text)
    splitter.close()
    return splitter.result()

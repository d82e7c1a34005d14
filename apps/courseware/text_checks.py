"""Every text a lesson shows passes the text checks before the teacher sees it.

Model text and the code fallbacks alike go through the core's ``check_text``
with what the code knows: the passages given as the sources, the topic, grade
and length as the question, the lesson's language, the facts code computed
(a worked-out key). Citations are not required inside the text: code ties
each item to its passage by id. Titles, headings, key words and their
definitions may restate the topic ("fraction: the top number of a fraction"),
so for them the topic counts as a known fact rather than as the question
(whose words alone say nothing). The app's two gates
(``text_gates``: too short, schema echo) run beside them.

A text that fails gives way to the code fallback, and ``Verdicts`` keeps the
failures with their names, for a checks step on the run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from apps.courseware import run_words
from apps.courseware.lesson import SourcePassage
from apps.courseware.lesson_context import Context
from apps.courseware.text_gates import APP_GATES, SCHEMA_ECHO, TOO_SHORT, schema_echo, too_short
from core.reasoning import Evidence, check_text

MODEL, CODE = "model", "code"
# The core's check names a part may be excused from (see core.reasoning.checks).
EMPTY = "empty"
UNSUPPORTED_NUMBER = "unsupported_number"
# A wrong option is wrong on purpose and may be a bare word: only its form is checked.
DISTRACTOR_EXCUSED = frozenset({EMPTY, UNSUPPORTED_NUMBER})


def evidence_for(
    ctx: Context,
    passages: Sequence[SourcePassage | None],
    *,
    prompt: str = "",
    instructions: Iterable[str] = (),
    facts: Iterable[str] = (),
    topic_known: bool = False,
) -> Evidence:
    """What the checks compare a lesson text with. ``topic_known``: the topic is
    a fact the text may restate (titles, headings, key words), not the question."""
    question = f"{ctx.topic} (grade {ctx.grade}, {ctx.minutes}-minute lesson)"
    facts = tuple(f for f in facts if f)
    if topic_known:
        question, facts = f"grade {ctx.grade}, {ctx.minutes}-minute lesson", (ctx.topic, *facts)
    return Evidence(
        prompt=prompt,
        instructions=tuple(i for i in instructions if i),
        sources=tuple(p.excerpt for p in passages if p is not None and p.excerpt),
        facts=facts,
        question=question,
        language=ctx.language,
        require_citations=False,
    )


@dataclass(frozen=True)
class Rejection:
    """One reason one text of a lesson was not shown."""

    item: str  # where it would have gone: "objectives.1", "cycles.0.slide_text"
    by: str  # MODEL or CODE
    name: str  # the check's name: "loop", "echo", ..., "too_short"
    detail: str
    text: str

    def as_dict(self) -> dict:
        label = "the model's text" if self.by == MODEL else "code's text"
        return {
            "name": self.name,
            "detail": f"{self.item} ({label}): {self.detail}",
            "item": self.item,
            "by": self.by,
            "text": self.text[:300],
        }


@dataclass
class Verdicts:
    """The checks run on the texts of one part of a lesson, and what failed."""

    part: str
    topic: str = ""  # a lesson about JSON may speak of schemas
    checked: int = 0
    ran: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    kept_failing: list[str] = field(default_factory=list)  # code's last resort, shown anyway

    def passes(
        self,
        text: str,
        evidence: Evidence,
        item: str,
        *,
        by: str = MODEL,
        min_words: int = 1,
        excused: frozenset[str] = frozenset(),
    ) -> bool:
        """Whether ``text`` may be shown; its failures are kept when not."""
        report = check_text(text, evidence)
        gates = {TOO_SHORT: too_short(text, min_words), SCHEMA_ECHO: schema_echo(text, self.topic)}
        found = [(name, why) for name, why in gates.items() if why]
        found += [(f.name, f.detail) for f in report.failures if f.name not in excused]
        self.checked += 1
        for name in (*report.ran, *APP_GATES):
            if name not in self.ran:
                self.ran.append(name)
        self.rejected += [Rejection(item, by, name, why, text) for name, why in found]
        return not found

    def reject(self, item: str, name: str, detail: str, text: str, by: str = MODEL) -> None:
        """A failure found by the part itself (a correction that repeats its misconception)."""
        self.rejected.append(Rejection(item, by, name, detail, text))

    def as_data(self) -> dict:
        """The checks step's payload: the core's report shape, plus counts."""
        return {
            "passed": not self.rejected,
            "ran": list(self.ran),
            "failures": [r.as_dict() for r in self.rejected],
            "part": self.part,
            "texts_checked": self.checked,
            "model_texts_rejected": len({r.item for r in self.rejected if r.by == MODEL}),
            "code_texts_rejected": len({r.item for r in self.rejected if r.by == CODE}),
            "kept_failing": list(self.kept_failing),
        }

    def summary(self) -> str:
        """In English, as the run stores it (the run page translates it)."""
        if not self.checked:
            return run_words.NOTHING_CHECKED % {"part": self.part}
        if not self.rejected:
            return run_words.ALL_PASSED % {"part": self.part, "count": self.checked}
        by_model = len({r.item for r in self.rejected if r.by == MODEL})
        by_code = len({r.item for r in self.rejected if r.by == CODE})
        sentence = (
            run_words.BOTH_REJECTED
            if by_model and by_code
            else run_words.MODEL_REJECTED
            if by_model
            else run_words.CODE_REJECTED
        )
        names = ", ".join(dict.fromkeys(r.name for r in self.rejected))
        return sentence % {"part": self.part, "model": by_model, "code": by_code, "names": names}

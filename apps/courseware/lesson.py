"""The typed lesson: the one source every page and export renders from.

Structure that code can decide (timings, which passage an item rests on, the
position of the correct option) is decided by code; the model only fills text.
Hard rules live in validators here (a lesson that breaks them is invalid and
cannot be exported); softer findings (reading level, a maths key that does not
match its recomputed value) are marked on the item by ``checks``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

PARTS = ("plan", "slides", "worksheet", "quiz")
LEVELS = ("below", "on", "above")


class Item(BaseModel):
    """Anything a teacher reads that rests on the curriculum."""

    model_config = ConfigDict(extra="forbid")
    source_ids: list[str] = Field(default_factory=list)
    # Marks set by the checks ("the key does not match 3/4", ...); never used to drop an item.
    flags: list[str] = Field(default_factory=list)
    # How code made or changed the item ("key replaced by the computed value", ...).
    notes: list[str] = Field(default_factory=list)


class Objective(Item):
    text: str = Field(min_length=1, max_length=600)


class PriorKnowledge(Item):
    text: str = Field(min_length=1, max_length=600)


class VocabularyItem(Item):
    term: str = Field(min_length=1, max_length=120)
    definition: str = Field(min_length=1, max_length=600)


class Misconception(Item):
    misconception: str = Field(min_length=1, max_length=600)
    correction: str = Field(min_length=1, max_length=600)


class Phase(Item):
    name: str = Field(min_length=1, max_length=120)
    minutes: int = Field(ge=1, le=600)
    activity: str = Field(default="", max_length=1200)


class LearningCycle(Item):
    heading: str = Field(min_length=1, max_length=200)
    explanation: str = Field(min_length=1, max_length=3000)
    slide_text: str = Field(min_length=1, max_length=300)  # one idea per slide
    check_question: str = Field(min_length=1, max_length=600)
    check_answer: str = Field(min_length=1, max_length=600)
    practice: str = Field(min_length=1, max_length=1200)


class WorksheetItem(Item):
    prompt: str = Field(min_length=1, max_length=1200)
    answer: str = Field(min_length=1, max_length=600)
    level: Literal["below", "on", "above"] = "on"


class QuizItem(Item):
    question: str = Field(min_length=1, max_length=1200)
    options: list[str] = Field(min_length=2, max_length=6)
    answer_index: int = Field(ge=0)
    explanation: str = Field(default="", max_length=1200)

    @field_validator("options")
    @classmethod
    def options_are_distinct(cls, options: list[str]) -> list[str]:
        seen = [normalise(option) for option in options]
        if any(not option for option in seen):
            raise ValueError("an option is empty")
        if len(set(seen)) != len(seen):
            raise ValueError("two options are the same")
        return options

    @model_validator(mode="after")
    def one_correct_option(self) -> QuizItem:
        if self.answer_index >= len(self.options):
            raise ValueError("the correct answer is not one of the options")
        return self

    @property
    def answer(self) -> str:
        return self.options[self.answer_index]

    @property
    def distractors(self) -> list[str]:
        return [o for i, o in enumerate(self.options) if i != self.answer_index]


class SourcePassage(BaseModel):
    """A retrieved passage the lesson may cite; ``id`` is the core's chunk id."""

    model_config = ConfigDict(extra="forbid")
    id: str
    document_id: str = ""
    document_title: str = ""
    corpus_slug: str = ""
    heading: str = ""
    page: int | None = None
    excerpt: str = ""
    source_url: str = ""
    licence: str = ""


class Lesson(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=300)
    subject: str = Field(default="", max_length=120)
    topic: str = Field(min_length=1, max_length=500)
    grade: int = Field(ge=1, le=13)
    language: str = Field(min_length=2, max_length=16)
    minutes: int = Field(ge=10, le=600)
    parts: list[Literal["plan", "slides", "worksheet", "quiz"]] = Field(
        default_factory=lambda: list(PARTS)
    )
    differentiation: Literal["below", "on", "above"] | None = None
    standards: list[str] = Field(default_factory=list)
    uncited: bool = False  # the teacher agreed to a lesson without curriculum sources
    objectives: list[Objective] = Field(min_length=1)
    prior_knowledge: list[PriorKnowledge] = Field(default_factory=list)
    vocabulary: list[VocabularyItem] = Field(default_factory=list)
    misconceptions: list[Misconception] = Field(default_factory=list)
    phases: list[Phase] = Field(min_length=1)
    cycles: list[LearningCycle] = Field(min_length=1)
    worksheet: list[WorksheetItem] = Field(default_factory=list)
    quiz: list[QuizItem] = Field(default_factory=list)
    sources: list[SourcePassage] = Field(default_factory=list)

    @model_validator(mode="after")
    def phases_add_up(self) -> Lesson:
        total = sum(phase.minutes for phase in self.phases)
        if total != self.minutes:
            raise ValueError(
                f"the phases add up to {total} minutes, not the lesson's {self.minutes}"
            )
        return self

    @model_validator(mode="after")
    def parts_are_present(self) -> Lesson:
        if "worksheet" in self.parts and not self.worksheet:
            raise ValueError("a worksheet was asked for but has no items")
        if "quiz" in self.parts and not self.quiz:
            raise ValueError("a quiz was asked for but has no questions")
        return self

    @model_validator(mode="after")
    def items_rest_on_sources(self) -> Lesson:
        known = {source.id for source in self.sources}
        for path, item in iter_items(self):
            missing = [sid for sid in item.source_ids if sid not in known]
            if missing:
                raise ValueError(
                    f"{path} cites passages that were not retrieved: {', '.join(missing)}"
                )
            if not self.uncited and not item.source_ids and not isinstance(item, Phase):
                raise ValueError(f"{path} rests on no source passage")
        return self


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


SECTIONS = (
    "objectives",
    "prior_knowledge",
    "vocabulary",
    "misconceptions",
    "phases",
    "cycles",
    "worksheet",
    "quiz",
)


def iter_items(lesson: Lesson):
    """(path, item) for every citable item, e.g. ("quiz.2", QuizItem)."""
    for section in SECTIONS:
        for index, item in enumerate(getattr(lesson, section)):
            yield f"{section}.{index}", item


def validation_errors(data: dict) -> list[str]:
    """Clear sentences for why ``data`` is not a valid lesson ([] if it is)."""
    from pydantic import ValidationError

    try:
        Lesson.model_validate(data)
    except ValidationError as exc:
        return [_sentence(error) for error in exc.errors()]
    return []


def _sentence(error: dict) -> str:
    where = ".".join(str(part) for part in error.get("loc", ()))
    message = error.get("msg", "is not valid").removeprefix("Value error, ")
    return f"{where}: {message}" if where else message

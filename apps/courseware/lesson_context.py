"""What a lesson is asked for, as the parts of the lesson read it."""

from __future__ import annotations

from dataclasses import dataclass, field

from apps.courseware.lesson import SourcePassage


@dataclass
class Context:
    topic: str
    grade: int
    minutes: int
    language: str = "en"
    language_name: str = "English"
    subject: str = ""
    differentiation: str | None = None
    parts: list[str] = field(default_factory=lambda: ["plan", "slides", "worksheet", "quiz"])
    quiz_count: int = 5
    worksheet_count: int = 4
    standards: list[str] = field(default_factory=list)
    uncited: bool = False

    def prompt_vars(self) -> dict:
        return {
            "topic": self.topic,
            "grade": self.grade,
            "minutes": self.minutes,
            "language_name": self.language_name,
            "differentiation": self.differentiation,
        }


def no_source(ctx: Context) -> SourcePassage:
    """The topic standing in for a passage in a prompt when none was retrieved."""
    return SourcePassage(id="", document_title="none", excerpt=ctx.topic)

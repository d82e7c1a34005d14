"""Registers the courseware run kind with the core (imported from AppConfig.ready)."""

from apps.courseware.pipeline import generate_lesson
from core.runs.registry import run_kind

run_kind("courseware.lesson")(generate_lesson)

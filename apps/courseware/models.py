"""A teacher's lessons, the standards lists corpus admins load, and which
school a teacher belongs to (for sharing)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StandardCode(models.Model):
    """A curriculum or standards code a corpus admin loaded for a corpus; lessons
    may name only these."""

    corpus_slug = models.SlugField(max_length=100)
    code = models.CharField(max_length=64)
    description = models.TextField(blank=True)

    class Meta:
        unique_together = [("corpus_slug", "code")]
        ordering = ["corpus_slug", "code"]

    def __str__(self) -> str:
        return f"{self.code} ({self.corpus_slug})"


class TeacherSchool(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="courseware_school"
    )
    school = models.CharField(max_length=200)

    def __str__(self) -> str:
        return f"{self.user} @ {self.school}"


class Lesson(models.Model):
    class Status(models.TextChoices):
        GENERATING = "generating", _("Generating")
        READY = "ready", _("Ready")
        INVALID = "invalid", _("Needs fixing")
        FAILED = "failed", _("Failed")
        NO_SOURCES = "no_sources", _("Nothing on this topic")

    class Share(models.TextChoices):
        PRIVATE = "private", _("Only me")
        SCHOOL = "school", _("Teachers of my school")
        CORPUS = "corpus", _("Teachers who may read the corpus")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="courseware_lessons"
    )
    title = models.CharField(max_length=300)
    corpus_slug = models.SlugField(max_length=100, blank=True)
    request = models.JSONField(default=dict)  # the form's cleaned inputs
    data = models.JSONField(
        default=dict
    )  # the lesson (apps.courseware.lesson.Lesson), possibly partial
    report = models.JSONField(default=dict)  # the checks' report
    retrieved_ids = models.JSONField(default=list)  # every passage id retrieved for this lesson
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.GENERATING)
    message = models.TextField(blank=True)
    run = models.ForeignKey(
        "runs.Run", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    timings = models.JSONField(default=dict)  # seconds from submission: first_output_s, bundle_s
    share = models.CharField(max_length=16, choices=Share.choices, default=Share.PRIVATE)
    school = models.CharField(max_length=200, blank=True)  # the owner's school when shared
    duplicated_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["owner", "-updated_at"]),
            models.Index(fields=["share", "corpus_slug"]),
        ]

    def __str__(self) -> str:
        return self.title

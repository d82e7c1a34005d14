"""Reads: which lessons a teacher may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from apps.courseware.models import Lesson, StandardCode


def school_of(user) -> str:
    school = getattr(user, "courseware_school", None)
    return school.school if school else ""


def readable_corpus_slugs(user) -> list[str]:
    from core.corpora import readable_corpora

    return list(readable_corpora(user).values_list("slug", flat=True))


def visible_lessons(user) -> QuerySet[Lesson]:
    """The teacher's own lessons, and those shared with their school or with
    the readers of a corpus they may read."""
    shared = Q(share=Lesson.Share.CORPUS, corpus_slug__in=readable_corpus_slugs(user))
    school = school_of(user)
    if school:
        shared |= Q(share=Lesson.Share.SCHOOL, school=school)
    return Lesson.objects.filter(Q(owner=user) | shared).select_related("owner")


def standards_for(corpus_slug: str) -> QuerySet[StandardCode]:
    return StandardCode.objects.filter(corpus_slug=corpus_slug)

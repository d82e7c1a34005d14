from django.apps import AppConfig
from django.core import checks


class CoursewareConfig(AppConfig):
    name = "apps.courseware"
    label = "courseware"

    def ready(self) -> None:
        from apps.courseware import (
            runs,  # noqa: F401  registers "courseware.lesson"
            warmup,
        )
        from apps.courseware.languages import check_configured_languages

        warmup.connect()
        checks.register(check_configured_languages)

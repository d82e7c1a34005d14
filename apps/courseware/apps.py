from django.apps import AppConfig


class CoursewareConfig(AppConfig):
    name = "apps.courseware"
    label = "courseware"

    def ready(self) -> None:
        try:
            from apps.courseware import runs  # noqa: F401  registers "courseware.lesson"
        except ImportError:  # the core's runs registry is not there yet
            pass
        from apps.courseware import warmup

        warmup.connect()

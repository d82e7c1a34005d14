from django.apps import AppConfig


class CoursewareConfig(AppConfig):
    name = "apps.courseware"
    label = "courseware"

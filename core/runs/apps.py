from django.apps import AppConfig


class RunsConfig(AppConfig):
    name = "core.runs"
    label = "runs"

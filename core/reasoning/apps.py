from django.apps import AppConfig


class ReasoningConfig(AppConfig):
    name = "core.reasoning"
    label = "reasoning"

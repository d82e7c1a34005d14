from django.apps import AppConfig


class ReasoningConfig(AppConfig):
    name = "core.reasoning"
    label = "reasoning"

    def ready(self) -> None:
        from core.reasoning import ask  # noqa: F401  (registers the "core.ask" run kind)

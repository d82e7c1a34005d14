from django.apps import AppConfig


class AskConfig(AppConfig):
    name = "core.ask"
    label = "ask"

    def ready(self) -> None:
        from core.ask import handler  # noqa: F401  (registers the "core.ask" run kind)

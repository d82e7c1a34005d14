from django.apps import AppConfig


class AskConfig(AppConfig):
    name = "core.ask"
    label = "ask"

    def ready(self) -> None:
        from core.ask import handler  # noqa: F401  (registers the "core.ask" run kind)
        from core.reasoning.step_sentences import STEP_TEXTS
        from core.runs.step_words import add_words

        # reasoning and runs know nothing of each other: Ask, above both, joins them
        add_words(texts=[*STEP_TEXTS, handler.EMPTY, handler.TOO_LONG])

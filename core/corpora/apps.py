from django.apps import AppConfig


class CorporaConfig(AppConfig):
    name = "core.corpora"
    label = "corpora"

    def ready(self) -> None:
        from core.corpora import runs  # noqa: F401  registers "corpora.ingest"

from django.apps import AppConfig


class CropsConfig(AppConfig):
    name = "apps.crops"
    label = "crops"

    def ready(self) -> None:
        from apps.crops import runs  # noqa: F401  registers the crops run kinds

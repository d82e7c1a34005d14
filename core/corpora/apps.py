from django.apps import AppConfig


class CorporaConfig(AppConfig):
    name = "core.corpora"
    label = "corpora"

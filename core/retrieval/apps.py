from django.apps import AppConfig


class RetrievalConfig(AppConfig):
    name = "core.retrieval"
    label = "retrieval"

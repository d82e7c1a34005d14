import pytest


@pytest.fixture
def ingest(django_capture_on_commit_callbacks):
    """ingest(corpus, filename, data, **fields) -> Document, through the eager Celery task."""
    from core.corpora import services

    def run(corpus, filename, data, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            document = services.add_document(corpus, filename=filename, data=data, **fields)
        document.refresh_from_db()
        return document

    return run


@pytest.fixture
def start(django_capture_on_commit_callbacks):
    """start(callable) -> its result, with the run it starts executed inline (eager, JSON round-trip)."""  # noqa: E501

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run

import pytest


@pytest.fixture
def ingest(django_capture_on_commit_callbacks):
    """ingest(corpus, filename, data, **fields) -> Document, run through the
    Celery task (eager, JSON round-trip) after the upload's commit."""
    from core.corpora import services

    def run(corpus, filename, data, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            document = services.add_document(corpus, filename=filename, data=data, **fields)
        document.refresh_from_db()
        return document

    return run

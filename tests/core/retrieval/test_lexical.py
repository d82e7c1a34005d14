"""The persisted BM25 index, without the embedder (fast)."""

import pytest

from core.retrieval import lexical
from core.retrieval.lexical import LexicalEntry


def _index(*entries):
    lexical.add(LexicalEntry(*entry) for entry in entries)


def test_a_chinese_query_finds_its_passage():
    _index(
        (1, 10, 1, "今年小麦价格上涨，农民应当关注市场行情。"), (2, 11, 1, "物理学研究力和运动。")
    )
    assert [c for c, _ in lexical.search("小麦价格", corpus_ids=[1], limit=5)] == [1]


def test_a_hindi_query_finds_its_passage():
    _index(
        (1, 10, 1, "किसानों को प्याज़ की फसलों का सही दाम मिलना चाहिए।"),
        (2, 11, 1, "न्यूटन का पहला नियम जड़त्व के बारे में है।"),
    )
    assert [c for c, _ in lexical.search("प्याज़ का दाम", corpus_ids=[1], limit=5)][0] == 1


def test_it_searches_only_the_corpora_asked_for():
    _index((1, 10, 1, "onion prices rose"), (2, 20, 2, "onion prices fell"))
    assert [c for c, _ in lexical.search("onion", corpus_ids=[2], limit=5)] == [2]
    assert lexical.search("onion", corpus_ids=[], limit=5) == []


def test_deleting_a_document_removes_its_entries():
    _index((1, 10, 1, "door clear width"), (2, 11, 1, "door maneuvering clearance"))
    lexical.delete(document_ids=[10])
    assert [c for c, _ in lexical.search("door", corpus_ids=[1], limit=5)] == [2]


def test_it_can_narrow_to_documents():
    _index((1, 10, 1, "handrail height"), (2, 11, 1, "handrail extension"))
    hits = lexical.search("handrail", corpus_ids=[1], limit=5, document_ids=[11])
    assert [c for c, _ in hits] == [2]


@pytest.mark.slow
def test_a_second_process_sees_committed_entries(tmp_path, settings):
    import subprocess
    import sys

    _index((1, 10, 1, "photosynthesis in leaves"))
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='core.settings'; django.setup();"
        "from django.conf import settings; from pathlib import Path;"
        f"settings.LEXICAL_INDEX_DIR = Path({str(settings.LEXICAL_INDEX_DIR)!r});"
        "from core.retrieval import lexical; from core.retrieval.lexical import LexicalEntry;"
        "lexical.add([LexicalEntry(2, 11, 1, 'chlorophyll absorbs light')])"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
    assert [c for c, _ in lexical.search("chlorophyll", corpus_ids=[1], limit=5)] == [2]

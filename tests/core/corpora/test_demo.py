import io
from pathlib import Path

import pytest

from core.corpora import demo
from core.corpora.models import Corpus, Document

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_every_demo_file_is_committed_and_attributed():
    attribution = (Path(demo.settings.BASE_DIR) / "demo" / "SOURCE.md").read_text()
    for spec in demo.CORPORA:
        for item in spec.files:
            assert (demo.DEMO_DIR / item.path).is_file(), item.path
            assert Path(item.path).name in attribution, item.path
            assert item.licence and item.attribution


def test_loading_twice_makes_ready_corpora_once(tmp_path, monkeypatch):
    small = tmp_path / "demo"
    (small / "x").mkdir(parents=True)
    (small / "x" / "a.md").write_text("# Inertia\n\nA body at rest stays at rest.\n")
    monkeypatch.setattr(demo, "DEMO_DIR", small)
    spec = demo.DemoCorpus(
        "tiny",
        "Tiny",
        "",
        ("teacher",),
        (demo.DemoFile("x/a.md", "A", "https://example.org", "CC BY 4.0", "Someone"),),
    )
    demo.load(io.StringIO(), corpora=(spec,))
    demo.load(io.StringIO(), corpora=(spec,))
    corpus = Corpus.objects.get(slug="tiny")
    assert list(corpus.readers.values_list("name", flat=True)) == ["teacher"]
    document = Document.objects.get(corpus=corpus)
    assert document.status == Document.Status.READY and document.licence == "CC BY 4.0"

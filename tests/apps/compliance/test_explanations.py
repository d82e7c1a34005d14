import pytest


@pytest.mark.slow
@pytest.mark.postgres
def test_a_failing_door_is_explained_from_the_code_corpus_with_numbers_checked(cast):
    from io import StringIO

    from apps.compliance.demo import CORPUS_SLUG, load_code_corpus
    from apps.compliance.explain import explain_findings
    from core.corpora.models import Document
    from core.corpora.services import ingest_document
    from core.runs.models import Run, RunStep

    load_code_corpus(StringIO())
    for doc in Document.objects.filter(corpus__slug=CORPUS_SLUG):
        ingest_document(doc.pk)
    run = Run.objects.create(user=cast["engineer"], kind="compliance.check", inputs={})
    finding = {
        "rule": "ADA-404.2.3",
        "clause": "2010 ADA Standards §404.2.3",
        "title": "Doors: clear width",
        "measurement": "door_width",
        "measured": 0.75,
        "threshold": 0.815,
        "threshold_max": None,
        "units": "m",
        "required": "≥ 0.815 m",
        "status": "fail",
        "storey": "Level 1",
        "element": "D3",
        "label": "door D3",
        "borderline": False,
    }
    explain_findings(run, [finding], [CORPUS_SLUG], user=cast["engineer"])
    assert finding["explanation"].strip()
    assert isinstance(finding["explanation_mismatches"], list)
    sources = RunStep.objects.get(run=run, kind="sources").data["passages"]
    assert any("404.2.3" in p.get("text", "") or "404.2.3" in str(p) for p in sources)


def test_a_clause_without_corpus_text_is_cited_by_id_and_says_so():
    from apps.compliance.explain import explain_findings

    finding = {
        "clause": "IBC 2021 §1020.5",
        "title": "Dead ends",
        "status": "fail",
        "measured": 17.8,
        "threshold": 15.0,
        "units": "m",
        "required": "≤ 15 m",
        "storey": "1",
        "element": "R2",
        "label": "corridor",
    }
    explain_findings(None, [finding], [])
    assert "IBC 2021 §1020.5" in finding["explanation"]
    assert "text not available" in finding["explanation"]

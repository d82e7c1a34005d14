import pytest

from apps.compliance import explain


@pytest.mark.slow
@pytest.mark.postgres
def test_a_failing_door_is_explained_from_the_code_corpus_with_numbers_checked(cast):
    from io import StringIO

    from apps.compliance.demo import CORPUS_SLUG, load_code_corpus
    from apps.compliance.explain import explain_findings
    from core.corpora.models import Document
    from core.corpora.services import ingest_document
    from core.runs.context import RunContext
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
    explain_findings(RunContext(run), [finding], [CORPUS_SLUG], user=cast["engineer"])
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
    assert "is not in the code documents here" in finding["explanation"]
    assert "17.8 m" in finding["explanation"] and "15 m" in finding["explanation"]
    assert finding["explanation_origin"] == "composed"


def a_failing_door() -> dict:
    return {
        "clause": "2010 ADA Standards §404.2.3",
        "title": "Doors: clear width",
        "status": "fail",
        "measured": 0.75,
        "threshold": 0.815,
        "units": "m",
        "required": "≥ 0.815 m",
        "storey": "Level 1",
        "element": "D3",
        "label": "door D3",
    }


def test_a_broken_search_index_is_an_error_not_a_clause_without_sources(monkeypatch):
    from apps.compliance.explain import explain_findings

    def broken_index(*args, **kwargs):
        raise RuntimeError("the lexical index cannot be opened")

    monkeypatch.setattr(explain, "retrieve", broken_index)
    finding = a_failing_door()
    with pytest.raises(RuntimeError, match="lexical index"):
        explain_findings(None, [finding], ["building-codes"])
    assert "explanation" not in finding


@pytest.mark.postgres
def test_a_check_whose_retrieval_fails_ends_failed_without_claiming_no_sources(
    cast, db, monkeypatch, django_capture_on_commit_callbacks
):
    from io import StringIO

    from apps.compliance import demo
    from apps.compliance.models import Check, RulePack
    from apps.compliance.services import create_check
    from core.runs.models import Run
    from tests.apps.compliance.drawings import corridor_plan

    demo.load(StringIO())  # includes the (empty) building-codes corpus, so retrieval is asked

    def broken_index(*args, **kwargs):
        raise RuntimeError("the lexical index cannot be opened")

    monkeypatch.setattr(explain, "retrieve", broken_index)
    with django_capture_on_commit_callbacks(execute=True):
        check = create_check(
            cast["engineer"],
            title="level 1",
            pack=RulePack.objects.get(slug="ada-2010"),
            files=[("level1.dxf", corridor_plan(door_width=0.75))],
        )
    run = Check.objects.get(pk=check.pk).run
    assert run.status == Run.Status.FAILED
    assert "RuntimeError" in run.error
    findings = Check.objects.get(pk=check.pk).result["findings"]
    assert any(f["status"] == "fail" for f in findings)
    assert not any("text not available" in f.get("explanation", "") for f in findings)


@pytest.mark.postgres
def test_an_explanation_that_echoes_the_prompt_gives_way_to_one_from_the_findings_facts(
    cast, monkeypatch
):
    from types import SimpleNamespace

    from core.retrieval.passages import Passage
    from core.steps.events import ListSink, Steps
    from tests.fakes.vllm import Script, serving

    clause = (
        "504.2 Treads and Risers. All steps on a flight of stairs shall have uniform riser "
        "heights of 4 inches high minimum and 7 inches high maximum."
    )
    found = Passage(1, clause, 1, "ADA Standards", "building-codes", "504.2", None, 0, 99, "", "")
    monkeypatch.setattr(explain, "retrieve", lambda *a, **k: [found])
    monkeypatch.setattr(
        explain, "get_embedder", lambda name=None: SimpleNamespace(embed_documents=None)
    )
    echo = " ".join(
        f"SECTION {i}. Use only facts found in the sources. After each fact, cite its source "
        "number in square brackets, like [1] or [2][3]."
        for i in range(1, 10)
    )
    finding = {
        "clause": "2010 ADA Standards §504.2",
        "title": "Stairs: riser height",
        "status": "fail",
        "measured": 0.2,
        "threshold": 0.1016,
        "threshold_max": 0.1778,
        "units": "m",
        "required": "0.1016–0.1778 m",
        "storey": "Level 1",
        "element": "S1",
        "label": "stair S1",
    }
    sink = ListSink()
    with serving(Script(reasoning=["Hm."], content=[echo])):
        explain.explain_findings(Steps(sink), [finding], ["building-codes"])
    text = finding["explanation"]
    assert finding["explanation_origin"] == "composed"
    assert "SECTION" not in text and "Use only facts" not in text
    assert "0.2 m" in text and "[1]" in text and len(text) < 700
    [checks] = [s for s in sink.steps() if s["kind"] == "checks"]
    assert {"echo"} & {f["name"] for f in checks["data"]["failures"]} or checks["data"].get(
        "unavailable"
    )


DOOR_CLAUSE = (
    "404.2.3 Clear Width. Door openings shall provide a clear width of 32 inches minimum. "
    "Openings more than 24 inches deep shall provide a clear opening of 36 inches minimum; "
    "hardware projecting 2 inches into it is allowed."
)


def test_a_number_quoted_from_the_cited_clause_is_evidence():
    text = (
        "Door D3 does not comply: it measures 0.75 m, and it must be at least 0.815 m. "
        f'The code text says: "{DOOR_CLAUSE}" [1]'
    )
    finding = a_failing_door()
    assert explain.check_numbers(text, finding) == ["0.8128 m", "0.6096 m", "0.9144 m", "0.0508 m"]
    assert explain.check_numbers(text, finding, [DOOR_CLAUSE]) == []
    assert explain.check_numbers(text + " A 0.9 m door passes.", finding, [DOOR_CLAUSE]) == [
        "0.9 m"
    ]


@pytest.mark.postgres
def test_a_composed_explanation_quoting_its_clause_is_not_flagged_by_its_own_check(
    cast, monkeypatch
):
    from types import SimpleNamespace

    from core.retrieval.passages import Passage
    from core.steps.events import ListSink, Steps
    from tests.fakes.vllm import Script, serving

    found = Passage(
        1, DOOR_CLAUSE, 1, "ADA Standards", "building-codes", "404.2.3", None, 0, 99, "", ""
    )
    monkeypatch.setattr(explain, "retrieve", lambda *a, **k: [found])
    monkeypatch.setattr(
        explain, "get_embedder", lambda name=None: SimpleNamespace(embed_documents=None)
    )
    finding = a_failing_door()
    with serving(Script(reasoning=["Hm."], content=["SECTION 1. Use only facts [1]. " * 9])):
        explain.explain_findings(Steps(ListSink()), [finding], ["building-codes"])
    assert finding["explanation_origin"] == "composed"
    assert "32 inches" in finding["explanation"]
    assert finding["explanation_mismatches"] == [], finding["explanation"]

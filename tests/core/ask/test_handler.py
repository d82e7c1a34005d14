"""The Ask page and the ``core.ask`` run kind: any signed-in user asks over the
corpora they may read; the run retrieves, then answers with checked citations."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from core.runs.models import Run

pytestmark = pytest.mark.postgres


def test_a_question_starts_a_run_and_opens_its_page(
    cast, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(cast["engineer"]).post(
            reverse("ask"), {"question": "What is the <b>minimum</b> door width?", "language": "en"}
        )
    run = Run.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "runs:detail", args=[run.pk]
    )
    assert run.kind == "core.ask" and run.user == cast["engineer"]
    assert run.inputs == {
        "question": "What is the <b>minimum</b> door width?",
        "corpora": [],
        "language": "en",
    }
    assert len(callbacks) == 1  # enqueued after commit


@pytest.mark.parametrize(
    "question, message",
    [("", "required"), ("a" * 100_000, "under 2,000 characters"), ("hi", "a few words")],
)
def test_a_bad_question_is_refused_with_a_sentence_and_no_run(cast, client_for, question, message):
    response = client_for(cast["farmer"]).post(
        reverse("ask"), {"question": question, "language": "en"}
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not Run.objects.exists()


def test_too_many_questions_in_a_minute_get_a_clear_message(cast, client_for, settings):
    settings.RUNS_PER_USER_PER_MINUTE = 1
    client = client_for(cast["farmer"])
    client.post(reverse("ask"), {"question": "Onion prices today?", "language": "en"})
    response = client.post(reverse("ask"), {"question": "Onion prices tomorrow?", "language": "en"})
    assert response.status_code == 200 and "Please wait a minute" in response.content.decode()
    assert Run.objects.count() == 1


def test_a_run_given_a_huge_question_fails_with_a_sentence(
    cast, django_capture_on_commit_callbacks
):
    from core.runs.services import start_run

    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(cast["farmer"], "core.ask", {"question": "x" * 100_000, "language": "en"})
    run.refresh_from_db()
    assert run.status == Run.Status.FAILED and "100,000 characters" in run.error
    from django.utils import translation

    from core.runs.step_words import run_error

    with translation.override("hi"):
        assert run_error(run.error) == (
            "प्रश्न 100,000 अक्षरों का है; अधिकतम 2,000 अक्षरों की अनुमति है। कृपया इसे छोटा करें।"
        )


def test_the_run_says_how_it_ended_in_the_askers_language(cast, django_capture_on_commit_callbacks):
    from core.runs.services import start_run

    question = {"question": "प्याज़ का दाम क्यों बढ़ता है?", "language": "hi"}
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(cast["farmer"], "core.ask", question)
    run.refresh_from_db()
    assert run.status == Run.Status.SUCCEEDED, run.error
    assert run.message == "कोई उपयोगी स्रोत नहीं मिला।"


def test_a_question_no_corpus_answers_ends_with_the_honest_no_sources_answer(
    cast, django_capture_on_commit_callbacks
):
    from core.reasoning.grounded import NO_SOURCES_ANSWER
    from core.runs.services import start_run

    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(
            cast["farmer"], "core.ask", {"question": "Why do onion prices rise?", "language": "en"}
        )
    run.refresh_from_db()
    assert run.status == Run.Status.SUCCEEDED, run.error
    assert run.result["no_sources"] and run.message == "No usable sources were found."
    assert [(s.ordinal, s.kind, s.status) for s in run.steps.all()] == [
        (1, "retrieval", "succeeded"),
        (2, "sources", "succeeded"),
        (3, "answer", "succeeded"),
    ]
    assert run.steps.get(kind="answer").text == NO_SOURCES_ANSWER
    assert run.steps.get(kind="retrieval").data["hits"] == []


@pytest.fixture
def fake_model():
    """A local server in vLLM's wire format, installed as the process's backend."""
    from tests.fakes.vllm import Script, serving

    answer = "Inertia keeps a body at rest until a net force acts on it [1]."
    with serving(Script(reasoning=["Source 1 says so."], content=[answer])) as fake:
        yield fake


def test_a_run_records_the_search_then_a_cited_answer_on_its_page(
    cast, client_for, fake_model, monkeypatch, django_capture_on_commit_callbacks
):
    from core.ask import handler
    from core.retrieval.passages import Passage
    from core.runs.services import start_run

    text = "Inertia keeps a body at rest until a net force acts on it."
    found = Passage(
        chunk_id=1,
        text=text,
        document_id=1,
        document_title="Forces",
        corpus_slug="physics",
        heading="Forces",
        page=None,
        start=0,
        end=len(text),
        source_url="",
        licence="CC-BY-4.0",
        scores={"fused": 0.5},
    )
    asked = []
    monkeypatch.setattr(
        handler, "retrieve", lambda question, **kw: asked.append((question, kw)) or [found]
    )
    # no embedder here (it loads for seconds): sentences are ranked by their words
    monkeypatch.setattr(
        handler, "get_embedder", lambda name=None: SimpleNamespace(embed_documents=None)
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(cast["teacher"], "core.ask", {"question": "Why does a body stay at rest?"})
    run.refresh_from_db()
    assert run.status == Run.Status.SUCCEEDED, run.error
    assert asked == [
        ("Why does a body stay at rest?", {"user": cast["teacher"], "corpora": None, "k": 6})
    ]
    assert [(s.kind, s.title) for s in run.steps.all()] == [
        ("retrieval", "Search in your document collections"),
        ("sources", "Sources given to the model"),
        ("computation", "Do the sources answer this?"),
        ("answer", "Answer"),
        ("prompt", "Prompt sent to the model"),
        ("reasoning", "Reasoning"),
        ("draft", "What the model wrote"),
        ("checks", "Checks on the model's text"),
        ("citations", "Citation check"),
    ]
    assert run.steps.get(kind="retrieval").text == "1 passages found."
    answer = run.steps.get(kind="answer")
    assert answer.text == "Inertia keeps a body at rest until a net force acts on it [1]."
    assert answer.data["origin"] == "model" and run.result["origin"] == "model"
    assert run.result["cited"] == [1] and run.message.startswith("Answered by the model")
    assert run.model_name == fake_model.model and run.completion_tokens == 2
    assert run.timings["calls"] == 1 and run.progress == 1.0
    page = client_for(cast["teacher"]).get(reverse("runs:detail", args=[run.pk])).content.decode()
    assert "Inertia keeps a body at rest" in page and 'id="source-2-1"' in page


@pytest.fixture
def physics(cast, django_capture_on_commit_callbacks):
    from core.corpora import services

    corpus = services.create_corpus(name="Physics", reader_roles=["teacher"])
    with django_capture_on_commit_callbacks(execute=True):
        services.add_document(
            corpus,
            filename="forces.md",
            data=(
                b"# Forces\n\nInertia keeps a body at rest until a net force acts on it. "
                b"A net force makes a body accelerate.\n"
            ),
        )
    return corpus


@pytest.mark.slow
def test_a_teacher_gets_a_grounded_answer_from_a_corpus_they_may_read(
    cast, client_for, physics, settings, django_capture_on_commit_callbacks
):
    settings.LLM_MAX_TOKENS = 96
    settings.ASK_DRAFT_SECONDS = 300  # a loaded machine reads the prompt slowly
    client = client_for(cast["teacher"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            # a paraphrase ("Why does a body stay at rest?", cosine 0.487) is under the
            # relevance threshold and gets the abstention without asking the model
            reverse("ask"),
            {"question": "What does inertia do to a body at rest?", "language": "en"},
        )
    run = Run.objects.get(user=cast["teacher"], kind="core.ask")
    assert run.status == Run.Status.SUCCEEDED, run.error
    kinds = list(run.steps.values_list("kind", flat=True))
    # the decision and the composed answer first
    assert kinds[:5] == ["retrieval", "sources", "computation", "answer", "prompt"]
    assert kinds[-2:] == ["checks", "citations"]
    assert run.steps.get(kind="sources").data["passages"][0]["corpus_slug"] == "physics"
    assert run.completion_tokens > 0 and run.model_name.startswith("SmolLM2")
    page = client.get(response["Location"]).content.decode()
    assert "Inertia keeps a body at rest" in page and 'id="source-2-1"' in page


@pytest.mark.slow
def test_a_farmer_never_sees_passages_from_a_corpus_they_may_not_read(
    cast, client_for, physics, django_capture_on_commit_callbacks
):
    from core.runs.services import start_run

    client = client_for(cast["farmer"])
    refused = client.post(
        reverse("ask"),
        {"question": "Why does a body stay at rest?", "language": "en", "corpora": ["physics"]},
    )
    # not a choice the farmer has (the corpus's own ingestion may be a run: count Ask runs)
    assert refused.status_code == 200
    assert not Run.objects.filter(kind="core.ask").exists()
    with django_capture_on_commit_callbacks(
        execute=True
    ):  # asked for it anyway, bypassing the form
        run = start_run(
            cast["farmer"],
            "core.ask",
            {"question": "Why does a body stay at rest?", "corpora": ["physics"], "language": "en"},
        )
    run.refresh_from_db()
    assert run.status == Run.Status.SUCCEEDED and run.result["no_sources"]
    page = client.get(reverse("runs:detail", args=[run.pk])).content.decode()
    assert "Inertia" not in page and "no usable sources" in page


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "outcomes"),
    [
        ("Newton", {"not_covered", "not_said"}),  # only a name
        ("1687", {"not_covered", "not_said"}),  # only a number
        ("what is the of it and", {"not_covered", "not_said"}),  # only stop words
        ("நிலைமம் என்றால் என்ன?", {"not_covered"}),  # a script no corpus holds
        ("What does जड़त्व do to a body at rest?", {"answer", "not_covered", "not_said"}),
        ("Does rest accelerate a net inertia?", {"answer", "not_covered", "not_said"}),
    ],
)
def test_odd_questions_on_a_one_paragraph_corpus_get_one_of_the_three_outcomes(
    cast, client_for, physics, settings, django_capture_on_commit_callbacks, question, outcomes
):
    """Real ingestion, embedder and search, no model: each question ends in an
    answer, "do not cover" or "do not say", in words, on a page that opens."""
    from core.runs.services import start_run

    settings.ASK_MODEL_DRAFT = False
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(cast["teacher"], "core.ask", {"question": question, "language": "en"})
    run.refresh_from_db()
    assert run.status == Run.Status.SUCCEEDED, run.error
    assert run.result["outcome"] in outcomes, run.result
    assert run.steps.get(kind="answer").text.strip()
    page = client_for(cast["teacher"]).get(reverse("runs:detail", args=[run.pk]))
    assert page.status_code == 200

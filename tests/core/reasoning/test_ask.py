"""The Ask page: any signed-in user asks over the corpora they may read."""

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
    client = client_for(cast["teacher"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("ask"), {"question": "Why does a body stay at rest?", "language": "en"}
        )
    run = Run.objects.get(user=cast["teacher"])
    assert run.status == Run.Status.SUCCEEDED, run.error
    kinds = list(run.steps.values_list("kind", flat=True))
    assert kinds[:3] == ["retrieval", "sources", "prompt"] and kinds[-2:] == ["answer", "citations"]
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
    assert refused.status_code == 200 and not Run.objects.exists()  # not a choice the farmer has
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

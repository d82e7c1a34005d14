"""The corpus admin pages, as each member of the cast."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.corpora import services
from core.corpora.models import Document

pytestmark = pytest.mark.postgres


@pytest.fixture
def corpus(cast):
    return services.create_corpus(
        name="Physics", reader_roles=["teacher"], created_by=cast["corpusadmin"]
    )


def test_only_admins_open_a_corpus_page(cast, client_for, corpus):
    url = reverse("corpora:detail", args=[corpus.slug])
    missing = reverse("corpora:detail", args=["no-such-corpus"])
    for who in ("farmer", "teacher", "engineer", "norole"):
        # a corpus one may not manage answers like a missing one (its slug is not revealed)
        assert client_for(cast[who]).get(url).status_code == 404, who
        assert client_for(cast[who]).get(missing).status_code == 404, who
    assert client_for(None).get(url).status_code == 302
    assert client_for(cast["corpusadmin"]).get(url).status_code == 200


def test_a_named_manager_may_manage_one_corpus(cast, client_for, corpus):
    corpus.managers.add(cast["teacher"])
    other = services.create_corpus(name="Other")
    assert (
        client_for(cast["teacher"]).get(reverse("corpora:detail", args=[corpus.slug])).status_code
        == 200
    )
    assert (
        client_for(cast["teacher"]).get(reverse("corpora:detail", args=[other.slug])).status_code
        == 404
    )


def test_the_list_shows_counts_by_status_in_constant_queries(
    cast, client_for, corpus, django_assert_max_num_queries
):
    for n, status in enumerate(["ready", "ready", "failed", "queued"]):
        Document.objects.create(
            corpus=corpus, filename=f"f{n}.md", title=f"f{n}", sha256=f"{n}" * 64, status=status
        )
    services.create_corpus(name="Market bulletins", reader_roles=["farmer"])
    client = client_for(cast["corpusadmin"])
    with django_assert_max_num_queries(12):
        page = client.get(reverse("corpora:list")).content.decode()
    assert "Physics" in page and "Market bulletins" in page
    assert "2 ready" in page and "1 failed" in page and "1 in progress" in page


def test_an_admin_creates_a_corpus_with_readers(cast, client_for):
    from django.contrib.auth.models import Group

    teacher = Group.objects.get(name="teacher")
    response = client_for(cast["corpusadmin"]).post(
        reverse("corpora:create"),
        {
            "name": "Fractions",
            "slug": "",
            "description": "",
            "language": "en",
            "readers": [teacher.pk],
        },
    )
    assert response.status_code == 302
    from core.corpora.models import Corpus

    created = Corpus.objects.get(slug="fractions")
    assert list(created.readers.values_list("name", flat=True)) == ["teacher"]


def test_an_upload_of_several_files_gives_one_message_per_file(cast, client_for, corpus, settings):
    settings.MAX_UPLOAD_BYTES = 10_000
    files = [
        SimpleUploadedFile("a.md", b"# A\n\nAlpha text."),
        SimpleUploadedFile("b.txt", b"Beta text."),
        SimpleUploadedFile("empty.txt", b""),
        SimpleUploadedFile("huge.txt", b"x" * 20_000),
        SimpleUploadedFile("photo.txt", bytes(range(256)) * 4),
    ]
    response = client_for(cast["corpusadmin"]).post(
        reverse("corpora:upload", args=[corpus.slug]), {"files": files}, follow=True
    )
    page = response.content.decode()
    assert "a.md: Queued for ingestion." in page and "b.txt: Queued for ingestion." in page
    assert "empty.txt: The file is empty" in page
    assert "huge.txt: " in page and "over the limit" in page
    assert "photo.txt: This file holds binary data" in page
    assert set(corpus.documents.values_list("filename", flat=True)) == {"a.md", "b.txt"}


def test_an_upload_says_which_files_are_already_there_and_which_replace_one(
    cast, client_for, corpus
):
    def upload(*files):
        return (
            client_for(cast["corpusadmin"])
            .post(reverse("corpora:upload", args=[corpus.slug]), {"files": files}, follow=True)
            .content.decode()
        )

    upload(SimpleUploadedFile("a.md", b"# A\n\nAlpha text."), SimpleUploadedFile("b.txt", b"Beta."))
    corpus.documents.update(status=Document.Status.READY)  # as if both had been read
    page = upload(
        SimpleUploadedFile("a.md", b"# A\n\nAlpha text."),
        SimpleUploadedFile("b.txt", b"Beta, changed."),
    )
    assert "a.md: Already in this corpus as" in page
    assert "b.txt: Replaces the earlier version once ready." in page
    assert corpus.documents.count() == 3


def test_too_many_files_at_once_are_refused_with_a_message(cast, client_for, corpus, settings):
    settings.MAX_UPLOAD_FILES = 2
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 100
    files = [SimpleUploadedFile(f"{n}.txt", f"text {n}".encode()) for n in range(3)]
    page = (
        client_for(cast["corpusadmin"])
        .post(reverse("corpora:upload", args=[corpus.slug]), {"files": files}, follow=True)
        .content.decode()
    )
    assert "At most 2 files per upload" in page
    assert corpus.documents.count() == 0


def test_the_documents_table_polls_only_while_something_is_pending(cast, client_for, corpus):
    doc = Document.objects.create(
        corpus=corpus,
        filename="a.md",
        title="a",
        sha256="a" * 64,
        status="ingesting",
        progress=40,
        stage="Embedding: 4 of 10 chunks",
    )
    client = client_for(cast["corpusadmin"])
    url = reverse("corpora:documents", args=[corpus.slug])
    fragment = client.get(url).content.decode()
    assert "hx-trigger" in fragment and "Embedding: 4 of 10 chunks" in fragment
    Document.objects.filter(pk=doc.pk).update(
        status="failed", error="The PDF is password-protected."
    )
    fragment = client.get(url).content.decode()
    assert "hx-trigger" not in fragment and "password-protected" in fragment and "Retry" in fragment


def test_a_failed_documents_reason_reads_in_the_admins_language(cast, client_for, corpus, settings):
    from core.corpora.ingestion import failures
    from core.corpora.ingestion.errors import IngestionError

    stored = IngestionError(failures.PDF_TOO_MANY_PAGES, count="3,001", limit="2,000").message
    Document.objects.create(
        corpus=corpus,
        filename="big.pdf",
        title="big",
        sha256="b" * 64,
        status="failed",
        error=stored,
    )
    client = client_for(cast["corpusadmin"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    fragment = client.get(reverse("corpora:documents", args=[corpus.slug])).content.decode()
    assert "PDF में 3,001 पन्ने हैं; सीमा 2,000 है।" in fragment and stored not in fragment


def test_an_upload_refused_at_once_says_why_in_the_admins_language(
    cast, client_for, corpus, settings
):
    client = client_for(cast["corpusadmin"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    response = client.post(
        reverse("corpora:upload", args=[corpus.slug]),
        {"files": [SimpleUploadedFile("empty.txt", b"")]},
        follow=True,
    )
    page = response.content.decode()
    assert "文件为空（0 bytes）：没有可索引的内容。" in page and "The file is empty" not in page


def test_retry_requeues_a_failed_document_in_a_new_run(
    cast, client_for, corpus, django_capture_on_commit_callbacks, monkeypatch
):
    calls = []
    monkeypatch.setattr(
        "core.celery.try_publish",
        lambda task, run_id, **options: calls.append((task.name, run_id)) or True,
    )
    doc = Document.objects.create(
        corpus=corpus, filename="a.md", title="a", sha256="a" * 64, status="failed", error="boom"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client_for(cast["corpusadmin"]).post(reverse("corpora:document_retry", args=[doc.pk]))
    doc.refresh_from_db()
    assert doc.status == "queued" and doc.error == "" and doc.run.kind == "corpora.ingest"
    assert calls == [("core.runs.tasks.execute_run_task", str(doc.run_id))]


def test_deleting_a_corpus_needs_its_short_name(cast, client_for, corpus):
    client = client_for(cast["corpusadmin"])
    url = reverse("corpora:delete", args=[corpus.slug])
    client.post(url, {"confirm": "nope"})
    assert type(corpus).objects.filter(pk=corpus.pk).exists()
    assert client.post(url, {"confirm": corpus.slug}).status_code == 302
    assert not type(corpus).objects.filter(pk=corpus.pk).exists()


def test_pages_escape_document_text(cast, client_for, corpus):
    Document.objects.create(
        corpus=corpus,
        filename="x.md",
        title="<script>alert(1)</script>",
        sha256="b" * 64,
        status="failed",
        error="<img src=x onerror=alert(1)>",
    )
    page = (
        client_for(cast["corpusadmin"])
        .get(reverse("corpora:detail", args=[corpus.slug]))
        .content.decode()
    )
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page


def test_try_a_query_says_when_the_search_service_is_down(cast, client_for, corpus, monkeypatch):
    import core.corpora.search
    import core.retrieval

    def down(*args, **kwargs):
        raise core.retrieval.SearchUnavailable("The search service is not answering right now.")

    monkeypatch.setattr(core.corpora.search, "retrieve", down)
    response = client_for(cast["corpusadmin"]).get(
        reverse("corpora:query", args=[corpus.slug]), {"q": "inertia"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200  # htmx swaps only 2xx answers in
    assert "The search service is not answering right now." in response.content.decode()


@pytest.mark.slow
def test_try_a_query_shows_passages_with_scores(
    cast, client_for, corpus, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.add_document(
            corpus, filename="f.md", data=b"# Forces\n\nInertia keeps bodies at rest."
        )
    response = client_for(cast["corpusadmin"]).get(
        reverse("corpora:query", args=[corpus.slug]), {"q": "inertia"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert "Inertia keeps bodies at rest." in page
    assert "fused" in page and "dense" in page and "lexical" in page

"""Corpus admin pages: thin views over services and selectors."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, TooManyFilesSent
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.accounts.roles import Role, is_admin, role_label, role_required
from core.corpora import selectors, services
from core.corpora.forms import CorpusForm, QueryForm
from core.corpora.ingestion.failures import failure_words
from core.corpora.models import Corpus, Document
from core.corpora.upload_form import UploadForm
from core.corpora.uploads import accept_uploads
from core.runs.services import reap
from core.runs.step_words import run_message

POLL_SECONDS = 2


def _managed_corpus(request, slug: str) -> Corpus:
    if not request.user.is_authenticated:
        raise PermissionDenied
    # Someone else's corpus answers exactly like a missing one: its slug is not revealed.
    return get_object_or_404(selectors.manageable_corpora(request.user), slug=slug)


def _managed_document(request, pk: int) -> Document:
    document = get_object_or_404(Document.objects.select_related("corpus"), pk=pk)
    _managed_corpus(request, document.corpus.slug)
    return document


def _login_required(view):
    # Anonymous users go to the login page, like role_required does.
    from django.contrib.auth.decorators import login_required

    return login_required(view)


@role_required(Role.CORPUS_ADMIN)
@require_GET
def corpus_list(request):
    reap()  # ingestions whose worker died turn failed; runs the broker missed are resent
    corpora = list(selectors.corpora_with_counts(request.user))
    for corpus in corpora:
        corpus.reader_labels = [role_label(group.name) for group in corpus.readers.all()]
    return render(request, "corpora/list.html", {"corpora": corpora})


@role_required(Role.CORPUS_ADMIN)
def corpus_create(request):
    form = CorpusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        corpus = services.create_corpus(
            name=data["name"],
            slug=data["slug"] or None,
            description=data["description"],
            language=data["language"],
            created_by=request.user,
        )
        corpus.readers.set(data["readers"])
        messages.success(request, _("Corpus created. Upload documents to it below."))
        return redirect("corpora:detail", slug=corpus.slug)
    return render(request, "corpora/create.html", {"form": form})


def _documents_context(corpus: Corpus, user) -> dict:
    reap()  # before reading: a document whose ingestion lost its worker shows failed
    documents = selectors.documents_of(corpus)
    admin = is_admin(user)
    for document in documents:
        # the run page is its owner's and admins' (a named manager may not see it)
        run = document.run
        document.run_visible = run is not None and (admin or run.user_id == user.pk)
        document.error_text = failure_words(document.error)
        # a queued document waits on its run: the run says why (a worker, the queue)
        waiting = document.status == Document.Status.QUEUED and run and run.status == "queued"
        document.stage_text = run_message(
            run.message if waiting and run.message else document.stage
        )
    pending = any(
        d.status in (Document.Status.QUEUED, Document.Status.INGESTING) for d in documents
    )
    return {
        "corpus": corpus,
        "documents": documents,
        "pending": pending,
        "poll_seconds": POLL_SECONDS,
    }


@_login_required
@require_GET
def corpus_detail(request, slug: str):
    corpus = _managed_corpus(request, slug)
    context = _documents_context(corpus, request.user)
    context.update(
        upload_form=UploadForm(),
        query_form=QueryForm(),
        readers=", ".join(map(role_label, corpus.readers.values_list("name", flat=True))),
    )
    return render(request, "corpora/detail.html", context)


@_login_required
@require_GET
def corpus_documents(request, slug: str):
    """The documents table alone: polled by htmx while anything is ingesting."""
    corpus = _managed_corpus(request, slug)
    return render(request, "corpora/_documents.html", _documents_context(corpus, request.user))


@_login_required
@require_POST
def corpus_upload(request, slug: str):
    corpus = _managed_corpus(request, slug)
    try:
        form = UploadForm(request.POST, request.FILES)
        valid = form.is_valid()
    except TooManyFilesSent:
        messages.error(request, _("Too many files in one upload; send them in smaller batches."))
        return redirect("corpora:detail", slug=slug)
    if not valid:
        messages.error(request, _("Choose at least one file to upload."))
        return redirect("corpora:detail", slug=slug)
    data = form.cleaned_data
    for outcome in accept_uploads(
        corpus,
        data["files"],
        user=request.user,
        licence=data["licence"],
        attribution=data["attribution"],
        source_url=data["source_url"],
    ):
        text = f"{outcome.filename}: {outcome.message}" if outcome.filename else outcome.message
        (messages.success if outcome.ok else messages.error)(request, text)
    return redirect("corpora:detail", slug=slug)


@_login_required
@require_POST
def document_retry(request, pk: int):
    document = _managed_document(request, pk)
    services.retry_document(document)
    messages.success(request, _("“%(title)s” is queued again.") % {"title": document.title})
    return redirect("corpora:detail", slug=document.corpus.slug)


@_login_required
@require_POST
def document_delete(request, pk: int):
    document = _managed_document(request, pk)
    slug, title = document.corpus.slug, document.title
    services.delete_document(document)
    messages.success(request, _("“%(title)s” was deleted with its passages.") % {"title": title})
    return redirect("corpora:detail", slug=slug)


@_login_required
@require_POST
def corpus_reindex(request, slug: str):
    corpus = _managed_corpus(request, slug)
    count = services.reindex_corpus(corpus)
    messages.success(
        request,
        _("Re-indexing %(count)d documents; they stay searchable meanwhile.") % {"count": count},
    )
    return redirect("corpora:detail", slug=slug)


@_login_required
@require_POST
def corpus_delete(request, slug: str):
    corpus = _managed_corpus(request, slug)
    if request.POST.get("confirm") != corpus.slug:
        messages.error(request, _("Type the corpus's short name to confirm the deletion."))
        return redirect("corpora:detail", slug=slug)
    name = corpus.name
    services.delete_corpus(corpus)
    messages.success(request, _("Corpus “%(name)s” was deleted.") % {"name": name})
    return redirect("corpora:list")


@_login_required
@require_GET
def corpus_query(request, slug: str):
    """Try a query: what retrieval returns from this corpus, with its scores."""
    from core.corpora.search import retrieve
    from core.retrieval import SearchUnavailable

    corpus = _managed_corpus(request, slug)
    form = QueryForm(request.GET)
    passages, unavailable = [], ""
    if form.is_valid():
        try:
            passages = retrieve(form.cleaned_data["q"], user=request.user, corpora=[corpus], k=8)
        except SearchUnavailable as exc:
            unavailable = exc.message
    template = (
        "corpora/_results.html" if request.headers.get("HX-Request") else "corpora/query.html"
    )
    context = {"corpus": corpus, "form": form, "passages": passages, "unavailable": unavailable}
    return render(request, template, context)

"""Corpus -> Document -> Chunk. Who may read a corpus is a set of groups;
roles are groups (core.accounts.roles), so "readable by teachers" is the
teacher group in ``readers``."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _


class Corpus(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    language = models.CharField(max_length=16, default="en")
    readers = models.ManyToManyField(
        Group,
        blank=True,
        related_name="readable_corpora",
        help_text=_(
            "Roles or groups whose members may read this corpus. Admins read every corpus."
        ),
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_corpora",
        help_text=_("Users besides corpus admins who may upload to and manage this corpus."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "corpora"

    def __str__(self) -> str:
        return self.name

    @property
    def language_name(self) -> str:
        """The corpus's language by its name in the active language, else its code."""
        from django.utils.translation import get_language_info

        try:
            return str(get_language_info(self.language)["name_translated"])
        except KeyError:
            return self.language

    @property
    def embedder(self) -> str:
        """The embedder its documents are indexed with, chosen by its language."""
        from core.retrieval.embedder import embedder_for_language

        return embedder_for_language(self.language)


def _upload_to(document: Document, filename: str) -> str:
    return f"corpora/{document.corpus_id}/{document.sha256[:16]}/{filename}"


class Document(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        INGESTING = "ingesting", _("Ingesting")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    corpus = models.ForeignKey(Corpus, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=_upload_to, max_length=500)
    filename = models.CharField(max_length=255)
    title = models.CharField(max_length=300)
    source_url = models.URLField(max_length=500, blank=True)
    licence = models.CharField(max_length=200, blank=True)
    attribution = models.TextField(blank=True)
    language = models.CharField(max_length=16, blank=True)
    sha256 = models.CharField(max_length=64)
    size_bytes = models.PositiveBigIntegerField(default=0)
    kind = models.CharField(max_length=20, blank=True)  # detected from content: pdf, docx, ...
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    stage = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    notes = models.JSONField(default=list, blank=True)  # e.g. pages without a text layer
    page_count = models.PositiveIntegerField(null=True, blank=True)
    chunk_count = models.PositiveIntegerField(default=0)
    embedder_id = models.CharField(max_length=300, blank=True)
    timings_ms = models.JSONField(default=dict, blank=True)
    # A changed re-upload of the same file name: it replaces this one when ready.
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaced_by"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The latest ingestion run (kind corpora.ingest): its steps are on the run page.
    # Documents ingested before ingestion became a run have none.
    run = models.ForeignKey(
        "runs.Run", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    ingested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["corpus", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["corpus", "sha256"], name="document_unique_content_per_corpus"
            )
        ]
        indexes = [models.Index(fields=["corpus", "status"])]

    def __str__(self) -> str:
        return self.title


class Chunk(models.Model):
    """A passage as indexed. Only ``live`` chunks are offered to retrieval: a
    re-ingestion writes new chunks hidden, then swaps them in one transaction."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="chunks")
    corpus = models.ForeignKey(Corpus, on_delete=models.CASCADE, related_name="chunks")
    ordinal = models.PositiveIntegerField()
    text = models.TextField()
    heading = models.CharField(max_length=500, blank=True)  # "A > B" or "page 3"
    page = models.PositiveIntegerField(null=True, blank=True)
    start = models.PositiveIntegerField()  # character offsets into the extracted text
    end = models.PositiveIntegerField()
    token_count = models.PositiveIntegerField(default=0)
    # The book's teaching structure: objective, worked_example, exercise, ... (ingestion.blocks)
    block_kind = models.CharField(max_length=32, default="prose", blank=True)
    live = models.BooleanField(default=False)

    class Meta:
        ordering = ["document", "ordinal"]
        indexes = [models.Index(fields=["document", "live"])]

    def __str__(self) -> str:
        return f"{self.document_id}#{self.ordinal}"

"""Turn a batch of browser uploads into documents, with one message per file."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.corpora import services
from core.corpora.ingestion.errors import IngestionError
from core.corpora.ingestion.failures import failure_words
from core.corpora.ingestion.sniff import sniff
from core.corpora.models import Corpus, Document


@dataclass
class UploadOutcome:
    filename: str
    ok: bool
    message: str


def accept_uploads(
    corpus: Corpus,
    uploaded,
    *,
    user,
    licence: str = "",
    attribution: str = "",
    source_url: str = "",
) -> list[UploadOutcome]:
    """One outcome per uploaded file, in order: refused (with why) or accepted."""
    if len(uploaded) > settings.MAX_UPLOAD_FILES:
        return [
            UploadOutcome(
                "",
                False,
                _("At most %(most)s files per upload; you sent %(n)s. Nothing was stored.")
                % {"most": settings.MAX_UPLOAD_FILES, "n": len(uploaded)},
            )
        ]
    described = {"licence": licence, "attribution": attribution, "source_url": source_url}
    return [_accept(corpus, upload, user, described) for upload in uploaded]


def _accept(corpus: Corpus, upload, user, described: dict) -> UploadOutcome:
    name = upload.name
    if upload.size > settings.MAX_UPLOAD_BYTES:
        return UploadOutcome(
            name,
            False,
            _("%(size)s is over the limit of %(limit)s per file.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.MAX_UPLOAD_BYTES),
            },
        )
    try:
        data = upload.read()
        sniff(data, name)  # wrong or unreadable types are refused at once, with the reason
        before = Document.objects.filter(corpus=corpus).count()
        document = services.add_document(
            corpus, filename=name, data=data, uploaded_by=user, **described
        )
    except IngestionError as exc:
        return UploadOutcome(name, False, failure_words(exc.message))
    if Document.objects.filter(corpus=corpus).count() == before:
        return UploadOutcome(
            name, True, _("Already in this corpus as “%(title)s”.") % {"title": document.title}
        )
    if document.replaces_id:
        return UploadOutcome(name, True, _("Replaces the earlier version once ready."))
    return UploadOutcome(name, True, _("Queued for ingestion."))

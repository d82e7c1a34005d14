"""Turn a batch of browser uploads into documents, with one message per file."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from core.corpora import services
from core.corpora.ingestion.errors import IngestionError
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
    outcomes = []
    if len(uploaded) > settings.MAX_UPLOAD_FILES:
        return [
            UploadOutcome(
                "",
                False,
                f"At most {settings.MAX_UPLOAD_FILES} files per upload; "
                f"you sent {len(uploaded)}. Nothing was stored.",
            )
        ]
    for upload in uploaded:
        name = upload.name
        if upload.size > settings.MAX_UPLOAD_BYTES:
            outcomes.append(
                UploadOutcome(
                    name,
                    False,
                    (
                        f"{filesizeformat(upload.size)} is over the limit of "
                        f"{filesizeformat(settings.MAX_UPLOAD_BYTES)} per file."
                    ),
                )
            )
            continue
        try:
            data = upload.read()
            sniff(data, name)  # wrong or unreadable types are refused at once, with the reason
            before = Document.objects.filter(corpus=corpus).count()
            document = services.add_document(
                corpus,
                filename=name,
                data=data,
                uploaded_by=user,
                licence=licence,
                attribution=attribution,
                source_url=source_url,
            )
        except IngestionError as exc:
            outcomes.append(UploadOutcome(name, False, exc.message))
            continue
        duplicate = Document.objects.filter(corpus=corpus).count() == before
        outcomes.append(
            UploadOutcome(
                name,
                True,
                (
                    f"Already in this corpus as “{document.title}”."
                    if duplicate
                    else "Replaces the earlier version once ready."
                    if document.replaces_id
                    else "Queued for ingestion."
                ),
            )
        )
    return outcomes

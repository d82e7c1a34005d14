"""Ingest files or folders into a corpus, inline, with a progress bar."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core.corpora import services
from core.corpora.ingestion.errors import IngestionError
from core.corpora.models import Corpus, Document


def _files(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
            )
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"{path} is neither a file nor a folder.")
    return found


class Command(BaseCommand):
    help = "Ingest files (or every file under folders) into a corpus, without needing a worker."

    def add_arguments(self, parser):
        parser.add_argument("--corpus", required=True, help="the corpus's short name (slug)")
        parser.add_argument("--create", action="store_true", help="create the corpus if missing")
        parser.add_argument(
            "--readers", default="", help="with --create: comma-separated roles/groups"
        )
        parser.add_argument("--licence", default="")
        parser.add_argument("--attribution", default="")
        parser.add_argument("paths", nargs="+", type=Path)

    def handle(
        self,
        *args,
        corpus: str,
        create: bool,
        readers: str,
        licence: str,
        attribution: str,
        paths: list[Path],
        **options,
    ):
        target = Corpus.objects.filter(slug=corpus).first()
        if target is None:
            if not create:
                raise CommandError(
                    f"No corpus “{corpus}”. Create it in the browser or pass --create."
                )
            target = services.create_corpus(
                name=corpus, slug=corpus, reader_roles=[r for r in readers.split(",") if r.strip()]
            )
        files = _files(paths)
        failed = 0
        for path in tqdm(files, desc=f"ingest → {target.slug}", unit="file", file=sys.stderr):
            try:
                document = services.add_document(
                    target,
                    filename=path.name,
                    data=path.read_bytes(),
                    licence=licence,
                    attribution=attribution,
                    enqueue=False,
                )
            except IngestionError as exc:
                failed += 1
                tqdm.write(f"{path}: {exc.message}", file=sys.stderr)
                continue
            document = services.ingest_document(document.pk)
            if document.status != Document.Status.READY:
                failed += 1
                tqdm.write(f"{path}: {document.error}", file=sys.stderr)
        self.stdout.write(f"{len(files) - failed} of {len(files)} files ready in “{target.slug}”.")
        if failed:
            raise CommandError(f"{failed} file(s) failed; see the messages above.")

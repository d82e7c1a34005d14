"""Demo corpora for `make run` (idempotent): openly licensed files committed
under demo/corpora/, ingested inline so the first page view finds them ready.
Attributions: demo/SOURCE.md."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

DEMO_DIR = Path(settings.BASE_DIR) / "demo" / "corpora"
OPENSTAX_LICENCE = "CC BY 4.0"
PREALGEBRA = (
    "Prealgebra (1st ed.), Lynn Marecek and MaryAnne Anthony-Smith, OpenStax, Rice "
    "University, 2015, https://openstax.org/details/books/prealgebra. CC BY 4.0."
)
PHYSICS = (
    "Physics (high school), Paul Peter Urone and Roger Hinrichs, OpenStax, Rice University, "
    "2020, https://openstax.org/details/books/physics. CC BY 4.0."
)


@dataclass(frozen=True)
class DemoFile:
    path: str
    title: str
    source_url: str
    licence: str
    attribution: str


@dataclass(frozen=True)
class DemoCorpus:
    slug: str
    name: str
    description: str
    readers: tuple[str, ...]
    files: tuple[DemoFile, ...]
    # True: read each file now, here (the page finds them ready); False: queue them
    # for the worker that `make run` starts (the apps' own corpora).
    inline: bool = True


CORPORA = (
    DemoCorpus(
        "curriculum",
        "Curriculum (OpenStax)",
        "Prealgebra and high-school physics chapters for lesson planning.",
        ("teacher",),
        (
            DemoFile(
                "curriculum/ch01-whole-numbers.md",
                "Prealgebra, chapter 1: Whole Numbers",
                "https://openstax.org/details/books/prealgebra",
                OPENSTAX_LICENCE,
                PREALGEBRA,
            ),
            DemoFile(
                "curriculum/ch04-fractions.md",
                "Prealgebra, chapter 4: Fractions",
                "https://openstax.org/details/books/prealgebra",
                OPENSTAX_LICENCE,
                PREALGEBRA,
            ),
            DemoFile(
                "curriculum/ch04-forces-and-newtons-laws-of-motion.md",
                "Physics, chapter 4: Forces and Newton's Laws of Motion",
                "https://openstax.org/details/books/physics",
                OPENSTAX_LICENCE,
                PHYSICS,
            ),
            DemoFile(
                "curriculum/ch13-waves-and-their-properties.md",
                "Physics, chapter 13: Waves and Their Properties",
                "https://openstax.org/details/books/physics",
                OPENSTAX_LICENCE,
                PHYSICS,
            ),
        ),
    ),
    DemoCorpus(
        "market-bulletins",
        "Market bulletins",
        "Commodity market outlooks the crop advisories cite.",
        ("farmer",),
        (
            DemoFile(
                "market/usda_wasde_665_2025-11.md",
                "USDA World Agricultural Supply and Demand Estimates (WASDE-665), November 2025",
                "https://www.usda.gov/oce/commodity/wasde",
                "Public domain (17 U.S.C. §105)",
                "USDA World Agricultural Outlook Board, WASDE-665, 14 November 2025.",
            ),
            DemoFile(
                "market/worldbank_cmo_2025-10.md",
                "World Bank Commodity Markets Outlook, October 2025",
                "https://www.worldbank.org/en/research/commodity-markets",
                "CC BY 3.0 IGO",
                "World Bank, Commodity Markets Outlook, October 2025. CC BY 3.0 IGO.",
            ),
        ),
    ),
)


def _corpus(spec: DemoCorpus):
    from core.corpora.models import Corpus
    from core.corpora.services import create_corpus

    existing = Corpus.objects.filter(slug=spec.slug).first()
    if existing is not None:
        return existing
    return create_corpus(
        name=spec.name, slug=spec.slug, description=spec.description, reader_roles=spec.readers
    )


def load_demo_corpora(stdout, corpora: tuple[DemoCorpus, ...] = CORPORA) -> None:
    from core.corpora.models import Document
    from core.corpora.services import add_document, ingest_document

    for spec in corpora:
        corpus = _corpus(spec)
        for item in spec.files:
            data = (DEMO_DIR / item.path).read_bytes()
            document = add_document(
                corpus,
                filename=Path(item.path).name,
                data=data,
                title=item.title,
                source_url=item.source_url,
                licence=item.licence,
                attribution=item.attribution,
                enqueue=not spec.inline,
            )
            if document.status == Document.Status.READY or not spec.inline:
                continue
            started = time.perf_counter()
            stdout.write(f"Corpora: ingesting {item.path} (a minute or two the first time)…")
            document = ingest_document(document.pk)
            stdout.write(
                f"Corpora: {document.title}: {document.status}, {document.chunk_count} "
                f"passages in {time.perf_counter() - started:.0f} s"
            )
        state = "ready" if spec.inline else "queued or ready"
        stdout.write(f"Corpora: '{spec.slug}' {state} for {', '.join(spec.readers)}.")


load = load_demo_corpora  # the name `seed_demo`/`load_demo` call

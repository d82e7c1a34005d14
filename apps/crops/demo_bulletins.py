"""The demo's market-outlook reports, from the shared development data when it is
present: the "market-bulletins" corpus the sell-or-hold advice cites, each report
with its source, licence and attribution."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from apps.crops.advisory import CORPUS_SLUG

BULLETINS_DIR = Path(settings.BASE_DIR).parent / "shared" / "data" / "crops" / "text"
BULLETIN_SOURCES = {
    "usda_wasde": (
        "https://www.usda.gov/oce/commodity/wasde",
        "Public domain (17 U.S.C. §105)",
        "USDA World Agricultural Outlook Board, WASDE",
    ),
    "worldbank_cmo": (
        "https://www.worldbank.org/en/research/commodity-markets",
        "CC BY 3.0 IGO",
        "World Bank, Commodity Markets Outlook, October 2025",
    ),
}


def load_bulletins(stdout) -> None:
    """The market reports the advisory cites, queued for the worker."""
    from core.accounts import Role
    from core.corpora import DemoCorpus, DemoFile, load_demo_corpora

    if not BULLETINS_DIR.is_dir():
        stdout.write("Crops: no market reports found next to the project; the corpus is empty.")
    files = []
    for path in sorted(BULLETINS_DIR.glob("*.md")):  # none where the folder is missing
        url, licence, attribution = next(
            (v for k, v in BULLETIN_SOURCES.items() if path.name.startswith(k)), ("", "", "")
        )
        files.append(DemoFile(str(path), path.stem, url, licence, attribution))
    corpus = DemoCorpus(
        CORPUS_SLUG,
        "Market bulletins",
        "Market bulletins and commodity outlook reports the sell-or-hold advice cites.",
        (Role.FARMER,),
        tuple(files),
        inline=False,
    )
    load_demo_corpora(stdout, (corpus,))

"""Demo data for the compliance app (idempotent): the shipped rule packs, and the public-domain
ADA 2010 excerpts under demo/compliance/codes as the "building-codes" corpus."""

from pathlib import Path

from django.conf import settings

from apps.compliance.packs import SHIPPED_PACKS

CODES_DIR = Path(settings.BASE_DIR) / "demo" / "compliance" / "codes"
CORPUS_SLUG = "building-codes"


def load(stdout) -> None:
    from apps.compliance.models import Rule, RulePack

    for data in SHIPPED_PACKS:
        pack, _ = RulePack.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "description": data["description"],
                "parameters": data["parameters"],
                "shipped": True,
            },
        )
        for rule in data["rules"]:
            fields = {k: v for k, v in rule.items() if k != "code"}
            # Existing rules keep their admin edits; only missing ones are added.
            Rule.objects.get_or_create(pack=pack, code=rule["code"], defaults=fields)
    stdout.write(f"Compliance: {len(SHIPPED_PACKS)} rule packs ready.")
    load_code_corpus(stdout)


def load_code_corpus(stdout) -> None:
    """The clauses the explanations cite, queued for the worker."""
    from core.accounts import Role
    from core.corpora import DemoCorpus, DemoFile, load_demo_corpora

    files = tuple(
        DemoFile(
            str(path),
            path.stem.replace("-", " "),
            "https://github.com/atbcb/usab-uswds",
            "Public domain (17 U.S.C. §105)",
            "2010 ADA Standards for Accessible Design, U.S. Department of Justice / "
            "U.S. Access Board",
        )
        for path in sorted(CODES_DIR.glob("*.md"))
    )
    corpus = DemoCorpus(
        CORPUS_SLUG,
        "Building codes",
        "Code clauses the drawing checks cite (2010 ADA Standards excerpts).",
        (Role.ENGINEER,),
        files,
        inline=False,
    )
    load_demo_corpora(stdout, (corpus,))

"""Demo data for the compliance app: the shipped rule packs (idempotent)."""

from apps.compliance.packs import SHIPPED_PACKS


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
            Rule.objects.get_or_create(pack=pack, code=rule["code"], defaults=fields)
    stdout.write(f"Compliance: {len(SHIPPED_PACKS)} rule packs ready.")

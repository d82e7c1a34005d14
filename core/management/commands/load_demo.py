"""Load the demo data (openly licensed, committed under demo/) once; re-running
changes nothing. Each part lives with the app that owns it."""

from importlib import import_module

from django.core.management.base import BaseCommand

# Each module exposes load(stdout) -> None and must be idempotent.
DEMO_LOADERS: list[str] = ["core.corpora.demo", "apps.compliance.demo", "apps.crops.demo"]


class Command(BaseCommand):
    help = "Load the openly licensed demo corpora and data (idempotent)."

    def handle(self, *args, **options):
        for dotted in DEMO_LOADERS:
            import_module(dotted).load(self.stdout)
        self.stdout.write("Demo data ready.")

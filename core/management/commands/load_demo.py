"""Load the demo data (openly licensed, committed under demo/) once; re-running
changes nothing. Each part lives with the app that owns it: an installed app's
``demo`` module, if it has one, exposes ``load(stdout)`` and is idempotent."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand


def demo_loaders() -> list[str]:
    """The ``demo`` modules of the installed apps, in INSTALLED_APPS order (the
    corpora first, so the apps' demo documents have their corpus)."""
    names = [f"{config.name}.demo" for config in apps.get_app_configs()]
    return [name for name in names if find_spec(name) is not None]


class Command(BaseCommand):
    help = "Load the openly licensed demo corpora and data (idempotent)."

    def handle(self, *args, **options):
        for dotted in demo_loaders():
            import_module(dotted).load(self.stdout)
        self.stdout.write("Demo data ready.")

"""python manage.py crops_agmarknet [--state S] [--commodity C] [--queue]: import today's
Agmarknet prices from data.gov.in (needs OPENKITCHEN_AGMARKNET_API_KEY)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.crops.services import import_now, start_agmarknet_import


class Command(BaseCommand):
    help = "Import today's Agmarknet mandi prices from data.gov.in, then refit their forecasts."

    def add_arguments(self, parser):
        parser.add_argument("--state", default="", help='e.g. "Maharashtra"')
        parser.add_argument("--commodity", default="", help='e.g. "Onion"')
        parser.add_argument("--queue", action="store_true", help="queue a run for the worker")

    def handle(self, *args, **options):
        if not settings.AGMARKNET_API_KEY:
            raise CommandError("Set OPENKITCHEN_AGMARKNET_API_KEY first: nothing was asked.")
        filters = {"state": options["state"], "commodity": options["commodity"]}
        if options["queue"]:
            run = start_agmarknet_import(filters=filters)
            self.stdout.write(f"Import {run.pk} queued.")
            return
        run = import_now(filters=filters)
        self.stdout.write(f"Import {run.pk}: {run.status}. {run.error or run.message}")

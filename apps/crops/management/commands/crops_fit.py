"""python manage.py crops_fit [--queue]: fit and store forecasts for every series."""

from django.core.management.base import BaseCommand

from apps.crops.services import refit_now, refit_summary, start_refit


class Command(BaseCommand):
    help = "Fit and store the latest forecast of every price series."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="enqueue a Celery job instead")

    def handle(self, *args, **options):
        if options["queue"]:
            run = start_refit()
            self.stdout.write(f"Refit {run.pk} queued.")
            return
        run = refit_now()
        self.stdout.write(f"Refit {run.pk}: {run.status}. {refit_summary(run)}")

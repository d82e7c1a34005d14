"""python manage.py crops_fit [--queue]: fit and store forecasts for every series."""

from django.core.management.base import BaseCommand

from apps.crops.models import FitJob
from apps.crops.services import fit_forecasts, start_fit_job


class Command(BaseCommand):
    help = "Fit and store the latest forecast of every price series."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="enqueue a Celery job instead")

    def handle(self, *args, **options):
        if options["queue"]:
            job = start_fit_job()
            self.stdout.write(f"Fit job {job.pk} queued.")
            return
        job = fit_forecasts(FitJob.objects.create().pk)
        self.stdout.write(f"Fit job {job.pk}: {job.status}. {job.message} ({job.seconds} s)")

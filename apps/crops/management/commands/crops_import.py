"""python manage.py crops_import PATH... [--commodity C --market M ...] [--fit]"""

import logging
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.crops.csv_reading import UnreadableFile
from apps.crops.importing import import_path
from apps.crops.layouts import LayoutError
from apps.crops.parsing import Defaults


class Command(BaseCommand):
    help = "Import price CSV files (Agmarknet, single-market DATE/PRICE or DATE/ARRIVAL, WFP)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="CSV files or folders (searched recursively)")
        for name in ("commodity", "market", "variety", "unit", "currency"):
            parser.add_argument(
                f"--{name}", default="", help=f"{name} when the file has no such column"
            )
        parser.add_argument("--fit", action="store_true", help="fit forecasts afterwards (inline)")

    def handle(self, *args, **options):
        logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
        files = []
        for raw in options["paths"]:
            path = Path(raw)
            if path.is_dir():
                files.extend(sorted(path.rglob("*.csv")))
            elif path.is_file():
                files.append(path)
            else:
                raise CommandError(f"{path} does not exist.")
        defaults = Defaults(
            **{k: options[k] for k in ("commodity", "market", "variety", "unit", "currency")}
        )
        # Price files first, so that arrival files find the series they pair with.
        files.sort(key=lambda p: ("arrival" in p.name.lower(), str(p)))
        failed = 0
        imported = []
        for path in files:
            try:
                batch = import_path(path, defaults=defaults)
            except (UnreadableFile, LayoutError, UnicodeError) as exc:
                failed += 1
                self.stderr.write(f"{path.name}: not imported: {exc}")
                continue
            imported.append(batch.pk)
            self.stdout.write(
                f"{path.name}: {batch.series_count} series, {batch.points_created} new points, "
                f"{batch.points_updated} changed; {batch.message}"
            )
            for problem in batch.problems[:10]:
                self.stdout.write(f"  {problem['message']}")
            if len(batch.problems) > 10:
                self.stdout.write(f"  … {sum(batch.problem_counts.values()) - 10} more problems")
        if options["fit"] and imported:
            from apps.crops.models import ImportBatch
            from apps.crops.services import refit_now, refit_summary

            run = refit_now()
            ImportBatch.objects.filter(pk__in=imported).update(refit=run)
            self.stdout.write(f"Forecasts: {run.status}, {refit_summary(run)}")
        if failed == len(files):
            raise CommandError("No file could be imported.")

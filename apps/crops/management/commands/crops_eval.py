"""python manage.py crops_eval --data DIR --json

Runs the fixed evaluation protocol (apps/crops/evaluation.py) in memory: no
database, no worker. Progress goes to stderr; one JSON line is printed last.
"""

import json
import logging
import sys
import warnings
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.crops.evaluation import evaluate_folder


class Command(BaseCommand):
    help = "Backtest the crop price forecaster on every CSV under a folder (fixed protocol)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data", required=True, help="folder searched recursively for CSV files"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON line last")

    def handle(self, *args, **options):
        folder = Path(options["data"])
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        logging.basicConfig(
            level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(name)s %(message)s"
        )
        warnings.filterwarnings("ignore", category=RuntimeWarning)
        warnings.filterwarnings("ignore", category=UserWarning)
        result = evaluate_folder(folder)
        line = json.dumps(result, sort_keys=False)
        if options["json"]:
            self.stdout.write(line)
        else:
            self.stdout.write(json.dumps(result, indent=2))

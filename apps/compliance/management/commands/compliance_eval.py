"""python manage.py compliance_eval --data DIR --json [--seed N] [--building NAME]"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.compliance.evaluation import run_evaluation


class Command(BaseCommand):
    # Pure computation: no URL or model checks needed (and none of other apps' state).
    requires_system_checks = []
    help = "Evaluate drawing extraction and rule checks on a folder of per-storey DXF plans."

    def add_arguments(self, parser):
        parser.add_argument("--data", required=True, type=Path)
        parser.add_argument("--json", action="store_true", help="print one JSON line last")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument(
            "--building", help="only this building's files (<building>__*), for its own figures"
        )

    def handle(self, *args, **options):
        data: Path = options["data"]
        if not data.is_dir():
            raise CommandError(f"{data} is not a folder")
        result = run_evaluation(
            data,
            seed=options["seed"],
            log=lambda msg: print(msg, file=sys.stderr, flush=True),
            building=options["building"],
        )
        if options["json"]:
            self.stdout.write(json.dumps(result))
        else:
            for key, value in result.items():
                self.stdout.write(f"{key}: {value}")

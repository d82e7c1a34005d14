"""python manage.py compliance_check FILE [FILE ...] [--pack SLUG ...] [--set KEY=VALUE] --json

Checks DXF plans or IFC models against the shipped packs without the web app or a
database; prints one JSON line (findings with clause, measured, required, status,
storey, location, element) last on stdout.
"""

import json
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.compliance.dxf_reader import read_dxf_bytes
from apps.compliance.errors import DrawingError
from apps.compliance.ifc_plan import plans_from_ifc
from apps.compliance.ifc_reader import read_ifc_bytes
from apps.compliance.packs import pack_by_slug
from apps.compliance.plan import build_plan
from apps.compliance.reading_messages import NO_PLAN
from apps.compliance.rules import check_ifc_model, check_plan, measured_text, rules_from_packs
from apps.compliance.sniff import sniff_drawing


class Command(BaseCommand):
    # Pure computation: no URL or model checks needed (and none of other apps' state).
    requires_system_checks = []
    help = "Check drawings (DXF per storey, or IFC) against the shipped rule packs."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--pack",
            action="append",
            default=[],
            help="ada-2010 and/or generic-egress (default: both)",
        )
        parser.add_argument(
            "--set",
            action="append",
            default=[],
            metavar="KEY=VALUE",
            help="override a pack parameter, e.g. travel_distance_m=60",
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        try:
            packs = [pack_by_slug(s) for s in (options["pack"] or ["ada-2010", "generic-egress"])]
        except KeyError as exc:
            raise CommandError(f"unknown pack {exc}") from exc
        params = {}
        for item in options["set"]:
            key, _, value = item.partition("=")
            params[key] = float(value)
        rules = rules_from_packs(packs, params)
        results = []
        for path in options["files"]:
            started = time.perf_counter()
            try:
                data = path.read_bytes()
                kind = sniff_drawing(data[:4096], size=len(data), filename=path.name)
                if kind == "ifc":
                    model = read_ifc_bytes(data, name=path.name)
                    try:
                        plans = plans_from_ifc(model.file, name=path.name)
                    except DrawingError as exc:  # attributes still checkable
                        plans = []
                        model.warnings.append(NO_PLAN % {"reason": exc})
                    findings, warnings = check_ifc_model(model, plans, rules), model.warnings
                else:
                    plan = build_plan(read_dxf_bytes(data, name=path.name), storey=path.stem)
                    findings, warnings = check_plan(plan, rules), plan.warnings
                results.append(
                    {
                        "file": path.name,
                        "warnings": warnings,
                        "seconds": round(time.perf_counter() - started, 3),
                        "findings": [f.as_dict() for f in findings],
                    }
                )
            except (DrawingError, OSError) as exc:
                results.append({"file": path.name, "error": str(exc)})
            print(f"{path.name}: done", file=sys.stderr)
        if options["json"]:
            self.stdout.write(json.dumps({"results": results}))
        else:
            for r in results:
                self.stdout.write(r["file"] + (": " + r["error"] if "error" in r else ""))
                for f in r.get("findings", []):
                    if f["status"] != "pass":
                        self.stdout.write(
                            f"  {f['status']:<12} {f['clause']:<32} "
                            f"{f['label'] or f['element']}: {measured_text(f)} "
                            f"(required {f['required']})" + (f" — {f['note']}" if f["note"] else "")
                        )

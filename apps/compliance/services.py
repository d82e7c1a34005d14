"""Writes for the compliance app: create a check and start its run (the run's handler is
in ``runs``)."""

from __future__ import annotations

from django.db import transaction
from django.utils import translation

from apps.compliance.errors import DrawingError
from apps.compliance.models import Check, DrawingFile, RulePack
from apps.compliance.reading_messages import NO_FILES
from apps.compliance.sniff import sniff_drawing
from core.runs import start_run

RUN_KIND = "compliance.check"


def create_check(
    user,
    *,
    title: str,
    pack: RulePack,
    files: list[tuple[str, bytes]],
    parameters: dict | None = None,
    occupant_load: int | None = None,
) -> Check:
    """Validate every file (type, size), store them and start the run; nothing half-written."""
    if not files:
        raise DrawingError(NO_FILES)
    kinds = [sniff_drawing(data[:4096], size=len(data), filename=name) for name, data in files]
    with transaction.atomic():
        check = Check.objects.create(
            user=user,
            title=title or files[0][0],
            pack=pack,
            parameters=parameters or {},
            occupant_load=occupant_load,
        )
        for (name, data), kind in zip(files, kinds, strict=True):
            DrawingFile.objects.create(
                check_row=check,
                filename=name[:255],
                kind=kind,
                storey=name.rsplit(".", 1)[0][:120],
                data=data,
            )
        # The worker writes the annotated plan's labels in the engineer's language.
        inputs = {"check_id": check.pk, "language": translation.get_language() or "en"}
        check.run = start_run(user, RUN_KIND, inputs)
        check.save(update_fields=["run"])
    return check

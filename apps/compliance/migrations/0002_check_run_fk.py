"""A check links to its run by a foreign key, not a hand-joined string. The old
column is renamed, the key added and filled from it; 0003 drops the old column."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def link_runs(apps, schema_editor):
    Check = apps.get_model("compliance", "Check")
    Run = apps.get_model("runs", "Run")
    for check in Check.objects.exclude(legacy_run_id="").only("pk", "legacy_run_id"):
        try:
            key = uuid.UUID(check.legacy_run_id)
        except ValueError:
            continue
        if Run.objects.filter(pk=key).exists():
            Check.objects.filter(pk=check.pk).update(run_id=key)


def unlink_runs(apps, schema_editor):
    Check = apps.get_model("compliance", "Check")
    for check in Check.objects.exclude(run=None).only("pk", "run_id"):
        Check.objects.filter(pk=check.pk).update(legacy_run_id=str(check.run_id))


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0001_initial"),
        ("runs", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("check", "run_id", "legacy_run_id"),
        migrations.AddField(
            model_name="check",
            name="run",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="runs.run",
            ),
        ),
        migrations.RunPython(link_runs, unlink_runs),
    ]

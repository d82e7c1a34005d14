from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("compliance", "0002_check_run_fk")]

    operations = [migrations.RemoveField("check", "legacy_run_id")]

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0003_remove_check_legacy_run_id"),
    ]

    operations = [
        migrations.AddField(
            model_name="rulepack",
            name="language",
            field=models.CharField(default="en", max_length=16),
        ),
    ]

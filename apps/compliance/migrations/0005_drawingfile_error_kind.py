from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0004_rulepack_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="drawingfile",
            name="error_kind",
            field=models.CharField(blank=True, max_length=20),
        ),
    ]

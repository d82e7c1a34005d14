from django.db import migrations, models


class Migration(migrations.Migration):
    """Chunks carry their block kind; existing chunks read as prose until re-indexed."""

    dependencies = [("corpora", "0002_document_run")]

    operations = [
        migrations.AddField(
            model_name="chunk",
            name="block_kind",
            field=models.CharField(blank=True, default="prose", max_length=32),
        ),
    ]

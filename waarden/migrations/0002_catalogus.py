"""Load the guide's twelve core values (see ``waarden/catalogue.py``)."""

from django.db import migrations

from waarden.catalogue import CATALOGUS, ensure_catalogue


def add_catalogus(apps, schema_editor):
    ensure_catalogue(apps.get_model("waarden", "Waarde"))


def remove_catalogus(apps, schema_editor):
    Waarde = apps.get_model("waarden", "Waarde")
    Waarde.objects.filter(traject=None, slug__in=[row[0] for row in CATALOGUS]).delete()


class Migration(migrations.Migration):
    dependencies = [("waarden", "0001_initial")]

    operations = [migrations.RunPython(add_catalogus, remove_catalogus)]

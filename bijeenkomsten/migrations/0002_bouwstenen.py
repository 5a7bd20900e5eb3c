from django.db import migrations


def seed(apps, schema_editor):
    from bijeenkomsten.bouwstenen import seed_bouwstenen

    seed_bouwstenen(apps.get_model("bijeenkomsten", "Bouwsteen"))


class Migration(migrations.Migration):
    dependencies = [("bijeenkomsten", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

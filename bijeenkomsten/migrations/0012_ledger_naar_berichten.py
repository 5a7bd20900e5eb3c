"""The ledger and the sweep counter now belong to ``berichten`` (state only; the tables
stay). The check on the list of kinds goes: the kinds are registered by the apps, and a
system check holds them to their templates."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("bijeenkomsten", "0011_tafel_vergrendeld"),
        ("berichten", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="verzending", name="verzending_doel_geldig"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="Sweepteller"),
                migrations.DeleteModel(name="Verzending"),
            ],
        ),
    ]

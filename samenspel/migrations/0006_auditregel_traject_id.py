"""The audit row keeps its traject as a plain id and its actions come from each app's
registry: the base no longer refers to a domain model. No row changes: the column
``traject_id`` and its indexes stay; only the foreign-key constraint and the check on the
list of actions go."""

from django.db import migrations, models

import samenspel.audit_actions


class Migration(migrations.Migration):
    dependencies = [
        ("samenspel", "0005_audit_tafel_verplaatst_vergrendeld"),
        ("trajecten", "0006_inschrijving_naam_telefoon"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="auditregel", name="auditregel_actie_geldig"),
        migrations.AlterField(
            model_name="auditregel",
            name="actie",
            field=models.CharField(
                choices=samenspel.audit_actions.choices, max_length=40, verbose_name="actie"
            ),
        ),
        # Drops the constraint on both PostgreSQL and SQLite, keeps column and index.
        migrations.AlterField(
            model_name="auditregel",
            name="traject",
            field=models.ForeignKey(
                blank=True,
                null=True,
                db_constraint=False,
                on_delete=models.SET_NULL,
                related_name="+",
                to="trajecten.traject",
                verbose_name="traject",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="auditregel", name="auditregel_traject_moment"),
                migrations.RemoveField(model_name="auditregel", name="traject"),
                migrations.AddField(
                    model_name="auditregel",
                    name="traject_id",
                    field=models.BigIntegerField(
                        blank=True, db_index=True, null=True, verbose_name="traject"
                    ),
                ),
                migrations.AddIndex(
                    model_name="auditregel",
                    index=models.Index(
                        fields=["traject_id", "-moment"], name="auditregel_traject_moment"
                    ),
                ),
            ],
        ),
    ]

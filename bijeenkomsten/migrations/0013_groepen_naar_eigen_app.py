"""Prep groups and table groups now belong to ``groepen`` (state only; the tables stay)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("bijeenkomsten", "0012_ledger_naar_berichten"),
        ("groepen", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='tafel',
                    name='bijeenkomst',
                ),
                migrations.RemoveField(
                    model_name='tafelplaats',
                    name='tafel',
                ),
                migrations.RemoveField(
                    model_name='tafelplaats',
                    name='bijeenkomst',
                ),
                migrations.RemoveField(
                    model_name='tafelplaats',
                    name='inschrijving',
                ),
                migrations.RemoveField(
                    model_name='voorbereidingsgroep',
                    name='bijeenkomst',
                ),
                migrations.DeleteModel(
                    name='Groepslid',
                ),
                migrations.DeleteModel(
                    name='Tafel',
                ),
                migrations.DeleteModel(
                    name='Tafelplaats',
                ),
                migrations.DeleteModel(
                    name='Voorbereidingsgroep',
                ),
            ],
        ),
    ]

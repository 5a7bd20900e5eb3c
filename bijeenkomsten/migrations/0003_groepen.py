"""Prep groups (Voorbereidingsgroep, Groepslid, the Groepsbericht ledger) and table groups
(Tafel, Tafelplaats).

On PostgreSQL a composite foreign key keeps a seat's meeting equal to its table's meeting,
so the unique (bijeenkomst, inschrijving) on Tafelplaats really means "one table per person
per meeting". SQLite cannot add it to an existing table; there the services keep them equal.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

FK_NAME = "tafelplaats_tafel_bijeenkomst_fk"


def add_composite_fk(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE bijeenkomsten_tafelplaats ADD CONSTRAINT {FK_NAME} "
        "FOREIGN KEY (tafel_id, bijeenkomst_id) "
        "REFERENCES bijeenkomsten_tafel (id, bijeenkomst_id) "
        "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED"
    )


def drop_composite_fk(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE bijeenkomsten_tafelplaats DROP CONSTRAINT IF EXISTS {FK_NAME}"
    )


REDENEN = [
    ("leidinggevende", "Leidinggevende"),
    ("tag_nodig", "Nodig voor de balans"),
    ("nog_geen_beurt", "Nog niet aan de beurt geweest"),
    ("minst_beurten", "Minder vaak aan de beurt dan anderen"),
    ("weinig_herhaling", "Weinig herhaling"),
    ("zelf", "Deed zelf mee"),
    ("coordinator", "Gekozen door de coördinator"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("bijeenkomsten", "0002_bouwstenen"),
        ("trajecten", "0003_wil_voorbereiden"),
    ]

    operations = [
        migrations.CreateModel(
            name="Voorbereidingsgroep",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "grootte",
                    models.PositiveSmallIntegerField(
                        default=4, verbose_name="aantal mensen in de groep"
                    ),
                ),
                (
                    "start",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="voorbereiding begint om"
                    ),
                ),
                (
                    "einde",
                    models.DateTimeField(
                        blank=True, null=True, verbose_name="voorbereiding eindigt om"
                    ),
                ),
                (
                    "plaats",
                    models.CharField(
                        blank=True, max_length=200, verbose_name="plaats van de voorbereiding"
                    ),
                ),
                (
                    "online_link",
                    models.URLField(blank=True, verbose_name="link voor online voorbereiden"),
                ),
                ("vergrendeld", models.BooleanField(default=False, verbose_name="vergrendeld")),
                (
                    "versie",
                    models.PositiveIntegerField(default=0, verbose_name="wijzigingsnummer"),
                ),
                (
                    "gewijzigd_op",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="gewijzigd op"
                    ),
                ),
                (
                    "bijeenkomst",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="voorbereidingsgroep",
                        to="bijeenkomsten.bijeenkomst",
                        verbose_name="bijeenkomst die de groep voorbereidt",
                    ),
                ),
            ],
            options={
                "verbose_name": "voorbereidingsgroep",
                "verbose_name_plural": "voorbereidingsgroepen",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("grootte__range", (3, 6))),
                        name="voorbereidingsgroep_grootte_3_6",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("einde__isnull", True),
                            models.Q(("start__isnull", False), ("einde__gt", models.F("start"))),
                            _connector="OR",
                        ),
                        name="voorbereidingsgroep_einde_na_start",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Groepslid",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "reden",
                    models.CharField(choices=REDENEN, max_length=20, verbose_name="reden"),
                ),
                (
                    "beurten",
                    models.PositiveSmallIntegerField(default=0, verbose_name="eerdere beurten"),
                ),
                (
                    "herhaalde_paren",
                    models.PositiveSmallIntegerField(
                        default=0, verbose_name="bereidde al eerder voor met"
                    ),
                ),
                (
                    "toegevoegd_op",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="toegevoegd op"
                    ),
                ),
                (
                    "groep",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="leden",
                        to="bijeenkomsten.voorbereidingsgroep",
                        verbose_name="voorbereidingsgroep",
                    ),
                ),
                (
                    "inschrijving",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="groepslidmaatschappen",
                        to="trajecten.inschrijving",
                        verbose_name="inschrijving",
                    ),
                ),
            ],
            options={
                "verbose_name": "groepslid",
                "verbose_name_plural": "groepsleden",
                "ordering": ["toegevoegd_op", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("groep", "inschrijving"), name="groepslid_een_keer_per_groep"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("reden__in", [code for code, _ in REDENEN])),
                        name="groepslid_reden_geldig",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Groepsbericht",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("versie", models.PositiveIntegerField(verbose_name="wijzigingsnummer")),
                (
                    "verzonden_op",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="verzonden op"
                    ),
                ),
                (
                    "groep",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="berichten",
                        to="bijeenkomsten.voorbereidingsgroep",
                        verbose_name="voorbereidingsgroep",
                    ),
                ),
                (
                    "inschrijving",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="groepsberichten",
                        to="trajecten.inschrijving",
                        verbose_name="inschrijving",
                    ),
                ),
            ],
            options={
                "verbose_name": "groepsbericht",
                "verbose_name_plural": "groepsberichten",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("inschrijving", "groep", "versie"),
                        name="groepsbericht_een_keer",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Tafel",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("nummer", models.PositiveSmallIntegerField(verbose_name="nummer")),
                ("indeling", models.PositiveIntegerField(default=0, verbose_name="indeling")),
                (
                    "bijeenkomst",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tafels",
                        to="bijeenkomsten.bijeenkomst",
                        verbose_name="bijeenkomst",
                    ),
                ),
            ],
            options={
                "verbose_name": "tafel",
                "verbose_name_plural": "tafels",
                "ordering": ["nummer"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("bijeenkomst", "nummer"), name="tafel_nummer_uniek"
                    ),
                    models.UniqueConstraint(
                        fields=("id", "bijeenkomst"), name="tafel_id_bijeenkomst"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("nummer__gte", 1)), name="tafel_nummer_min"
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Tafelplaats",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("laat", models.BooleanField(default=False, verbose_name="later aangeschoven")),
                (
                    "bijeenkomst",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="bijeenkomsten.bijeenkomst",
                        verbose_name="bijeenkomst",
                    ),
                ),
                (
                    "inschrijving",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tafelplaatsen",
                        to="trajecten.inschrijving",
                        verbose_name="inschrijving",
                    ),
                ),
                (
                    "tafel",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="plaatsen",
                        to="bijeenkomsten.tafel",
                        verbose_name="tafel",
                    ),
                ),
            ],
            options={
                "verbose_name": "tafelplaats",
                "verbose_name_plural": "tafelplaatsen",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("bijeenkomst", "inschrijving"),
                        name="tafelplaats_een_tafel_per_persoon",
                    ),
                ],
            },
        ),
        migrations.RunPython(add_composite_fk, drop_composite_fk, elidable=False),
    ]

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The ledger now records every e-mail per recipient (not only per enrolment), with
    its state, so it carries reminders, offers and the coordinator's log. Rows of the
    earlier, narrower ledger only guarded against duplicates and are not kept."""

    dependencies = [
        ("bijeenkomsten", "0003_groepen"),
        ("trajecten", "0003_wil_voorbereiden"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.DeleteModel(name="Verzending"),
        migrations.CreateModel(
            name="Verzending",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("doel", models.CharField(choices=[("wijziging", "Bijeenkomst gewijzigd of geannuleerd"), ("herinnering", "Herinnering aan een bijeenkomst"), ("voorbereiding", "Herinnering aan het voorbereiden"), ("evaluatie", "Vraag om een evaluatie"), ("aanbod", "Plek aangeboden"), ("verslag", "Herinnering: verslag nog niet gedeeld")], max_length=30, verbose_name="doel")),
                ("sleutel", models.CharField(max_length=100, verbose_name="sleutel")),
                ("status", models.CharField(choices=[("geclaimd", "Wordt verstuurd"), ("verzonden", "Verstuurd"), ("overgeslagen", "Niet meer nodig"), ("mislukt", "Mislukt")], default="geclaimd", max_length=20, verbose_name="status")),
                ("claim", models.UUIDField(blank=True, db_index=True, null=True, verbose_name="claim")),
                ("geclaimd_op", models.DateTimeField(default=django.utils.timezone.now, verbose_name="geclaimd op")),
                ("verzonden_op", models.DateTimeField(blank=True, null=True, verbose_name="verzonden op")),
                ("pogingen", models.PositiveSmallIntegerField(default=0, verbose_name="pogingen")),
                ("fout", models.TextField(blank=True, verbose_name="fout")),
                ("bijeenkomst", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="verzendingen", to="bijeenkomsten.bijeenkomst", verbose_name="bijeenkomst")),
                ("inschrijving", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="verzendingen", to="trajecten.inschrijving", verbose_name="inschrijving")),
                ("ontvanger", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="verzendingen", to=settings.AUTH_USER_MODEL, verbose_name="ontvanger")),
                ("traject", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="verzendingen", to="trajecten.traject", verbose_name="traject")),
            ],
            options={
                "verbose_name": "verzending",
                "verbose_name_plural": "verzendingen",
                "ordering": ["-geclaimd_op", "-id"],
                "indexes": [models.Index(fields=["traject", "-geclaimd_op"], name="verzending_log")],
                "constraints": [
                    models.UniqueConstraint(fields=("ontvanger", "doel", "sleutel"), name="verzending_een_keer"),
                    models.CheckConstraint(condition=models.Q(("doel__in", ["wijziging", "herinnering", "voorbereiding", "evaluatie", "aanbod", "verslag"])), name="verzending_doel_geldig"),
                    models.CheckConstraint(condition=models.Q(("status__in", ["geclaimd", "verzonden", "overgeslagen", "mislukt"])), name="verzending_status_geldig"),
                ],
            },
        ),
    ]

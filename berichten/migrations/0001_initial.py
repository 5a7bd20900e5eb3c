"""The ledger and the sweep counter move here from ``bijeenkomsten``: state only, the
tables and their rows stay as they are."""

import berichten.kinds
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('bijeenkomsten', '0011_tafel_vergrendeld'),
        ('trajecten', '0006_inschrijving_naam_telefoon'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='Sweepteller',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('aantal', models.PositiveBigIntegerField(default=0, verbose_name='aantal sweeps')),
                    ('laatste_op', models.DateTimeField(blank=True, null=True, verbose_name='laatste sweep klaar op')),
                ],
                options={
                    'verbose_name': 'sweepteller',
                    'verbose_name_plural': 'sweeptellers',
                    'db_table': 'bijeenkomsten_sweepteller',
                    'constraints': [models.CheckConstraint(condition=models.Q(('pk', 1)), name='sweepteller_een_rij')],
                },
            ),
            migrations.CreateModel(
                name='Verzending',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('doel', models.CharField(choices=berichten.kinds.choices, max_length=30, verbose_name='doel')),
                    ('sleutel', models.CharField(max_length=100, verbose_name='sleutel')),
                    ('status', models.CharField(choices=[('geclaimd', 'Wordt verstuurd'), ('verzonden', 'Verstuurd'), ('overgeslagen', 'Niet meer nodig'), ('mislukt', 'Mislukt')], default='geclaimd', max_length=20, verbose_name='status')),
                    ('claim', models.UUIDField(blank=True, db_index=True, null=True, verbose_name='claim')),
                    ('geclaimd_op', models.DateTimeField(default=django.utils.timezone.now, verbose_name='geclaimd op')),
                    ('verzonden_op', models.DateTimeField(blank=True, null=True, verbose_name='verzonden op')),
                    ('pogingen', models.PositiveSmallIntegerField(default=0, verbose_name='pogingen')),
                    ('fout', models.TextField(blank=True, verbose_name='fout')),
                    ('aanmeldverzoek', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='verzendingen', to='trajecten.aanmeldverzoek', verbose_name='aanmelding die wacht op bevestiging')),
                    ('bijeenkomst', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='verzendingen', to='bijeenkomsten.bijeenkomst', verbose_name='bijeenkomst')),
                    ('inschrijving', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='verzendingen', to='trajecten.inschrijving', verbose_name='inschrijving')),
                    ('ontvanger', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='verzendingen', to=settings.AUTH_USER_MODEL, verbose_name='ontvanger')),
                    ('traject', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='verzendingen', to='trajecten.traject', verbose_name='traject')),
                ],
                options={
                    'verbose_name': 'verzending',
                    'verbose_name_plural': 'verzendingen',
                    'db_table': 'bijeenkomsten_verzending',
                    'ordering': ['-geclaimd_op', '-id'],
                    'indexes': [models.Index(fields=['traject', '-geclaimd_op'], name='verzending_log')],
                    'constraints': [models.UniqueConstraint(fields=('ontvanger', 'doel', 'sleutel'), name='verzending_een_keer'), models.UniqueConstraint(condition=models.Q(('aanmeldverzoek__isnull', False)), fields=('aanmeldverzoek', 'doel', 'sleutel'), name='verzending_aanmeldverzoek_een_keer'), models.CheckConstraint(condition=models.Q(('ontvanger__isnull', False), ('aanmeldverzoek__isnull', False), _connector='OR'), name='verzending_heeft_ontvanger'), models.CheckConstraint(condition=models.Q(('status__in', ['geclaimd', 'verzonden', 'overgeslagen', 'mislukt'])), name='verzending_status_geldig')],
                },
            ),
            ],
        ),
    ]

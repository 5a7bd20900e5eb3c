"""Prep groups and table groups move here from ``bijeenkomsten``: state only, the tables
and their rows stay as they are."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("bijeenkomsten", "0012_ledger_naar_berichten"),
        ("trajecten", "0006_inschrijving_naam_telefoon"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Tafel',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('nummer', models.PositiveSmallIntegerField(verbose_name='nummer')),
                        ('indeling', models.PositiveIntegerField(default=0, verbose_name='indeling')),
                        ('vergrendeld', models.BooleanField(default=False, verbose_name='vergrendeld')),
                        ('bijeenkomst', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tafels', to='bijeenkomsten.bijeenkomst', verbose_name='bijeenkomst')),
                    ],
                    options={
                        'verbose_name': 'tafel',
                        'verbose_name_plural': 'tafels',
                        'db_table': 'bijeenkomsten_tafel',
                        'ordering': ['nummer'],
                    },
                ),
                migrations.CreateModel(
                    name='Tafelplaats',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('laat', models.BooleanField(default=False, verbose_name='later aangeschoven')),
                        ('bijeenkomst', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='bijeenkomsten.bijeenkomst', verbose_name='bijeenkomst')),
                        ('inschrijving', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tafelplaatsen', to='trajecten.inschrijving', verbose_name='inschrijving')),
                        ('tafel', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='plaatsen', to='groepen.tafel', verbose_name='tafel')),
                    ],
                    options={
                        'verbose_name': 'tafelplaats',
                        'verbose_name_plural': 'tafelplaatsen',
                        'db_table': 'bijeenkomsten_tafelplaats',
                    },
                ),
                migrations.CreateModel(
                    name='Voorbereidingsgroep',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('grootte', models.PositiveSmallIntegerField(default=4, verbose_name='aantal mensen in de groep')),
                        ('start', models.DateTimeField(blank=True, null=True, verbose_name='voorbereiding begint om')),
                        ('einde', models.DateTimeField(blank=True, null=True, verbose_name='voorbereiding eindigt om')),
                        ('plaats', models.CharField(blank=True, max_length=200, verbose_name='plaats van de voorbereiding')),
                        ('online_link', models.URLField(blank=True, verbose_name='link voor online voorbereiden')),
                        ('vergrendeld', models.BooleanField(default=False, verbose_name='vergrendeld')),
                        ('versie', models.PositiveIntegerField(default=0, verbose_name='wijzigingsnummer')),
                        ('gewijzigd_op', models.DateTimeField(default=django.utils.timezone.now, verbose_name='gewijzigd op')),
                        ('bijeenkomst', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='voorbereidingsgroep', to='bijeenkomsten.bijeenkomst', verbose_name='bijeenkomst die de groep voorbereidt')),
                    ],
                    options={
                        'verbose_name': 'voorbereidingsgroep',
                        'verbose_name_plural': 'voorbereidingsgroepen',
                        'db_table': 'bijeenkomsten_voorbereidingsgroep',
                    },
                ),
                migrations.CreateModel(
                    name='Groepslid',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reden', models.CharField(choices=[('leidinggevende', 'Leidinggevende'), ('tag_nodig', 'Nodig voor de balans'), ('nog_geen_beurt', 'Nog niet aan de beurt geweest'), ('minst_beurten', 'Minder vaak aan de beurt dan anderen'), ('weinig_herhaling', 'Weinig herhaling'), ('zelf', 'Deed zelf mee'), ('coordinator', 'Gekozen door de coördinator')], max_length=20, verbose_name='reden')),
                        ('beurten', models.PositiveSmallIntegerField(default=0, verbose_name='eerdere beurten')),
                        ('herhaalde_paren', models.PositiveSmallIntegerField(default=0, verbose_name='bereidde al eerder voor met')),
                        ('toegevoegd_op', models.DateTimeField(default=django.utils.timezone.now, verbose_name='toegevoegd op')),
                        ('inschrijving', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='groepslidmaatschappen', to='trajecten.inschrijving', verbose_name='inschrijving')),
                        ('groep', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='leden', to='groepen.voorbereidingsgroep', verbose_name='voorbereidingsgroep')),
                    ],
                    options={
                        'verbose_name': 'groepslid',
                        'verbose_name_plural': 'groepsleden',
                        'db_table': 'bijeenkomsten_groepslid',
                        'ordering': ['toegevoegd_op', 'id'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='tafel',
                    constraint=models.UniqueConstraint(fields=('bijeenkomst', 'nummer'), name='tafel_nummer_uniek'),
                ),
                migrations.AddConstraint(
                    model_name='tafel',
                    constraint=models.UniqueConstraint(fields=('id', 'bijeenkomst'), name='tafel_id_bijeenkomst'),
                ),
                migrations.AddConstraint(
                    model_name='tafel',
                    constraint=models.CheckConstraint(condition=models.Q(('nummer__gte', 1)), name='tafel_nummer_min'),
                ),
                migrations.AddConstraint(
                    model_name='tafelplaats',
                    constraint=models.UniqueConstraint(fields=('bijeenkomst', 'inschrijving'), name='tafelplaats_een_tafel_per_persoon'),
                ),
                migrations.AddConstraint(
                    model_name='voorbereidingsgroep',
                    constraint=models.CheckConstraint(condition=models.Q(('grootte__range', (3, 6))), name='voorbereidingsgroep_grootte_3_6'),
                ),
                migrations.AddConstraint(
                    model_name='voorbereidingsgroep',
                    constraint=models.CheckConstraint(condition=models.Q(('einde__isnull', True), models.Q(('start__isnull', False), ('einde__gt', models.F('start'))), _connector='OR'), name='voorbereidingsgroep_einde_na_start'),
                ),
                migrations.AddConstraint(
                    model_name='groepslid',
                    constraint=models.UniqueConstraint(fields=('groep', 'inschrijving'), name='groepslid_een_keer_per_groep'),
                ),
                migrations.AddConstraint(
                    model_name='groepslid',
                    constraint=models.CheckConstraint(condition=models.Q(('reden__in', ['leidinggevende', 'tag_nodig', 'nog_geen_beurt', 'minst_beurten', 'weinig_herhaling', 'zelf', 'coordinator'])), name='groepslid_reden_geldig'),
                ),
            ],
        ),
    ]

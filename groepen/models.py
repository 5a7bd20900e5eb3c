"""Prep groups and table groups. The tables keep the names they had when these models
lived in ``bijeenkomsten``."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bijeenkomsten.models import Bijeenkomst

from .choices import GroepsReden


class Voorbereidingsgroep(models.Model):
    """The small group of participants who prepare a meeting (the guide's
    "voorbereidingsgroep").

    It hangs on the meeting it prepares, not on the one after which it is formed: the group
    of ``bijeenkomst`` N meets between meeting N − 1 and N. So every meeting has at most one,
    the first meeting can have one too, and "the next prep group" of a report of meeting N is
    the group of meeting N + 1."""

    bijeenkomst = models.OneToOneField(
        Bijeenkomst,
        verbose_name=_("bijeenkomst die de groep voorbereidt"),
        on_delete=models.CASCADE,
        related_name="voorbereidingsgroep",
    )
    grootte = models.PositiveSmallIntegerField(_("aantal mensen in de groep"), default=4)
    start = models.DateTimeField(_("voorbereiding begint om"), null=True, blank=True)
    einde = models.DateTimeField(_("voorbereiding eindigt om"), null=True, blank=True)
    plaats = models.CharField(_("plaats van de voorbereiding"), max_length=200, blank=True)
    online_link = models.URLField(_("link voor online voorbereiden"), blank=True)
    vergrendeld = models.BooleanField(_("vergrendeld"), default=False)
    # Raised on every change its members should hear about; the key of their e-mails.
    versie = models.PositiveIntegerField(_("wijzigingsnummer"), default=0)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    class Meta:
        db_table = "bijeenkomsten_voorbereidingsgroep"
        verbose_name = _("voorbereidingsgroep")
        verbose_name_plural = _("voorbereidingsgroepen")
        constraints = [
            models.CheckConstraint(
                condition=Q(grootte__range=(3, 6)), name="voorbereidingsgroep_grootte_3_6"
            ),
            models.CheckConstraint(
                condition=Q(einde__isnull=True)
                | (Q(start__isnull=False) & Q(einde__gt=F("start"))),
                name="voorbereidingsgroep_einde_na_start",
            ),
        ]

    def __str__(self):
        return str(self.bijeenkomst)


class Groepslid(models.Model):
    """One person in a prep group, with the reason they are in it."""

    groep = models.ForeignKey(
        Voorbereidingsgroep,
        verbose_name=_("voorbereidingsgroep"),
        on_delete=models.CASCADE,
        related_name="leden",
    )
    inschrijving = models.ForeignKey(
        "trajecten.Inschrijving",
        verbose_name=_("inschrijving"),
        on_delete=models.CASCADE,
        related_name="groepslidmaatschappen",
    )
    reden = models.CharField(_("reden"), max_length=20, choices=GroepsReden)
    # The figures behind the reason, so it reads in each reader's own language.
    beurten = models.PositiveSmallIntegerField(_("eerdere beurten"), default=0)
    herhaalde_paren = models.PositiveSmallIntegerField(_("bereidde al eerder voor met"), default=0)
    toegevoegd_op = models.DateTimeField(_("toegevoegd op"), default=timezone.now)

    class Meta:
        db_table = "bijeenkomsten_groepslid"
        verbose_name = _("groepslid")
        verbose_name_plural = _("groepsleden")
        ordering = ["toegevoegd_op", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["groep", "inschrijving"], name="groepslid_een_keer_per_groep"
            ),
            models.CheckConstraint(
                condition=Q(reden__in=GroepsReden.values), name="groepslid_reden_geldig"
            ),
        ]

    def __str__(self):
        return f"{self.inschrijving} – {self.groep}"


class Tafel(models.Model):
    """One table group at a meeting."""

    bijeenkomst = models.ForeignKey(
        Bijeenkomst, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="tafels"
    )
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    # The seed of the split this table belongs to ("Andere indeling" takes the next one).
    indeling = models.PositiveIntegerField(_("indeling"), default=0)
    # A locked table is kept as it is when the tables are made again and gets no late
    # arrivals; only the coordinator opens it again.
    vergrendeld = models.BooleanField(_("vergrendeld"), default=False)

    class Meta:
        db_table = "bijeenkomsten_tafel"
        verbose_name = _("tafel")
        verbose_name_plural = _("tafels")
        ordering = ["nummer"]
        constraints = [
            models.UniqueConstraint(fields=["bijeenkomst", "nummer"], name="tafel_nummer_uniek"),
            # The target of Tafelplaats's (tafel, bijeenkomst) foreign key (see 0003_groepen).
            models.UniqueConstraint(fields=["id", "bijeenkomst"], name="tafel_id_bijeenkomst"),
            models.CheckConstraint(condition=Q(nummer__gte=1), name="tafel_nummer_min"),
        ]

    def __str__(self):
        return f"{self.bijeenkomst} – {self.nummer}"


class Tafelplaats(models.Model):
    """A person's seat at a table. The meeting is stored here too, so that the database
    itself keeps anyone from sitting at two tables of one meeting; on PostgreSQL a
    composite foreign key keeps it equal to the table's meeting."""

    tafel = models.ForeignKey(
        Tafel, verbose_name=_("tafel"), on_delete=models.CASCADE, related_name="plaatsen"
    )
    bijeenkomst = models.ForeignKey(
        Bijeenkomst, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="+"
    )
    inschrijving = models.ForeignKey(
        "trajecten.Inschrijving",
        verbose_name=_("inschrijving"),
        on_delete=models.CASCADE,
        related_name="tafelplaatsen",
    )
    laat = models.BooleanField(_("later aangeschoven"), default=False)

    class Meta:
        db_table = "bijeenkomsten_tafelplaats"
        verbose_name = _("tafelplaats")
        verbose_name_plural = _("tafelplaatsen")
        constraints = [
            models.UniqueConstraint(
                fields=["bijeenkomst", "inschrijving"], name="tafelplaats_een_tafel_per_persoon"
            ),
        ]

    def __str__(self):
        return f"{self.inschrijving} – {self.tafel}"

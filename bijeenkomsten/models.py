from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Antwoord, BijdrageSoort, BijeenkomstStatus
from .groepen_choices import GroepsReden
from .query import BijeenkomstQuerySet


class Bouwsteen(models.Model):
    """A short piece of theory that opens a meeting (the guide's "bouwsteen").

    Without a traject it belongs to the shared library; with one, it is that traject's own.
    """

    titel = models.CharField(_("titel"), max_length=150)
    tekst = models.TextField(_("tekst"))
    traject = models.ForeignKey(
        "trajecten.Traject",
        verbose_name=_("traject"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="bouwstenen",
    )

    class Meta:
        verbose_name = _("bouwsteen")
        verbose_name_plural = _("bouwstenen")
        ordering = ["titel"]

    def __str__(self):
        return self.titel


class Bijeenkomst(models.Model):
    """One meeting of a traject."""

    traject = models.ForeignKey(
        "trajecten.Traject",
        verbose_name=_("traject"),
        on_delete=models.CASCADE,
        related_name="bijeenkomsten",
    )
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    start = models.DateTimeField(_("begint om"))
    einde = models.DateTimeField(_("eindigt om"))
    thema = models.CharField(_("thema"), max_length=200, blank=True)
    bouwsteen = models.ForeignKey(
        Bouwsteen,
        verbose_name=_("bouwsteen"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bijeenkomsten",
    )
    plaats = models.CharField(_("plaats"), max_length=200, blank=True)
    adres = models.CharField(_("adres"), max_length=300, blank=True)
    online_link = models.URLField(_("link voor online meedoen"), blank=True)
    drempelvrij = models.BooleanField(_("ingang zonder drempels"), default=False)
    ringleiding = models.BooleanField(_("ringleiding"), default=False)
    stille_ruimte = models.BooleanField(_("stille ruimte"), default=False)
    toegankelijkheid = models.TextField(_("meer over toegankelijkheid"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=BijeenkomstStatus, default=BijeenkomstStatus.GEPLAND
    )
    # iCalendar SEQUENCE: raised on every change that matters to a calendar.
    volgnummer = models.PositiveIntegerField(_("wijzigingsnummer"), default=0)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), default=timezone.now)
    # What people were last told about when and where, before the latest change: the
    # change e-mail shows old and new ({"start": iso, "einde": iso, "plaats": ..., ...}).
    vorige_gegevens = models.JSONField(_("gegevens voor de wijziging"), default=dict, blank=True)
    annuleringsreden = models.TextField(_("reden van annuleren"), max_length=1000, blank=True)

    objects = BijeenkomstQuerySet.as_manager()

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["start", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "nummer"], name="bijeenkomst_nummer_uniek"),
            models.CheckConstraint(
                condition=Q(einde__gt=F("start")), name="bijeenkomst_einde_na_start"
            ),
            models.CheckConstraint(condition=Q(nummer__gte=1), name="bijeenkomst_nummer_min"),
            models.CheckConstraint(
                condition=Q(status__in=BijeenkomstStatus.values), name="bijeenkomst_status_geldig"
            ),
        ]

    def __str__(self):
        return f"{self.traject} – {self.nummer}"

    def get_absolute_url(self):
        return reverse("bijeenkomsten:detail", kwargs={"pk": self.pk})

    @property
    def duur_minuten(self) -> int:
        return int((self.einde - self.start).total_seconds() // 60)

    @property
    def is_geannuleerd(self) -> bool:
        return self.status == BijeenkomstStatus.GEANNULEERD

    @property
    def is_begonnen(self) -> bool:
        """Started (or over): asking "Kom je?" no longer makes sense."""
        return self.start <= timezone.now()


class Agendapunt(models.Model):
    bijeenkomst = models.ForeignKey(
        Bijeenkomst, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="agenda"
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"))
    titel = models.CharField(_("onderwerp"), max_length=200)
    duur = models.PositiveSmallIntegerField(_("duur in minuten"))

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["volgorde", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(duur__gte=1), name="agendapunt_duur_min"),
        ]

    def __str__(self):
        return self.titel


class Aanwezigheid(models.Model):
    """A person's answer to the invitation (RSVP) and whether they were checked in."""

    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="aanwezigheden",
    )
    inschrijving = models.ForeignKey(
        "trajecten.Inschrijving",
        verbose_name=_("inschrijving"),
        on_delete=models.CASCADE,
        related_name="aanwezigheden",
    )
    antwoord = models.CharField(
        _("antwoord"), max_length=20, choices=Antwoord, default=Antwoord.WEET_NIET
    )
    aanwezig = models.BooleanField(_("aanwezig"), default=False)
    aangemeld_op = models.DateTimeField(_("ingecheckt om"), null=True, blank=True)

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheden")
        constraints = [
            models.UniqueConstraint(
                fields=["bijeenkomst", "inschrijving"], name="aanwezigheid_een_per_persoon"
            ),
            models.CheckConstraint(
                condition=Q(antwoord__in=Antwoord.values), name="aanwezigheid_antwoord_geldig"
            ),
        ]

    def __str__(self):
        return f"{self.inschrijving} – {self.bijeenkomst}"


class Bijdrage(models.Model):
    """Something said in the meeting: an idea, a strength, a knelpunt (bottleneck), a
    quote or a hopeful note to go home with ("fluitend naar huis")."""

    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="bijdragen",
    )
    soort = models.CharField(_("soort"), max_length=20, choices=BijdrageSoort)
    tekst = models.TextField(_("tekst"), max_length=1000)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    toon_naam = models.BooleanField(_("voornaam tonen"), default=False)
    verborgen = models.BooleanField(_("verborgen"), default=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("bijdrage")
        verbose_name_plural = _("bijdragen")
        ordering = ["aangemaakt_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=BijdrageSoort.values), name="bijdrage_soort_geldig"
            ),
        ]

    def __str__(self):
        return self.tekst[:50]


class LiveStand(models.Model):
    """The state of the live meeting screen: the current agenda item, the brainstorm
    timer and the "Ja maar" → "Ja, en" tally."""

    bijeenkomst = models.OneToOneField(
        Bijeenkomst, verbose_name=_("bijeenkomst"), on_delete=models.CASCADE, related_name="live"
    )
    huidig_punt = models.ForeignKey(
        Agendapunt, verbose_name=_("huidig agendapunt"), on_delete=models.SET_NULL, null=True
    )
    timer_einde = models.DateTimeField(_("brainstorm eindigt om"), null=True, blank=True)
    ja_maar = models.PositiveIntegerField(_("Ja maar"), default=0)
    ja_en = models.PositiveIntegerField(_("Ja, en"), default=0)

    class Meta:
        verbose_name = _("stand van de bijeenkomst")
        verbose_name_plural = _("standen van bijeenkomsten")

    def __str__(self):
        return str(self.bijeenkomst)


# --- Prep groups and table groups -----------------------------------------------------------


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
        verbose_name = _("tafelplaats")
        verbose_name_plural = _("tafelplaatsen")
        constraints = [
            models.UniqueConstraint(
                fields=["bijeenkomst", "inschrijving"], name="tafelplaats_een_tafel_per_persoon"
            ),
        ]

    def __str__(self):
        return f"{self.inschrijving} – {self.tafel}"

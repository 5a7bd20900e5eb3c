from urllib.parse import quote

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Antwoord, BijdrageSoort, BijeenkomstStatus
from .querysets import BijeenkomstQuerySet


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
    def route_url(self) -> str:
        """Directions to the address in the map app of the phone or the browser."""
        if not self.adres:
            return ""
        where = ", ".join(part for part in (self.adres, self.plaats) if part)
        return "https://www.google.com/maps/dir/?api=1&destination=" + quote(where, safe="")

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

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The share (percent) of every tag that must endorse a value for it to count as shared.
STANDAARD_DREMPEL = 30
# How many values one person may mark as their own core values.
MAX_KERNWAARDEN = 5


def _engels() -> bool:
    return (get_language() or "nl").startswith("en")


class Waarde(models.Model):
    """A value ("waarde"): one of the guide's twelve core values in the shared catalogue
    (no traject), or a traject's own value added by its coordinator."""

    naam = models.CharField(_("naam"), max_length=80)
    naam_en = models.CharField(_("naam in het Engels"), max_length=80, blank=True)
    slug = models.SlugField(_("korte naam in de link"), max_length=80)
    beschrijving_nl = models.TextField(_("uitleg"), max_length=500, blank=True)
    beschrijving_en = models.TextField(_("uitleg in het Engels"), max_length=500, blank=True)
    traject = models.ForeignKey(
        "trajecten.Traject",
        verbose_name=_("traject"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="eigen_waarden",
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("waarde")
        verbose_name_plural = _("waarden")
        ordering = ["volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(traject__isnull=True),
                name="waarde_catalogus_slug_uniek",
            ),
            models.UniqueConstraint(
                fields=["traject", "slug"],
                condition=Q(traject__isnull=False),
                name="waarde_eigen_slug_uniek",
            ),
            models.CheckConstraint(
                condition=Q(naam__regex=r"\S") & ~Q(slug=""), name="waarde_naam_niet_leeg"
            ),
        ]

    def __str__(self):
        return self.naam

    @property
    def is_eigen(self) -> bool:
        return self.traject_id is not None

    @property
    def titel(self) -> str:
        """The name in the active language (Dutch when there is no English one)."""
        return self.naam_en if _engels() and self.naam_en else self.naam

    @property
    def uitleg(self) -> str:
        return self.beschrijving_en if _engels() and self.beschrijving_en else self.beschrijving_nl


class Waardenbord(models.Model):
    """The settings of one traject's values board; a traject without a row uses the defaults."""

    traject = models.OneToOneField(
        "trajecten.Traject",
        verbose_name=_("traject"),
        on_delete=models.CASCADE,
        related_name="waardenbord",
    )
    drempel = models.PositiveSmallIntegerField(
        _("gedeeld vanaf (% van elke groep)"), default=STANDAARD_DREMPEL
    )

    class Meta:
        verbose_name = _("waardenbord")
        verbose_name_plural = _("waardenborden")
        constraints = [
            models.CheckConstraint(
                condition=Q(drempel__range=(1, 100)), name="waardenbord_drempel_1_100"
            ),
        ]

    def __str__(self):
        return str(self.traject)


class TrajectWaarde(models.Model):
    """A value on a traject's board. Endorsements and quotes of a value taken off the board
    are kept (and count again when it comes back), but nothing shows or counts them."""

    traject = models.ForeignKey(
        "trajecten.Traject",
        verbose_name=_("traject"),
        on_delete=models.CASCADE,
        related_name="bordwaarden",
    )
    waarde = models.ForeignKey(
        Waarde, verbose_name=_("waarde"), on_delete=models.CASCADE, related_name="op_borden"
    )

    class Meta:
        verbose_name = _("waarde op het bord")
        verbose_name_plural = _("waarden op het bord")
        constraints = [
            models.UniqueConstraint(fields=["traject", "waarde"], name="trajectwaarde_een_keer"),
        ]

    def __str__(self):
        return f"{self.waarde} – {self.traject}"


class Onderschrijving(models.Model):
    """An endorsement: a person at the table marks a value as one of their own core values
    (at most five; the service enforces that under a lock on the enrolment)."""

    inschrijving = models.ForeignKey(
        "trajecten.Inschrijving",
        verbose_name=_("inschrijving"),
        on_delete=models.CASCADE,
        related_name="onderschrijvingen",
    )
    waarde = models.ForeignKey(
        Waarde,
        verbose_name=_("waarde"),
        on_delete=models.CASCADE,
        related_name="onderschrijvingen",
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("onderschrijving")
        verbose_name_plural = _("onderschrijvingen")
        constraints = [
            models.UniqueConstraint(
                fields=["inschrijving", "waarde"], name="onderschrijving_een_keer"
            ),
        ]

    def __str__(self):
        return f"{self.inschrijving} – {self.waarde}"


class Citaat(models.Model):
    """A quote: a sentence someone at the table links to a value and, if they like, to a
    meeting. Anonymous unless the author chooses to show their first name."""

    waarde = models.ForeignKey(
        Waarde, verbose_name=_("waarde"), on_delete=models.CASCADE, related_name="citaten"
    )
    inschrijving = models.ForeignKey(
        "trajecten.Inschrijving",
        verbose_name=_("door"),
        on_delete=models.CASCADE,
        related_name="citaten",
    )
    bijeenkomst = models.ForeignKey(
        "bijeenkomsten.Bijeenkomst",
        verbose_name=_("bijeenkomst"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citaten",
    )
    tekst = models.TextField(_("citaat"), max_length=500)
    toon_naam = models.BooleanField(_("voornaam tonen"), default=False)
    verborgen = models.BooleanField(_("verborgen"), default=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("citaat")
        verbose_name_plural = _("citaten")
        ordering = ["aangemaakt_op", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(tekst__regex=r"\S"), name="citaat_tekst_niet_leeg"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("tekst"), 500), name="citaat_tekst_hoogstens_500"
            ),
        ]

    def __str__(self):
        return self.tekst[:50]

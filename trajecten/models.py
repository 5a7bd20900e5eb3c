import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.models import ANONIEM_DOMEIN

from .choices import (
    BEZETTE_STATUSSEN,
    TAG_VAN_ROL,
    GebiedSoort,
    ImportStatus,
    InschrijvingStatus,
    Rol,
    Tag,
    TrajectStatus,
)
from .querysets import InschrijvingQuerySet, TrajectQuerySet


class Gebied(models.Model):
    """An area: a stadsdeel (city district) or a wijk (neighbourhood) within one."""

    naam = models.CharField(_("naam"), max_length=100)
    soort = models.CharField(_("soort"), max_length=20, choices=GebiedSoort)
    ligt_in = models.ForeignKey(
        "self",
        verbose_name=_("ligt in"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deelgebieden",
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leidinggevenden"),
        blank=True,
        related_name="beheerde_gebieden",
    )

    class Meta:
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(Lower("naam"), name="gebied_naam_uniek"),
            models.CheckConstraint(
                condition=Q(soort__in=GebiedSoort.values), name="gebied_soort_geldig"
            ),
        ]

    def __str__(self):
        return self.naam


class Organisatie(models.Model):
    naam = models.CharField(_("naam"), max_length=200)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leidinggevenden"),
        blank=True,
        related_name="beheerde_organisaties",
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]
        constraints = [models.UniqueConstraint(Lower("naam"), name="organisatie_naam_uniek")]

    def __str__(self):
        return self.naam


class Traject(models.Model):
    """A development programme: about four meetings of formal and informal parties in one area."""

    naam = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam in de link"), max_length=80, unique=True)
    gebied = models.ForeignKey(
        Gebied, verbose_name=_("gebied"), on_delete=models.PROTECT, related_name="trajecten"
    )
    organisatoren = models.CharField(_("organisatoren"), max_length=300, blank=True)
    # Printed on letters to people without e-mail, who call rather than write.
    contact_telefoon = models.CharField(
        _("telefoonnummer voor deelnemers"), max_length=30, blank=True, db_default=""
    )
    organisaties = models.ManyToManyField(
        Organisatie, verbose_name=_("organisaties"), blank=True, related_name="trajecten"
    )
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    doel = models.TextField(_("gezamenlijk doel of product"), blank=True)
    capaciteit = models.PositiveIntegerField(_("aantal plekken"), default=30)
    doel_formeel = models.PositiveSmallIntegerField(_("doel formeel (%)"), default=50)
    doel_informeel = models.PositiveSmallIntegerField(_("doel informeel (%)"), default=30)
    doel_ervaringsdeskundige = models.PositiveSmallIntegerField(
        _("doel ervaringsdeskundige (%)"), default=20
    )
    max_formeel = models.PositiveSmallIntegerField(
        _("hoogstens formeel (% van de plekken)"), null=True, blank=True
    )
    max_informeel = models.PositiveSmallIntegerField(
        _("hoogstens informeel (% van de plekken)"), null=True, blank=True
    )
    max_ervaringsdeskundige = models.PositiveSmallIntegerField(
        _("hoogstens ervaringsdeskundige (% van de plekken)"), null=True, blank=True
    )
    aantal_bijeenkomsten = models.PositiveSmallIntegerField(_("aantal bijeenkomsten"), default=4)
    herinnering_dagen = models.CharField(
        _("herinneringen (dagen vooraf)"),
        max_length=20,
        default="7,1",
        blank=True,
        help_text=_("Bijvoorbeeld 7,1: een week en een dag vooraf. Leeg: geen herinneringen."),
    )
    aanbod_uren = models.PositiveSmallIntegerField(
        _("bedenktijd bij een aangeboden plek (uren)"), default=48
    )
    startdatum = models.DateField(_("startdatum"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=TrajectStatus, default=TrajectStatus.CONCEPT
    )
    coordinatoren = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coördinatoren"),
        blank=True,
        related_name="gecoordineerde_trajecten",
    )
    rapporteurs = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verslagleggers"),
        blank=True,
        related_name="verslag_trajecten",
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = TrajectQuerySet.as_manager()

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(condition=Q(capaciteit__gte=1), name="traject_capaciteit_min"),
            models.CheckConstraint(
                condition=Q(doel_formeel__lte=100)
                & Q(doel_informeel__lte=100)
                & Q(doel_ervaringsdeskundige__lte=100),
                name="traject_doel_hoogstens_100",
            ),
            models.CheckConstraint(
                condition=Q(doel_formeel=100 - F("doel_informeel") - F("doel_ervaringsdeskundige")),
                name="traject_doel_som_100",
            ),
            models.CheckConstraint(
                condition=(Q(max_formeel__isnull=True) | Q(max_formeel__range=(1, 100)))
                & (Q(max_informeel__isnull=True) | Q(max_informeel__range=(1, 100)))
                & (
                    Q(max_ervaringsdeskundige__isnull=True)
                    | Q(max_ervaringsdeskundige__range=(1, 100))
                ),
                name="traject_max_tussen_1_100",
            ),
            models.CheckConstraint(
                condition=Q(aanbod_uren__range=(1, 336)), name="traject_aanbod_uren_1_336"
            ),
            models.CheckConstraint(
                condition=Q(aantal_bijeenkomsten__range=(1, 12)),
                name="traject_aantal_bijeenkomsten_1_12",
            ),
            models.CheckConstraint(
                condition=Q(status__in=TrajectStatus.values), name="traject_status_geldig"
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True)
                | Q(startdatum__isnull=True)
                | Q(einddatum__gte=F("startdatum")),
                name="traject_einde_na_start",
            ),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("trajecten:detail", kwargs={"slug": self.slug})

    @property
    def doelen(self) -> dict[str, int]:
        return {
            Tag.FORMEEL: self.doel_formeel,
            Tag.INFORMEEL: self.doel_informeel,
            Tag.ERVARINGSDESKUNDIGE: self.doel_ervaringsdeskundige,
        }

    @property
    def max_plekken_per_tag(self) -> dict[str, int]:
        """Seat limits per tag in seats (not percent); a tag without a limit is absent."""
        limits = {
            Tag.FORMEEL: self.max_formeel,
            Tag.INFORMEEL: self.max_informeel,
            Tag.ERVARINGSDESKUNDIGE: self.max_ervaringsdeskundige,
        }
        return {tag: self.capaciteit * pct // 100 for tag, pct in limits.items() if pct is not None}

    @property
    def is_publiek(self) -> bool:
        return self.status in (TrajectStatus.OPEN, TrajectStatus.LOPEND)


class Deelnemer(models.Model):
    """One person taking part, linked to one account (one e-mail address)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="deelnemer",
    )
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)
    toestemming_op = models.DateTimeField(_("toestemming gegeven op"), null=True, blank=True)
    agenda_token = models.CharField(
        _("geheime sleutel van de agenda"),
        max_length=64,
        unique=True,
        default=secrets.token_urlsafe,
    )

    class Meta:
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")

    def __str__(self):
        return str(self.user)


class Inschrijving(models.Model):
    """A person's enrolment in one traject: tag, role, and a seat or a waiting-list number."""

    traject = models.ForeignKey(
        Traject, verbose_name=_("traject"), on_delete=models.CASCADE, related_name="inschrijvingen"
    )
    deelnemer = models.ForeignKey(
        Deelnemer,
        verbose_name=_("deelnemer"),
        on_delete=models.CASCADE,
        related_name="inschrijvingen",
    )
    # Contact details as given for THIS traject (the person's own confirmed sign-up, a
    # walk-in, an import row). Coordinators see these, never the account's name and phone,
    # which may have been given in another traject.
    naam = models.CharField(_("naam in dit traject"), max_length=150, blank=True)
    telefoon = models.CharField(_("telefoon in dit traject"), max_length=30, blank=True)
    tag = models.CharField(_("achtergrond"), max_length=20, choices=Tag)
    rol = models.CharField(_("rol"), max_length=20, choices=Rol)
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inschrijvingen",
    )
    talenten = models.TextField(_("wat breng je mee?"), blank=True)
    wensen = models.TextField(_("waar wil je het over hebben?"), blank=True)
    wil_voorbereiden = models.BooleanField(_("wil helpen voorbereiden"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=InschrijvingStatus)
    wachtlijst_positie = models.PositiveIntegerField(_("plaats op de wachtlijst"), null=True)
    ingeschreven_op = models.DateTimeField(_("ingeschreven op"), default=timezone.now)
    aangeboden_op = models.DateTimeField(_("plek aangeboden op"), null=True, blank=True)

    objects = InschrijvingQuerySet.as_manager()

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["ingeschreven_op", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject", "deelnemer"], name="inschrijving_een_per_traject"
            ),
            models.UniqueConstraint(
                fields=["traject", "wachtlijst_positie"],
                condition=Q(wachtlijst_positie__isnull=False),
                name="inschrijving_wachtlijst_positie_uniek",
            ),
            models.CheckConstraint(
                condition=Q(status__in=InschrijvingStatus.values),
                name="inschrijving_status_geldig",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=InschrijvingStatus.WACHTLIJST, wachtlijst_positie__gte=1)
                    | (
                        ~Q(status=InschrijvingStatus.WACHTLIJST)
                        & Q(wachtlijst_positie__isnull=True)
                    )
                ),
                name="inschrijving_positie_alleen_op_wachtlijst",
            ),
            models.CheckConstraint(
                condition=Q(status=InschrijvingStatus.AANGEBODEN, aangeboden_op__isnull=False)
                | ~Q(status=InschrijvingStatus.AANGEBODEN),
                name="inschrijving_aanbod_heeft_moment",
            ),
            models.CheckConstraint(
                condition=Q(
                    *[
                        Q(tag=tag, rol__in=[rol for rol, t in TAG_VAN_ROL.items() if t == tag])
                        for tag in Tag.values
                    ],
                    _connector=Q.OR,
                ),
                name="inschrijving_rol_past_bij_tag",
            ),
        ]

    def __str__(self):
        return f"{self.weergavenaam} – {self.traject}"

    @property
    def weergavenaam(self) -> str:
        """The name a coordinator sees: as given for this traject, else the address typed
        for it. Never the account's name, which may come from another traject."""
        if self.naam:
            return self.naam
        email = self.deelnemer.user.email
        if email.endswith("@" + ANONIEM_DOMEIN):
            return str(_("Verwijderde deelnemer"))
        return email

    @property
    def bezet_plek(self) -> bool:
        return self.status in BEZETTE_STATUSSEN


def _verzoek_token() -> str:
    return secrets.token_urlsafe(32)


class Aanmeldverzoek(models.Model):
    """A sign-up through the public form, waiting for its confirmation by e-mail (double
    opt-in). It holds what was typed, apart from anyone's account: only the link sent to the
    address turns it into an enrolment. Deleted by the sweep after ``AANMELDING_GELDIG_UREN``,
    confirmed or not."""

    traject = models.ForeignKey(
        Traject,
        verbose_name=_("traject"),
        on_delete=models.CASCADE,
        related_name="aanmeldverzoeken",
    )
    email = models.EmailField(_("e-mailadres"))
    naam = models.CharField(_("naam"), max_length=150)
    telefoon = models.CharField(_("telefoon"), max_length=30, blank=True)
    organisatie = models.CharField(_("organisatie"), max_length=200, blank=True)
    rol = models.CharField(_("rol"), max_length=20, choices=Rol)
    talenten = models.TextField(_("wat breng je mee?"), blank=True)
    wensen = models.TextField(_("waar wil je het over hebben?"), blank=True)
    wil_voorbereiden = models.BooleanField(_("wil helpen voorbereiden"), default=False)
    taal = models.CharField(_("taal"), max_length=5, default="nl")
    # The secret in the e-mail's link: unguessable, for this one sign-up only.
    token = models.CharField(
        _("geheime sleutel"), max_length=64, unique=True, default=_verzoek_token
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now, db_index=True)
    bevestigd_op = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    inschrijving = models.ForeignKey(
        Inschrijving,
        verbose_name=_("inschrijving"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("aanmelding die wacht op bevestiging")
        verbose_name_plural = _("aanmeldingen die wachten op bevestiging")
        ordering = ["aangemaakt_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rol__in=Rol.values), name="aanmeldverzoek_rol_geldig"
            ),
        ]
        indexes = [models.Index(fields=["traject", "email"], name="aanmeldverzoek_adres")]

    def __str__(self):
        return f"{self.traject} ({self.aangemaakt_op:%Y-%m-%d %H:%M})"


class Import(models.Model):
    """A participant file uploaded by a coordinator and imported in the background.

    The file is kept only until the import has run; then ``bestand`` is emptied, because it
    holds personal data that is already in the enrolments (or was refused)."""

    traject = models.ForeignKey(
        Traject, verbose_name=_("traject"), on_delete=models.CASCADE, related_name="importen"
    )
    bestand = models.BinaryField(_("bestand"))
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus, default=ImportStatus.WACHT
    )
    aantal = models.PositiveIntegerField(_("aantal toegevoegd"), default=0)
    # A list of [row number, reason] pairs, as the parser reports them.
    fouten = models.JSONField(_("fouten"), default=list, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ImportStatus.values), name="import_status_geldig"
            ),
        ]

    def __str__(self):
        return f"{self.bestandsnaam} – {self.traject}"

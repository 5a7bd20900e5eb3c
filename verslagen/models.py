"""Evaluations, session reports (versioned, built in the background) and the joint guide
(handreiking) with its review rounds."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import OpdrachtStatus, RondeStatus, Score

DOEI = ("doelmatigheid", "open", "eerlijk", "inzet")


class Evaluatie(models.Model):
    """One person's DOEI evaluation of one meeting; editable until the report is published."""

    bijeenkomst = models.ForeignKey(
        "bijeenkomsten.Bijeenkomst",
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="evaluaties",
    )
    inschrijving = models.ForeignKey(
        "trajecten.Inschrijving",
        verbose_name=_("inschrijving"),
        on_delete=models.CASCADE,
        related_name="evaluaties",
    )
    doelmatigheid = models.PositiveSmallIntegerField(_("doelmatigheid"), choices=Score)
    open = models.PositiveSmallIntegerField(_("open"), choices=Score)
    eerlijk = models.PositiveSmallIntegerField(_("eerlijk"), choices=Score)
    inzet = models.PositiveSmallIntegerField(_("inzet"), choices=Score)
    wat_werkte = models.TextField(_("wat werkte goed"), max_length=2000, blank=True)
    kan_beter = models.TextField(_("wat kan beter"), max_length=2000, blank=True)
    ingevuld_op = models.DateTimeField(_("ingevuld op"), default=timezone.now)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        constraints = [
            models.UniqueConstraint(
                fields=["bijeenkomst", "inschrijving"], name="evaluatie_een_per_persoon"
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{veld}__gte": 1, f"{veld}__lte": 5}),
                    name=f"evaluatie_{veld}_1_tot_5",
                )
                for veld in DOEI
            ),
        ]

    def __str__(self):
        return f"{self.bijeenkomst} · {self.inschrijving_id}"


class Documentversie(models.Model):
    """One build of a versioned document (a report, the guide): numbered, with the hash of
    its content (the same content is stored once per document, so a retried or duplicated
    build adds no version), the HTML and the PDF. The document points at the version it
    published."""

    nummer = models.PositiveIntegerField(_("versie"))
    inhoud_hash = models.CharField(_("inhoudscontrole"), max_length=64)
    html = models.TextField(_("HTML"), blank=True)
    pdf = models.BinaryField(_("PDF"), blank=True, default=b"")
    aangemaakt_op = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class Verslag(models.Model):
    """The report of one meeting: its versions, and which one is published."""

    bijeenkomst = models.OneToOneField(
        "bijeenkomsten.Bijeenkomst",
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        related_name="verslag",
    )
    gepubliceerd = models.OneToOneField(
        "VerslagVersie",
        verbose_name=_("gepubliceerde versie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("verslag")
        verbose_name_plural = _("verslagen")

    def __str__(self):
        return str(self.bijeenkomst)


class VerslagVersie(Documentversie):
    """One build of a report: its data as assembled, and the rapporteur's narrative."""

    verslag = models.ForeignKey(
        Verslag, verbose_name=_("verslag"), on_delete=models.CASCADE, related_name="versies"
    )
    gegevens = models.JSONField(_("gegevens"), default=dict)
    verhaal = models.TextField(_("verhaal (Markdown)"), blank=True)
    gepubliceerd_op = models.DateTimeField(_("gedeeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("versie van een verslag")
        verbose_name_plural = _("versies van verslagen")
        ordering = ["verslag", "-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["verslag", "nummer"], name="verslagversie_nummer"),
            models.UniqueConstraint(fields=["verslag", "inhoud_hash"], name="verslagversie_hash"),
        ]

    def __str__(self):
        return f"{self.verslag} v{self.nummer}"


class Bouwopdracht(models.Model):
    """A request to build a version of a document in the background, tracked so the page
    can show progress and the periodic restart can find requests a worker never finished.
    At most one open request per document: a second click joins the first (each concrete
    model holds that constraint on its own document field)."""

    status = models.CharField(
        _("status"), max_length=20, choices=OpdrachtStatus, default=OpdrachtStatus.WACHTRIJ
    )
    voortgang = models.PositiveSmallIntegerField(_("voortgang (procent)"), default=0)
    stap = models.CharField(_("stap"), max_length=100, blank=True)
    fout = models.TextField(_("fout"), blank=True)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-aangevraagd_op"]
        constraints = [
            models.CheckConstraint(condition=Q(voortgang__lte=100), name="%(class)s_voortgang"),
        ]

    def __str__(self):
        return f"{self.document} · {self.get_status_display()}"

    @property
    def document(self):
        return getattr(self, self.DOCUMENT)


def _one_open(document: str, name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=[document], condition=Q(status__in=["wachtrij", "bezig"]), name=name
    )


class Verslagopdracht(Bouwopdracht):
    """A request to build a report."""

    DOCUMENT = "verslag"

    verslag = models.ForeignKey(
        Verslag, verbose_name=_("verslag"), on_delete=models.CASCADE, related_name="opdrachten"
    )
    versie = models.ForeignKey(
        VerslagVersie,
        verbose_name=_("versie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(Bouwopdracht.Meta):
        verbose_name = _("opdracht voor een verslag")
        verbose_name_plural = _("opdrachten voor verslagen")
        constraints = [
            *Bouwopdracht.Meta.constraints,
            _one_open("verslag", "verslagopdracht_een_open"),
        ]


class Handreiking(models.Model):
    """The joint guide of a traject, compiled from its published reports and shared values."""

    traject = models.OneToOneField(
        "trajecten.Traject",
        verbose_name=_("traject"),
        on_delete=models.CASCADE,
        related_name="handreiking",
    )
    definitief = models.OneToOneField(
        "HandreikingVersie",
        verbose_name=_("definitieve versie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("handreiking")
        verbose_name_plural = _("handreikingen")

    def __str__(self):
        return str(self.traject)


class HandreikingVersie(Documentversie):
    """One compiled version of the guide. ``secties`` lists the sections (slug, title) in
    order, so comments can point at one."""

    handreiking = models.ForeignKey(
        Handreiking,
        verbose_name=_("handreiking"),
        on_delete=models.CASCADE,
        related_name="versies",
    )
    secties = models.JSONField(_("hoofdstukken"), default=list)
    gepubliceerd_op = models.DateTimeField(_("definitief gemaakt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("versie van de handreiking")
        verbose_name_plural = _("versies van de handreiking")
        ordering = ["handreiking", "-nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["handreiking", "nummer"], name="handreikingversie_nummer"
            ),
            models.UniqueConstraint(
                fields=["handreiking", "inhoud_hash"], name="handreikingversie_hash"
            ),
        ]

    def __str__(self):
        return f"{self.handreiking} v{self.nummer}"


class Handreikingopdracht(Bouwopdracht):
    """A request to compile a new version of the guide. ``gemeld`` records that the
    coordinator was told how it ended, so the page tells it once."""

    DOCUMENT = "handreiking"

    handreiking = models.ForeignKey(
        Handreiking,
        verbose_name=_("handreiking"),
        on_delete=models.CASCADE,
        related_name="opdrachten",
    )
    versie = models.ForeignKey(
        HandreikingVersie,
        verbose_name=_("versie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    gemeld = models.BooleanField(_("gemeld"), default=False)

    class Meta(Bouwopdracht.Meta):
        verbose_name = _("opdracht voor de handreiking")
        verbose_name_plural = _("opdrachten voor de handreiking")
        constraints = [
            *Bouwopdracht.Meta.constraints,
            _one_open("handreiking", "handreikingopdracht_een_open"),
        ]


class Reviewronde(models.Model):
    """A round in which all participants may comment on a version of the guide."""

    versie = models.ForeignKey(
        HandreikingVersie,
        verbose_name=_("versie"),
        on_delete=models.CASCADE,
        related_name="rondes",
    )
    deadline = models.DateTimeField(_("reageren kan tot"))
    status = models.CharField(
        _("status"), max_length=20, choices=RondeStatus, default=RondeStatus.OPEN
    )
    geopend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geopend door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    geopend_op = models.DateTimeField(_("geopend op"), default=timezone.now)
    gesloten_op = models.DateTimeField(_("gesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("reviewronde")
        verbose_name_plural = _("reviewrondes")
        ordering = ["-geopend_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["versie"], condition=Q(status="open"), name="reviewronde_een_open"
            ),
        ]

    def __str__(self):
        return f"{self.versie} · {self.deadline:%Y-%m-%d}"


class Gelezen(models.Model):
    """That a participant opened the guide during a round (who has not looked gets a
    reminder)."""

    ronde = models.ForeignKey(
        Reviewronde, verbose_name=_("ronde"), on_delete=models.CASCADE, related_name="gelezen"
    )
    inschrijving = models.ForeignKey(
        "trajecten.Inschrijving",
        verbose_name=_("inschrijving"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    gelezen_op = models.DateTimeField(_("gelezen op"), default=timezone.now)

    class Meta:
        verbose_name = _("gelezen")
        verbose_name_plural = _("gelezen")
        constraints = [
            models.UniqueConstraint(fields=["ronde", "inschrijving"], name="gelezen_een_keer"),
        ]

    def __str__(self):
        return f"{self.ronde_id} · {self.inschrijving_id}"


class Opmerking(models.Model):
    """A participant's comment on one section of the guide in a review round."""

    ronde = models.ForeignKey(
        Reviewronde,
        verbose_name=_("ronde"),
        on_delete=models.CASCADE,
        related_name="opmerkingen",
    )
    sectie = models.SlugField(_("hoofdstuk"), max_length=100)
    inschrijving = models.ForeignKey(
        "trajecten.Inschrijving",
        verbose_name=_("inschrijving"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opmerkingen",
    )
    tekst = models.TextField(_("opmerking"), max_length=2000)
    aangemaakt_op = models.DateTimeField(_("geplaatst op"), default=timezone.now)
    opgelost = models.BooleanField(_("afgehandeld"), default=False)
    opgelost_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    opgelost_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    antwoord = models.TextField(_("antwoord van de coördinator"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("opmerking")
        verbose_name_plural = _("opmerkingen")
        ordering = ["ronde", "sectie", "aangemaakt_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opgelost=False) | Q(opgelost_op__isnull=False),
                name="opmerking_opgelost_met_datum",
            ),
        ]

    def __str__(self):
        return f"{self.sectie}: {self.tekst[:40]}"

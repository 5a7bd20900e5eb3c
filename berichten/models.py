"""The outbox's ledger, and the proof that sweeps ran.

The ledger row names what a message is about (traject, meeting, enrolment, a sign-up
waiting for confirmation) by foreign key, so that it goes with what it is about; this is a
reference in the database only, the code of this app imports no domain app. The tables
keep the names they had when the ledger lived in ``bijeenkomsten``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import kinds
from .choices import Kanaal, VerzendStatus


class Verzending(models.Model):
    """The ledger of e-mails: one row per person, purpose and key (for instance a meeting
    and its start time), claimed before sending, so that a retried or duplicated task, a
    second sweep or a restarted worker never sends the same message twice."""

    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="verzendingen",
    )
    # The request to confirm a sign-up goes to the address that was typed, which may have
    # no account yet: then the row names the sign-up instead of a recipient.
    aanmeldverzoek = models.ForeignKey(
        "trajecten.Aanmeldverzoek",
        verbose_name=_("aanmelding die wacht op bevestiging"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="verzendingen",
    )
    # Empty for a message about no traject (the sign-in link).
    traject = models.ForeignKey(
        "trajecten.Traject",
        verbose_name=_("traject"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="verzendingen",
    )
    bijeenkomst = models.ForeignKey(
        "bijeenkomsten.Bijeenkomst",
        verbose_name=_("bijeenkomst"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="verzendingen",
    )
    inschrijving = models.ForeignKey(
        "trajecten.Inschrijving",
        verbose_name=_("inschrijving"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="verzendingen",
    )
    # A message to someone without an account (an invitation) names the typed address and
    # the language it is written in.
    adres = models.EmailField(_("adres"), blank=True)
    taal = models.CharField(_("taal"), max_length=5, blank=True)
    doel = models.CharField(_("doel"), max_length=30, choices=kinds.choices)
    sleutel = models.CharField(_("sleutel"), max_length=100)
    status = models.CharField(
        _("status"), max_length=20, choices=VerzendStatus, default=VerzendStatus.GECLAIMD
    )
    claim = models.UUIDField(_("claim"), null=True, blank=True, db_index=True)
    geclaimd_op = models.DateTimeField(_("geclaimd op"), default=timezone.now)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    fout = models.TextField(_("fout"), blank=True)
    # Decided when the message is sent: by text message for someone who chose it, if the
    # kind has a text version; otherwise by e-mail.
    kanaal = models.CharField(
        _("kanaal"), max_length=5, choices=Kanaal, default=Kanaal.EMAIL, db_default=Kanaal.EMAIL
    )

    class Meta:
        db_table = "bijeenkomsten_verzending"
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")
        ordering = ["-geclaimd_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ontvanger", "doel", "sleutel"], name="verzending_een_keer"
            ),
            models.UniqueConstraint(
                fields=["aanmeldverzoek", "doel", "sleutel"],
                condition=Q(aanmeldverzoek__isnull=False),
                name="verzending_aanmeldverzoek_een_keer",
            ),
            models.UniqueConstraint(
                fields=["adres", "doel", "sleutel"],
                condition=~Q(adres=""),
                name="verzending_adres_een_keer",
            ),
            models.CheckConstraint(
                condition=Q(ontvanger__isnull=False)
                | Q(aanmeldverzoek__isnull=False)
                | ~Q(adres=""),
                name="verzending_heeft_ontvanger",
            ),
            models.CheckConstraint(
                condition=Q(status__in=VerzendStatus.values), name="verzending_status_geldig"
            ),
            models.CheckConstraint(
                condition=Q(kanaal__in=Kanaal.values), name="verzending_kanaal_geldig"
            ),
        ]
        indexes = [models.Index(fields=["traject", "-geclaimd_op"], name="verzending_log")]

    def __str__(self):
        return f"{self.doel} {self.sleutel}"


class Sweepteller(models.Model):
    """One row: how many reminder sweeps have run, and when the last one finished. Proof
    that a sweep happened (for monitoring, and for tests that must know a later sweep
    changed nothing, instead of waiting a fixed time)."""

    aantal = models.PositiveBigIntegerField(_("aantal sweeps"), default=0)
    laatste_op = models.DateTimeField(_("laatste sweep klaar op"), null=True, blank=True)

    class Meta:
        db_table = "bijeenkomsten_sweepteller"
        verbose_name = _("sweepteller")
        verbose_name_plural = _("sweeptellers")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="sweepteller_een_rij")]

    def __str__(self):
        return f"{self.aantal}"

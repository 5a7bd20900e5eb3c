"""A coordinator's message to the people of a traject: kept so that the coordinator sees
what was sent to whom, and so that every recipient's e-mail is built from one text."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Ontvangers


class Mededeling(models.Model):
    traject = models.ForeignKey(
        "trajecten.Traject",
        verbose_name=_("traject"),
        on_delete=models.CASCADE,
        related_name="mededelingen",
    )
    onderwerp = models.CharField(_("onderwerp"), max_length=150)
    tekst = models.TextField(_("tekst"), max_length=5000)
    ontvangers = models.CharField(_("ontvangers"), max_length=20, choices=Ontvangers)
    bijeenkomst = models.ForeignKey(
        "bijeenkomsten.Bijeenkomst",
        verbose_name=_("bijeenkomst"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    groep = models.ForeignKey(
        "groepen.Voorbereidingsgroep",
        verbose_name=_("voorbereidingsgroep"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    aantal = models.PositiveIntegerField(_("aantal ontvangers"), default=0)
    verstuurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verstuurd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    verstuurd_op = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    # Made when the preview is shown: sending the same preview twice (a double click, a
    # reload) finds this row and sends nothing more.
    sleutel = models.UUIDField(_("sleutel"))

    class Meta:
        verbose_name = _("bericht aan deelnemers")
        verbose_name_plural = _("berichten aan deelnemers")
        ordering = ["-verstuurd_op", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["traject", "sleutel"], name="mededeling_een_keer"),
            models.CheckConstraint(
                condition=Q(ontvangers__in=Ontvangers.values), name="mededeling_ontvangers_geldig"
            ),
        ]

    def __str__(self):
        return self.onderwerp

from django.db import models
from django.utils.translation import gettext_lazy as _


class Score(models.IntegerChoices):
    """A DOEI statement answered on five plain steps."""

    HELEMAAL_NIET = 1, _("Helemaal niet")
    NIET = 2, _("Niet")
    NEUTRAAL = 3, _("Een beetje")
    WEL = 4, _("Wel")
    HELEMAAL = 5, _("Helemaal wel")


class OpdrachtStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("Staat klaar")
    BEZIG = "bezig", _("Wordt gemaakt")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Mislukt")


class RondeStatus(models.TextChoices):
    OPEN = "open", _("Open voor reacties")
    GESLOTEN = "gesloten", _("Gesloten")


class AuditActie(models.TextChoices):
    """The coordinator actions of this app that the audit log records (registered with
    ``samenspel.audit_actions`` when the app is ready). Add a code here when a new action
    appears, then call ``samenspel.audit.log`` where it succeeds."""

    VERSLAG_GEVRAAGD = "verslag_gevraagd", _("verslag aangevraagd")
    VERSLAG_VERHAAL = "verslag_verhaal", _("verhaal van het verslag gewijzigd")
    VERSLAG_GEDEELD = "verslag_gedeeld", _("verslag gedeeld")
    HANDREIKING_VERSIE = "handreiking_versie", _("nieuwe versie van de handreiking gevraagd")
    HANDREIKING_RONDE_OPEN = "handreiking_ronde_open", _("reactieronde geopend")
    HANDREIKING_RONDE_DICHT = "handreiking_ronde_dicht", _("reactieronde gesloten")
    HANDREIKING_AFGEHANDELD = "handreiking_afgehandeld", _("reactie op de handreiking afgehandeld")
    HANDREIKING_DEFINITIEF = "handreiking_definitief", _("handreiking definitief gemaakt")


class Bericht(models.TextChoices):
    """The kinds of message this app sends (registered in ``messages.py``)."""

    VERSLAG = "verslag", _("Herinnering: verslag nog niet gedeeld")
    VERSLAG_GEDEELD = "verslag_gedeeld", _("Verslag gedeeld")
    HANDREIKING = "handreiking", _("Vraag om reactie op de handreiking")

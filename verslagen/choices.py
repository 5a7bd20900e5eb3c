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

from django.db import models
from django.utils.translation import gettext_lazy as _


class Bericht(models.TextChoices):
    """The kind of message this app sends (registered in ``messages.py``)."""

    MEDEDELING = "mededeling", _("Bericht van de coördinator")


class AuditActie(models.TextChoices):
    MEDEDELING_VERSTUURD = "mededeling_verstuurd", _("bericht aan deelnemers verstuurd")


class Ontvangers(models.TextChoices):
    """Who a coordinator's message goes to."""

    GEPLAATST = "geplaatst", _("Iedereen met een plek")
    IEDEREEN = "iedereen", _("Iedereen: met een plek en op de wachtlijst")
    WACHTLIJST = "wachtlijst", _("De wachtlijst")
    BIJEENKOMST = "bijeenkomst", _("Wie naar één bijeenkomst komt of kwam")
    GROEP = "groep", _("Eén voorbereidingsgroep")

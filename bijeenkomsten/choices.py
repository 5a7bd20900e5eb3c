from django.db import models
from django.utils.translation import gettext_lazy as _


class BijeenkomstStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    GEANNULEERD = "geannuleerd", _("Geannuleerd")


class Antwoord(models.TextChoices):
    KOMT = "komt", _("Ik kom")
    KOMT_NIET = "komt_niet", _("Ik kom niet")
    WEET_NIET = "weet_niet", _("Weet ik nog niet")


class BijdrageSoort(models.TextChoices):
    IDEE = "idee", _("Idee")
    KRACHT = "kracht", _("Kracht")
    KNELPUNT = "knelpunt", _("Knelpunt")
    CITAAT = "citaat", _("Citaat")
    FLUITEND = "fluitend", _("Fluitend naar huis")


class AuditActie(models.TextChoices):
    """The coordinator actions of this app that the audit log records (registered with
    ``samenspel.audit_actions`` when the app is ready). Add a code here when a new action
    appears, then call ``samenspel.audit.log`` where it succeeds."""

    BIJEENKOMST_NIEUW = "bijeenkomst_nieuw", _("bijeenkomst aangemaakt")
    BIJEENKOMST_BEWERKT = "bijeenkomst_bewerkt", _("bijeenkomst gewijzigd")
    BIJEENKOMST_GEANNULEERD = "bijeenkomst_geannuleerd", _("bijeenkomst geannuleerd")
    AANWEZIG = "aanwezig", _("aanwezigheid gemeld")
    INLOOP = "inloop", _("inloper ingeschreven")
    LIVE_STAP = "live_stap", _("stap op het scherm")
    BIJDRAGE_VERBORGEN = "bijdrage_verborgen", _("inbreng verborgen")


class Bericht(models.TextChoices):
    """The kinds of message this app sends (registered in ``messages.py``)."""

    WIJZIGING = "wijziging", _("Bijeenkomst gewijzigd of geannuleerd")
    HERINNERING = "herinnering", _("Herinnering aan een bijeenkomst")
    EVALUATIE = "evaluatie", _("Vraag om een evaluatie")

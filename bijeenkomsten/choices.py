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
    GROEP_INSTELLINGEN = "groep_instellingen", _("voorbereidingsgroep ingesteld")
    GROEP_VERGRENDELD = "groep_vergrendeld", _("voorbereidingsgroep vergrendeld of geopend")
    GROEP_VOORSTEL = "groep_voorstel", _("voorstel voor de voorbereidingsgroep bekeken")
    GROEP_SAMENGESTELD = "groep_samengesteld", _("voorbereidingsgroep samengesteld")
    TAFELS_INGEDEELD = "tafels_ingedeeld", _("tafels ingedeeld")
    TAFEL_ERBIJ = "tafel_erbij", _("laatkomer aan tafel gezet")
    TAFEL_VERPLAATST = "tafel_verplaatst", _("iemand naar een andere tafel verplaatst")
    TAFEL_VERGRENDELD = "tafel_vergrendeld", _("tafel vergrendeld of geopend")


class Bericht(models.TextChoices):
    """The kinds of message this app sends (registered in ``messages.py``)."""

    WIJZIGING = "wijziging", _("Bijeenkomst gewijzigd of geannuleerd")
    HERINNERING = "herinnering", _("Herinnering aan een bijeenkomst")
    VOORBEREIDING = "voorbereiding", _("Herinnering aan het voorbereiden")
    EVALUATIE = "evaluatie", _("Vraag om een evaluatie")
    GROEP = "groep", _("Voorbereidingsgroep gevormd of gewijzigd")

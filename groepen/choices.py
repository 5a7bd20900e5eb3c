"""Choices of the prep groups and table groups."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GroepsReden(models.TextChoices):
    """Why someone is in a prep group: the algorithm's reasons (``grouping.REDEN_CODES``),
    or they joined themselves, or the coordinator swapped them in."""

    LEIDINGGEVENDE = "leidinggevende", _("Leidinggevende")
    TAG_NODIG = "tag_nodig", _("Nodig voor de balans")
    NOG_GEEN_BEURT = "nog_geen_beurt", _("Nog niet aan de beurt geweest")
    MINST_BEURTEN = "minst_beurten", _("Minder vaak aan de beurt dan anderen")
    WEINIG_HERHALING = "weinig_herhaling", _("Weinig herhaling")
    ZELF = "zelf", _("Deed zelf mee")
    COORDINATOR = "coordinator", _("Gekozen door de coördinator")


class AuditActie(models.TextChoices):
    """The coordinator actions of this app that the audit log records (registered with
    ``samenspel.audit_actions`` when the app is ready)."""

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

    VOORBEREIDING = "voorbereiding", _("Herinnering aan het voorbereiden")
    GROEP = "groep", _("Voorbereidingsgroep gevormd of gewijzigd")
    GROEP_UIT = "groep_uit", _("Niet meer in de voorbereidingsgroep")

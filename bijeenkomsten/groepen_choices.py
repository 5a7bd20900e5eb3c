"""Choices of the prep groups and table groups (kept apart from ``choices.py`` so that the
group code and the reminder code can grow side by side)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GroepsReden(models.TextChoices):
    """Why someone is in a prep group: the algorithm's reasons (``groepen.REDEN_CODES``),
    or they joined themselves, or the coordinator swapped them in."""

    LEIDINGGEVENDE = "leidinggevende", _("Leidinggevende")
    TAG_NODIG = "tag_nodig", _("Nodig voor de balans")
    NOG_GEEN_BEURT = "nog_geen_beurt", _("Nog niet aan de beurt geweest")
    MINST_BEURTEN = "minst_beurten", _("Minder vaak aan de beurt dan anderen")
    WEINIG_HERHALING = "weinig_herhaling", _("Weinig herhaling")
    ZELF = "zelf", _("Deed zelf mee")
    COORDINATOR = "coordinator", _("Gekozen door de coördinator")

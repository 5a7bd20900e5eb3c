from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditActie(models.TextChoices):
    """The coordinator actions of this app that the audit log records (registered with
    ``samenspel.audit_actions`` when the app is ready). Add a code here when a new action
    appears, then call ``samenspel.audit.log`` where it succeeds."""

    CITAAT_VERBORGEN = "citaat_verborgen", _("citaat verborgen of teruggezet")
    WAARDENBORD = "waardenbord", _("waardenbord gewijzigd")
    WAARDE_NIEUW = "waarde_nieuw", _("eigen waarde toegevoegd")

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditActie(models.TextChoices):
    GEBIED_NIEUW = "gebied_nieuw", _("gebied aangemaakt")
    GEBIED_BEWERKT = "gebied_bewerkt", _("gebied bewerkt")
    ORGANISATIE_NIEUW = "organisatie_nieuw", _("organisatie aangemaakt")
    ORGANISATIE_BEWERKT = "organisatie_bewerkt", _("organisatie bewerkt")
    ROLLEN_GEWIJZIGD = "rollen_gewijzigd", _("rollen van iemand gewijzigd")

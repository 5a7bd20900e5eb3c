from django.db import models
from django.utils.translation import gettext_lazy as _


class VerzendStatus(models.TextChoices):
    GECLAIMD = "geclaimd", _("Wordt verstuurd")
    VERZONDEN = "verzonden", _("Verstuurd")
    OVERGESLAGEN = "overgeslagen", _("Niet meer nodig")
    MISLUKT = "mislukt", _("Mislukt")


class Kanaal(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Sms")

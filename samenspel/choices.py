from django.db import models
from django.utils.translation import gettext_lazy as _


class Taal(models.TextChoices):
    NL = "nl", _("Nederlands")
    EN = "en", _("English")

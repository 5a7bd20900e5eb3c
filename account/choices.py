from django.db import models
from django.utils.translation import gettext_lazy as _


class Bericht(models.TextChoices):
    """The kinds of message this app sends (registered in ``messages.py``)."""

    INLOGLINK = "inloglink", _("Inloglink")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerslagenConfig(AppConfig):
    name = "verslagen"
    verbose_name = _("Verslagen en handreiking")

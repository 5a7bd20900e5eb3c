from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WaardenConfig(AppConfig):
    name = "waarden"
    verbose_name = _("Waarden")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VerslagenConfig(AppConfig):
    name = "verslagen"
    verbose_name = _("Verslagen en handreiking")

    def ready(self):
        # The guide's task lives beside the reports' tasks module; register it for the worker.
        from . import handreiking_tasks  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from samenspel import audit_actions

from .choices import AuditActie


class BeheerConfig(AppConfig):
    name = "beheer"
    verbose_name = _("Beheer")

    def ready(self):
        audit_actions.register(AuditActie)

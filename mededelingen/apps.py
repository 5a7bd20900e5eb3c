from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from samenspel import audit_actions

from .choices import AuditActie


class MededelingenConfig(AppConfig):
    name = "mededelingen"
    verbose_name = _("Berichten aan deelnemers")

    def ready(self):
        audit_actions.register(AuditActie)
        from . import messages  # noqa: F401 (registers the kind with the outbox)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from samenspel import audit_actions

from .choices import AuditActie


class BijeenkomstenConfig(AppConfig):
    name = "bijeenkomsten"
    verbose_name = _("Bijeenkomsten")

    def ready(self):
        audit_actions.register(AuditActie)
        # Each app tells the base what it holds about a person.
        from . import messages, personal_data, receivers  # noqa: F401

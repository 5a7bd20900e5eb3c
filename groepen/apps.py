from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from samenspel import audit_actions

from .choices import AuditActie


class GroepenConfig(AppConfig):
    """Prep groups and table groups: who prepares the next meeting, who sits together."""

    name = "groepen"
    verbose_name = _("Voorbereidingsgroepen en tafels")

    def ready(self):
        audit_actions.register(AuditActie)
        from . import messages, personal_data, receivers  # noqa: F401

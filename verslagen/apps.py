from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from samenspel import audit_actions, periodic

from .choices import AuditActie


class VerslagenConfig(AppConfig):
    name = "verslagen"
    verbose_name = _("Verslagen en handreiking")

    def ready(self):
        audit_actions.register(AuditActie)
        # Each app tells the base what it holds about a person.
        from . import messages, personal_data  # noqa: F401
        from .handreiking import services as guide
        from .services import restart_stale

        periodic.register("verslagen_herstart", lambda now: len(restart_stale(now)))
        periodic.register("handreiking_herstart", lambda now: len(guide.restart_stale(now)))

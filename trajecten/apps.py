from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from samenspel import audit_actions, periodic

from .choices import AuditActie


class TrajectenConfig(AppConfig):
    name = "trajecten"
    verbose_name = _("Trajecten")

    def ready(self):
        audit_actions.register(AuditActie)
        # Each app tells the base what it holds about a person.
        from . import messages, personal_data  # noqa: F401
        from .services import lapse_offers, lapse_sign_ups, restart_stale_imports

        periodic.register("aanbod_verlopen", lapse_offers)
        periodic.register("aanmeldingen_verlopen", lapse_sign_ups)
        periodic.register("importen_herstart", lambda now: len(restart_stale_imports(now)))

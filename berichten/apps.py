from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BerichtenConfig(AppConfig):
    """The outbox: every message the app sends is a ledger row first. The apps register
    their kinds of message (``kinds.register``) and what the sweep should find
    (``sweep.register_finder``); this app knows none of them by name."""

    name = "berichten"
    verbose_name = _("Berichten")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system check)

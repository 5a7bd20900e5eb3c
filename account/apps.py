from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountConfig(AppConfig):
    """A person's own pages: their home, their data (export and deletion) and which
    e-mails they get. It sits above the domain apps and gathers from them."""

    name = "account"
    verbose_name = _("Mijn account")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from samenspel import periodic


class AccountConfig(AppConfig):
    """A person's own pages: their home, their data (export and deletion) and which
    e-mails they get. It sits above the domain apps and gathers from them."""

    name = "account"
    verbose_name = _("Mijn account")

    def ready(self):
        from . import messages  # noqa: F401 (registers the sign-in link)
        from .services import remove_old_signin_rows

        periodic.register("inloglinks_opgeruimd", remove_old_signin_rows)

"""The four DOEI statements of the evaluation, in plain Dutch (the guide's mnemonic:
doelmatigheid, open, eerlijk, inzet). Used by the form and by the report."""

from django.utils.translation import gettext_lazy as _

STELLINGEN = {
    "doelmatigheid": _("De bijeenkomst leverde iets op."),
    "open": _("Iedereen kon zeggen wat hij of zij dacht."),
    "eerlijk": _("Iedereen werd eerlijk en gelijk behandeld."),
    "inzet": _("Iedereen deed actief mee."),
}

# Short names of the statements, for chart labels.
NAMEN = {
    "doelmatigheid": _("Doelmatigheid"),
    "open": _("Open"),
    "eerlijk": _("Eerlijk"),
    "inzet": _("Inzet"),
}

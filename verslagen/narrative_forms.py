from django.utils.translation import gettext_lazy as _

from samenspel.cleaning import SchoonForm, lange_tekst


class VerhaalForm(SchoonForm):
    verhaal = lange_tekst(
        _("Verhaal"),
        max_length=20000,
        rows=16,
        help_text=_(
            "Schrijf in gewone zinnen. Je kunt Markdown gebruiken: **vet**, *schuin*, "
            "lijstjes met - en koppen met #. HTML-code staat in het verslag als gewone "
            "tekst, en een plaatje als een link."
        ),
    )

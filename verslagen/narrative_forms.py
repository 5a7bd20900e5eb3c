from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.cleaning import SchoonForm


class VerhaalForm(SchoonForm):
    verhaal = forms.CharField(
        label=_("Verhaal"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Schrijf in gewone zinnen. Je kunt Markdown gebruiken: **vet**, *schuin*, "
            "lijstjes met - en koppen met #. HTML-code staat in het verslag als gewone "
            "tekst, en een plaatje als een link."
        ),
        error_messages={"max_length": _("Schrijf hoogstens %(limit_value)d tekens.")},
    )

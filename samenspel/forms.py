from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.cleaning import SchoneModelForm, SchoonForm

from .models import User


class InloglinkForm(SchoonForm):
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        help_text=_("We sturen je een link. Daarmee log je in zonder wachtwoord."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class VoorkeurenForm(SchoneModelForm):
    class Meta:
        model = User
        fields = [
            "wil_herinneringen",
            "wil_voorbereiding_herinneringen",
            "wil_evaluatie_verzoeken",
            "taal",
        ]
        labels = {
            "wil_herinneringen": _("Herinneringen aan bijeenkomsten"),
            "wil_voorbereiding_herinneringen": _(
                "Herinneringen als ik in een voorbereidingsgroep zit"
            ),
            "wil_evaluatie_verzoeken": _("De vraag hoe een bijeenkomst was"),
            "taal": _("Taal van de e-mails"),
        }

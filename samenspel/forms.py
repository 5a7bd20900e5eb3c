from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.cleaning import SchoneModelForm, SchoonForm

from .models import User
from .phones import phone_e164


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
            "per_sms",
            "mobiel",
        ]
        labels = {
            "wil_herinneringen": _("Herinneringen aan bijeenkomsten"),
            "wil_voorbereiding_herinneringen": _(
                "Herinneringen als ik in een voorbereidingsgroep zit"
            ),
            "wil_evaluatie_verzoeken": _("De vraag hoe een bijeenkomst was"),
            "taal": _("Taal van de e-mails"),
            "per_sms": _("Herinneringen, wijzigingen en vrije plekken per sms"),
            "mobiel": _("Mobiel nummer"),
        }
        help_texts = {
            "per_sms": _("In plaats van per e-mail. Stoppen kan hier, of door STOP te sturen."),
            "mobiel": _("Bijvoorbeeld 06 12345678."),
        }
        widgets = {"mobiel": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})}

    def clean_mobiel(self):
        typed = self.cleaned_data.get("mobiel", "").strip()
        if not typed:
            return ""
        mobiel = phone_e164(typed, mobile=True)
        if mobiel is None:
            raise forms.ValidationError(
                _("Dit is geen mobiel nummer. Bijvoorbeeld: 06 12345678."), code="mobiel"
            )
        return mobiel

    def clean(self):
        data = super().clean()
        if data.get("per_sms") and not data.get("mobiel") and "mobiel" not in self.errors:
            self.add_error("mobiel", _("Vul je mobiele nummer in om sms'jes te krijgen."))
        return data

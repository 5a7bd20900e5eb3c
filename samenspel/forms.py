from django import forms
from django.utils.translation import gettext_lazy as _


class InloglinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        help_text=_("We sturen je een link. Daarmee log je in zonder wachtwoord."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

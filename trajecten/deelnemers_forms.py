"""Forms of the coordinator's participant pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.cleaning import SchoneModelForm, SchoonForm
from samenspel.phones import phone_e164

from .choices import TAG_VAN_ROL, InschrijvingStatus, Rol, Tag, rol_keuzes
from .models import Inschrijving, Organisatie

# The statuses a coordinator can choose; an offer ("aangeboden") only comes from the waiting list.
KIESBARE_STATUSSEN = (
    InschrijvingStatus.GEPLAATST,
    InschrijvingStatus.WACHTLIJST,
    InschrijvingStatus.AFGEMELD,
)


class DeelnemerFilterForm(SchoonForm):
    zoek = forms.CharField(
        label=_("Naam of e-mailadres"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    tag = forms.ChoiceField(
        label=_("Achtergrond"), choices=[("", _("Alle"))] + Tag.choices, required=False
    )
    rol = forms.ChoiceField(label=_("Rol"), choices=[("", _("Alle"))] + Rol.choices, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alle"))] + InschrijvingStatus.choices, required=False
    )

    def filters(self) -> dict[str, str]:
        """The chosen filters; an invalid choice counts as no filter."""
        names = ("zoek", "tag", "rol", "status")
        if not self.is_valid():
            return dict.fromkeys(names, "")
        return {name: self.cleaned_data[name].strip() for name in names}


class InschrijvingForm(SchoneModelForm):
    """Edit one enrolment. The background (tag) follows from the role, so the two never
    disagree: the role list is grouped per background."""

    rol = forms.ChoiceField(
        label=_("Achtergrond en rol"),
        choices=rol_keuzes,
        help_text=_("De achtergrond telt mee in de balans."),
    )
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisatie.objects.order_by("naam"),
        required=False,
        empty_label=_("Geen organisatie"),
    )

    class Meta:
        model = Inschrijving
        fields = ["rol", "organisatie", "talenten", "wensen"]
        widgets = {
            "talenten": forms.Textarea(attrs={"rows": 3}),
            "wensen": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        rol = data.get("rol")
        if rol:
            self.instance.tag = TAG_VAN_ROL[rol]
        return data


class StatusForm(SchoonForm):
    status = forms.ChoiceField(label=_("Nieuwe status"))

    def __init__(self, *args, huidig: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (status.value, status.label) for status in KIESBARE_STATUSSEN if status != huidig
        ]


class NamensForm(SchoonForm):
    """Enrol someone on their behalf: with an e-mail address, a mobile number, or neither
    (then the coordinator is their contact)."""

    EMAIL, SMS, TELEFOON, GEEN = "email", "sms", "telefoon", "geen"

    naam = forms.CharField(label=_("Naam"), max_length=150)
    rol = forms.ChoiceField(
        label=_("Achtergrond en rol"),
        choices=rol_keuzes,
        help_text=_("De achtergrond telt mee in de balans."),
    )
    contact = forms.ChoiceField(
        label=_("Hoe bereiken we deze persoon?"),
        choices=[
            (EMAIL, _("Per e-mail")),
            (SMS, _("Per sms: herinneringen, wijzigingen en vrije plekken")),
            (TELEFOON, _("Per telefoon: ik bel deze persoon")),
            (GEEN, _("Via mij: deze persoon heeft geen e-mail en geen mobiel")),
        ],
        widget=forms.RadioSelect,
        initial=EMAIL,
    )
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    telefoon = forms.CharField(
        label=_("Telefoonnummer"),
        required=False,
        max_length=30,
        help_text=_("Bijvoorbeeld 06 12345678."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisatie.objects.order_by("naam"),
        required=False,
        empty_label=_("Geen organisatie"),
    )

    def clean(self):
        data = super().clean()
        contact = data.get("contact")
        if contact == self.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Vul het e-mailadres in, of kies een andere manier."))
        if contact in (self.SMS, self.TELEFOON):
            telefoon = phone_e164(data.get("telefoon", ""), mobile=contact == self.SMS)
            if telefoon is None:
                self.add_error(
                    "telefoon",
                    _("Voor sms is een mobiel nummer nodig. Bijvoorbeeld: 06 12345678.")
                    if contact == self.SMS
                    else _("Dit telefoonnummer klopt niet. Bijvoorbeeld: 06 12345678."),
                )
            else:
                data["telefoon"] = telefoon
        if contact != self.EMAIL:
            data["email"] = ""
        return data

    def tag(self) -> str:
        return TAG_VAN_ROL[self.cleaned_data["rol"]]

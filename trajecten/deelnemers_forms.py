"""Forms of the coordinator's participant pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.cleaning import SchoneModelForm, SchoonForm

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

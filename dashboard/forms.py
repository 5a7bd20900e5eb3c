from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.cleaning import SchoonForm
from trajecten.choices import TrajectStatus


class DashboardFilterForm(SchoonForm):
    """Filters of the dashboard, read from the query string. The areas and organisations
    offered are those of the trajecten in the user's scope. Validation needs no queries,
    so the form can be rebuilt from cached choices."""

    gebied = forms.TypedChoiceField(label=_("Gebied"), coerce=int, required=False, empty_value=None)
    organisatie = forms.TypedChoiceField(
        label=_("Organisatie"), coerce=int, required=False, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alle"))] + TrajectStatus.choices, required=False
    )
    van = forms.DateField(
        label=_("Bijeenkomsten vanaf"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 1-3-2026.")},
    )
    tot = forms.DateField(
        label=_("Bijeenkomsten tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 31-3-2026.")},
    )

    def __init__(self, data, *, gebieden, organisaties):
        """``gebieden`` and ``organisaties``: (id, name) pairs to choose from."""
        super().__init__(data)
        self.fields["gebied"].choices = [("", _("Alle")), *gebieden]
        self.fields["organisatie"].choices = [("", _("Alle")), *organisaties]
        for name in ("gebied", "organisatie"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "Kies een van de mogelijkheden uit de lijst."
            )

    def clean(self):
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("De einddatum ligt voor de begindatum."))
        return data

    def filters(self) -> dict:
        """The chosen filters (area and organisation as ids); an invalid form filters
        nothing."""
        if not self.is_bound or not self.is_valid():
            return {}
        return dict(self.cleaned_data)

"""Forms of the values board. Each ``save()`` calls one service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bijeenkomsten.choices import BijeenkomstStatus
from bijeenkomsten.models import Bijeenkomst
from samenspel.cleaning import SchoonForm

from . import services
from .models import Waarde


class WaardeKeuzeField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.titel


class WaardenKeuzeField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.titel


class OnderschrijvingForm(SchoonForm):
    """One press on a value's toggle button: ``aan=1`` marks it as a core value, ``aan=0``
    takes it off."""

    waarde = forms.ModelChoiceField(queryset=Waarde.objects.none())
    aan = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")

    def __init__(self, *args, waarden, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["waarde"].queryset = waarden

    def save(self, *, inschrijving) -> int:
        return services.set_endorsement(
            inschrijving=inschrijving,
            waarde=self.cleaned_data["waarde"],
            aan=self.cleaned_data["aan"],
        )


class BijeenkomstKeuzeField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        label = _("Bijeenkomst %(nummer)s") % {"nummer": obj.nummer}
        return f"{label}: {obj.thema}" if obj.thema else label


class CitaatForm(SchoonForm):
    waarde = WaardeKeuzeField(
        label=_("Bij welke waarde past het?"),
        queryset=Waarde.objects.none(),
        empty_label=_("Kies een waarde"),
    )
    tekst = forms.CharField(
        label=_("Wat werd er gezegd?"),
        help_text=_("Eén of twee zinnen. Schrijf geen namen of andere persoonlijke gegevens op."),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    bijeenkomst = BijeenkomstKeuzeField(
        label=_("In welke bijeenkomst?"),
        queryset=Bijeenkomst.objects.none(),
        required=False,
        empty_label=_("Geen bepaalde bijeenkomst"),
    )
    toon_naam = forms.BooleanField(label=_("Toon mijn voornaam bij het citaat."), required=False)

    def __init__(self, *args, traject, waarden, voornaam="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["waarde"].queryset = waarden
        self.fields["bijeenkomst"].queryset = traject.bijeenkomsten.exclude(
            status=BijeenkomstStatus.GEANNULEERD
        ).order_by("nummer")
        if voornaam:
            self.fields["toon_naam"].label = _(
                "Toon mijn voornaam (%(voornaam)s) bij het citaat."
            ) % {"voornaam": voornaam}
        self.fields["toon_naam"].help_text = _("Anders staat het citaat er zonder naam.")

    def save(self, *, inschrijving):
        data = self.cleaned_data
        return services.add_citaat(
            inschrijving=inschrijving,
            waarde=data["waarde"],
            tekst=data["tekst"],
            bijeenkomst=data["bijeenkomst"],
            toon_naam=data["toon_naam"],
        )


class VerbergenForm(SchoonForm):
    verborgen = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class BordForm(SchoonForm):
    """A coordinator chooses the values on the board and the share that counts as shared."""

    waarden = WaardenKeuzeField(
        label=_("Welke waarden staan op het bord?"),
        queryset=Waarde.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    drempel = forms.IntegerField(
        label=_("Gedeeld vanaf (procent)"),
        help_text=_(
            "Een waarde is gedeeld als minstens zoveel procent van elke groep hem kiest: "
            "formeel, informeel en ervaringsdeskundigen."
        ),
        min_value=1,
        max_value=100,
        widget=forms.NumberInput(attrs={"class": "invoer--kort", "inputmode": "numeric"}),
    )

    def __init__(self, *args, traject, keuzes, **kwargs):
        super().__init__(*args, **kwargs)
        self.traject = traject
        self.fields["waarden"].queryset = keuzes

    def save(self):
        services.set_bord(
            traject=self.traject,
            waarden=self.cleaned_data["waarden"],
            drempel=self.cleaned_data["drempel"],
        )


class WaardeForm(SchoonForm):
    """A value of the traject's own."""

    naam = forms.CharField(label=_("Naam van de waarde"), max_length=80)
    beschrijving_nl = forms.CharField(
        label=_("Uitleg"),
        help_text=_("Eén of twee korte zinnen in eenvoudige taal."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    naam_en = forms.CharField(label=_("Naam in het Engels"), max_length=80, required=False)
    beschrijving_en = forms.CharField(
        label=_("Uitleg in het Engels"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def save(self, *, traject):
        return services.add_eigen_waarde(traject=traject, **self.cleaned_data)

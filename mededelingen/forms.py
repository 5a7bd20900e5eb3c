from django import forms
from django.utils.translation import gettext_lazy as _

from bijeenkomsten.models import Bijeenkomst
from groepen.models import Voorbereidingsgroep
from samenspel.cleaning import SchoonForm

from .choices import Ontvangers


class MededelingForm(SchoonForm):
    ontvangers = forms.ChoiceField(
        label=_("Aan wie?"),
        choices=Ontvangers.choices,
        initial=Ontvangers.GEPLAATST,
        widget=forms.RadioSelect,
    )
    bijeenkomst = forms.ModelChoiceField(
        label=_("Welke bijeenkomst?"),
        queryset=Bijeenkomst.objects.none(),
        required=False,
        empty_label=_("Kies een bijeenkomst"),
        help_text=_("Alleen als je kiest voor wie naar één bijeenkomst komt."),
    )
    groep = forms.ModelChoiceField(
        label=_("Welke voorbereidingsgroep?"),
        queryset=Voorbereidingsgroep.objects.none(),
        required=False,
        empty_label=_("Kies een groep"),
        help_text=_("Alleen als je kiest voor één voorbereidingsgroep."),
    )
    onderwerp = forms.CharField(label=_("Onderwerp"), max_length=150)
    tekst = forms.CharField(
        label=_("Bericht"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Schrijf kort en duidelijk. We zetten er 'Hallo' en de naam voor."),
    )

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        meetings = Bijeenkomst.objects.filter(traject=traject).order_by("nummer")
        self.fields["bijeenkomst"].queryset = meetings
        self.fields["bijeenkomst"].label_from_instance = lambda b: (
            _("Bijeenkomst %(nummer)s") % {"nummer": b.nummer}
        )
        self.fields["groep"].queryset = (
            Voorbereidingsgroep.objects.filter(bijeenkomst__traject=traject)
            .select_related("bijeenkomst")
            .order_by("bijeenkomst__nummer")
        )
        self.fields["groep"].label_from_instance = lambda g: (
            _("De groep die bijeenkomst %(nummer)s voorbereidt") % {"nummer": g.bijeenkomst.nummer}
        )

    def clean(self):
        data = super().clean()
        ontvangers = data.get("ontvangers")
        if ontvangers == Ontvangers.BIJEENKOMST and not data.get("bijeenkomst"):
            self.add_error("bijeenkomst", _("Kies de bijeenkomst."))
        if ontvangers == Ontvangers.GROEP and not data.get("groep"):
            self.add_error("groep", _("Kies de voorbereidingsgroep."))
        if ontvangers != Ontvangers.BIJEENKOMST:
            data["bijeenkomst"] = None
        if ontvangers != Ontvangers.GROEP:
            data["groep"] = None
        return data

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.cleaning import SchoneModelForm, SchoonForm
from samenspel.models import User
from trajecten.choices import GebiedSoort
from trajecten.models import Gebied, Organisatie


class _UniekeNaam:
    """A clear message for a name that exists already (case does not matter)."""

    bestaat = _("Die naam bestaat al.")

    def clean_naam(self):
        naam = self.cleaned_data["naam"].strip()
        others = type(self.instance).objects.filter(naam__iexact=naam)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(self.bestaat, code="bestaat")
        return naam


class GebiedForm(_UniekeNaam, SchoneModelForm):
    bestaat = _("Er is al een gebied met deze naam.")

    class Meta:
        model = Gebied
        fields = ["naam", "soort", "ligt_in"]
        help_texts = {"ligt_in": _("Alleen voor een wijk: het stadsdeel waar die in ligt.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stadsdelen = Gebied.objects.filter(soort=GebiedSoort.STADSDEEL)
        if self.instance.pk:
            stadsdelen = stadsdelen.exclude(pk=self.instance.pk)
        self.fields["ligt_in"].queryset = stadsdelen
        self.fields["ligt_in"].empty_label = _("Nergens in")

    def clean(self):
        data = super().clean()
        if data.get("soort") == GebiedSoort.STADSDEEL and data.get("ligt_in"):
            self.add_error("ligt_in", _("Een stadsdeel ligt niet in een ander gebied."))
        return data


class OrganisatieForm(_UniekeNaam, SchoneModelForm):
    bestaat = _("Er is al een organisatie met deze naam.")

    class Meta:
        model = Organisatie
        fields = ["naam"]


class ZoekForm(SchoonForm):
    zoek = forms.CharField(label=_("Zoek op naam of e-mailadres"), required=False, max_length=100)


class RollenForm(SchoneModelForm):
    """A person's roles, and for a manager the areas and organisations whose trajecten they
    see on the dashboard."""

    gebieden = forms.ModelMultipleChoiceField(
        label=_("Gebieden die deze leidinggevende ziet"),
        queryset=Gebied.objects.order_by("naam"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisaties = forms.ModelMultipleChoiceField(
        label=_("Organisaties die deze leidinggevende ziet"),
        queryset=Organisatie.objects.order_by("naam"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = User
        fields = ["is_coordinator", "is_rapporteur", "is_manager", "is_beheerder"]
        labels = {
            "is_coordinator": _("Coördinator: maakt trajecten en coördineert ze"),
            "is_rapporteur": _("Verslaglegger: schrijft de verslagen van een traject"),
            "is_manager": _("Leidinggevende of financier: ziet het balansdashboard"),
            "is_beheerder": _("Functioneel beheerder: beheert gebieden, organisaties en rollen"),
        }

    def __init__(self, *args, beheerder, **kwargs):
        super().__init__(*args, **kwargs)
        self.beheerder = beheerder
        self.fields["gebieden"].initial = list(self.instance.beheerde_gebieden.all())
        self.fields["organisaties"].initial = list(self.instance.beheerde_organisaties.all())

    def clean_is_beheerder(self):
        value = self.cleaned_data["is_beheerder"]
        if self.instance == self.beheerder and not value and not self.beheerder.is_superuser:
            raise forms.ValidationError(
                _("Je kunt jezelf geen beheerder af maken. Vraag een andere beheerder."),
                code="zelf",
            )
        return value

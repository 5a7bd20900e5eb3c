"""Forms of the meeting day: the check-in list, walk-ins, the live screen and contributions."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samenspel.cleaning import SchoonForm
from trajecten.choices import rol_keuzes

from .. import services
from ..choices import BijdrageSoort

LIVE_ACTIES = ("punt", "timer_start", "timer_stop", "ja_maar", "ja_en")
BRAINSTORM_MINUTEN = 20  # the guide's rule


class CheckInForm(SchoonForm):
    """One tap on the check-in list: mark one person present (``aanwezig=1``) or not."""

    inschrijving = forms.IntegerField()
    aanwezig = forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")], coerce=lambda value: value == "1"
    )


class InloopForm(SchoonForm):
    """Someone who comes in without having signed up."""

    naam = forms.CharField(label=_("Naam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres"),
        help_text=_("Hier sturen we de volgende uitnodigingen naartoe."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    rol = forms.ChoiceField(
        label=_("Hoe doet deze persoon mee?"),
        choices=rol_keuzes,
        help_text=_("De achtergrond telt mee in de balans."),
    )
    # Sent only by the second button, after the warning that the traject is full.
    boven_capaciteit = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def save(self, *, bijeenkomst):
        return services.add_walk_in(bijeenkomst=bijeenkomst, **self.cleaned_data)


class LiveActieForm(SchoonForm):
    actie = forms.ChoiceField(choices=[(actie, actie) for actie in LIVE_ACTIES])
    punt = forms.IntegerField(required=False)
    minuten = forms.IntegerField(
        label=_("Minuten"), min_value=1, max_value=120, initial=BRAINSTORM_MINUTEN, required=False
    )

    def save(self, *, bijeenkomst):
        data = self.cleaned_data
        return services.live_action(
            bijeenkomst=bijeenkomst,
            actie=data["actie"],
            punt_id=data["punt"],
            minuten=data["minuten"] or BRAINSTORM_MINUTEN,
        )


SOORT_UITLEG = {
    BijdrageSoort.IDEE: _("iets wat we kunnen doen of proberen"),
    BijdrageSoort.KRACHT: _("wat goed gaat, of wat iemand goed kan"),
    BijdrageSoort.KNELPUNT: _("wat in de weg zit of moeilijk is"),
    BijdrageSoort.CITAAT: _("iets wat iemand zei en wat je wilt onthouden"),
    BijdrageSoort.FLUITEND: _("waar je blij of hoopvol van wordt"),
}


class BijdrageForm(SchoonForm):
    soort = forms.ChoiceField(
        label=_("Wat voor inbreng is het?"),
        choices=[
            (soort.value, format_lazy("{}: {}", soort.label, SOORT_UITLEG[soort]))
            for soort in BijdrageSoort
        ],
        initial=BijdrageSoort.IDEE,
        widget=forms.RadioSelect,
    )
    tekst = forms.CharField(
        label=_("Je inbreng"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    toon_naam = forms.BooleanField(label=_("Toon mijn voornaam bij mijn inbreng"), required=False)

    def __init__(self, *args, bijeenkomst, voornaam: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.bijeenkomst = bijeenkomst
        if voornaam:
            self.fields["toon_naam"].label = gettext(
                "Toon mijn voornaam (%(voornaam)s) bij mijn inbreng"
            ) % {"voornaam": voornaam}
        else:
            # Without a name on the account there is nothing to show: always anonymous.
            del self.fields["toon_naam"]

    def clean(self):
        data = super().clean()
        if self.bijeenkomst.is_geannuleerd:
            raise forms.ValidationError(_("Deze bijeenkomst gaat niet door."))
        return data

    def save(self, *, door):
        data = self.cleaned_data
        return services.add_bijdrage(
            bijeenkomst=self.bijeenkomst,
            soort=data["soort"],
            tekst=data["tekst"],
            door=door,
            toon_naam=data.get("toon_naam", False),
        )

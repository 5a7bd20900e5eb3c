"""Forms of the joint guide. Each ``save()`` calls one service."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.cleaning import SchoonForm, lange_tekst

from . import services


class RondeForm(SchoonForm):
    deadline = forms.DateField(
        label=_("Reageren kan tot en met"),
        help_text=_("Kies een datum na vandaag. Bijvoorbeeld 2 weken vanaf nu."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Kies een datum."),
            "invalid": _("Schrijf de datum als dag-maand-jaar, bijvoorbeeld 15-03-2027."),
        },
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
    )

    def clean_deadline(self):
        dag = self.cleaned_data["deadline"]
        if dag <= timezone.localdate():
            raise forms.ValidationError(_("Kies een datum na vandaag."))
        return dag

    def save(self, *, traject, door):
        return services.open_round(
            traject=traject, deadline=self.cleaned_data["deadline"], door=door
        )


class OpmerkingForm(SchoonForm):
    sectie = forms.SlugField(widget=forms.HiddenInput)
    tekst = lange_tekst(
        _("Jouw reactie op dit hoofdstuk"),
        rows=3,
        required=True,
        leeg=_("Schrijf eerst je reactie."),
        te_lang=_("Je reactie is te lang. Gebruik hoogstens 2000 tekens."),
    )

    def __init__(self, *args, secties: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.secties = secties

    def clean_sectie(self):
        sectie = self.cleaned_data["sectie"]
        if sectie not in self.secties:
            raise forms.ValidationError(_("Dit hoofdstuk bestaat niet in deze versie."))
        return sectie

    def save(self, *, ronde, inschrijving):
        return services.add_comment(
            ronde=ronde,
            inschrijving=inschrijving,
            sectie=self.cleaned_data["sectie"],
            tekst=self.cleaned_data["tekst"],
        )


class AfhandelForm(SchoonForm):
    antwoord = lange_tekst(
        _("Antwoord (niet verplicht)"),
        rows=2,
        te_lang=_("Het antwoord is te lang. Gebruik hoogstens 2000 tekens."),
    )

    def save(self, *, opmerking, door):
        return services.resolve_comment(
            opmerking=opmerking, door=door, antwoord=self.cleaned_data["antwoord"]
        )

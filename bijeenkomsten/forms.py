from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samenspel.cleaning import SchoneModelForm, SchoonForm, lokaal_moment

from .choices import Antwoord
from .models import Agendapunt, Bijeenkomst, Bouwsteen

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
AGENDA_MAX = 30


class BijeenkomstForm(SchoneModelForm):
    datum = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    begintijd = forms.TimeField(
        label=_("Begintijd"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    eindtijd = forms.TimeField(label=_("Eindtijd"), widget=forms.TimeInput(attrs={"type": "time"}))

    class Meta:
        model = Bijeenkomst
        fields = [
            "thema",
            "bouwsteen",
            "plaats",
            "adres",
            "online_link",
            "drempelvrij",
            "ringleiding",
            "stille_ruimte",
            "toegankelijkheid",
        ]
        widgets = {"toegankelijkheid": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, traject, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.traject = traject
        self.fields["bouwsteen"].queryset = Bouwsteen.objects.filter(
            Q(traject__isnull=True) | Q(traject=traject)
        )
        if self.instance.pk:
            start = self.instance.start.astimezone(AMSTERDAM)
            einde = self.instance.einde.astimezone(AMSTERDAM)
            self.initial.update(datum=start.date(), begintijd=start.time(), eindtijd=einde.time())
        # The date and times come first on the form.
        self.order_fields(["datum", "begintijd", "eindtijd"])

    def clean(self):
        data = super().clean()
        if data.get("datum") and data.get("begintijd") and data.get("eindtijd"):
            try:
                start = lokaal_moment(data["datum"], data["begintijd"], AMSTERDAM)
            except ValidationError as exc:
                self.add_error("begintijd", exc)
                return data
            try:
                einde = lokaal_moment(data["datum"], data["eindtijd"], AMSTERDAM)
            except ValidationError as exc:
                self.add_error("eindtijd", exc)
                return data
            if einde <= start:
                self.add_error("eindtijd", _("De eindtijd moet na de begintijd liggen."))
            else:
                self.instance.start, self.instance.einde = start, einde
        return data

    @property
    def changed_data(self):
        changed = list(super().changed_data)
        if {"datum", "begintijd", "eindtijd"} & set(changed):
            changed += ["start", "einde"]
        return changed


AgendaFormSet = forms.inlineformset_factory(
    Bijeenkomst,
    Agendapunt,
    form=SchoneModelForm,
    fields=["volgorde", "titel", "duur"],
    extra=2,
    can_delete=True,
    # A meeting has a handful of agenda items; a post claiming a thousand forms is refused
    # instead of built and rendered a thousand times.
    max_num=AGENDA_MAX,
    absolute_max=AGENDA_MAX,
    validate_max=True,
    labels={"volgorde": _("Volgorde"), "titel": _("Onderwerp"), "duur": _("Minuten")},
)


class AntwoordForm(SchoonForm):
    antwoord = forms.ChoiceField(
        label=_("Kom je?"), choices=Antwoord.choices, widget=forms.RadioSelect
    )


class BouwsteenForm(SchoneModelForm):
    class Meta:
        model = Bouwsteen
        fields = ["titel", "tekst"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 6})}


class AnnulerenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden"),
        help_text=_("Deze tekst staat in de e-mail aan iedereen met een plek."),
        required=False,
        max_length=1000,
        error_messages={"max_length": _("Gebruik hoogstens 1000 tekens.")},
        widget=forms.Textarea(attrs={"rows": 3}),
    )

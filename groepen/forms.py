"""Forms of the prep groups and table groups."""

from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from samenspel.cleaning import SchoneModelForm, SchoonForm, lokaal_moment

from . import grouping, queries, services
from .models import Voorbereidingsgroep

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _ja_nee(**kwargs):
    """A "1"/"0" choice sent by a button; absent means no."""
    return forms.TypedChoiceField(
        choices=[("1", "1"), ("0", "0")],
        coerce=lambda value: value == "1",
        required=False,
        empty_value=False,
        **kwargs,
    )


class GroepForm(SchoneModelForm):
    """The coordinator's settings of a prep group: its size and the prep meeting."""

    grootte = forms.IntegerField(
        label=_("Aantal mensen in de groep"),
        min_value=grouping.K_MIN,
        max_value=grouping.K_MAX,
        initial=grouping.K_DEFAULT,
        help_text=_("Van 3 tot 6 mensen."),
        widget=forms.NumberInput(attrs={"class": "invoer--kort", "inputmode": "numeric"}),
    )
    datum = forms.DateField(
        label=_("Datum van de voorbereiding"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    begintijd = forms.TimeField(
        label=_("Begintijd"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    eindtijd = forms.TimeField(
        label=_("Eindtijd"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    class Meta:
        model = Voorbereidingsgroep
        fields = ["grootte", "plaats", "online_link"]
        labels = {
            "plaats": _("Plaats van de voorbereiding"),
            "online_link": _("Of: link om online voor te bereiden"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groep = self.instance
        if groep.start:
            start = groep.start.astimezone(AMSTERDAM)
            self.initial.update(datum=start.date(), begintijd=start.time())
        if groep.einde:
            self.initial["eindtijd"] = groep.einde.astimezone(AMSTERDAM).time()
        self.order_fields(["grootte", "datum", "begintijd", "eindtijd", "plaats", "online_link"])

    def clean(self):
        data = super().clean()
        datum, begin, eind = data.get("datum"), data.get("begintijd"), data.get("eindtijd")
        if datum is None and begin is None and eind is None:
            if not self.errors:
                self.instance.start = self.instance.einde = None
            return data
        if datum is None and "datum" not in self.errors:
            self.add_error("datum", _("Vul ook de datum in."))
        if begin is None and "begintijd" not in self.errors:
            self.add_error("begintijd", _("Vul ook de begintijd in."))
        if datum is None or begin is None:
            return data
        try:
            start = lokaal_moment(datum, begin, AMSTERDAM)
        except ValidationError as exc:
            self.add_error("begintijd", exc)
            return data
        try:
            einde = lokaal_moment(datum, eind, AMSTERDAM) if eind else None
        except ValidationError as exc:
            self.add_error("eindtijd", exc)
            return data
        if einde is not None and einde <= start:
            self.add_error("eindtijd", _("De eindtijd moet na de begintijd liggen."))
            return data
        self.instance.start, self.instance.einde = start, einde
        return data


class BereidForm(SchoonForm):
    wil = _ja_nee()


class VergrendelForm(SchoonForm):
    vergrendeld = _ja_nee()


class IdLijstField(forms.Field):
    """Several hidden ``<input name=… value=id>``: a list of ids."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        try:
            return [int(v) for v in value]
        except (TypeError, ValueError) as exc:
            raise ValidationError(_("Dit voorstel klopt niet.")) from exc


VOORSTEL_ACTIES = ("voorstel", "ander", "wissel", "accepteer")


class VoorstelForm(SchoonForm):
    """One step of "Stel een groep voor": a proposal (``voorstel``), another one (``ander``,
    the next seed), a swap of one member (``wissel``) or accepting it (``accepteer``). The
    proposal travels in hidden fields: the seed, the manager choice and the members."""

    actie = forms.ChoiceField(choices=[(a, a) for a in VOORSTEL_ACTIES])
    seed = forms.IntegerField(min_value=0, max_value=10**9, required=False)
    leidinggevende = forms.BooleanField(
        label=_("Met een leidinggevende in de groep, als dat kan"), required=False
    )
    lid = IdLijstField(required=False)
    uit = forms.IntegerField(required=False)
    erin = forms.IntegerField(required=False)

    def clean(self):
        data = super().clean()
        actie = data.get("actie")
        if actie in ("wissel", "accepteer") and not data.get("lid"):
            raise ValidationError(_("Dit voorstel klopt niet. Vraag een nieuw voorstel."))
        if actie == "wissel" and (data.get("uit") is None or data.get("erin") is None):
            raise ValidationError(_("Kies wie er in de plaats komt."))
        return data

    def voorstel(self, groep) -> queries.Voorstel:
        """The proposal this step asks for (raises ``TrajectError`` when it cannot be)."""
        data = self.cleaned_data
        seed = data.get("seed") or 0
        actie = data["actie"]
        if actie == "ander":
            seed += 1
        keep = actie in ("wissel", "accepteer")
        result = queries.voorstel(
            groep,
            seed=seed,
            leidinggevende=data["leidinggevende"],
            leden=data["lid"] if keep else None,
            wissel=(data["uit"], data["erin"]) if actie == "wissel" else None,
        )
        if actie == "ander" and data["lid"]:
            result.geen_ander = set(result.ids) == set(data["lid"])
        return result

    def save(self, groep) -> bool:
        """Accept the proposal: it becomes the group."""
        voorstel = self.voorstel(groep)
        return services.accept_voorstel(
            groep=groep,
            leden=[
                services.NieuwLid(
                    inschrijving_id=lid.inschrijving.pk,
                    reden=lid.reden,
                    beurten=lid.beurten,
                    herhaalde_paren=lid.herhaalde_paren,
                )
                for lid in voorstel.leden
            ],
        )


class TafelsForm(SchoonForm):
    seed = forms.IntegerField(min_value=0, max_value=10**9, required=False)


class LaatForm(SchoonForm):
    inschrijving = forms.IntegerField()


class VerplaatsForm(forms.Form):
    """Move someone to another table: a table number, or "nieuw" for a new table."""

    inschrijving = forms.IntegerField()
    naar = forms.CharField(max_length=8)

    def clean_naar(self) -> int | None:
        naar = self.cleaned_data["naar"].strip()
        if naar == "nieuw":
            return None
        if not naar.isdecimal() or not 1 <= int(naar) <= 999:
            raise forms.ValidationError(_("Kies een tafel uit de lijst."))
        return int(naar)


class TafelSlotForm(forms.Form):
    """Lock a table (kept as it is, no late arrivals) or open it again."""

    tafel = forms.IntegerField(min_value=1, max_value=999)
    vergrendeld = _ja_nee()

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.cleaning import SchoonForm, lange_tekst

from . import services
from .choices import Score
from .content import DOEI
from .stellingen import STELLINGEN

KIES = _("Kies een antwoord bij deze zin.")


def _stelling(veld: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=STELLINGEN[veld],
        choices=Score.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": KIES, "invalid_choice": KIES},
    )


class EvaluatieForm(SchoonForm):
    """The four DOEI statements on a five-step scale and two open questions."""

    doelmatigheid = _stelling("doelmatigheid")
    open = _stelling("open")
    eerlijk = _stelling("eerlijk")
    inzet = _stelling("inzet")
    wat_werkte = lange_tekst(_("Wat werkte goed?"))
    kan_beter = lange_tekst(_("Wat kan beter?"))

    def __init__(self, *args, instance=None, read_only=False, **kwargs):
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    **{veld: getattr(instance, veld) for veld in DOEI},
                    "wat_werkte": instance.wat_werkte,
                    "kan_beter": instance.kan_beter,
                },
            )
        super().__init__(*args, **kwargs)
        if read_only:
            for field in self.fields.values():
                field.disabled = True

    def stellingen(self):
        return [self[veld] for veld in DOEI]

    def open_vragen(self):
        return [self["wat_werkte"], self["kan_beter"]]

    def save(self, *, bijeenkomst, inschrijving):
        data = self.cleaned_data
        return services.save_evaluatie(
            bijeenkomst=bijeenkomst,
            inschrijving=inschrijving,
            scores={veld: data[veld] for veld in DOEI},
            wat_werkte=data["wat_werkte"],
            kan_beter=data["kan_beter"],
        )

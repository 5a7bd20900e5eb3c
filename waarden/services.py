"""Writes on the values board. An endorsement locks the person's enrolment row, so two
clicks at once can never give anyone more than five core values."""

from collections.abc import Iterable

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from trajecten.choices import BEZETTE_STATUSSEN
from trajecten.models import Inschrijving, Traject

from .errors import WaardenError
from .models import MAX_KERNWAARDEN, Citaat, Onderschrijving, TrajectWaarde, Waarde, Waardenbord


def _lock_seated(inschrijving: Inschrijving) -> Inschrijving:
    inschrijving = Inschrijving.objects.select_for_update().get(pk=inschrijving.pk)
    if inschrijving.status not in BEZETTE_STATUSSEN:
        raise WaardenError(_("Alleen mensen met een plek aan tafel kunnen dit doen."))
    return inschrijving


def _check_on_board(traject_id: int, waarde: Waarde) -> None:
    if not TrajectWaarde.objects.filter(traject_id=traject_id, waarde=waarde).exists():
        raise WaardenError(_("Deze waarde staat niet op het bord van dit traject."))


def endorsement_count(inschrijving: Inschrijving) -> int:
    """How many values on the board this person marked as their own."""
    return Onderschrijving.objects.filter(
        inschrijving=inschrijving, waarde__op_borden__traject_id=inschrijving.traject_id
    ).count()


@transaction.atomic
def set_endorsement(*, inschrijving: Inschrijving, waarde: Waarde, aan: bool) -> int:
    """Mark ``waarde`` as one of the person's core values (``aan``) or take it off again.
    Doing the same twice changes nothing. Returns the person's number of core values."""
    inschrijving = _lock_seated(inschrijving)
    _check_on_board(inschrijving.traject_id, waarde)
    current = Onderschrijving.objects.filter(inschrijving=inschrijving, waarde=waarde)
    if not aan:
        current.delete()
        return endorsement_count(inschrijving)
    if current.exists():
        return endorsement_count(inschrijving)
    count = endorsement_count(inschrijving)
    if count >= MAX_KERNWAARDEN:
        raise WaardenError(
            _(
                "Je hebt al %(max)s kernwaarden gekozen. Haal er eerst een weg "
                "als je deze wilt kiezen."
            )
            % {"max": MAX_KERNWAARDEN}
        )
    Onderschrijving.objects.create(inschrijving=inschrijving, waarde=waarde)
    return count + 1


@transaction.atomic
def add_citaat(
    *,
    inschrijving: Inschrijving,
    waarde: Waarde,
    tekst: str,
    bijeenkomst=None,
    toon_naam: bool = False,
) -> Citaat:
    inschrijving = _lock_seated(inschrijving)
    _check_on_board(inschrijving.traject_id, waarde)
    if bijeenkomst is not None and bijeenkomst.traject_id != inschrijving.traject_id:
        raise WaardenError(_("Deze bijeenkomst hoort niet bij dit traject."))
    tekst = tekst.strip()
    if not tekst:
        raise WaardenError(_("Schrijf eerst wat iemand zei."))
    return Citaat.objects.create(
        inschrijving=inschrijving,
        waarde=waarde,
        bijeenkomst=bijeenkomst,
        tekst=tekst,
        toon_naam=toon_naam,
    )


def set_citaat_verborgen(*, citaat: Citaat, verborgen: bool) -> None:
    """A coordinator takes a quote off the board (or puts it back)."""
    Citaat.objects.filter(pk=citaat.pk).update(verborgen=verborgen)


@transaction.atomic
def set_bord(*, traject: Traject, waarden: Iterable[Waarde], drempel: int) -> None:
    """Put exactly ``waarden`` on the traject's board (catalogue values and the traject's
    own) and set the share at which a value counts as shared."""
    waarden = list(waarden)
    if any(w.traject_id not in (None, traject.pk) for w in waarden):
        raise WaardenError(_("Deze waarde hoort bij een ander traject."))
    Waardenbord.objects.update_or_create(traject=traject, defaults={"drempel": drempel})
    TrajectWaarde.objects.filter(traject=traject).exclude(waarde__in=waarden).delete()
    TrajectWaarde.objects.bulk_create(
        [TrajectWaarde(traject=traject, waarde=w) for w in waarden], ignore_conflicts=True
    )


@transaction.atomic
def add_eigen_waarde(
    *,
    traject: Traject,
    naam: str,
    beschrijving_nl: str = "",
    naam_en: str = "",
    beschrijving_en: str = "",
) -> Waarde:
    """A value of the traject's own, put on its board at once."""
    naam = naam.strip()
    slug = slugify(naam)[:80]
    if not slug:
        raise WaardenError(_("Gebruik in de naam minstens één letter of cijfer."))
    Traject.objects.select_for_update().get(pk=traject.pk)  # one new value at a time
    same = Waarde.objects.filter(slug=slug, traject__isnull=True).first()
    if same is not None:
        raise WaardenError(
            _("De waarde ‘%(naam)s’ bestaat al. Zet die op het bord.") % {"naam": same.naam}
        )
    if Waarde.objects.filter(slug=slug, traject=traject).exists():
        raise WaardenError(_("Dit traject heeft al een waarde met deze naam."))
    waarde = Waarde.objects.create(
        traject=traject,
        naam=naam,
        naam_en=naam_en.strip(),
        slug=slug,
        beschrijving_nl=beschrijving_nl.strip(),
        beschrijving_en=beschrijving_en.strip(),
    )
    TrajectWaarde.objects.create(traject=traject, waarde=waarde)
    return waarde

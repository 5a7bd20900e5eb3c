"""Writes on prep groups and table groups.

Every change of a prep group's members runs under a row lock on the group, so two people
pressing "Doe mee" for the last place are decided one at a time. A change members should
hear about raises the group's ``versie``; after commit a task e-mails them, once per person
and version (the ``Verzending`` ledger).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from berichten import sending
from berichten.sending import Due
from bijeenkomsten.models import Bijeenkomst
from samenspel import queueing
from trajecten.choices import BEZETTE_STATUSSEN, InschrijvingStatus
from trajecten.errors import TrajectError
from trajecten.models import Inschrijving

from . import grouping, messages, queries, tasks
from .choices import Bericht, GroepsReden
from .models import (
    Groepslid,
    Tafel,
    Tafelplaats,
    Voorbereidingsgroep,
)

# Changes to these settings matter to the members: they are told.
MOMENT_FIELDS = ("start", "einde", "plaats", "online_link")


def _lock(groep: Voorbereidingsgroep) -> Voorbereidingsgroep:
    return (
        Voorbereidingsgroep.objects.select_for_update(of=("self",))
        .select_related("bijeenkomst__traject")
        .get(pk=groep.pk)
    )


def _changed(groep: Voorbereidingsgroep, *, behalve: int | None = None, uit=()) -> int:
    """Raise the group's version and tell its members after commit (not ``behalve``, who
    made the change), and the people in ``uit`` that they are no longer in it."""
    Voorbereidingsgroep.objects.filter(pk=groep.pk).update(
        versie=F("versie") + 1, gewijzigd_op=timezone.now()
    )
    groep.refresh_from_db(fields=["versie", "gewijzigd_op"])
    pk, versie, weg = groep.pk, groep.versie, sorted(uit)
    # Nothing else records who must hear of this change, so without a broker their e-mails
    # are put in the outbox from here, and the sweep sends them once the broker is back.
    queueing.after_commit_or_inline(tasks.send_groep_gewijzigd, pk, versie, behalve, weg)
    return versie


def _check_participant(groep: Voorbereidingsgroep, inschrijving: Inschrijving) -> None:
    if (
        inschrijving.traject_id != groep.bijeenkomst.traject_id
        or inschrijving.status != InschrijvingStatus.GEPLAATST
    ):
        raise TrajectError(_("Alleen deelnemers met een plek kunnen in de groep."))


# --- Settings and lock --------------------------------------------------------------------


SETTINGS_FIELDS = ("grootte", *MOMENT_FIELDS)


@transaction.atomic
def save_groep(*, form) -> Voorbereidingsgroep:
    """Create or change a prep group's size and prep meeting. Only those fields are
    written (never the lock or the version another request may have changed meanwhile).
    The members hear about a new time or place."""
    groep = form.instance
    values = {name: getattr(groep, name) for name in SETTINGS_FIELDS}
    if groep.pk is None:
        try:
            with transaction.atomic():
                return form.save()
        except IntegrityError as exc:  # another coordinator was just as quick
            raise TrajectError(_("Deze bijeenkomst heeft al een voorbereidingsgroep.")) from exc
    locked = _lock(groep)
    members = locked.leden.count()
    if values["grootte"] < members:
        raise TrajectError(
            _(
                "Er zitten al %(aantal)s mensen in de groep. Kies een grootte van minstens "
                "%(aantal)s."
            )
            % {"aantal": members}
        )
    moment_changed = any(getattr(locked, name) != values[name] for name in MOMENT_FIELDS)
    Voorbereidingsgroep.objects.filter(pk=groep.pk).update(**values, gewijzigd_op=timezone.now())
    locked.refresh_from_db()
    if moment_changed and members:
        _changed(locked)
    return locked


@transaction.atomic
def lock_groep(*, groep: Voorbereidingsgroep, vergrendeld: bool) -> None:
    """A locked group takes no one in and lets no one out, except by the coordinator."""
    Voorbereidingsgroep.objects.filter(pk=groep.pk).update(
        vergrendeld=vergrendeld, gewijzigd_op=timezone.now()
    )
    groep.vergrendeld = vergrendeld


# --- Joining and leaving ------------------------------------------------------------------


def set_wil_voorbereiden(*, inschrijving: Inschrijving, wil: bool) -> None:
    Inschrijving.objects.filter(pk=inschrijving.pk).update(wil_voorbereiden=wil)
    inschrijving.wil_voorbereiden = wil


@transaction.atomic
def join_groep(*, groep: Voorbereidingsgroep, inschrijving: Inschrijving) -> bool:
    """One click: the person joins the group. Returns False when they were in it already.
    Refused (``TrajectError``) for a locked or full group; never for the balance."""
    groep = _lock(groep)
    _check_participant(groep, inschrijving)
    if groep.leden.filter(inschrijving=inschrijving).exists():
        return False
    if groep.bijeenkomst.is_geannuleerd:
        raise TrajectError(_("Deze bijeenkomst gaat niet door."))
    if groep.vergrendeld:
        raise TrajectError(
            _("Deze groep is vergrendeld: je kunt er niet meer bij. Vraag het de coördinator.")
        )
    if groep.leden.count() >= groep.grootte:
        raise TrajectError(
            _("Deze groep is vol: er zijn al %(grootte)s mensen. Misschien een volgende keer?")
            % {"grootte": groep.grootte}
        )
    Groepslid.objects.create(groep=groep, inschrijving=inschrijving, reden=GroepsReden.ZELF)
    if not inschrijving.wil_voorbereiden:
        set_wil_voorbereiden(inschrijving=inschrijving, wil=True)
    _changed(groep, behalve=inschrijving.pk)
    return True


@transaction.atomic
def leave_groep(*, groep: Voorbereidingsgroep, inschrijving: Inschrijving) -> bool:
    """The person leaves the group. Returns False when they were not in it. Refused for a
    locked group."""
    groep = _lock(groep)
    lid = groep.leden.filter(inschrijving=inschrijving).first()
    if lid is None:
        return False
    if groep.vergrendeld:
        raise TrajectError(
            _("Deze groep is vergrendeld. Wil je er toch uit? Vraag het de coördinator.")
        )
    lid.delete()
    _changed(groep, behalve=inschrijving.pk)
    return True


# --- The coordinator's proposal -----------------------------------------------------------


@dataclass(frozen=True)
class NieuwLid:
    inschrijving_id: int
    reden: str
    beurten: int = 0
    herhaalde_paren: int = 0


@transaction.atomic
def accept_voorstel(*, groep: Voorbereidingsgroep, leden: Sequence[NieuwLid]) -> bool:
    """Make the proposal the group: everyone in it becomes a member (with their reason),
    anyone else leaves. Returns whether the members changed; they are told if so, and those
    who were taken out hear that too."""
    groep = _lock(groep)
    ids = [lid.inschrijving_id for lid in leden]
    if not leden or len(set(ids)) != len(ids) or len(ids) > groep.grootte:
        raise TrajectError(_("Dit voorstel past niet bij de groep. Vraag een nieuw voorstel."))
    valid = set(
        Inschrijving.objects.filter(
            pk__in=ids,
            traject_id=groep.bijeenkomst.traject_id,
            status=InschrijvingStatus.GEPLAATST,
        ).values_list("pk", flat=True)
    )
    if valid != set(ids):
        raise TrajectError(
            _("Iemand in dit voorstel kan niet meer meedoen. Vraag een nieuw voorstel.")
        )
    before = set(groep.leden.values_list("inschrijving_id", flat=True))
    removed = before - set(ids)
    groep.leden.filter(inschrijving_id__in=removed).delete()
    groep.leden.filter(inschrijving_id__in=set(ids) & before).delete()
    Groepslid.objects.bulk_create(
        Groepslid(
            groep=groep,
            inschrijving_id=lid.inschrijving_id,
            reden=lid.reden,
            beurten=lid.beurten,
            herhaalde_paren=lid.herhaalde_paren,
        )
        for lid in leden
    )
    if before == set(ids):
        return False
    _changed(groep, uit=removed)
    return True


# --- E-mail -------------------------------------------------------------------------------


def send_groep_bericht(
    *,
    groep: Voorbereidingsgroep,
    versie: int,
    behalve: int | None = None,
    uit: Sequence[int] = (),
) -> int:
    """Put in the outbox an e-mail to the members about version ``versie`` of the group
    (unless a newer version superseded it: its own e-mail covers this change), and to the
    people in ``uit`` that they are out, if they still are. At most once per person and
    version (the ledger's key). Returns the number queued."""
    leden = groep.leden.filter(inschrijving__status__in=BEZETTE_STATUSSEN).values_list(
        "inschrijving_id", "inschrijving__deelnemer__user_id"
    )
    member_ids = {inschrijving_id for inschrijving_id, _ in leden}
    b = groep.bijeenkomst
    dues = []
    if groep.versie == versie:
        dues += [
            Due(user_id, b.traject_id, Bericht.GROEP, messages.group_key(groep, versie), b.pk, i_id)
            for i_id, user_id in leden
            if i_id != behalve
        ]
    weg = Inschrijving.objects.filter(
        pk__in=[pk for pk in uit if pk not in member_ids], status__in=BEZETTE_STATUSSEN
    ).values_list("pk", "deelnemer__user_id")
    dues += [
        Due(user_id, b.traject_id, Bericht.GROEP_UIT, messages.group_key(groep, versie), b.pk, i_id)
        for i_id, user_id in weg
    ]
    return sending.queue(dues)


# --- Table groups -------------------------------------------------------------------------


def _lock_meeting(bijeenkomst: Bijeenkomst) -> Bijeenkomst:
    return (
        Bijeenkomst.objects.select_for_update(of=("self",))
        .select_related("traject")
        .get(pk=bijeenkomst.pk)
    )


@dataclass(frozen=True)
class Indeling:
    """The tables of a meeting after a split, and the plan of the newly made ones."""

    tafels: list[Tafel]
    plan: grouping.Tafelplan


@transaction.atomic
def make_tables(*, bijeenkomst: Bijeenkomst, seed: int = 0) -> Indeling:
    """Split the meeting's people (checked in, or who said they come) into balanced tables
    of 4–6 (see ``grouping.table_plan`` for when that cannot be) with as few pairs as
    possible who sat together before. Replaces an earlier split, except locked tables:
    they keep their number and their people, and the others are split around them.
    Returns every table of the meeting, in order of number, and the plan of the new ones."""
    bijeenkomst = _lock_meeting(bijeenkomst)
    locked = list(bijeenkomst.tafels.filter(vergrendeld=True).order_by("nummer"))
    kept = set(
        Tafelplaats.objects.filter(tafel__in=locked).values_list("inschrijving_id", flat=True)
    )
    candidates = queries.tafel_kandidaten(bijeenkomst).mensen
    people = [i for i in candidates if i.pk not in kept]
    if not candidates:
        raise TrajectError(
            _(
                "Er is nog niemand om in te delen: niemand is aanwezig gemeld of heeft gezegd "
                "te komen."
            )
        )
    split = grouping.table_groups(
        [grouping.Persoon(i.pk, i.tag) for i in people],
        queries.sat_together(bijeenkomst),
        seed=seed,
    )
    bijeenkomst.tafels.filter(vergrendeld=False).delete()
    bijeenkomst.tafels.filter(vergrendeld=True).update(indeling=seed)
    taken = {t.nummer for t in locked}
    numbers = (n for n in range(1, len(split) + len(taken) + 1) if n not in taken)
    tafels = Tafel.objects.bulk_create(
        Tafel(bijeenkomst=bijeenkomst, nummer=nummer, indeling=seed)
        for nummer, _ids in zip(numbers, split, strict=False)
    )
    Tafelplaats.objects.bulk_create(
        Tafelplaats(tafel=tafel, bijeenkomst=bijeenkomst, inschrijving_id=pk)
        for tafel, ids in zip(tafels, split, strict=True)
        for pk in ids
    )
    return Indeling(
        tafels=sorted([*locked, *tafels], key=lambda t: t.nummer),
        plan=grouping.table_plan(len(people)),
    )


@dataclass(frozen=True)
class Aanschuiven:
    """Where a late arrival sits, and whether a table was opened for them (every table
    with room was full or locked)."""

    tafel: Tafel
    nieuwe_tafel: bool = False


def _new_table(bijeenkomst: Bijeenkomst) -> Tafel:
    last = bijeenkomst.tafels.order_by("-nummer").first()
    return Tafel.objects.create(
        bijeenkomst=bijeenkomst,
        nummer=(last.nummer + 1) if last else 1,
        indeling=last.indeling if last else 0,
    )


def _check_seat(bijeenkomst: Bijeenkomst, inschrijving: Inschrijving) -> None:
    if (
        inschrijving.traject_id != bijeenkomst.traject_id
        or inschrijving.status not in BEZETTE_STATUSSEN
    ):
        raise TrajectError(_("Alleen deelnemers met een plek kunnen aan een tafel."))


@transaction.atomic
def seat_late_arrival(*, bijeenkomst: Bijeenkomst, inschrijving: Inschrijving) -> Aanschuiven:
    """Someone who comes later joins the open table where they best keep the balance, never
    a full or a locked one; when there is none, a new table is opened for them. Someone
    with a table keeps it."""
    bijeenkomst = _lock_meeting(bijeenkomst)
    _check_seat(bijeenkomst, inschrijving)
    eigen = Tafelplaats.objects.filter(bijeenkomst=bijeenkomst, inschrijving=inschrijving).first()
    if eigen is not None:
        return Aanschuiven(eigen.tafel)
    tafels = list(bijeenkomst.tafels.order_by("nummer"))
    if not tafels:
        raise TrajectError(_("Er zijn nog geen tafels. Maak eerst een indeling."))
    seated: dict[int, list[grouping.Persoon]] = {t.pk: [] for t in tafels}
    rows = Tafelplaats.objects.filter(bijeenkomst=bijeenkomst).values_list(
        "tafel_id", "inschrijving_id", "inschrijving__tag"
    )
    for tafel_id, pk, tag in rows:
        seated[tafel_id].append(grouping.Persoon(pk, tag))
    index = grouping.add_late_arrival(
        [seated[t.pk] for t in tafels],
        grouping.Persoon(inschrijving.pk, inschrijving.tag),
        bijeenkomst.traject.doelen,
        queries.sat_together(bijeenkomst),
        closed={j for j, t in enumerate(tafels) if t.vergrendeld},
    )
    tafel = _new_table(bijeenkomst) if index is None else tafels[index]
    Tafelplaats.objects.create(
        tafel=tafel, bijeenkomst=bijeenkomst, inschrijving=inschrijving, laat=True
    )
    return Aanschuiven(tafel, nieuwe_tafel=index is None)


@transaction.atomic
def move_to_table(
    *, bijeenkomst: Bijeenkomst, inschrijving: Inschrijving, nummer: int | None
) -> Tafel:
    """The coordinator moves someone to table ``nummer`` (None: a new table). Refused for
    a locked table (theirs or the other) and for a full one; a table left empty is
    removed. Returns the person's table."""
    bijeenkomst = _lock_meeting(bijeenkomst)
    _check_seat(bijeenkomst, inschrijving)
    plaats = (
        Tafelplaats.objects.filter(bijeenkomst=bijeenkomst, inschrijving=inschrijving)
        .select_related("tafel")
        .first()
    )
    if plaats is not None and plaats.tafel.nummer == nummer:
        return plaats.tafel
    if plaats is not None and plaats.tafel.vergrendeld:
        raise TrajectError(
            _("Tafel %(nummer)s is vergrendeld. Open de tafel eerst.")
            % {"nummer": plaats.tafel.nummer}
        )
    if nummer is None:
        naar = _new_table(bijeenkomst)
    else:
        naar = bijeenkomst.tafels.filter(nummer=nummer).first()
        if naar is None:
            raise TrajectError(_("Die tafel bestaat niet meer. Kijk opnieuw naar de tafellijst."))
        if naar.vergrendeld:
            raise TrajectError(
                _("Tafel %(nummer)s is vergrendeld. Open de tafel eerst.") % {"nummer": nummer}
            )
        if naar.plaatsen.count() >= grouping.TABLE_MAX:
            raise TrajectError(
                _(
                    "Tafel %(nummer)s is vol: er zitten al %(max)s mensen. Verplaats eerst "
                    "iemand van die tafel, of kies een nieuwe tafel."
                )
                % {"nummer": nummer, "max": grouping.TABLE_MAX}
            )
    if plaats is None:
        Tafelplaats.objects.create(tafel=naar, bijeenkomst=bijeenkomst, inschrijving=inschrijving)
        return naar
    van = plaats.tafel
    Tafelplaats.objects.filter(pk=plaats.pk).update(tafel=naar)
    if not van.plaatsen.exists():
        van.delete()
    return naar


@transaction.atomic
def lock_tafel(*, tafel: Tafel, vergrendeld: bool) -> None:
    """A locked table is kept as it is when the tables are made again, gets no late
    arrivals, and no one is moved to or from it."""
    Tafel.objects.filter(pk=tafel.pk).update(vergrendeld=vergrendeld)
    tafel.vergrendeld = vergrendeld

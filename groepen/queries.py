"""Reads of the prep groups and table groups: the history the algorithms in ``groepen`` need,
the proposal as the coordinator sees it, and what each page shows.

Every function runs a fixed number of queries, whatever the number of people.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from bijeenkomsten.choices import Antwoord, BijdrageSoort
from bijeenkomsten.models import Aanwezigheid, Bijdrage, Bijeenkomst
from bijeenkomsten.queries import voornaam
from trajecten.balance import TAGS, Balans, balance, count_tags
from trajecten.choices import BEZETTE_STATUSSEN, InschrijvingStatus, Rol, Tag
from trajecten.errors import TrajectError
from trajecten.models import Inschrijving

from . import grouping
from .choices import GroepsReden
from .models import (
    Groepslid,
    Tafel,
    Tafelplaats,
    Voorbereidingsgroep,
)

SWAP_OPTIONS = 8  # replacements offered per member of a proposal


# --- History ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Geschiedenis:
    """Earlier prep duties of a traject, before one meeting: how often each person served
    (by inschrijving id) and which pairs already prepared a meeting together."""

    beurten: dict[int, int]
    paren: set[frozenset[int]]


def prep_history(bijeenkomst: Bijeenkomst) -> Geschiedenis:
    """From the prep groups of the traject's earlier meetings (those that start before this
    one). One query."""
    rows = Groepslid.objects.filter(
        groep__bijeenkomst__traject_id=bijeenkomst.traject_id,
        groep__bijeenkomst__start__lt=bijeenkomst.start,
    ).values_list("groep_id", "inschrijving_id")
    groups: dict[int, list[int]] = {}
    for groep_id, inschrijving_id in rows:
        groups.setdefault(groep_id, []).append(inschrijving_id)
    beurten = Counter(i for members in groups.values() for i in members)
    return Geschiedenis(beurten=dict(beurten), paren=grouping.pairs_of(groups.values()))


def sat_together(bijeenkomst: Bijeenkomst) -> set[frozenset[int]]:
    """Pairs of people who sat at one table at an earlier meeting of the traject. One query."""
    rows = Tafelplaats.objects.filter(
        bijeenkomst__traject_id=bijeenkomst.traject_id,
        bijeenkomst__start__lt=bijeenkomst.start,
    ).values_list("tafel_id", "inschrijving_id")
    tables: dict[int, list[int]] = {}
    for tafel_id, inschrijving_id in rows:
        tables.setdefault(tafel_id, []).append(inschrijving_id)
    return grouping.pairs_of(tables.values())


def _persoon(inschrijving, geschiedenis: Geschiedenis | None = None) -> grouping.Persoon:
    return grouping.Persoon(
        id=inschrijving.pk,
        tag=inschrijving.tag,
        is_manager=inschrijving.rol == Rol.LEIDINGGEVENDE,
        times_served=geschiedenis.beurten.get(inschrijving.pk, 0) if geschiedenis else 0,
    )


# --- Texts --------------------------------------------------------------------------------


def tag_label(tag: str) -> str:
    return str(Tag(tag).label).lower()


def reden_tekst(code: str, tag: str, beurten: int = 0, herhaalde_paren: int = 0) -> str:
    """One line on why someone is in a prep group, in the reader's language (the Dutch
    sentences of ``grouping.Reden.omschrijving``, through gettext)."""
    values = {"tag": tag_label(tag), "beurten": beurten, "herhaalde_paren": herhaalde_paren}
    teksten = {
        GroepsReden.LEIDINGGEVENDE: _(
            "Leidinggevende (%(tag)s): zo komt wat we leren terecht in de organisatie."
        ),
        GroepsReden.TAG_NODIG: _(
            "Nodig voor de balans: er is verder niemand beschikbaar (%(tag)s)."
        ),
        GroepsReden.NOG_GEEN_BEURT: _("Was nog niet in een voorbereidingsgroep (%(tag)s)."),
        GroepsReden.MINST_BEURTEN: _(
            "Was %(beurten)s keer in een voorbereidingsgroep, minder vaak dan de anderen (%(tag)s)."
        ),
        GroepsReden.WEINIG_HERHALING: _(
            "Was even vaak aan de beurt als anderen; bereidde met %(herhaalde_paren)s van "
            "deze groep al eens iets voor (%(tag)s)."
        ),
        GroepsReden.ZELF: _("Deed zelf mee (%(tag)s)."),
        GroepsReden.COORDINATOR: _(
            "Gekozen door de coördinator (%(tag)s); was %(beurten)s keer in een "
            "voorbereidingsgroep."
        ),
    }
    return teksten[code] % values


def zoekt_nog(tag: str) -> str:
    """The kind sentence for a tag the group still lacks."""
    if tag == Tag.ERVARINGSDESKUNDIGE:
        return _("Deze groep zoekt nog een ervaringsdeskundige.")
    if tag == Tag.FORMEEL:
        return _(
            "Deze groep zoekt nog iemand die formeel meedoet, zoals een professional of ambtenaar."
        )
    return _(
        "Deze groep zoekt nog iemand die informeel meedoet, zoals een vrijwilliger, "
        "mantelzorger of bewoner."
    )


# --- The prep-group page ------------------------------------------------------------------


def groep_van(bijeenkomst: Bijeenkomst) -> Voorbereidingsgroep | None:
    return Voorbereidingsgroep.objects.filter(bijeenkomst=bijeenkomst).first()


@dataclass
class GroepStand:
    """What the page shows of one prep group."""

    groep: Voorbereidingsgroep
    leden: list[Groepslid]
    balans: Balans
    zoekt: list[str]  # kind sentences for the tags the group still lacks
    vrij: int  # places left
    mijn_lid: Groepslid | None = None

    @property
    def vol(self) -> bool:
        return self.vrij <= 0

    @property
    def open(self) -> bool:
        return not self.groep.vergrendeld and not self.vol


def groep_stand(groep: Voorbereidingsgroep, doelen, mijn=None) -> GroepStand:
    """The group's members (first names through ``lid.voornaam``), balance and what it
    still looks for. One query."""
    leden = list(
        groep.leden.select_related("inschrijving__deelnemer__user").order_by("toegevoegd_op", "id")
    )
    for lid in leden:
        user = lid.inschrijving.deelnemer.user
        lid.voornaam = voornaam(user) or _("Iemand zonder naam")
        lid.naam = lid.inschrijving.weergavenaam
        lid.reden_tekst = reden_tekst(
            lid.reden, lid.inschrijving.tag, lid.beurten, lid.herhaalde_paren
        )
    counts = count_tags(lid.inschrijving.tag for lid in leden)
    vrij = groep.grootte - len(leden)
    zoekt = []
    if vrij > 0 and not groep.vergrendeld:
        zoekt = [zoekt_nog(tag) for tag in TAGS if doelen.get(tag, 0) > 0 and counts[tag] == 0]
    mijn_lid = next((lid for lid in leden if mijn and lid.inschrijving_id == mijn.pk), None)
    return GroepStand(
        groep=groep,
        leden=leden,
        balans=balance(counts, doelen),
        zoekt=zoekt,
        vrij=vrij,
        mijn_lid=mijn_lid,
    )


def wensen(bijeenkomst: Bijeenkomst) -> list[str]:
    """What the placed people want to talk about: text only, no names, in alphabetical
    order (so the order does not tell who wrote what). One query."""
    rows = (
        Inschrijving.objects.filter(traject_id=bijeenkomst.traject_id, status__in=BEZETTE_STATUSSEN)
        .exclude(wensen="")
        .order_by("wensen")
        .values_list("wensen", flat=True)
    )
    return list(rows)


def bijdragen_tot_nu(bijeenkomst: Bijeenkomst) -> list[dict]:
    """The visible contributions of the traject's earlier meetings, per kind: text only.
    One query."""
    groepen_per_soort = {
        soort: {"soort": soort, "label": BijdrageSoort(soort).label, "teksten": []}
        for soort in BijdrageSoort.values
    }
    rows = (
        Bijdrage.objects.filter(
            bijeenkomst__traject_id=bijeenkomst.traject_id,
            bijeenkomst__start__lt=bijeenkomst.start,
            verborgen=False,
        )
        .order_by("aangemaakt_op", "id")
        .values_list("soort", "tekst")
    )
    for soort, tekst in rows:
        groepen_per_soort[soort]["teksten"].append(tekst)
    return [g for g in groepen_per_soort.values() if g["teksten"]]


def bereid(bijeenkomst: Bijeenkomst) -> Balans:
    """The placed people who are willing to help prepare, per tag. One query."""
    rows = Inschrijving.objects.filter(
        traject_id=bijeenkomst.traject_id,
        status=InschrijvingStatus.GEPLAATST,
        wil_voorbereiden=True,
    ).values_list("tag", flat=True)
    return balance(count_tags(rows), bijeenkomst.traject.doelen)


# --- The proposal -------------------------------------------------------------------------


@dataclass(frozen=True)
class WisselOptie:
    inschrijving: Inschrijving
    naam: str
    tag: str
    beurten: int
    voor: int | None  # balance index (0–100) of the group now
    na: int | None  # and after the swap

    @property
    def label(self) -> str:
        values = {
            "naam": self.naam,
            "tag": tag_label(self.tag),
            "beurten": self.beurten,
            "voor": "–" if self.voor is None else self.voor,
            "na": "–" if self.na is None else self.na,
        }
        return (
            _("%(naam)s (%(tag)s, %(beurten)s keer voorbereid): balans %(voor)s → %(na)s") % values
        )


@dataclass
class VoorstelLid:
    inschrijving: Inschrijving
    naam: str
    reden: str  # a GroepsReden value
    beurten: int
    herhaalde_paren: int
    wissels: list[WisselOptie] = field(default_factory=list)

    @property
    def reden_tekst(self) -> str:
        return reden_tekst(self.reden, self.inschrijving.tag, self.beurten, self.herhaalde_paren)


@dataclass(frozen=True)
class Wissel:
    """A swap the coordinator just made, and its effect on the balance."""

    uit: str
    erin: str
    voor: int | None
    na: int | None


@dataclass
class Voorstel:
    """A proposed prep group as the coordinator sees it: members with a reason and the
    best replacements for each, and the state to send back (seed, manager, members)."""

    leden: list[VoorstelLid]
    balans: Balans
    seed: int
    leidinggevende: bool
    pool: int  # how many willing, placed people there are
    grootte: int
    exact: bool
    wissel: Wissel | None = None  # the swap just made, if any
    geen_ander: bool = False  # "Ander voorstel" found no other, equally good group

    @property
    def ids(self) -> list[int]:
        return [lid.inschrijving.pk for lid in self.leden]

    @property
    def te_weinig(self) -> bool:
        return self.pool < self.grootte


def prep_pool(bijeenkomst: Bijeenkomst) -> dict[int, Inschrijving]:
    """The willing people with a seat, by inschrijving id. One query."""
    rows = (
        Inschrijving.objects.filter(
            traject_id=bijeenkomst.traject_id,
            status=InschrijvingStatus.GEPLAATST,
            wil_voorbereiden=True,
        )
        .select_related("deelnemer__user")
        .order_by("id")
    )
    return {i.pk: i for i in rows}


def voorstel(
    groep: Voorbereidingsgroep,
    *,
    seed: int = 0,
    leidinggevende: bool = False,
    leden: list[int] | None = None,
    wissel: tuple[int, int] | None = None,
) -> Voorstel:
    """The algorithm's proposal for ``seed``; with ``leden`` (after a swap) those people,
    keeping the algorithm's reason for everyone it chose; with ``wissel`` = (out, in) one
    more swap on top, whose effect on the balance comes with the result. Two queries."""
    bijeenkomst = groep.bijeenkomst
    doelen = bijeenkomst.traject.doelen
    pool = prep_pool(bijeenkomst)
    if not pool:
        raise TrajectError(
            _(
                "Er is nog niemand met een plek die wil helpen voorbereiden. "
                "Vraag het de deelnemers."
            )
        )
    geschiedenis = prep_history(bijeenkomst)
    personen = {pk: _persoon(i, geschiedenis) for pk, i in pool.items()}
    k = min(groep.grootte, len(personen))
    berekend = grouping.propose_prep_group(
        personen.values(), k, doelen, geschiedenis.paren, seed=seed, include_manager=leidinggevende
    )
    redenen = {lid.persoon.id: lid.reden for lid in berekend.leden}
    if leden is None:
        ids = list(berekend.ids)
    else:
        if len(set(leden)) != len(leden) or not 1 <= len(leden) <= grouping.K_MAX:
            raise TrajectError(_("Dit voorstel klopt niet meer. Vraag een nieuw voorstel."))
        if any(pk not in personen for pk in leden):
            raise TrajectError(
                _("Iemand in dit voorstel kan niet meer meedoen. Vraag een nieuw voorstel.")
            )
        ids = list(leden)
    gedaan = None
    if wissel is not None:
        uit, erin = wissel
        if uit not in ids or erin not in personen or erin in ids:
            raise TrajectError(_("Deze wissel kan niet. Kies iemand anders."))
        effect = grouping.swap_effect(
            [personen[pk] for pk in ids], uit, personen[erin], doelen, geschiedenis.paren
        )
        gedaan = Wissel(
            uit=str(pool[uit].deelnemer.user),
            erin=str(pool[erin].deelnemer.user),
            voor=effect.voor.index_procent,
            na=effect.na.index_procent,
        )
        ids = [erin if pk == uit else pk for pk in ids]
    members = [personen[pk] for pk in ids]
    member_ids = set(ids)
    result = []
    for p in sorted(members, key=lambda p: (TAGS.index(p.tag), p.id)):
        repeats = sum(1 for q in member_ids - {p.id} if frozenset((p.id, q)) in geschiedenis.paren)
        reden = redenen[p.id].code if p.id in redenen else GroepsReden.COORDINATOR
        wissels = []
        for option, _score in grouping.rank_swaps(
            members, p.id, personen.values(), doelen, geschiedenis.paren, leidinggevende
        )[:SWAP_OPTIONS]:
            effect = grouping.swap_effect(
                members, p.id, option, doelen, geschiedenis.paren, leidinggevende
            )
            wissels.append(
                WisselOptie(
                    inschrijving=pool[option.id],
                    naam=str(pool[option.id].deelnemer.user),
                    tag=option.tag,
                    beurten=option.times_served,
                    voor=effect.voor.index_procent,
                    na=effect.na.index_procent,
                )
            )
        result.append(
            VoorstelLid(
                inschrijving=pool[p.id],
                naam=str(pool[p.id].deelnemer.user),
                reden=reden,
                beurten=p.times_served,
                herhaalde_paren=repeats,
                wissels=wissels,
            )
        )
    return Voorstel(
        leden=result,
        balans=balance(count_tags(p.tag for p in members), doelen),
        seed=seed,
        leidinggevende=leidinggevende,
        pool=len(personen),
        grootte=groep.grootte,
        exact=berekend.exact,
        wissel=gedaan,
    )


# --- Table groups -------------------------------------------------------------------------


@dataclass(frozen=True)
class Kandidaten:
    mensen: list[Inschrijving]
    aanwezig: bool  # True: the people checked in; False: those who said they come


def tafel_kandidaten(bijeenkomst: Bijeenkomst) -> Kandidaten:
    """Who is split into tables: the people checked in, or, before anyone is checked in,
    those who said they come. Only people with a seat. One query."""
    rows = list(
        Aanwezigheid.objects.filter(
            bijeenkomst=bijeenkomst, inschrijving__status__in=BEZETTE_STATUSSEN
        )
        .filter(Q(aanwezig=True) | Q(antwoord=Antwoord.KOMT))
        .select_related("inschrijving__deelnemer__user")
        .order_by("inschrijving_id")
    )
    aanwezig = any(row.aanwezig for row in rows)
    if aanwezig:
        rows = [row for row in rows if row.aanwezig]
    return Kandidaten(mensen=[row.inschrijving for row in rows], aanwezig=aanwezig)


@dataclass
class TafelStand:
    tafel: Tafel
    plaatsen: list  # Tafelplaats with inschrijving, deelnemer, user and .voornaam
    balans: Balans

    @property
    def per_tag(self) -> list[tuple[str, int]]:
        return [(str(Tag(t.tag).label), t.aantal) for t in self.balans.per_tag]


def tafels(bijeenkomst: Bijeenkomst) -> list[TafelStand]:
    """Every table of the meeting with its people (full names for the coordinator, first
    names in ``.voornaam``) and balance. Two queries."""
    doelen = bijeenkomst.traject.doelen
    plaatsen: dict[int, list] = {}
    rows = (
        Tafelplaats.objects.filter(bijeenkomst=bijeenkomst)
        .select_related("inschrijving__deelnemer__user")
        .order_by("inschrijving__deelnemer__user__naam", "id")
    )
    for plaats in rows:
        plaats.voornaam = voornaam(plaats.inschrijving.deelnemer.user) or _("Iemand zonder naam")
        plaatsen.setdefault(plaats.tafel_id, []).append(plaats)
    result = []
    for tafel in bijeenkomst.tafels.order_by("nummer"):
        mensen = plaatsen.get(tafel.pk, [])
        counts = count_tags(p.inschrijving.tag for p in mensen)
        result.append(TafelStand(tafel=tafel, plaatsen=mensen, balans=balance(counts, doelen)))
    return result


def mijn_tafel(bijeenkomst: Bijeenkomst, inschrijving) -> TafelStand | None:
    """The table of one person, with the first names of everyone at it. Two queries."""
    if inschrijving is None:
        return None
    eigen = (
        Tafelplaats.objects.filter(bijeenkomst=bijeenkomst, inschrijving=inschrijving)
        .select_related("tafel")
        .first()
    )
    if eigen is None:
        return None
    rows = list(
        eigen.tafel.plaatsen.select_related("inschrijving__deelnemer__user").order_by(
            "inschrijving__deelnemer__user__naam", "id"
        )
    )
    for plaats in rows:
        plaats.voornaam = voornaam(plaats.inschrijving.deelnemer.user) or _("Iemand zonder naam")
        plaats.ben_ik = plaats.inschrijving_id == inschrijving.pk
    counts = count_tags(p.inschrijving.tag for p in rows)
    return TafelStand(
        tafel=eigen.tafel, plaatsen=rows, balans=balance(counts, bijeenkomst.traject.doelen)
    )


def plan_tekst(plan: grouping.Tafelplan) -> str:
    """What the split will be, in plain words; honest when the promised sizes cannot be
    kept (7 people in tables of 4–6)."""
    if plan.as_promised:
        return _(
            "Samenspel verdeelt hen over tafels van 4 tot 6 mensen, elke tafel in balans, met "
            "zo weinig mogelijk mensen die al eerder samen aan tafel zaten."
        )
    values = {
        "aantal": sum(plan.sizes),
        "min": plan.min_size,
        "max": plan.max_size,
        "tafels": len(plan.sizes),
        "klein": min(plan.sizes),
        "groot": max(plan.sizes),
    }
    if len(plan.sizes) == 1:
        text = _(
            "Met %(aantal)s mensen kan het niet in tafels van %(min)s tot %(max)s: we maken "
            "1 tafel van %(klein)s."
        )
    elif values["klein"] == values["groot"]:
        text = _(
            "Met %(aantal)s mensen kan het niet in tafels van %(min)s tot %(max)s: we maken "
            "%(tafels)s tafels van %(klein)s."
        )
    else:
        text = _(
            "Met %(aantal)s mensen kan het niet in tafels van %(min)s tot %(max)s: we maken "
            "tafels van %(klein)s en %(groot)s."
        )
    return text % values

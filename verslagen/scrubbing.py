"""Taking people out of every stored report and guide version, when they delete their
account or when a traject's retention period ends.

A version's data (``VerslagVersie.gegevens``) holds the person's id beside every first
name it shows (contributions, quotes, the next prep group), so a name goes exactly, not by
searching text. Evaluation answers hold no id (they are anonymous); the person's own
answers to a meeting are taken out of that meeting's lists, one occurrence each. The HTML
is then rendered again from the cleaned data, and the PDF is dropped: the PDF views render
it again from the cleaned HTML when it is asked for. A guide holds the published reports'
HTML: each old fragment is swapped for the new one, and the quotes in its values chapter
lose the first name. The narrative and other free text written by a coordinator can only
be searched: full name, e-mail address and first name (as a whole word) go there.

Versions stored before ids were kept (schema 1) are cleaned by matching the person's own
contributions and quotes of that meeting, and their first name in the prep-group list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from bijeenkomsten.models import Bijdrage
from bijeenkomsten.queries import voornaam
from samenspel import queueing
from waarden.models import Citaat

from . import document
from .handreiking.document import shift_headings
from .models import HandreikingVersie, VerslagVersie

VERWIJDERD = "[verwijderd]"


@dataclass
class Weg:
    """One person to take out: their account id, names and address, and per meeting
    (by id) their open evaluation answers and the texts they wrote with their name."""

    user_id: int
    voornaam: str
    naam: str = ""
    email: str = ""
    antwoorden: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    eigen_teksten: dict[int, set[str]] = field(default_factory=dict)
    citaten: set[str] = field(default_factory=set)  # their quotes shown with their name
    namen: set[str] = field(default_factory=set)  # names given per traject (Inschrijving.naam)


def people_of(inschrijvingen) -> list[Weg]:
    """The ``Weg`` of each enrolment's person, with what they wrote. Four queries."""

    from .models import Evaluatie

    inschrijvingen = list(inschrijvingen)
    by_user: dict[int, Weg] = {}
    by_inschrijving: dict[int, Weg] = {}
    for i in inschrijvingen:
        user = i.deelnemer.user
        weg = by_user.setdefault(
            user.pk, Weg(user_id=user.pk, voornaam=voornaam(user), naam=user.naam, email=user.email)
        )
        weg.namen.add(i.naam)
        by_inschrijving[i.pk] = weg
    trajecten = {i.traject_id for i in inschrijvingen}
    for inschrijving_id, bijeenkomst_id, wat_werkte, kan_beter in Evaluatie.objects.filter(
        inschrijving_id__in=by_inschrijving
    ).values_list("inschrijving_id", "bijeenkomst_id", "wat_werkte", "kan_beter"):
        antwoorden = by_inschrijving[inschrijving_id].antwoorden.setdefault(
            bijeenkomst_id, {"wat_werkte": [], "kan_beter": []}
        )
        for key, tekst in (("wat_werkte", wat_werkte), ("kan_beter", kan_beter)):
            if tekst and tekst.strip():
                antwoorden[key].append(tekst.strip())
    for door_id, bijeenkomst_id, tekst in Bijdrage.objects.filter(
        door_id__in=by_user, bijeenkomst__traject_id__in=trajecten, toon_naam=True
    ).values_list("door_id", "bijeenkomst_id", "tekst"):
        by_user[door_id].eigen_teksten.setdefault(bijeenkomst_id, set()).add(tekst)
    for inschrijving_id, bijeenkomst_id, tekst in Citaat.objects.filter(
        inschrijving_id__in=by_inschrijving, toon_naam=True
    ).values_list("inschrijving_id", "bijeenkomst_id", "tekst"):
        weg = by_inschrijving[inschrijving_id]
        weg.citaten.add(tekst)
        if bijeenkomst_id is not None:
            weg.eigen_teksten.setdefault(bijeenkomst_id, set()).add(tekst)
    return list(by_user.values())


# --- Report data ---------------------------------------------------------------------------


def _named_item_goes(item: dict, mensen: list[Weg], bijeenkomst_id: int | None) -> bool:
    if not item.get("naam"):
        return False
    if "persoon" in item:
        return item["persoon"] in {w.user_id for w in mensen}
    # Schema 1: no id; the person's own text of this meeting, under their first name.
    return any(
        item["naam"] == w.voornaam and item["tekst"] in w.eigen_teksten.get(bijeenkomst_id, ())
        for w in mensen
    )


def clean_data(data: dict, mensen: list[Weg], bijeenkomst_id: int | None) -> dict:
    """The report data without these people: no first name of theirs, no prep-group
    membership, none of their open evaluation answers. Returns a new dict."""
    ids = {w.user_id for w in mensen}
    voornamen = {w.voornaam for w in mensen if w.voornaam}
    data = {**data}
    if "bijdragen" not in data or "citaten" not in data or "evaluatie" not in data:
        return data  # not a report's data
    data["bijdragen"] = [
        {
            **groep,
            "items": [
                {**item, "naam": "", "persoon": None}
                if _named_item_goes(item, mensen, bijeenkomst_id)
                else item
                for item in groep["items"]
            ],
        }
        for groep in data.get("bijdragen", [])
    ]
    data["citaten"] = [
        {
            **groep,
            "citaten": [
                {**c, "naam": "", "persoon": None}
                if _named_item_goes(c, mensen, bijeenkomst_id)
                else c
                for c in groep["citaten"]
            ],
        }
        for groep in data.get("citaten", [])
    ]
    if isinstance(data.get("voorbereiding"), dict):
        leden = []
        for lid in data["voorbereiding"]["leden"]:
            if isinstance(lid, dict):
                if lid.get("persoon") in ids:
                    continue
            elif lid in voornamen:  # schema 1: first names only
                continue
            leden.append(lid)
        data["voorbereiding"] = {**data["voorbereiding"], "leden": leden}
    evaluatie = {**data.get("evaluatie", {})}
    for key in ("wat_werkte", "kan_beter"):
        if key in evaluatie:
            rest = list(evaluatie[key])
            for w in mensen:
                for tekst in w.antwoorden.get(bijeenkomst_id, {}).get(key, []):
                    if tekst in rest:
                        rest.remove(tekst)
            evaluatie[key] = rest
    data["evaluatie"] = evaluatie
    return data


def scrub_text(text: str, mensen: list[Weg]) -> str:
    """Free text (a narrative): full names and addresses anywhere, first names as whole
    words."""
    for w in mensen:
        needles = {w.naam.strip(), w.email, *(naam.strip() for naam in w.namen)} - {""}
        for needle in sorted(needles, key=len, reverse=True):
            text = text.replace(needle, VERWIJDERD)
        if w.voornaam:
            text = re.sub(rf"(?<!\w){re.escape(w.voornaam)}(?!\w)", VERWIJDERD, text)
    return text


# --- Stored versions -----------------------------------------------------------------------


def remove_from_documents(*, traject_ids, mensen: list[Weg]) -> int:
    """Take ``mensen`` out of every report and guide version of these trajecten (published
    ones too). Returns how many versions changed."""
    if not mensen:
        return 0
    fragmenten: dict[str, str] = {}  # old report HTML -> new
    changed = 0
    verslagen_zonder_pdf, gidsen_zonder_pdf = [], []
    for versie in VerslagVersie.objects.filter(
        verslag__bijeenkomst__traject_id__in=traject_ids
    ).select_related("verslag"):
        data = clean_data(versie.gegevens, mensen, versie.verslag.bijeenkomst_id)
        verhaal = scrub_text(versie.verhaal, mensen)
        if data == versie.gegevens and verhaal == versie.verhaal:
            continue
        html = document.render_fragment(data) if data != versie.gegevens else versie.html
        if html != versie.html:
            fragmenten[versie.html] = html
        versie.gegevens, versie.html, versie.verhaal, versie.pdf = data, html, verhaal, b""
        versie.save(update_fields=["gegevens", "html", "verhaal", "pdf"])
        verslagen_zonder_pdf.append(versie.pk)
        changed += 1
    for versie in HandreikingVersie.objects.filter(handreiking__traject_id__in=traject_ids):
        html = _clean_guide_html(versie.html, fragmenten, mensen)
        if html != versie.html:
            versie.html, versie.pdf = html, b""
            versie.save(update_fields=["html", "pdf"])
            gidsen_zonder_pdf.append(versie.pk)
            changed += 1
    if verslagen_zonder_pdf or gidsen_zonder_pdf:
        # Until the worker is done, the PDF views render it from the cleaned HTML.

        from .tasks import render_pdfs

        queueing.after_commit(render_pdfs, verslagen_zonder_pdf, gidsen_zonder_pdf)
    return changed


def render_missing_pdfs(verslag_versie_ids, handreiking_versie_ids) -> int:
    """Render and store the PDF of each of these versions that has none (dropped when a
    person was taken out). Idempotent: a version that has its PDF again is left alone.
    Returns how many PDFs were stored."""
    from .handreiking.services import render_pdf as render_guide_pdf

    stored = 0
    for versie in VerslagVersie.objects.filter(pk__in=verslag_versie_ids, pdf=b"").defer("pdf"):
        pdf = document.render_pdf(
            data=versie.gegevens, fragment=versie.html, verhaal_tekst=versie.verhaal
        )
        # Only if the version was not changed again meanwhile (then a newer task follows).
        stored += VerslagVersie.objects.filter(
            pk=versie.pk, pdf=b"", html=versie.html, verhaal=versie.verhaal
        ).update(pdf=pdf)
    for versie in (
        HandreikingVersie.objects.filter(pk__in=handreiking_versie_ids, pdf=b"")
        .select_related("handreiking__traject")
        .defer("pdf")
    ):
        pdf = render_guide_pdf(versie.handreiking.traject, versie.secties, versie.html)
        stored += HandreikingVersie.objects.filter(pk=versie.pk, pdf=b"", html=versie.html).update(
            pdf=pdf
        )
    return stored


def _clean_guide_html(html: str, fragmenten: dict[str, str], mensen: list[Weg]) -> str:
    for oud, nieuw in fragmenten.items():
        html = html.replace(shift_headings(oud), shift_headings(nieuw))
    with translation.override(settings.LANGUAGE_CODE):
        iemand = escape(_("iemand aan tafel"))
    for w in mensen:
        if not w.voornaam:
            continue
        naam = re.escape(escape(w.voornaam))
        # The source under their quotes in the values chapter: "– Dirk, bijeenkomst 2".
        for tekst in w.citaten:
            html = re.sub(
                rf'(<p>{re.escape(escape(tekst))}</p></blockquote><p class="citaat__bron">– )'
                rf"{naam}(?=[,<])",
                lambda m: m.group(1) + iemand,
                html,
            )
        # A report fragment the swap did not find (compiled from older HTML): the name
        # after their own contributions and quotes.
        for tekst in set().union(*w.eigen_teksten.values(), w.citaten):
            html = re.sub(
                rf"({re.escape(escape(tekst))}(?:</q>)?)"
                rf' <span class="verslag__naam">\({naam}\)</span>',
                lambda m: m.group(1),
                html,
            )
    return scrub_text(html, [Weg(w.user_id, "", w.naam, w.email, namen=w.namen) for w in mensen])


# --- Versions stored before the current rules ----------------------------------------------


def without_small_evaluation(data: dict) -> dict:
    """The data with the evaluation reduced to its count when fewer than
    ``MIN_EVALUATIES`` people answered (versions stored before that rule hold it all)."""
    from .content import MIN_EVALUATIES

    evaluatie = data.get("evaluatie") or {}
    if "aantal" not in evaluatie or evaluatie["aantal"] >= MIN_EVALUATIES:
        return data
    if evaluatie == {"aantal": evaluatie["aantal"], "getoond": False}:
        return data
    return {**data, "evaluatie": {"aantal": evaluatie["aantal"], "getoond": False}}


def render_again(verslag_versies, handreiking_versies) -> int:
    """Apply the current disclosure rules to stored versions: evaluations of fewer than
    five people lose their scores and answers, and the HTML is rendered again from the
    data (so small counts per background go too); a changed version drops its PDF, and
    the guides get the new fragments. Takes querysets, so a migration can pass its own
    models. Returns how many versions changed."""
    fragmenten: dict[str, str] = {}
    changed = 0
    for versie in verslag_versies:
        data = without_small_evaluation(versie.gegevens)
        html = document.render_fragment(data)
        if data == versie.gegevens and html == versie.html:
            continue
        fragmenten[versie.html] = html
        versie.gegevens, versie.html, versie.pdf = data, html, b""
        versie.save(update_fields=["gegevens", "html", "pdf"])
        changed += 1
    for versie in handreiking_versies:
        html = versie.html
        for oud, nieuw in fragmenten.items():
            html = html.replace(shift_headings(oud), shift_headings(nieuw))
        if html != versie.html:
            versie.html, versie.pdf = html, b""
            versie.save(update_fields=["html", "pdf"])
            changed += 1
    return changed

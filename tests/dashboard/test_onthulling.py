"""The attacker: a manager of an area asks for everything he can — the dashboard under every
combination of area, organisation, status and period, every traject's balance page, each as
HTML, CSV and XLSX — and works out what the figures pin down.

He knows the method (`dashboard.perturbation`): a published count p comes from a true count
within the largest noise the cell key can give. Every published count is a linear
constraint on the true counts (a tag cell, a total of the tags, an area's row over its
trajecten); he tightens the bounds of every unknown against every constraint until nothing
changes. That covers "total minus cells", "'< 5' solved from the total" and "area minus its
trajecten". For the evaluations he compares every two aggregates of the same traject: any
difference of fewer than five evaluations would give those people's scores.
"""

import io
import itertools
from datetime import timedelta

import factories
import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from bijeenkomsten.models import Aanwezigheid
from dashboard.tables import from_csv
from groepen.choices import GroepsReden
from trajecten.balance import TAGS, balance_index
from trajecten.choices import GebiedSoort, InschrijvingStatus, Rol, TrajectStatus
from verslagen.models import Evaluatie

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard:overzicht")
LABELS = {
    "Formeel": "formeel",
    "Informeel": "informeel",
    "Ervaringsdeskundige": "ervaringsdeskundige",
}
ROL = {
    "formeel": Rol.BEROEPSKRACHT,
    "informeel": Rol.MANTELZORGER,
    "ervaringsdeskundige": Rol.ERVARINGSDESKUNDIGE,
}
ONBEKEND = 10**6


def _noise_bound() -> int:
    try:
        from dashboard.perturbation import grootste_ruis
    except ImportError:  # figures that are not perturbed are exact
        return 0
    return grootste_ruis()


def interval(text: str, bound: int) -> tuple[int, int] | None:
    """What a published text tells about the true count, for one who knows the method."""
    if text == "< 5":
        return (0, 4)
    if text == "x":
        return (0, ONBEKEND)
    if not text.isdigit():
        return None
    p = int(text)
    if bound == 0:
        return (p, p)
    if p == 0:  # n + d was at most 2 (or n was 0)
        return (0, 2 + bound)
    if p == 5:  # n + d was 3, 4 or 5
        return (max(1, 3 - bound), 5 + bound)
    return (max(1, p - bound), p + bound)


def solve(constraints, unknowns) -> dict:
    """Bounds propagation over constraints (keys, lo, hi): sum of the keys in [lo, hi]."""
    lo = dict.fromkeys(unknowns, 0)
    hi = dict.fromkeys(unknowns, ONBEKEND)
    for _ in range(200):
        changed = False
        for keys, c_lo, c_hi in constraints:
            total_lo = sum(lo[k] for k in keys)
            total_hi = sum(hi[k] for k in keys)
            for k in keys:
                new_lo = max(lo[k], c_lo - (total_hi - hi[k]))
                new_hi = min(hi[k], c_hi - (total_lo - lo[k]))
                if (new_lo, new_hi) != (lo[k], hi[k]):
                    lo[k], hi[k], changed = new_lo, new_hi, True
        if not changed:
            break
    return {k: (lo[k], hi[k]) for k in unknowns}


@pytest.fixture
def area():
    """Noord: three trajecten with small counts, meetings with attendance, a prep group and
    evaluations (six at the first meeting of Alfa, one at its second)."""
    manager = factories.user(is_manager=True, naam="Mila Manager")
    noord = factories.gebied(naam="Noord", soort=GebiedSoort.STADSDEEL)
    wijk = factories.gebied(naam="Noord-Oost", ligt_in=noord)
    noord.managers.add(manager)
    zuid = factories.gebied(naam="Zuid")
    o1, o2 = factories.organisatie(naam="Org Een"), factories.organisatie(naam="Org Twee")
    spec = {
        "Alfa": (noord, o1, TrajectStatus.LOPEND, (8, 3, 1), (2, 0, 1)),
        "Beta": (noord, o2, TrajectStatus.LOPEND, (4, 4, 4), (0, 0, 0)),
        "Gamma": (wijk, o1, TrajectStatus.AFGEROND, (10, 6, 2), (0, 1, 0)),
        "Delta": (zuid, o2, TrajectStatus.LOPEND, (3, 3, 3), (0, 0, 0)),
    }
    trajecten, truth = {}, {}
    for naam, (gebied, org, status, seated, waiting) in spec.items():
        t = factories.traject(naam=naam, gebied=gebied, status=status)
        t.organisaties.add(org)
        trajecten[naam] = t
        for tag, n_seated, n_waiting in zip(TAGS, seated, waiting, strict=True):
            for _ in range(n_seated):
                factories.inschrijving(t, rol=ROL[tag])
            for _ in range(n_waiting):
                factories.inschrijving(t, rol=ROL[tag], status=InschrijvingStatus.WACHTLIJST)
            truth[(naam, "bezet", tag)] = n_seated
            truth[(naam, "wacht", tag)] = n_waiting
    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    days = [noon - timedelta(days=10), noon - timedelta(days=3)]
    meetings = {}
    for naam in ("Alfa", "Beta"):
        t = trajecten[naam]
        seated = list(t.inschrijvingen.filter(status=InschrijvingStatus.GEPLAATST).order_by("pk"))
        for nummer, start in enumerate(days, start=1):
            b = factories.bijeenkomst(t, nummer=nummer, start=start)
            meetings[(naam, nummer)] = b
            present = seated if nummer == 1 else seated[1:]
            for i in present:
                Aanwezigheid.objects.create(bijeenkomst=b, inschrijving=i, aanwezig=True)
            for tag in TAGS:
                truth[(naam, f"aanwezig {nummer}", tag)] = sum(1 for i in present if i.tag == tag)
    alfa = list(trajecten["Alfa"].inschrijvingen.filter(status=InschrijvingStatus.GEPLAATST))
    members = [i for i in alfa if i.tag == "formeel"][:3] + [
        i for i in alfa if i.tag == "ervaringsdeskundige"
    ]
    factories.voorbereidingsgroep(meetings[("Alfa", 2)], leden=members, reden=GroepsReden.TAG_NODIG)
    for tag in TAGS:
        truth[("Alfa", "voorbereiding 2", tag)] = sum(1 for i in members if i.tag == tag)
    for i in alfa[:6]:
        Evaluatie.objects.create(
            bijeenkomst=meetings[("Alfa", 1)],
            inschrijving=i,
            doelmatigheid=4,
            open=4,
            eerlijk=4,
            inzet=4,
        )
    Evaluatie.objects.create(  # the victim: alone at the second meeting
        bijeenkomst=meetings[("Alfa", 2)],
        inschrijving=alfa[6],
        doelmatigheid=1,
        open=2,
        eerlijk=1,
        inzet=2,
    )
    dates = [timezone.localdate(d).isoformat() for d in days]
    return manager, trajecten, truth, (noord, o1, o2), dates


def _xlsx(content: bytes) -> list[list[list[str]]]:
    wb = load_workbook(io.BytesIO(content))
    out = []
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows(values_only=True):
            cells = [str(c) for c in row]
            while cells and cells[-1] == "None":
                cells.pop()
            rows.append(cells)
        out.append(rows)
    return out


def _tables_by_title(client, url, tables_of) -> list[list[list[str]]]:
    """The tables of a page three ways — screen, CSV and XLSX — as [caption], header, rows."""
    sep = "&" if "?" in url else "?"
    html = client.get(url)
    assert html.status_code == 200
    screen = [[[t["caption"]], *t["rows"]] for t in tables_of(html.content.decode()).values()]
    csv_tables = from_csv(client.get(f"{url}{sep}format=csv").content)
    xlsx_tables = _xlsx(client.get(f"{url}{sep}format=xlsx").content)
    return screen + csv_tables + xlsx_tables


def _requests(noord, o1, o2, dates):
    periods = [{}, {"van": dates[0]}, {"van": dates[1]}, {"tot": dates[0]}]
    periods += [{"van": a, "tot": b} for a, b in itertools.combinations_with_replacement(dates, 2)]
    for gebied, org, status, period in itertools.product(
        [None, noord.pk], [None, o1.pk, o2.pk], ["", "lopend", "afgerond"], periods
    ):
        query = {
            k: v
            for k, v in {"gebied": gebied, "organisatie": org, "status": status, **period}.items()
            if v
        }
        yield DASHBOARD + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_a_manager_derives_no_small_count_and_no_small_evaluation(client, area, tables):
    manager, trajecten, truth, (noord, o1, o2), dates = area
    bound = _noise_bound()
    client.force_login(manager)
    constraints, evaluations, leidinggevende = [], {}, []
    derived = []  # (counts as shown, balance index, shares) of one group

    def observe(keys, text):
        iv = interval(text, bound)
        if iv is not None:
            constraints.append((tuple(keys), *iv))

    listed: dict[str, list[str]] = {}
    for url in _requests(noord, o1, o2, dates):
        for caption, header, *rows in _tables_by_title(client, url, tables):
            table = caption[0]
            leidinggevende.extend(h for h in header if "leidinggevende" in h.lower())
            if table == "Trajecten":
                listed = {}
                for row in rows:
                    cells = dict(zip(header, row, strict=True))
                    naam = cells["Traject"]
                    listed.setdefault(cells["Gebied"], []).append(naam)
                    for kind, kop in (("bezet", "Aan tafel"), ("wacht", "Wachtlijst")):
                        observe([(naam, kind, t) for t in TAGS], cells[kop])
                        for label, tag in LABELS.items():
                            observe([(naam, kind, tag)], cells[f"{kop}: {label}"])
                    n, mean = cells["Evaluaties ingevuld"], cells["Evaluatie: Doelmatig (1–5)"]
                    if mean not in ("–", "< 5", "x"):
                        evaluations.setdefault(naam, set()).add(int(n))
            elif table == "Vergelijking van gebieden":
                # An area's row counts the trajecten of that area listed just above.
                for row in rows:
                    cells = dict(zip(header, row, strict=True))
                    names = listed[cells["Gebied"]]
                    assert cells["Trajecten"] == str(len(names))
                    observe([(n, "bezet", t) for n in names for t in TAGS], cells["Aan tafel"])
                    for label, tag in LABELS.items():
                        observe([(n, "bezet", tag) for n in names], cells[f"Aan tafel: {label}"])
    assert len(constraints) > 1000

    for naam, t in trajecten.items():
        if naam == "Delta":
            assert client.get(reverse("traject_balans", kwargs={"slug": t.slug})).status_code == 404
            continue
        url = reverse("traject_balans", kwargs={"slug": t.slug})
        for caption, header, *rows in _tables_by_title(client, url, tables):
            leidinggevende.extend(h for h in header if "leidinggevende" in h.lower())
            if caption[0] == "Aan tafel en op de wachtlijst":
                for row in rows[1:]:
                    kind = "bezet" if row[0] == "Aan tafel" else "wacht"
                    for tag, text in zip(TAGS, row[1:4], strict=True):
                        observe([(naam, kind, tag)], text)
                    observe([(naam, kind, tag) for tag in TAGS], row[4])
                    derived.append((row[1:4], row[5], None))
            elif caption[0] in (
                "Aanwezig per bijeenkomst",
                "Voorbereidingsgroepen per bijeenkomst",
            ):
                kind = "aanwezig" if caption[0].startswith("Aanwezig") else "voorbereiding"
                for row in rows:
                    if not row[0].startswith("Bijeenkomst "):
                        continue
                    nummer = row[0].split()[1]
                    keys = [(naam, f"{kind} {nummer}", tag) for tag in TAGS]
                    for key, text in zip(keys, row[1:4], strict=True):
                        observe([key], text)
                    observe(keys, row[4])
                    if kind == "aanwezig":
                        derived.append((row[1:4], row[8], row[5:8]))
            elif caption[0].startswith("Evaluatie per bijeenkomst"):
                for row in rows:
                    if row[2] not in ("–", "< 5", "x"):
                        evaluations.setdefault(naam, set()).add(int(row[1]))

    # Shares and balance indices are worked out from the counts as shown: they tell nothing
    # more (and a "x" never hides them).
    doelen = trajecten["Alfa"].doelen
    assert len(derived) > 5
    for counts, index, shares in derived:
        if not all(c.isdigit() for c in counts):
            continue  # figures that are not perturbed
        shown = dict(zip(TAGS, map(int, counts), strict=True))
        expected = balance_index(shown, doelen)
        assert index == ("–" if expected is None else str(round(100 * expected)))
        if shares is not None and expected is not None:
            total = sum(shown.values())
            assert shares == [f"{round(100 * shown[t] / total)}% / {doelen[t]}%" for t in TAGS]

    bounds = solve(constraints, list(truth))
    pinned = {key: truth[key] for key, (lo, hi) in bounds.items() if lo == hi and truth[key] < 5}
    assert pinned == {}
    for keys, *_ in constraints:
        true = sum(truth[k] for k in keys)
        lo, hi = sum(bounds[k][0] for k in keys), sum(bounds[k][1] for k in keys)
        assert not (true < 5 and lo == hi), keys

    # Evaluations: no average of fewer than five, and no two of a traject that differ by
    # fewer than five evaluations.
    assert evaluations["Alfa"] == {6}
    small = [
        (naam, a, b)
        for naam, counts in evaluations.items()
        for a, b in itertools.combinations(sorted(counts | {0}), 2)
        if 0 < b - a < 5
    ]
    assert small == []
    # Whether a manager was at a meeting (a count of one) is not on a manager's pages.
    assert leidinggevende == []


@override_settings(SECRET_KEY="a fixed key, so that this traject's noise is known")
def test_balance_and_shares_of_a_twenty_person_traject_are_visible_and_close(client, tables):
    # 10 formeel, 6 informeel, 4 ervaringsdeskundige against 50/30/20: index 100. The ids
    # are fixed so that the noise is too; the tolerance (15 points) is what nine in ten
    # cell keys stay within (see test_verstoring).
    manager = factories.user(is_manager=True)
    noord = factories.gebied(naam="Noord")
    noord.managers.add(manager)
    t = factories.traject(naam="Twintig", gebied=noord, status=TrajectStatus.LOPEND)
    pk = iter(range(910_001, 910_021))
    people = [
        factories.inschrijving(t, rol=ROL[tag], pk=next(pk))
        for tag, n in zip(TAGS, (10, 6, 4), strict=True)
        for _ in range(n)
    ]
    meeting = factories.bijeenkomst(t, start=timezone.now() - timedelta(days=2))
    for i in people:
        Aanwezigheid.objects.create(bijeenkomst=meeting, inschrijving=i, aanwezig=True)
    client.force_login(manager)

    head, row = tables(client.get(DASHBOARD).content.decode())["trajecten"]["rows"]
    cells = dict(zip(head, row, strict=True))
    assert abs(int(cells["Balans aan tafel (0–100)"]) - 100) <= 15
    assert abs(int(cells["Balans aanwezig, gemiddeld (0–100)"]) - 100) <= 15
    for label, doel in zip(LABELS, (50, 30, 20), strict=True):
        share, target = cells[f"Aanwezig {label}: aandeel / doel"].split(" / ")
        assert target == f"{doel}%"
        assert abs(int(share.rstrip("%")) - doel) <= 15

    page = tables(client.get(reverse("traject_balans", kwargs={"slug": t.slug})).content.decode())
    stand = page["stand"]["rows"][2]
    assert stand[0] == "Aan tafel"
    assert abs(int(stand[5]) - 100) <= 15
    assert [abs(int(n) - true) <= 2 for n, true in zip(stand[1:4], (10, 6, 4), strict=True)] == [
        True
    ] * 3
    shares = page["aanwezig"]["rows"][1][5:8]
    assert [
        abs(int(s.split("%")[0]) - doel) <= 15 for s, doel in zip(shares, (50, 30, 20), strict=True)
    ] == [True] * 3

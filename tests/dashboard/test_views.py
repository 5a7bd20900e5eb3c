"""The balance dashboard and a traject's balance page: scope, perturbation, exports."""

import io

import factories
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bijeenkomsten.models import Aanwezigheid
from dashboard.perturbation import Cel
from dashboard.tables import from_csv
from devtools.city_scale import maak_stad
from trajecten.balance import TAGS, balance_index
from trajecten.choices import InschrijvingStatus, Rol, TrajectStatus

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard:overzicht")
LABELS = ("Formeel", "Informeel", "Ervaringsdeskundige")


def balans_url(traject, **query):
    url = reverse("traject_balans", kwargs={"slug": traject.slug})
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def seat(traject, rol, n, **kw):
    return [factories.inschrijving(traject, rol=rol, **kw) for _ in range(n)]


@pytest.fixture
def hand_made():
    """A traject in an area with one manager: 10 formeel, 3 informeel and 8
    ervaringsdeskundige at the table; 2 formeel on the waiting list."""
    manager = factories.user(is_manager=True, naam="Mila Manager")
    coordinator = factories.user(is_coordinator=True, naam="Coen Coördinator")
    gebied = factories.gebied(naam="Noord")
    gebied.managers.add(manager)
    traject = factories.traject(
        naam="Samen Noord", gebied=gebied, coordinatoren=[coordinator], status=TrajectStatus.LOPEND
    )
    seat(traject, Rol.BEROEPSKRACHT, 10)
    seat(traject, Rol.MANTELZORGER, 3)
    seat(traject, Rol.ERVARINGSDESKUNDIGE, 8)
    seat(traject, Rol.AMBTENAAR, 2, status=InschrijvingStatus.WACHTLIJST)
    return traject, manager, coordinator


def _ids(traject, **filters):
    return list(traject.inschrijvingen.filter(**filters).values_list("pk", flat=True))


def _perturbed_stand(published, traject, status):
    """The counts per tag and the total a manager sees for ``status``, from the records."""
    per_tag = [published(_ids(traject, status=status, tag=t)) for t in TAGS]
    return per_tag, published(_ids(traject, status=status))


def test_manager_sees_perturbed_counts_on_the_dashboard(client, hand_made, tables, published):
    traject, manager, _ = hand_made
    client.force_login(manager)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    rows = tables(response.content.decode())["trajecten"]["rows"]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Traject"] == "Samen Noord"
    cells, total = _perturbed_stand(published, traject, InschrijvingStatus.GEPLAATST)
    assert row["Aan tafel"] == str(total)
    assert [row[f"Aan tafel: {t}"] for t in LABELS] == [str(n) for n in cells]
    # The balance index is computed from the counts as shown: a number, never hidden.
    index = balance_index(dict(zip(TAGS, cells, strict=True)), traject.doelen)
    assert row["Balans aan tafel (0–100)"] == str(round(100 * index))
    waiting, waiting_total = _perturbed_stand(published, traject, InschrijvingStatus.WACHTLIJST)
    assert row["Wachtlijst"] == str(waiting_total)
    assert [row[f"Wachtlijst: {t}"] for t in LABELS] == [str(n) for n in waiting]
    assert waiting[1:] == [0, 0]  # nobody stays nobody
    shown = [int(row[k]) for k in row if k.startswith(("Aan tafel", "Wachtlijst"))]
    assert [n for n in shown if 0 < n < 5] == []
    # Whether a manager came to a meeting would tell a count of one or two.
    assert "Bijeenkomsten met een leidinggevende" not in row
    assert "De aantallen zijn ongeveer." in response.content.decode()


def test_coordinator_sees_exact_numbers_on_the_balance_page(client, hand_made, tables):
    traject, _, coordinator = hand_made
    client.force_login(coordinator)
    response = client.get(balans_url(traject))
    assert response.status_code == 200
    stand = tables(response.content.decode())["stand"]["rows"]
    assert stand[2] == ["Aan tafel", "10", "3", "8", "21", "82"]
    assert stand[3] == ["Wachtlijst", "2", "0", "0", "2", "50"]


def test_manager_sees_perturbed_numbers_on_the_balance_page(client, hand_made, tables, published):
    traject, manager, _ = hand_made
    client.force_login(manager)
    response = client.get(balans_url(traject))
    assert response.status_code == 200
    stand = tables(response.content.decode())["stand"]["rows"]
    for k, status in ((2, InschrijvingStatus.GEPLAATST), (3, InschrijvingStatus.WACHTLIJST)):
        cells, total = _perturbed_stand(published, traject, status)
        index = balance_index(dict(zip(TAGS, cells, strict=True)), traject.doelen)
        assert stand[k][1:] == [
            *[str(n) for n in cells],
            str(total),
            "–" if index is None else str(round(100 * index)),
        ]


def test_manager_of_organisation_a_gets_404_on_bs_balance_page(client):
    manager = factories.user(is_manager=True)
    org_a, org_b = factories.organisatie(), factories.organisatie()
    org_a.managers.add(manager)
    a, b = factories.traject(), factories.traject()
    a.organisaties.add(org_a)
    b.organisaties.add(org_b)
    client.force_login(manager)
    assert client.get(balans_url(a)).status_code == 200
    assert client.get(balans_url(b)).status_code == 404
    assert client.get(balans_url(b, format="csv")).status_code == 404
    dashboard = client.get(DASHBOARD).content.decode()
    assert a.naam in dashboard
    assert b.naam not in dashboard


def test_participant_and_coordinator_without_manager_role_get_404_on_the_dashboard(client):
    client.force_login(factories.user(is_coordinator=True))
    assert client.get(DASHBOARD).status_code == 404


def test_attendance_per_meeting_and_manager_presence(client, hand_made, tables, published):
    from datetime import timedelta

    from django.utils import timezone

    traject, manager, coordinator = hand_made
    boss = factories.inschrijving(traject, rol=Rol.LEIDINGGEVENDE)
    meeting = factories.bijeenkomst(traject, start=timezone.now() - timedelta(days=3))
    for i in traject.inschrijvingen.filter(status=InschrijvingStatus.GEPLAATST):
        Aanwezigheid.objects.create(bijeenkomst=meeting, inschrijving=i, aanwezig=True)
    assert boss.tag == "formeel"
    client.force_login(coordinator)
    rows = tables(client.get(balans_url(traject)).content.decode())["aanwezig"]["rows"]
    assert rows[1][1:5] == ["11", "3", "8", "22"]
    assert rows[1][-1] == "ja"
    assert rows[0][-1] == "Leidinggevende aanwezig"
    client.force_login(manager)
    rows = tables(client.get(balans_url(traject)).content.decode())["aanwezig"]["rows"]
    present = Aanwezigheid.objects.filter(bijeenkomst=meeting)
    cells = [
        published(present.filter(inschrijving__tag=t).values_list("inschrijving_id", flat=True))
        for t in TAGS
    ]
    total = published(present.values_list("inschrijving_id", flat=True))
    assert rows[1][1:5] == [*[str(n) for n in cells], str(total)]
    # Shares come from the counts as shown, next to the target.
    assert rows[1][5:8] == [
        f"{round(100 * n / sum(cells))}% / {doel}%"
        for n, doel in zip(cells, (50, 30, 20), strict=True)
    ]
    # No column tells whether the one manager came.
    assert rows[0][-1] == "Balans (0–100)"
    assert len(rows[1]) == 9


def test_evaluation_averages_hidden_under_five_people_for_everyone(client, hand_made, tables):
    from datetime import timedelta

    from django.utils import timezone

    from verslagen.models import Evaluatie

    traject, manager, coordinator = hand_made
    meeting = factories.bijeenkomst(traject, start=timezone.now() - timedelta(days=3))
    people = list(traject.inschrijvingen.filter(status=InschrijvingStatus.GEPLAATST)[:5])
    for k, i in enumerate(people[:4]):
        Evaluatie.objects.create(
            bijeenkomst=meeting, inschrijving=i, doelmatigheid=k + 1, open=4, eerlijk=5, inzet=3
        )
    # The form promises anonymity: the coordinator sees how many, not their scores.
    client.force_login(coordinator)
    page = client.get(balans_url(traject)).content.decode()
    assert tables(page)["evaluatie"]["rows"][1][1:] == ["4", "< 5", "< 5", "< 5", "< 5"]
    assert "pas als 5 of meer mensen hem invulden" in page
    client.force_login(manager)
    rows = tables(client.get(balans_url(traject)).content.decode())["evaluatie"]["rows"]
    assert rows[1][1:] == ["< 5"] * 5
    head, values = tables(client.get(DASHBOARD).content.decode())["trajecten"]["rows"]
    row = dict(zip(head, values, strict=True))
    assert [row["Evaluaties ingevuld"], row["Evaluatie: Doelmatig (1–5)"]] == ["0", "< 5"]

    Evaluatie.objects.create(
        bijeenkomst=meeting, inschrijving=people[4], doelmatigheid=5, open=4, eerlijk=5, inzet=3
    )
    for user in (coordinator, manager):
        client.force_login(user)
        rows = tables(client.get(balans_url(traject)).content.decode())["evaluatie"]["rows"]
        assert rows[1][1:] == ["5", "3,0", "4,0", "5,0", "3,0"]


def test_filters_by_area_status_and_period(client):
    admin = factories.user(is_superuser=True, is_staff=True)
    noord, zuid = factories.gebied(naam="Noord"), factories.gebied(naam="Zuid")
    a = factories.traject(naam="Alfa", gebied=noord, status=TrajectStatus.LOPEND)
    b = factories.traject(naam="Beta", gebied=zuid, status=TrajectStatus.AFGEROND)
    client.force_login(admin)
    page = client.get(DASHBOARD, {"gebied": noord.pk}).content.decode()
    assert "Alfa" in page and "Beta" not in page
    page = client.get(DASHBOARD, {"status": "afgerond"}).content.decode()
    assert "Alfa" not in page and "Beta" in page
    from datetime import datetime

    from django.utils import timezone

    factories.bijeenkomst(a, start=timezone.make_aware(datetime(2026, 3, 10, 19)))
    page = client.get(DASHBOARD, {"van": "2026-03-01", "tot": "2026-03-31"}).content.decode()
    assert "Alfa" in page and "Beta" not in page
    assert b.naam == "Beta"


def test_filters_as_htmx_partial(client):
    admin = factories.user(is_superuser=True, is_staff=True)
    factories.traject(naam="Alfa")
    client.force_login(admin)
    response = client.get(DASHBOARD, {"status": ""}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "<h2>Trajecten</h2>" in body
    assert "Alfa" in body
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"van": "gisteren"}, "Vul een datum in"),
        ({"van": "2026-03-31", "tot": "2026-03-01"}, "De einddatum ligt voor de begindatum."),
        ({"gebied": "999999"}, "Kies een van de mogelijkheden uit de lijst."),
        ({"gebied": "abc"}, "Kies een van de mogelijkheden uit de lijst."),
    ],
)
def test_bad_filter_input_gets_a_clear_message(client, query, message):
    client.force_login(factories.user(is_superuser=True, is_staff=True))
    response = client.get(DASHBOARD, query)
    assert response.status_code == 200
    assert message in response.content.decode()
    # With htmx the whole content is swapped, so the messages at the fields show.
    swap = client.get(DASHBOARD, query, headers={"HX-Request": "true"})
    assert swap.status_code == 200
    assert swap["HX-Retarget"] == "#inhoud"
    assert message in swap.content.decode()


def xlsx_tables(content: bytes) -> list[list[list[str]]]:
    """Every sheet as rows of text, without the empty cells openpyxl pads rows with."""
    wb = load_workbook(io.BytesIO(content))
    result = []
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows(values_only=True):
            cells = list(row)
            while cells and cells[-1] is None:
                cells.pop()
            rows.append([str(c) for c in cells])
        result.append(rows)
    return result


def _screen_tables(html, tables, ids):
    parsed = tables(html)
    return [[[parsed[i]["caption"]], *parsed[i]["rows"]] for i in ids]


@pytest.mark.parametrize("role", ["manager", "coordinator"])
def test_balance_page_exports_equal_the_screen(client, tables, role):
    stad = maak_stad(trajecten=2, per_traject=10, geplaatst=8, prefix="exp")
    traject = stad.trajecten[0]
    user = factories.user(is_manager=True)
    stad.gebieden[0].managers.add(user)
    if role == "coordinator":
        traject.coordinatoren.add(user)
    client.force_login(user)
    html = client.get(balans_url(traject)).content.decode()
    ids = ["stand", "aanwezig", "verloop", "voorbereiding", "evaluatie", "waarden"]
    screen = _screen_tables(html, tables, ids)
    csv_tables = from_csv(client.get(balans_url(traject, format="csv")).content)
    assert csv_tables == screen
    assert xlsx_tables(client.get(balans_url(traject, format="xlsx")).content) == screen
    if role == "manager":
        assert "Leidinggevende aanwezig" not in str(screen)


def test_dashboard_exports_equal_the_screen(client, tables):
    stad = maak_stad(trajecten=3, per_traject=12, geplaatst=10, gebieden=2, prefix="dexp")
    user = factories.user(is_manager=True)
    stad.gebieden[0].managers.add(user)
    client.force_login(user)
    query = {"status": "lopend"}
    html = client.get(DASHBOARD, query).content.decode()
    screen = _screen_tables(html, tables, ["trajecten", "gebieden"])
    assert len(screen[0]) == 3  # caption, header and the one running traject in the area
    csv_tables = from_csv(client.get(DASHBOARD, {**query, "format": "csv"}).content)
    assert csv_tables == screen
    assert xlsx_tables(client.get(DASHBOARD, {**query, "format": "xlsx"}).content) == screen


def test_no_personal_data_in_a_managers_pages_or_exports(client):
    stad = maak_stad(trajecten=4, per_traject=15, geplaatst=12, gebieden=2, prefix="priv")
    manager = factories.user(is_manager=True, naam="Mila Manager")
    for g in stad.gebieden:
        g.managers.add(manager)
    client.force_login(manager)
    pages = [client.get(DASHBOARD), client.get(DASHBOARD, {"format": "csv"})]
    for t in stad.trajecten:
        pages += [client.get(balans_url(t)), client.get(balans_url(t, format="csv"))]
    xlsx = [
        client.get(DASHBOARD, {"format": "xlsx"}),
        client.get(balans_url(stad.trajecten[0], format="xlsx")),
    ]
    texts = [p.content.decode("utf-8-sig") for p in pages]
    for p in xlsx:
        wb = load_workbook(io.BytesIO(p.content))
        texts.append(
            "\n".join(
                str(c)
                for ws in wb.worksheets
                for row in ws.iter_rows(values_only=True)
                for c in row
            )
        )
    assert all(p.status_code == 200 for p in pages + xlsx)
    secrets = stad.namen + stad.emails + stad.telefoons + stad.teksten
    assert len(secrets) == 4 * 15 * 3 + len(stad.teksten)
    leaks = [s for s in secrets for text in texts if s in text]
    assert leaks == []


def test_shared_values_for_a_manager_follow_the_perturbed_counts(client, tables):
    from dashboard import figures as cf
    from waarden.catalogue import ensure_catalogue
    from waarden.models import Onderschrijving, TrajectWaarde, Waarde

    ensure_catalogue(Waarde)
    manager = factories.user(is_manager=True)
    gebied = factories.gebied(naam="Noord")
    gebied.managers.add(manager)
    traject = factories.traject(naam="Waarden", gebied=gebied, status=TrajectStatus.LOPEND)
    people = seat(traject, Rol.BEROEPSKRACHT, 10) + seat(traject, Rol.MANTELZORGER, 6)
    alone = seat(traject, Rol.ERVARINGSDESKUNDIGE, 1)[0]
    values = list(Waarde.objects.filter(traject=None).order_by("volgorde")[:3])
    for w in values:
        TrajectWaarde.objects.create(traject=traject, waarde=w)
    for i in [*people, alone]:
        Onderschrijving.objects.create(inschrijving=i, waarde=values[0])
    for i in people[:8]:
        Onderschrijving.objects.create(inschrijving=i, waarde=values[1])
    client.force_login(manager)

    # Whether the one ervaringsdeskundige endorses a value decides "shared" in exact counts;
    # a manager sees "shared" worked out from the perturbed counts instead.
    bezet = cf.rij(
        {t: Cel(len(ids), sum(ids)) for t in TAGS for ids in [_ids(traject, tag=t)]}, exact=False
    )
    endorsed = {
        w.pk: [
            Onderschrijving.objects.filter(waarde=w, inschrijving__traject=traject)
            .filter(inschrijving__tag=t)
            .count()
            for t in TAGS
        ]
        for w in values
    }
    expected = [
        cf.gedeeld(cf.waarde_fracties(traject.pk, w.pk, endorsed[w.pk], bezet), 30) for w in values
    ]
    page = tables(client.get(balans_url(traject)).content.decode())
    assert [r[-1] for r in page["waarden"]["rows"][1:]] == ["ja" if e else "nee" for e in expected]
    head, row = tables(client.get(DASHBOARD).content.decode())["trajecten"]["rows"]
    assert dict(zip(head, row, strict=True))["Gedeelde waarden"] == f"{sum(expected)} van 3"


def test_each_traject_has_a_card_with_its_rows_figures_and_a_chart_per_meeting(
    client, hand_made, tables
):
    from datetime import timedelta

    from django.utils import timezone

    traject, manager, _ = hand_made
    for nummer in (1, 2):
        b = factories.bijeenkomst(
            traject, nummer=nummer, einde=timezone.now() - timedelta(days=10 - nummer)
        )
        for i in traject.inschrijvingen.filter(status=InschrijvingStatus.GEPLAATST)[: 12 + nummer]:
            Aanwezigheid.objects.create(bijeenkomst=b, inschrijving=i, aanwezig=True)
    client.force_login(manager)
    html = client.get(DASHBOARD).content.decode()
    rows = tables(html)["trajecten"]["rows"]
    row = dict(zip(rows[0], rows[1], strict=True))
    card = html[html.index(f'id="kaart-{traject.pk}-kop"') :]
    card = card[: card.index("</article>")]
    assert f'<a href="{balans_url(traject)}">Samen Noord</a>' in card
    assert f"<dd>{row['Balans aan tafel (0–100)']}</dd>" in card
    assert f"<dd>{row['Aan tafel']}</dd>" in card
    for label in LABELS:  # attendance against the target, as in the row
        assert f"<dt>{label}</dt><dd>{row[f'Aanwezig {label}: aandeel / doel']}</dd>" in card
    # The small chart: a title, a summary naming each meeting's balance, one column each.
    assert 'role="img"' in card and "<title" in card
    assert "Balans aanwezig per bijeenkomst (0–100): 1: " in card and ", 2: " in card
    assert card.count(f'fill="url(#kaart-{traject.pk}-formeel)" stroke') == 2
    assert "Met een leidinggevende" not in card  # perturbed: as in the table, left out
    # The table is still there, in sections.
    assert '<th scope="colgroup" colspan="5">Aan tafel</th>' in html

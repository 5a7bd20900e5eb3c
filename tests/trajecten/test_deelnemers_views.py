from datetime import datetime
from zoneinfo import ZoneInfo

import factories
import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from outbox import send_claimed

from berichten.models import Verzending
from trajecten import tasks
from trajecten.balance import balance
from trajecten.choices import TAG_VAN_ROL, ImportStatus, InschrijvingStatus, Rol, Tag, TrajectStatus
from trajecten.models import Deelnemer, Import, Inschrijving

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
ROLLEN = [Rol.BEROEPSKRACHT, Rol.VRIJWILLIGER, Rol.ERVARINGSDESKUNDIGE, Rol.MANTELZORGER]


@pytest.fixture
def coordinator():
    return factories.user(is_coordinator=True, naam="Carla Coördinator")


@pytest.fixture
def traject(coordinator):
    return factories.traject(coordinatoren=[coordinator], capaciteit=20)


@pytest.fixture
def coord_client(client, coordinator):
    client.force_login(coordinator)
    return client


def _url(traject, name="deelnemers", **kw):
    return reverse(f"trajecten:{name}", kwargs={"slug": traject.slug, **kw})


def _bulk_people(traject, n):
    """``n`` enrolments in a few queries: tags and statuses rotate, every 4th waits."""
    from samenspel.models import User

    users = User.objects.bulk_create(
        User(email=f"massa{i}@voorbeeld.nl", naam=f"Massa {i}") for i in range(n)
    )
    deelnemers = Deelnemer.objects.bulk_create(
        Deelnemer(user=u, telefoon=f"06-{i:08d}") for i, u in enumerate(users)
    )
    organisatie = factories.organisatie()
    rows, position = [], 0
    for i, d in enumerate(deelnemers):
        waiting = i % 4 == 3
        position += waiting
        rol = ROLLEN[i % len(ROLLEN)]
        rows.append(
            Inschrijving(
                traject=traject,
                deelnemer=d,
                rol=rol,
                tag=TAG_VAN_ROL[rol],
                organisatie=organisatie if i % 2 else None,
                status=InschrijvingStatus.WACHTLIJST if waiting else InschrijvingStatus.GEPLAATST,
                wachtlijst_positie=position if waiting else None,
            )
        )
    return Inschrijving.objects.bulk_create(rows)


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- the list ---------------------------------------------------------------------------


def test_deelnemers_full_page_shows_balance_filters_and_table(coord_client, traject):
    ans = factories.inschrijving(
        traject,
        rol=Rol.MANTELZORGER,
        user=factories.user(naam="Ans Bakker", email="ans@voorbeeld.nl"),
        ingeschreven_op=datetime(2026, 3, 2, 9, 30, tzinfo=AMS),
    )
    response = coord_client.get(_url(traject))
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"].split(", ")
    assert list(response.context["inschrijvingen"]) == [ans]
    assert response.context["balans"]["bezet"].totaal == 1
    assert response.context["balans"]["wacht"].totaal == 0
    html = response.content.decode()
    assert html.count('id="lijst"') == 1
    assert html.count('<figure class="balansfiguur"') == 2
    assert html.count("<h1>") == 1
    person = reverse("trajecten:inschrijving", kwargs={"slug": traject.slug, "pk": ans.pk})
    assert html.count(f'<a href="{person}">Ans Bakker</a>') == 1
    assert html.count("<td>Mantelzorger</td>") == 1
    assert html.count('<time datetime="2026-03-02T09:30:00+01:00">2 maart 2026</time>') == 1
    # The filter form works without JavaScript: a GET form with a real action.
    assert html.count(f'<form method="get" action="{_url(traject)}"') == 1
    assert html.count(f'hx-get="{_url(traject)}"') == 1


def test_deelnemers_htmx_request_renders_only_the_list(coord_client, traject):
    factories.inschrijving(traject, user=factories.user(naam="Bo de Vries"))
    response = coord_client.get(_url(traject), {"tag": "informeel"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1>") == 0
    assert html.count('id="lijst"') == 0
    assert html.count('<figure class="balansfiguur"') == 0
    assert html.count("<table") == 1
    assert html.count(">Bo de Vries</a>") == 1


def test_deelnemers_history_restore_gets_full_page(coord_client, traject):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    html = coord_client.get(_url(traject), headers=headers).content.decode()
    assert html.count("<h1>") == 1
    assert html.count('id="lijst"') == 1


@pytest.mark.parametrize("aantal", [10, 1000])
def test_deelnemers_query_count_does_not_grow_with_people(
    coord_client, traject, aantal, django_assert_num_queries
):
    _bulk_people(traject, aantal)
    # session, user, traject, balance (one aggregate), the list (one join)
    with django_assert_num_queries(5):
        response = coord_client.get(_url(traject))
    assert len(response.context["inschrijvingen"]) == aantal
    with django_assert_num_queries(4):
        response = coord_client.get(_url(traject), headers={"HX-Request": "true"})
    assert response.content.decode().count("<tr>") == aantal + 1
    with django_assert_num_queries(4):
        response = coord_client.get(_url(traject), {"format": "xlsx"})
    assert response.status_code == 200


def test_deelnemers_filters_by_tag_rol_and_status(coord_client, traject):
    formeel = factories.inschrijving(traject, rol=Rol.AMBTENAAR)
    vrijwilliger = factories.inschrijving(traject, rol=Rol.VRIJWILLIGER)
    mantelzorger = factories.inschrijving(traject, rol=Rol.MANTELZORGER)
    wachtend = factories.inschrijving(
        traject, rol=Rol.MANTELZORGER, status=InschrijvingStatus.WACHTLIJST
    )
    afgemeld = factories.inschrijving(traject, rol=Rol.ERVARINGSDESKUNDIGE, status="afgemeld")

    def shown(**params):
        return list(coord_client.get(_url(traject), params).context["inschrijvingen"])

    assert shown() == [formeel, vrijwilliger, mantelzorger, wachtend, afgemeld]
    assert shown(tag=Tag.INFORMEEL) == [vrijwilliger, mantelzorger, wachtend]
    assert shown(rol=Rol.MANTELZORGER) == [mantelzorger, wachtend]
    assert shown(status=InschrijvingStatus.WACHTLIJST) == [wachtend]
    assert shown(tag=Tag.INFORMEEL, status=InschrijvingStatus.GEPLAATST) == [
        vrijwilliger,
        mantelzorger,
    ]
    # A made-up value filters nothing out instead of failing.
    assert shown(tag="onzin") == [formeel, vrijwilliger, mantelzorger, wachtend, afgemeld]


def test_deelnemers_export_links_keep_the_filter(coord_client, traject):
    factories.inschrijving(traject, rol=Rol.VRIJWILLIGER)
    html = coord_client.get(_url(traject), {"tag": "informeel", "status": ""}).content.decode()
    assert html.count(f'href="{_url(traject)}?tag=informeel&amp;status=&amp;format=csv"') == 1
    assert html.count(f'href="{_url(traject)}?tag=informeel&amp;status=&amp;format=xlsx"') == 1


# --- who may see the pages ---------------------------------------------------------------

PAGES = ["deelnemers", "inschrijving", "uitnodigen", "importeren", "import_status"]


def _page_url(traject, name):
    if name == "inschrijving":
        pk = factories.inschrijving(traject).pk
        return _url(traject, name, pk=pk)
    if name == "import_status":
        pk = Import.objects.create(traject=traject, bestand=b"", bestandsnaam="a.csv").pk
        return _url(traject, name, pk=pk)
    return _url(traject, name)


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("wie", ["andere_coordinator", "deelnemer", "manager"])
def test_pages_are_404_for_anyone_not_coordinating(client, traject, name, wie):
    url = _page_url(traject, name)
    if wie == "andere_coordinator":
        user = factories.user(is_coordinator=True)
        factories.traject(coordinatoren=[user])
    elif wie == "deelnemer":
        user = factories.inschrijving(traject).deelnemer.user
    else:
        user = factories.user(is_manager=True)
        traject.gebied.managers.add(user)
    client.force_login(user)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_pages_redirect_anonymous_to_sign_in(client, traject, name):
    url = _page_url(traject, name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/?next={url}"


# --- one person --------------------------------------------------------------------------


def test_inschrijving_status_preview_shows_both_balances(coord_client, traject):
    for _ in range(3):
        factories.inschrijving(traject, rol=Rol.BEROEPSKRACHT)
    waiting = factories.inschrijving(
        traject, rol=Rol.VRIJWILLIGER, status=InschrijvingStatus.WACHTLIJST
    )
    url = _url(traject, "inschrijving", pk=waiting.pk)
    response = coord_client.get(url, {"status": "geplaatst"})
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview["nu"] == balance({"formeel": 3}, traject.doelen)
    assert preview["na"] == balance({"formeel": 3, "informeel": 1}, traject.doelen)
    # formeel 100% against a target of 50% → 50; then 75/25/0 against 50/30/20 → 75.
    html = response.content.decode()
    assert html.count("Balans nu 50 → na 75 (van 100)") == 1
    assert html.count('<input type="hidden" name="status" value="geplaatst">') == 1
    # Nothing changed yet.
    waiting.refresh_from_db()
    assert waiting.status == InschrijvingStatus.WACHTLIJST


def test_inschrijving_confirm_places_waiting_person(
    coord_client, traject, django_capture_on_commit_callbacks
):
    first = factories.inschrijving(traject, status=InschrijvingStatus.WACHTLIJST)
    second = factories.inschrijving(traject, status=InschrijvingStatus.WACHTLIJST)
    url = _url(traject, "inschrijving", pk=first.pk)
    with django_capture_on_commit_callbacks() as callbacks:
        response = coord_client.post(url, {"actie": "status", "status": "geplaatst"})
    assert response.status_code == 302
    assert response["Location"] == url
    assert _messages(response) == ["De status is veranderd."]
    assert len(callbacks) == 1  # the confirmation e-mail
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.wachtlijst_positie) == (InschrijvingStatus.GEPLAATST, None)
    assert (second.status, second.wachtlijst_positie) == (InschrijvingStatus.WACHTLIJST, 1)


def test_inschrijving_status_error_is_shown(coord_client, coordinator):
    traject = factories.traject(coordinatoren=[coordinator], capaciteit=1)
    factories.inschrijving(traject)
    waiting = factories.inschrijving(traject, status=InschrijvingStatus.WACHTLIJST)
    url = _url(traject, "inschrijving", pk=waiting.pk)
    response = coord_client.post(url, {"actie": "status", "status": "geplaatst"}, follow=True)
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "Het traject is vol. Maak eerst een plek vrij."
    ]
    waiting.refresh_from_db()
    assert waiting.status == InschrijvingStatus.WACHTLIJST


def test_inschrijving_withdraw_offers_the_seat_on(coord_client, coordinator):
    traject = factories.traject(coordinatoren=[coordinator], capaciteit=1)
    seated = factories.inschrijving(traject)
    waiting = factories.inschrijving(
        traject, status=InschrijvingStatus.WACHTLIJST, user=factories.user(naam="Wim Wacht")
    )
    url = _url(traject, "inschrijving", pk=seated.pk)
    response = coord_client.post(url, {"actie": "status", "status": "afgemeld"})
    assert _messages(response) == [
        "De status is veranderd.",
        "Er is een plek aangeboden aan Wim Wacht.",
    ]
    waiting.refresh_from_db()
    assert waiting.status == InschrijvingStatus.AANGEBODEN


def test_inschrijving_status_choices_leave_out_current(coord_client, traject):
    person = factories.inschrijving(traject)
    response = coord_client.get(_url(traject, "inschrijving", pk=person.pk))
    assert response.context["status_form"].fields["status"].choices == [
        ("wachtlijst", "Wachtlijst"),
        ("afgemeld", "Afgemeld"),
    ]
    assert response.context["preview"] is None


def test_inschrijving_edit_sets_tag_from_role(coord_client, traject):
    person = factories.inschrijving(traject, rol=Rol.VRIJWILLIGER)
    organisatie = factories.organisatie(naam="Buurtteam Zuid")
    response = coord_client.post(
        _url(traject, "inschrijving", pk=person.pk),
        {
            "actie": "gegevens",
            "gegevens-rol": "ambtenaar",
            "gegevens-organisatie": organisatie.pk,
            "gegevens-talenten": "Luisteren",
            "gegevens-wensen": "Over eenzaamheid",
        },
    )
    assert response.status_code == 302
    assert _messages(response) == ["De gegevens zijn opgeslagen."]
    person.refresh_from_db()
    assert (person.tag, person.rol, person.organisatie, person.talenten, person.wensen) == (
        Tag.FORMEEL,
        Rol.AMBTENAAR,
        organisatie,
        "Luisteren",
        "Over eenzaamheid",
    )


def test_inschrijving_edit_invalid_role_rerenders(coord_client, traject):
    person = factories.inschrijving(traject, rol=Rol.VRIJWILLIGER)
    response = coord_client.post(
        _url(traject, "inschrijving", pk=person.pk), {"actie": "gegevens", "gegevens-rol": "baas"}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["rol"]
    person.refresh_from_db()
    assert person.rol == Rol.VRIJWILLIGER


def test_inschrijving_of_other_traject_is_404(coord_client, traject):
    other = factories.inschrijving(factories.traject())
    assert coord_client.get(_url(traject, "inschrijving", pk=other.pk)).status_code == 404


# --- inviting ----------------------------------------------------------------------------


def test_uitnodigen_sends_one_invitation_per_address(
    coord_client, traject, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = coord_client.post(
            _url(traject, "uitnodigen"), {"emails": "a@voorbeeld.nl\n\n b@voorbeeld.nl \n"}
        )
    assert response.status_code == 302
    assert response["Location"] == _url(traject, "uitnodigen")
    assert _messages(response) == ["We sturen 2 uitnodigingen."]
    # Two rows in the outbox, one chunk queued after the commit; the worker sends them.
    assert len(callbacks) == 1
    rows = Verzending.objects.filter(doel="uitnodiging", traject=traject)
    assert sorted(rows.values_list("adres", flat=True)) == ["a@voorbeeld.nl", "b@voorbeeld.nl"]
    assert send_claimed() == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["a@voorbeeld.nl", "b@voorbeeld.nl"]
    message = mailoutbox[0]
    assert message.subject == f"Uitnodiging: doe mee met {traject.naam}"
    assert f"/trajecten/{traject.slug}/aanmelden/" in message.body
    assert message.extra_headers["Content-Language"] == "nl"
    assert message.alternatives[0][1] == "text/html"


def test_invitation_is_not_sent_once_the_traject_closed(coord_client, traject, mailoutbox):
    coord_client.post(_url(traject, "uitnodigen"), {"emails": "a@voorbeeld.nl"})
    traject.status = TrajectStatus.AFGEROND
    traject.save(update_fields=["status"])
    assert send_claimed() == 0
    assert mailoutbox == []


def test_uitnodigen_refuses_bad_address(coord_client, traject, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = coord_client.post(_url(traject, "uitnodigen"), {"emails": "a@voorbeeld.nl\nnee"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"emails": ["Deze adressen kloppen niet: nee"]}
    assert callbacks == []


def test_uitnodigen_needs_an_open_traject(
    coord_client, coordinator, django_capture_on_commit_callbacks
):
    traject = factories.traject(coordinatoren=[coordinator], status=TrajectStatus.CONCEPT)
    with django_capture_on_commit_callbacks() as callbacks:
        response = coord_client.post(_url(traject, "uitnodigen"), {"emails": "a@voorbeeld.nl"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Uitnodigen kan pas als het traject open is voor aanmelding."
    ]
    assert callbacks == []


# --- importing ---------------------------------------------------------------------------


def _csv(n, start=0):
    lines = ["naam;email;telefoon;organisatie;achtergrond;rol"]
    lines += [
        f"Persoon {i};p{i}@voorbeeld.nl;06-{i:08d};;informeel;vrijwilliger"
        for i in range(start, start + n)
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def _upload(data, name="deelnemers.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")


def test_importeren_small_file_imports_at_once(coord_client, traject):
    response = coord_client.post(_url(traject, "importeren"), {"bestand": _upload(_csv(3))})
    assert response.status_code == 302
    assert response["Location"] == _url(traject)
    assert _messages(response) == ["3 mensen toegevoegd."]
    assert traject.inschrijvingen.count() == 3
    assert Import.objects.count() == 0


def test_importeren_shows_bad_rows_and_imports_nothing(coord_client, traject):
    data = b"naam,email,achtergrond\nAns,ans@voorbeeld.nl,informeel\nBo,bo@voorbeeld.nl,bewoner\n"
    response = coord_client.post(_url(traject, "importeren"), {"bestand": _upload(data)})
    assert response.status_code == 200
    reason = "achtergrond 'bewoner' bestaat niet; kies uit: formeel, informeel, ervaringsdeskundige"
    assert response.context["fouten"] == [(3, reason)]
    shown = reason.replace("'", "&#x27;")
    assert response.content.decode().count(f"<li>Rij 3: {shown}</li>") == 1
    assert traject.inschrijvingen.count() == 0


def test_importeren_refuses_file_that_is_too_big(coord_client, traject, settings):
    settings.IMPORT_MAX_MB = 1
    data = _csv(3) + b"\r\n" * (512 * 1024)
    response = coord_client.post(_url(traject, "importeren"), {"bestand": _upload(data)})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "bestand": ["Het bestand is te groot. Het mag hoogstens 1 MB zijn."]
    }
    assert traject.inschrijvingen.count() == 0


def test_importeren_large_file_runs_in_background(
    coord_client, coordinator, traject, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = coord_client.post(_url(traject, "importeren"), {"bestand": _upload(_csv(301))})
    upload = Import.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url(traject, "import_status", pk=upload.pk)
    assert len(callbacks) == 1
    assert (upload.status, upload.door, upload.bestandsnaam) == (
        ImportStatus.WACHT,
        coordinator,
        "deelnemers.csv",
    )
    assert bytes(upload.bestand) == _csv(301)
    assert traject.inschrijvingen.count() == 0

    status_url = _url(traject, "import_status", pk=upload.pk)
    html = coord_client.get(status_url).content.decode()
    assert (
        html.count(
            f'<a href="{status_url}" hx-get="{status_url}?gezien=wacht" hx-trigger="every 2s" '
            'hx-target="#voortgang">Ververs</a>'
        )
        == 1
    )
    partial = coord_client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    assert partial.count("<h1>") == 0
    assert partial.count('hx-trigger="every 2s"') == 1
    # Nothing new since the last poll: no content, so htmx swaps nothing.
    unchanged = coord_client.get(status_url, {"gezien": "wacht"}, headers={"HX-Request": "true"})
    assert unchanged.status_code == 204

    tasks.run_import(upload.pk)
    upload.refresh_from_db()
    assert (upload.status, upload.aantal, upload.fouten, bytes(upload.bestand)) == (
        ImportStatus.KLAAR,
        301,
        [],
        b"",
    )
    assert traject.inschrijvingen.count() == 301

    done = coord_client.get(status_url, {"gezien": "wacht"}, headers={"HX-Request": "true"})
    html = done.content.decode()
    assert done.status_code == 200
    assert html.count("301 mensen toegevoegd.") == 1
    assert html.count("hx-trigger") == 0  # polling stops


def test_import_status_shows_errors_of_failed_import(coord_client, traject):
    upload = Import.objects.create(
        traject=traject,
        bestand=b"",
        bestandsnaam="fout.csv",
        status=ImportStatus.FOUT,
        fouten=[[4, "naam ontbreekt"], [9, "e-mailadres 'x' is niet geldig"]],
    )
    response = coord_client.get(_url(traject, "import_status", pk=upload.pk))
    html = response.content.decode()
    assert html.count("<li>Rij 4: naam ontbreekt</li>") == 1
    assert html.count("<li>Rij 9: e-mailadres &#x27;x&#x27; is niet geldig</li>") == 1
    assert html.count("hx-trigger") == 0


def test_import_status_of_other_traject_is_404(coord_client, traject):
    upload = Import.objects.create(traject=factories.traject(), bestand=b"", bestandsnaam="a.csv")
    assert coord_client.get(_url(traject, "import_status", pk=upload.pk)).status_code == 404


def test_sign_up_dates_are_unambiguous_in_english(coord_client, traject):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    i = factories.inschrijving(traject)
    when = datetime(2026, 12, 4, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    type(i).objects.filter(pk=i.pk).update(ingeschreven_op=when)
    coord_client.cookies["django_language"] = "en"
    html = coord_client.get(_url(traject), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">4 December 2026</time>" in html
    assert "12/04/2026" not in html
    coord_client.cookies["django_language"] = "nl"
    html = coord_client.get(_url(traject), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert ">4 december 2026</time>" in html

"""Input that broke a traject is refused or cleaned at the form (``samenspel.cleaning``), and
date and time fields show their value in the format their input needs."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import factories
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from bijeenkomsten.forms import BijeenkomstForm
from bijeenkomsten.models import Bijeenkomst
from groepen.forms import GroepForm
from groepen.models import Voorbereidingsgroep
from samenspel.cleaning import eenregelig, lokaal_moment, meerregelig
from trajecten.models import Traject

AMS = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db

GAT = "Deze tijd bestaat niet op die dag: de klok gaat dan een uur vooruit."
DUBBEL = (
    "Deze tijd bestaat twee keer op die dag: de klok gaat dan een uur terug. Kies een andere tijd."
)
JAAR = "Kies een datum tussen het jaar 2000 en 2100."


@pytest.fixture
def coordinator():
    return factories.user(is_coordinator=True)


def _day() -> date:
    """The meeting's day: two weeks from today, so that the test does not age."""
    return timezone.localdate() + timedelta(weeks=2)


@pytest.fixture
def meeting(coordinator):
    traject = factories.traject(coordinatoren=[coordinator])
    start = datetime.combine(_day(), time(19, 30), tzinfo=AMS)
    return factories.bijeenkomst(traject, start=start, plaats="Oost")


def _datum(meeting) -> str:
    """The meeting's day as a date field writes it."""
    return timezone.localtime(meeting.start).date().isoformat()


def _meeting_data(**kw):
    data = {
        "datum": _day().isoformat(),
        "begintijd": "19:30",
        "eindtijd": "21:30",
        "plaats": "Buurthuis",
        "agenda-TOTAL_FORMS": "0",
        "agenda-INITIAL_FORMS": "0",
    }
    return data | kw


# --- the shared clean-up -------------------------------------------------------------------


def test_single_line_text_loses_line_breaks_controls_bidi_and_zero_width():
    assert eenregelig("Samen\r\nin\tOost") == "Samen in Oost"
    assert eenregelig("a\x00b\x07c\x1bd\x7fe\x85f") == "abcde f"
    assert eenregelig("\u202egnp.exe") == "gnp.exe"
    assert eenregelig("An\u200bne\u200d\u2066x\u2069\ufeff") == "Annex"
    assert eenregelig("a\u2028b\u2029c") == "a b c"


def test_multi_line_text_keeps_line_breaks_and_tabs():
    assert meerregelig("regel 1\r\nregel 2\n\tin\x00gesprongen\x1b") == (
        "regel 1\r\nregel 2\n\tingesprongen"
    )


def test_local_moment_names_the_missing_hour_in_spring():
    with translation.override("nl"):
        with pytest.raises(ValidationError) as exc:
            lokaal_moment(date(2027, 3, 28), time(2, 30), AMS)
        assert exc.value.messages == [GAT]


def test_local_moment_names_the_double_hour_in_autumn():
    with translation.override("nl"):
        with pytest.raises(ValidationError) as exc:
            lokaal_moment(date(2027, 10, 31), time(2, 30), AMS)
        assert exc.value.messages == [DUBBEL]


def test_local_moment_around_the_changes_is_fine():
    assert lokaal_moment(date(2027, 3, 28), time(3, 0), AMS).utcoffset() == timedelta(hours=2)
    assert lokaal_moment(date(2027, 10, 31), time(3, 0), AMS).utcoffset() == timedelta(hours=1)


# --- meetings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("veld", "waarde", "fout"),
    [
        ("datum", "0001-01-01", JAAR),
        ("datum", "1999-12-31", JAAR),
        ("datum", "2101-01-01", JAAR),
        ("datum", "10000-01-01", "Voer een geldige datum in."),
        ("begintijd", "02:30", GAT),
        ("eindtijd", "02:30", GAT),
    ],
)
def test_meeting_form_refuses_dates_and_times_that_break_a_traject(
    client, coordinator, meeting, veld, waarde, fout
):
    client.force_login(coordinator)
    data = _meeting_data(datum="2027-03-28", begintijd="01:00", eindtijd="04:00")
    data[veld] = waarde
    url = reverse("bijeenkomst_nieuw", kwargs={"slug": meeting.traject.slug})
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors == {veld: [fout]}
    assert Bijeenkomst.objects.count() == 1


def test_meeting_form_refuses_the_double_hour_in_autumn(client, coordinator, meeting):
    client.force_login(coordinator)
    data = _meeting_data(datum="2027-10-31", begintijd="02:15", eindtijd="04:00")
    url = reverse("bijeenkomsten:bewerken", kwargs={"pk": meeting.pk})
    start = meeting.start
    response = client.post(url, data)
    assert response.context["form"].errors == {"begintijd": [DUBBEL]}
    meeting.refresh_from_db()
    assert meeting.start == start


def test_meeting_place_is_single_line(client, coordinator, meeting):
    client.force_login(coordinator)
    url = reverse("bijeenkomsten:bewerken", kwargs={"pk": meeting.pk})
    response = client.post(url, _meeting_data(plaats="Buurt\r\nhuis\u202e\x0b"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.plaats == "Buurt huis"


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_meeting_edit_form_shows_its_date_and_times_in_iso(meeting, taal):
    with translation.override(taal):
        html = str(BijeenkomstForm(instance=meeting, traject=meeting.traject))
    assert f'type="date" name="datum" value="{_datum(meeting)}"' in html
    assert 'type="time" name="begintijd" value="19:30"' in html
    assert 'type="time" name="eindtijd" value="21:30"' in html


def test_meeting_edit_of_only_the_place_saves(client, coordinator, meeting):
    """The page's own values, posted back unchanged except for the place, are valid."""
    client.force_login(coordinator)
    url = reverse("bijeenkomsten:bewerken", kwargs={"pk": meeting.pk})
    start = meeting.start
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in ("datum", "begintijd", "eindtijd")}
    data = {name: form[name].field.widget.format_value(v) for name, v in data.items()}
    assert data == {"datum": _datum(meeting), "begintijd": "19:30", "eindtijd": "21:30"}
    response = client.post(url, _meeting_data(plaats="Bibliotheek", **data))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.plaats, meeting.start) == ("Bibliotheek", start)


# --- prep groups ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("veld", "waarde", "fout"),
    [("datum", "0001-01-01", JAAR), ("begintijd", "02:00", GAT)],
)
def test_prep_group_refuses_year_one_and_the_missing_hour(
    client, coordinator, meeting, veld, waarde, fout
):
    client.force_login(coordinator)
    data = {"grootte": "4", "datum": "2027-03-28", "begintijd": "10:00", "plaats": "Oost"}
    data[veld] = waarde
    url = reverse("groepen:voorbereiding_instellingen", kwargs={"pk": meeting.pk})
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors == {veld: [fout]}
    assert Voorbereidingsgroep.objects.count() == 0
    assert (
        client.get(reverse("groepen:voorbereiding", kwargs={"pk": meeting.pk})).status_code == 200
    )


def test_prep_group_form_shows_its_date_in_iso(meeting):
    dag = timezone.localtime(meeting.start).date() - timedelta(weeks=1)
    groep = Voorbereidingsgroep(
        bijeenkomst=meeting, start=datetime.combine(dag, time(10), tzinfo=AMS)
    )
    with translation.override("nl"):
        html = str(GroepForm(instance=groep))
    assert f'type="date" name="datum" value="{dag.isoformat()}"' in html
    assert 'type="time" name="begintijd" value="10:00"' in html


# --- trajecten ------------------------------------------------------------------------------


def test_traject_name_loses_its_line_break_and_invisible_characters(client, coordinator):
    client.force_login(coordinator)
    data = {
        "naam": "Samen\r\nin \u202eOost\u200b",
        "slug": "oost",
        "gebied": factories.gebied().pk,
        "capaciteit": 24,
        "doel_formeel": 50,
        "doel_informeel": 30,
        "doel_ervaringsdeskundige": 20,
        "aantal_bijeenkomsten": 4,
        "startdatum": "2027-01-12",
        "status": "open",
    }
    response = client.post(reverse("trajecten:nieuw"), data)
    assert response.status_code == 302
    assert Traject.objects.get(slug="oost").naam == "Samen in Oost"


def test_traject_start_date_in_year_one_is_refused(client, coordinator):
    client.force_login(coordinator)
    data = {
        "naam": "Oost",
        "slug": "oost",
        "gebied": factories.gebied().pk,
        "capaciteit": 24,
        "doel_formeel": 50,
        "doel_informeel": 30,
        "doel_ervaringsdeskundige": 20,
        "aantal_bijeenkomsten": 4,
        "startdatum": "0001-01-01",
        "status": "open",
    }
    response = client.post(reverse("trajecten:nieuw"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"startdatum": [JAAR]}
    assert Traject.objects.count() == 0


def test_targets_of_105_percent_show_only_the_friendly_message(client, coordinator):
    client.force_login(coordinator)
    data = {
        "naam": "Oost",
        "slug": "oost",
        "gebied": factories.gebied().pk,
        "capaciteit": 24,
        "doel_formeel": 55,
        "doel_informeel": 30,
        "doel_ervaringsdeskundige": 20,
        "aantal_bijeenkomsten": 4,
        "status": "open",
    }
    response = client.post(reverse("trajecten:nieuw"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "doel_formeel": ["De doelen samen moeten 100% zijn. Nu is het 105%."]
    }
    assert "traject_doel_som_100" not in response.content.decode()


def _traject_data(**kw):
    data = {
        "naam": "Oost",
        "slug": "oost",
        "gebied": factories.gebied().pk,
        "capaciteit": 24,
        "doel_formeel": 50,
        "doel_informeel": 30,
        "doel_ervaringsdeskundige": 20,
        "aantal_bijeenkomsten": 4,
        "status": "open",
    }
    return data | kw


@pytest.mark.parametrize(
    ("extra", "fouten"),
    [
        (
            {"capaciteit": 0},
            {"capaciteit": ["Zorg ervoor dat deze waarde minstens 1 is."]},
        ),
        (
            {"max_formeel": 101},
            {"max_formeel": ["Zorg ervoor dat deze waarde hoogstens 100 is."]},
        ),
        (
            {"startdatum": "2027-02-01", "einddatum": "2027-01-01"},
            {"einddatum": ["De einddatum ligt voor de startdatum."]},
        ),
    ],
)
def test_traject_form_names_the_field_not_the_constraint(client, coordinator, extra, fouten):
    client.force_login(coordinator)
    response = client.post(reverse("trajecten:nieuw"), _traject_data(**extra))
    assert response.status_code == 200
    assert response.context["form"].errors == fouten
    assert "traject_" not in response.content.decode()


def test_a_constraint_without_a_message_is_reported_in_dutch_not_by_name():
    from samenspel.cleaning import SchoneModelForm

    class KaleTrajectForm(SchoneModelForm):
        class Meta:
            model = Traject
            fields = ["naam", "slug", "gebied", "capaciteit", "aanbod_uren", "status"]
            fields += ["doel_formeel", "doel_informeel", "doel_ervaringsdeskundige"]
            fields += ["aantal_bijeenkomsten"]

    with translation.override("nl"):
        form = KaleTrajectForm(_traject_data(capaciteit=0, aanbod_uren=48))
        assert form.errors == {
            "__all__": ["Deze gegevens passen niet bij elkaar. Controleer wat je invulde."]
        }

"""Reports and the e-mail ledger: the coordinators' reminder stops once the report is
published (in a fixed number of queries), and an announcement of a version that is no
longer the published one is not sent."""

from datetime import timedelta

import factories
import pytest
from django.utils import timezone
from verslag_data import seed_meeting

from berichten.kinds import prepare
from berichten.messages import build
from berichten.models import Verzending
from bijeenkomsten.models import Bijdrage
from verslagen import services
from verslagen.messages import report_reminders

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("meetings", [2, 12])
def test_report_reminders_skip_published_reports_in_fixed_queries(
    django_assert_num_queries, meetings
):
    now = timezone.now()
    coordinator = factories.user(is_coordinator=True)
    traject = factories.traject(coordinatoren=[coordinator])
    einde = now - timedelta(days=3, hours=1)
    ms = [factories.bijeenkomst(traject, nummer=n + 1, einde=einde) for n in range(meetings)]
    for b in ms[::2]:
        factories.verslagversie(b, gepubliceerd=True)
    with django_assert_num_queries(2):  # meetings (with "published?"), coordinators
        dues = report_reminders(now)
    assert sorted(d.bijeenkomst_id for d in dues) == sorted(b.pk for b in ms[1::2])


def test_announcement_of_a_superseded_version_is_skipped():
    s = seed_meeting()
    opdracht = services.request_build(bijeenkomst=s.bijeenkomst, door=s.coordinator)
    eerste = services.publish(
        versie=services.build_report(opdracht_id=opdracht.pk), door=s.coordinator
    )
    user = s.people[0].deelnemer.user
    row = Verzending.objects.get(ontvanger=user, doel="verslag_gedeeld")
    assert build(row, prepare([row])) is not None

    Bijdrage.objects.create(bijeenkomst=s.bijeenkomst, soort="idee", tekst="Nieuw")
    opdracht = services.request_build(bijeenkomst=s.bijeenkomst, door=s.coordinator)
    tweede = services.publish(
        versie=services.build_report(opdracht_id=opdracht.pk), door=s.coordinator
    )
    assert tweede.nummer == eerste.nummer + 1
    row = Verzending.objects.get(ontvanger=user, doel="verslag_gedeeld", sleutel=str(eerste.pk))
    assert build(row, prepare([row])) is None
    nieuw = Verzending.objects.get(ontvanger=user, doel="verslag_gedeeld", sleutel=str(tweede.pk))
    message = build(nieuw, prepare([nieuw]))
    assert message.subject == "Het verslag van bijeenkomst 1 (Samen in Zuid) staat klaar"


@pytest.mark.parametrize(
    "path",
    ["evaluatie", "verslag", "verslagversie", "verslagopdracht"],
)
def test_admin_lists_reports_read_only(admin_client, path):
    s = seed_meeting(evaluaties=2)
    opdracht = services.request_build(bijeenkomst=s.bijeenkomst, door=s.coordinator)
    services.build_report(opdracht_id=opdracht.pk)
    response = admin_client.get(f"/admin/verslagen/{path}/")
    assert response.status_code == 200
    assert admin_client.get(f"/admin/verslagen/{path}/add/").status_code == 403
    from django.apps import apps

    obj = apps.get_model("verslagen", path).objects.first()
    assert admin_client.get(f"/admin/verslagen/{path}/{obj.pk}/change/").status_code == 200

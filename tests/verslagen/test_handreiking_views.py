from datetime import timedelta

import factories
import pytest
from django.urls import reverse
from django.utils import timezone
from handreiking_data import bulk_people, make_gids

from verslagen.handreiking import services as services
from verslagen.models import Gelezen, HandreikingVersie, Opmerking

pytestmark = pytest.mark.django_db


def _url(gids, name="detail", **kw):
    return reverse(f"handreiking:{name}", kwargs={"slug": gids.traject.slug, **kw})


def _round(gids):
    services.compile_version(traject=gids.traject)
    return services.open_round(
        traject=gids.traject,
        deadline=timezone.localdate() + timedelta(days=14),
        door=gids.coordinator,
    )


def test_participant_does_not_see_a_draft_outside_a_round(client, gids):
    services.compile_version(traject=gids.traject)
    client.force_login(gids.anna.deelnemer.user)
    response = client.get(_url(gids))
    html = response.content.decode()
    assert response.status_code == 200
    assert "De handreiking is nog niet klaar." in html
    assert "We leerden elkaar kennen." not in html
    assert client.get(_url(gids, "pdf")).status_code == 404
    assert Gelezen.objects.count() == 0


def test_coordinator_sees_the_draft_with_toc_and_actions(client, gids):
    services.compile_version(traject=gids.traject)
    client.force_login(gids.coordinator)
    html = client.get(_url(gids)).content.decode()
    assert '<a href="#h-bijeenkomst-3">Bijeenkomst 3: Samen verder</a>' in html
    assert "We leerden elkaar kennen." in html
    for knop in ("Maak nieuwe versie", "Open reactieronde", "Maak definitief"):
        assert knop in html
    response = client.get(_url(gids, "pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"
    assert response["Cache-Control"] == "private, no-store"


def test_round_participant_reads_comments_and_sees_only_own_and_handled(client, gids):
    ronde = _round(gids)
    bo_open = Opmerking.objects.create(
        ronde=ronde, sectie="inleiding", inschrijving=gids.bo, tekst="Bo vindt dit te lang."
    )
    bo_klaar = services.add_comment(
        ronde=ronde, inschrijving=gids.bo, sectie="inleiding", tekst="Een typfout in zin twee."
    )
    services.resolve_comment(opmerking=bo_klaar, door=gids.coordinator, antwoord="Verbeterd.")
    client.force_login(gids.anna.deelnemer.user)
    html = client.get(_url(gids)).content.decode()
    assert Gelezen.objects.filter(ronde=ronde, inschrijving=gids.anna).count() == 1
    assert "We leerden elkaar kennen." in html
    assert html.count('name="tekst"') == 4  # a comment form under each section
    assert bo_open.tekst not in html
    assert "Een typfout in zin twee." in html and "Verbeterd." in html
    assert "Reactie van iemand aan tafel" in html and "Bo Jansen" not in html

    response = client.post(
        _url(gids, "reageren"), {"sectie": "bijeenkomst-1", "tekst": "Heel herkenbaar."}
    )
    assert response.status_code == 302
    assert response["Location"] == _url(gids) + "#reacties-bijeenkomst-1"
    html = client.get(_url(gids)).content.decode()
    assert "Jouw reactie" in html and "Heel herkenbaar." in html

    client.force_login(gids.coordinator)
    html = client.get(_url(gids)).content.decode()
    assert "Bo Jansen" in html and "Anna de Wit" in html and bo_open.tekst in html
    assert "2 van de 2 deelnemers hebben de handreiking geopend." in html  # Bo by commenting


def test_comment_with_htmx_swaps_the_section_region(client, gids):
    _round(gids)
    client.force_login(gids.anna.deelnemer.user)
    response = client.post(
        _url(gids, "reageren"),
        {"sectie": "gedeelde-waarden", "tekst": "Mis ik openheid?"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div class="reacties" id="reacties-gedeelde-waarden"')
    assert "Mis ik openheid?" in html and "Je reactie is opgeslagen." in html
    assert "<html" not in html
    # An empty comment shows its error in the same region.
    response = client.post(
        _url(gids, "reageren"),
        {"sectie": "inleiding", "tekst": " "},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Schrijf eerst je reactie." in html
    assert 'id="reacties-inleiding"' in html
    assert Opmerking.objects.count() == 1


def test_comment_without_round_or_for_unknown_section_is_refused_clearly(client, gids):
    services.compile_version(traject=gids.traject)
    client.force_login(gids.anna.deelnemer.user)
    response = client.post(
        _url(gids, "reageren"), {"sectie": "inleiding", "tekst": "x"}, follow=True
    )
    assert "de reactieronde is voorbij" in response.content.decode()
    services.open_round(
        traject=gids.traject, deadline=timezone.localdate() + timedelta(days=3), door=None
    )
    response = client.post(
        _url(gids, "reageren"), {"sectie": "bestaat-niet", "tekst": "x"}, follow=True
    )
    assert "Dit hoofdstuk bestaat niet in deze versie." in response.content.decode()
    assert Opmerking.objects.count() == 0


def test_open_round_with_a_past_date_gets_a_clear_message(client, gids):
    services.compile_version(traject=gids.traject)
    client.force_login(gids.coordinator)
    gisteren = (timezone.localdate() - timedelta(days=1)).isoformat()
    for waarde, melding in [
        (gisteren, "Kies een datum na vandaag."),
        ("", "Kies een datum."),
        ("morgen", "Schrijf de datum als dag-maand-jaar"),
    ]:
        response = client.post(_url(gids, "ronde_openen"), {"deadline": waarde})
        assert response.status_code == 200
        assert melding in response.content.decode()
    response = client.post(
        _url(gids, "ronde_openen"),
        {"deadline": (timezone.localdate() + timedelta(days=10)).isoformat()},
    )
    assert response.status_code == 302


def test_resolve_and_publish_then_participant_sees_definitive(client, gids):
    ronde = _round(gids)
    opmerking = services.add_comment(
        ronde=ronde, inschrijving=gids.anna, sectie="inleiding", tekst="Graag korter."
    )
    client.force_login(gids.coordinator)
    response = client.post(_url(gids, "definitief"), follow=True)
    assert "Handel eerst alle reacties af. Nog niet afgehandeld: 1." in response.content.decode()
    response = client.post(_url(gids, "afhandelen", pk=opmerking.pk), {"antwoord": "Ingekort."})
    assert response["Location"] == _url(gids) + "#reacties-inleiding"
    client.post(_url(gids, "definitief"))
    versie = HandreikingVersie.objects.get()
    assert versie.gepubliceerd_op is not None
    client.force_login(gids.anna.deelnemer.user)
    html = client.get(_url(gids)).content.decode()
    assert "definitief" in html and "We leerden elkaar kennen." in html
    assert 'name="tekst"' not in html  # the round is closed
    assert "Ingekort." in html
    assert client.get(_url(gids, "pdf")).status_code == 200


def test_resolve_a_comment_of_another_traject_is_404(client, gids):
    ronde = _round(gids)
    opmerking = services.add_comment(
        ronde=ronde, inschrijving=gids.anna, sectie="inleiding", tekst="x"
    )
    ander = factories.user(is_coordinator=True)
    factories.traject(coordinatoren=[ander])
    gids.traject.coordinatoren.add(factories.user())
    client.force_login(ander)
    assert client.post(_url(gids, "afhandelen", pk=opmerking.pk)).status_code == 404


@pytest.mark.parametrize("people", [10, 300])
def test_document_page_query_count_fixed(client, django_assert_num_queries, people):
    gids = make_gids()
    mensen = bulk_people(gids.traject, people)
    ronde = _round(gids)
    for i in mensen[:: max(1, people // 10)]:
        services.add_comment(ronde=ronde, inschrijving=i, sectie="inleiding", tekst="Mooi.")
    client.force_login(gids.anna.deelnemer.user)
    client.get(_url(gids))  # the first visit records the read
    # session, user, traject, 2 × role, seat, guide, latest version, open round, comments,
    # the read (an insert that changes nothing)
    with django_assert_num_queries(11):
        response = client.get(_url(gids))
    assert response.status_code == 200
    client.force_login(gids.coordinator)
    # coordinators: no rapporteur check and no read, but two for the round's figures and
    # one for the newest compile request
    with django_assert_num_queries(12):
        response = client.get(_url(gids))
    assert f"van de {people + 2} deelnemers" in response.content.decode()


def test_new_version_status_partial(client, gids):
    client.force_login(gids.coordinator)
    opdracht = services.request_compile(traject=gids.traject, door=gids.coordinator)
    response = client.get(_url(gids) + "?deel=status", headers={"HX-Request": "true"})
    assert "Er wordt een nieuwe versie gemaakt." in response.content.decode()
    assert 'hx-trigger="load delay:2s"' in response.content.decode()
    services.build(opdracht_id=opdracht.pk)
    response = client.get(_url(gids) + "?deel=status", headers={"HX-Request": "true"})
    assert "Versie 1 is klaar." in response.content.decode()
    assert response["Vary"] == "Cookie, HX-Request" or "HX-Request" in response["Vary"]
    # The full page tells it once.
    assert "Versie 1 is klaar." in client.get(_url(gids)).content.decode()
    assert "Versie 1 is klaar." not in client.get(_url(gids)).content.decode()


@pytest.mark.django_db(transaction=True)
def test_new_version_is_compiled_by_the_worker(client, celery_worker):
    import time

    gids = make_gids()
    client.force_login(gids.coordinator)
    response = client.post(_url(gids, "nieuwe_versie"))
    assert response.status_code == 302
    for _ in range(200):
        if HandreikingVersie.objects.exists():
            break
        time.sleep(0.1)
    versie = HandreikingVersie.objects.get()
    assert versie.nummer == 1 and versie.aangemaakt_door == gids.coordinator
    # Same content again: the worker adds nothing.
    client.post(_url(gids, "nieuwe_versie"))
    for _ in range(200):
        status = services.compile_status(gids.traject)
        if status and status["status"] != "bezig":
            break
        time.sleep(0.1)
    assert status == {"status": "klaar", "nummer": 1, "nieuw": False}
    assert HandreikingVersie.objects.count() == 1


def test_comment_after_the_deadline_is_refused_in_place(client, gids):
    from verslagen.models import Reviewronde

    ronde = _round(gids)
    Reviewronde.objects.filter(pk=ronde.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    client.force_login(gids.anna.deelnemer.user)
    data = {"sectie": "inleiding", "tekst": "Te laat?"}
    response = client.post(_url(gids, "reageren"), data, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="reacties-inleiding"' in html
    assert "Reageren kan niet meer: de reactieronde is voorbij." in html
    response = client.post(_url(gids, "reageren"), data, follow=True)
    assert "Reageren kan niet meer: de reactieronde is voorbij." in response.content.decode()
    assert Opmerking.objects.count() == 0

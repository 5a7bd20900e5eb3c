"""The report page, its progress fragment, the narrative page, publishing and the PDF."""

import io

import factories
import pytest
from django.urls import reverse
from outbox import send_claimed
from pypdf import PdfReader
from verslag_data import seed_meeting

from bijeenkomsten.models import Bijdrage
from verslagen import services
from verslagen.choices import OpdrachtStatus
from verslagen.models import Verslag, Verslagopdracht, VerslagVersie

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "opdracht"}


@pytest.fixture
def s():
    return seed_meeting()


def url(b, name="verslag"):
    return reverse(f"verslagen:{name}", kwargs={"pk": b.pk})


def built(s):
    opdracht = services.request_build(bijeenkomst=s.bijeenkomst, door=s.coordinator)
    services.build_report(opdracht_id=opdracht.pk)
    opdracht.refresh_from_db()
    return opdracht


def published(s):
    versie = built(s).versie
    return services.publish(versie=versie, door=s.coordinator)


def test_coordinator_asks_for_a_build(client, s, django_capture_on_commit_callbacks):
    client.force_login(s.coordinator)
    page = client.get(url(s.bijeenkomst)).content.decode()
    assert "Maak verslag" in page
    assert "Er is nog geen versie van dit verslag." in page
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url(s.bijeenkomst, "maak"))
    assert response.status_code == 302
    assert len(callbacks) == 1
    page = client.get(url(s.bijeenkomst)).content.decode()
    assert "Het verslag staat in de wachtrij." in page
    assert 'hx-trigger="every 2s"' in page
    assert f'href="{url(s.bijeenkomst)}"' in page  # "Vernieuwen" works without JS


def test_build_with_htmx_answers_with_the_progress_fragment(client, s):
    client.force_login(s.coordinator)
    response = client.post(url(s.bijeenkomst, "maak"), **HTMX)
    page = response.content.decode()
    assert "<h1" not in page
    assert "Het verslag staat in de wachtrij." in page


def test_polling_shows_progress_then_refreshes_the_page(client, s):
    client.force_login(s.coordinator)
    opdracht = services.request_build(bijeenkomst=s.bijeenkomst, door=s.coordinator)
    Verslagopdracht.objects.filter(pk=opdracht.pk).update(
        status=OpdrachtStatus.BEZIG, voortgang=60, stap="pdf"
    )
    response = client.get(url(s.bijeenkomst), **HTMX)
    page = response.content.decode()
    assert "<h1" not in page
    assert "Stap: PDF maken." in page
    assert 'value="60"' in page
    services.build_report(opdracht_id=opdracht.pk)
    response = client.get(url(s.bijeenkomst), **HTMX)
    assert response["HX-Refresh"] == "true"
    page = client.get(url(s.bijeenkomst)).content.decode()
    assert "Klaar: versie 1 is gemaakt." in page
    assert "Samen kom je verder." in page
    assert "Concept: versie 1" in page


def test_identical_data_says_nothing_changed(client, s):
    built(s)
    built(s)
    client.force_login(s.coordinator)
    page = client.get(url(s.bijeenkomst)).content.decode()
    assert "Klaar: er was niets veranderd. Versie 1 is nog steeds goed." in page


def test_failed_build_shows_a_dutch_message_and_a_retry_button(client, s, monkeypatch):
    from verslagen import document

    monkeypatch.setattr(document, "PRINT_CSS", "css/bestaat-niet.css")
    opdracht = built(s)
    assert opdracht.status == OpdrachtStatus.MISLUKT
    client.force_login(s.coordinator)
    page = client.get(url(s.bijeenkomst)).content.decode()
    assert "Het verslag kon niet worden gemaakt." in page
    assert "Probeer opnieuw" in page
    assert "bestaat-niet" not in page  # no technical detail on the page
    monkeypatch.undo()
    client.post(url(s.bijeenkomst, "maak"))
    assert Verslagopdracht.objects.filter(status=OpdrachtStatus.WACHTRIJ).count() == 1


def test_narrative_is_edited_sanitised_and_shown(client, s):
    built(s)
    client.force_login(s.coordinator)
    assert client.get(url(s.bijeenkomst, "verhaal")).status_code == 200
    tekst = "## Terugblik\n\nHet was *fijn*. <script>alert(1)</script> [x](javascript:alert(1))"
    response = client.post(url(s.bijeenkomst, "verhaal"), {"verhaal": tekst})
    assert response.status_code == 302
    assert VerslagVersie.objects.get().verhaal == tekst
    page = client.get(url(s.bijeenkomst)).content.decode()
    assert "<h4>Terugblik</h4>" in page
    assert "<em>fijn</em>" in page
    assert "<script>alert" not in page
    assert "javascript:" not in page.split('class="verslag"')[1].split("</article>")[0].replace(
        "[x](javascript:alert(1))", ""
    )


def test_narrative_without_a_draft_sends_back(client, s):
    client.force_login(s.coordinator)
    response = client.get(url(s.bijeenkomst, "verhaal"), follow=True)
    assert "Er is geen concept om aan te vullen." in response.content.decode()


def test_publish_from_the_page(client, s, django_capture_on_commit_callbacks):
    built(s)
    client.force_login(s.coordinator)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url(s.bijeenkomst, "publiceren"), follow=True)
    assert "Het verslag is gedeeld. De deelnemers krijgen een e-mail." in response.content.decode()
    assert Verslag.objects.get().gepubliceerd is not None


def test_drafts_are_invisible_to_participants(client, s):
    versie = built(s).versie
    client.force_login(s.people[0].deelnemer.user)
    assert client.get(url(s.bijeenkomst)).status_code == 404
    assert client.get(url(s.bijeenkomst, "pdf")).status_code == 404
    assert client.get(url(s.bijeenkomst, "pdf") + f"?versie={versie.nummer}").status_code == 404


def test_participant_reads_the_published_report_but_not_a_newer_draft(client, s):
    eerste = published(s)
    Bijdrage.objects.create(bijeenkomst=s.bijeenkomst, soort="idee", tekst="Later idee")
    tweede = built(s).versie
    assert tweede.nummer == 2
    client.force_login(s.people[0].deelnemer.user)
    page = client.get(url(s.bijeenkomst)).content.decode()
    assert "Samen kom je verder." in page
    assert "Later idee" not in page
    assert "Maak verslag" not in page
    assert "Later idee" not in client.get(url(s.bijeenkomst) + "?versie=2").content.decode()
    assert client.get(url(s.bijeenkomst, "pdf") + "?versie=2").status_code == 404
    response = client.get(url(s.bijeenkomst, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="verslag-{s.traject.slug}-bijeenkomst-1-v{eerste.nummer}.pdf"'
    )
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "10 maart 2026" in text


def test_coordinator_downloads_a_draft_by_number(client, s):
    built(s)
    client.force_login(s.coordinator)
    response = client.get(url(s.bijeenkomst, "pdf") + "?versie=1")
    assert response.status_code == 200
    assert response.content[:5] == b"%PDF-"
    assert response["Cache-Control"] == "private, no-store"
    assert client.get(url(s.bijeenkomst, "pdf") + "?versie=7").status_code == 404
    assert client.get(url(s.bijeenkomst) + "?versie=7").status_code == 404


def test_managers_get_404_on_reports(client, s):
    published(s)
    manager = factories.user(is_manager=True)
    s.traject.gebied.managers.add(manager)
    client.force_login(manager)
    assert client.get(s.bijeenkomst.get_absolute_url()).status_code == 200  # at the table
    for name in ("verslag", "pdf"):
        assert client.get(url(s.bijeenkomst, name)).status_code == 404


def test_rapporteur_may_build(client, s, django_capture_on_commit_callbacks):
    rapporteur = factories.user(is_rapporteur=True)
    s.traject.rapporteurs.add(rapporteur)
    client.force_login(rapporteur)
    with django_capture_on_commit_callbacks():
        assert client.post(url(s.bijeenkomst, "maak")).status_code == 302
    assert Verslagopdracht.objects.count() == 1


def test_meeting_page_links_participants_to_the_published_report(client, s):
    client.force_login(s.people[0].deelnemer.user)
    assert url(s.bijeenkomst) not in client.get(s.bijeenkomst.get_absolute_url()).content.decode()
    published(s)
    assert url(s.bijeenkomst) in client.get(s.bijeenkomst.get_absolute_url()).content.decode()


def _people(n):
    return {"formeel": n // 2, "informeel": n // 3, "ervaring": n - n // 2 - n // 3}


@pytest.mark.parametrize("people", [10, 300])
def test_report_page_query_count_fixed_for_coordinators(client, django_assert_num_queries, people):
    s = seed_meeting(**_people(people), evaluaties=people)
    Bijdrage.objects.bulk_create(
        Bijdrage(bijeenkomst=s.bijeenkomst, soort="idee", tekst=f"Idee {n}") for n in range(people)
    )
    built(s)
    client.force_login(s.coordinator)
    # session, user, meeting, may-report, report, last request, shown version, versions, newest
    with django_assert_num_queries(9):
        response = client.get(url(s.bijeenkomst))
    assert f"Idee {people - 1}" in response.content.decode()


@pytest.mark.parametrize("people", [10, 300])
def test_report_page_query_count_fixed_for_participants(client, django_assert_num_queries, people):
    s = seed_meeting(**_people(people), evaluaties=people)
    published(s)
    client.force_login(s.people[-1].deelnemer.user)
    # session, user, meeting, may-report, own enrolment, report with its published version
    with django_assert_num_queries(6):
        response = client.get(url(s.bijeenkomst))
    assert response.status_code == 200


# --- Evaluations stay anonymous: figures only from five answers ---------------------------


def _pdf_text(content: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


UITLEG = (
    "De cijfers en antwoorden staan hier pas als minstens 5 mensen de evaluatie invulden. "
    "Zo blijft ieders antwoord anoniem."
)


def test_report_with_one_evaluation_shows_no_scores_or_answers(
    client, mailbox, django_capture_on_commit_callbacks
):
    s = seed_meeting(evaluaties=1)
    with django_capture_on_commit_callbacks(execute=True):
        published(s)
    for reader in (s.people[1].deelnemer.user, s.coordinator):
        client.force_login(reader)
        page = client.get(url(s.bijeenkomst)).content.decode()
        assert "1 persoon vulde de evaluatie in." in page
        assert UITLEG in page
        assert "De kleine groepen 0" not in page
        assert "Meer pauze" not in page
        assert "Antwoorden per stelling" not in page
        assert "Gemiddelde per stelling" not in page
        pdf = _pdf_text(client.get(url(s.bijeenkomst, "pdf")).content)
        assert "1 persoon vulde de evaluatie in." in pdf
        assert "De kleine groepen 0" not in pdf and "Meer pauze" not in pdf
        assert "Antwoorden per stelling" not in pdf
    send_claimed()
    messages = mailbox.wait_for(len(s.people))
    for message in messages:
        body = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        for tekst in ("De kleine groepen", "Meer pauze", "Gemiddeld"):
            assert tekst not in body and tekst not in html
    versie = VerslagVersie.objects.get()
    assert versie.gegevens["evaluatie"] == {"aantal": 1, "getoond": False}


def test_report_with_five_evaluations_shows_scores_and_answers_in_text_order(client):
    s = seed_meeting(evaluaties=5)
    published(s)
    client.force_login(s.people[1].deelnemer.user)
    page = client.get(url(s.bijeenkomst)).content.decode()
    assert "5 mensen vulden de evaluatie in." in page
    assert UITLEG not in page
    assert "Antwoorden per stelling" in page
    assert "Meer pauze" in page
    antwoorden = [f"De kleine groepen {n}" for n in range(5)]
    assert [page.index(t) for t in antwoorden] == sorted(page.index(t) for t in antwoorden)
    pdf = _pdf_text(client.get(url(s.bijeenkomst, "pdf")).content)
    assert "Antwoorden per stelling" in pdf and "De kleine groepen 4" in pdf


def test_report_shows_counts_per_background_only_when_each_is_five_or_more(client):
    klein = seed_meeting(formeel=6, informeel=5, ervaring=1)
    groot = seed_meeting(formeel=6, informeel=5, ervaring=5)
    for s in (klein, groot):
        published(s)
    client.force_login(klein.people[0].deelnemer.user)
    page = client.get(url(klein.bijeenkomst)).content.decode()
    assert "12 mensen waren er." in page
    assert "Aanwezig per achtergrond" not in page
    assert "We tellen niet per achtergrond: de groepen zijn klein." in page
    client.force_login(groot.people[0].deelnemer.user)
    page = client.get(url(groot.bijeenkomst)).content.decode()
    assert "Aanwezig per achtergrond" in page
    assert "We tellen niet per achtergrond" not in page

"""Reports, evaluations and the guide under the privacy rules: the person's export holds
their evaluations and guide comments, deleting the account empties the evaluation answers
and removes the comments, and a PDF emptied by the retention job is made again from the
cleaned text."""

import csv
import io
import json
from datetime import timedelta

import factories
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from verslag_data import seed_meeting

from trajecten import anonymise as anonimiseren
from trajecten.choices import TrajectStatus
from verslagen import services, tasks
from verslagen.handreiking import services as handreiking_services
from verslagen.models import (
    Evaluatie,
    Handreiking,
    HandreikingVersie,
    Opmerking,
    Reviewronde,
    Verslagopdracht,
    VerslagVersie,
)

pytestmark = pytest.mark.django_db

WOORDEN = "Mijn eigen woorden over de avond"


def _pdf_text(content: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def _guide(traject, html: str, *, pdf: bytes = b"") -> HandreikingVersie:
    secties = [{"slug": "inleiding", "titel": "Inleiding"}]
    return HandreikingVersie.objects.create(
        handreiking=Handreiking.objects.create(traject=traject),
        nummer=1,
        inhoud_hash="x",
        secties=secties,
        html=html,
        pdf=pdf or handreiking_services.render_pdf(traject, secties, html),
    )


@pytest.fixture
def deelname():
    """One person with an evaluation and a guide comment, and someone else with both too."""
    traject = factories.traject(naam="Samen in West", capaciteit=10)
    b = factories.bijeenkomst(traject, start=timezone.now() - timedelta(days=2))
    mijn = factories.inschrijving(traject, user=factories.user(naam="Wim Jansen"))
    ander = factories.inschrijving(traject, user=factories.user(naam="Olga Ander"))
    for inschrijving, tekst in ((mijn, WOORDEN), (ander, "Andermans woorden")):
        Evaluatie.objects.create(
            bijeenkomst=b,
            inschrijving=inschrijving,
            doelmatigheid=4,
            open=5,
            eerlijk=3,
            inzet=2,
            wat_werkte=tekst,
            kan_beter=tekst,
        )
    versie = _guide(traject, '<section data-sectie="inleiding">Tekst</section>', pdf=b"%PDF-")
    ronde = Reviewronde.objects.create(versie=versie, deadline=timezone.now() + timedelta(days=3))
    Opmerking.objects.create(ronde=ronde, sectie="inleiding", inschrijving=mijn, tekst=WOORDEN)
    Opmerking.objects.create(
        ronde=ronde, sectie="inleiding", inschrijving=ander, tekst="Andermans reactie"
    )
    return {"traject": traject, "mijn": mijn, "ander": ander}


def test_export_holds_own_evaluations_and_comments(client, deelname):
    client.force_login(deelname["mijn"].deelnemer.user)
    data = json.loads(client.get(reverse("mijn_gegevens") + "?format=json").content)
    (evaluatie,) = data["evaluaties"]
    assert {k: evaluatie[k] for k in ("traject", "bijeenkomst", "open", "inzet")} == {
        "traject": "Samen in West",
        "bijeenkomst": 1,
        "open": 5,
        "inzet": 2,
    }
    assert (evaluatie["wat_werkte"], evaluatie["kan_beter"]) == (WOORDEN, WOORDEN)
    (reactie,) = data["reacties_handreiking"]
    assert (reactie["traject"], reactie["versie"], reactie["hoofdstuk"], reactie["tekst"]) == (
        "Samen in West",
        1,
        "inleiding",
        WOORDEN,
    )
    assert "Andermans" not in json.dumps(data)


def test_csv_export_has_a_block_for_evaluations_and_comments(client, deelname):
    client.force_login(deelname["mijn"].deelnemer.user)
    response = client.get(reverse("mijn_gegevens") + "?format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    start = rows.index(["evaluaties"])
    evaluatie = dict(zip(rows[start + 1], rows[start + 2], strict=True))
    assert (evaluatie["doelmatigheid"], evaluatie["wat_werkte"]) == ("4", WOORDEN)
    start = rows.index(["reacties_handreiking"])
    reactie = dict(zip(rows[start + 1], rows[start + 2], strict=True))
    assert (reactie["tekst"], reactie["afgehandeld"]) == (WOORDEN, "nee")
    assert "Andermans" not in response.content.decode("utf-8-sig")


def test_deleting_the_account_keeps_scores_and_removes_words(client, deelname):
    client.force_login(deelname["mijn"].deelnemer.user)
    client.post(reverse("account_verwijderen"), {"bevestig": "ja"})

    mijn = Evaluatie.objects.get(inschrijving=deelname["mijn"])
    assert (mijn.doelmatigheid, mijn.open, mijn.eerlijk, mijn.inzet) == (4, 5, 3, 2)
    assert (mijn.wat_werkte, mijn.kan_beter) == ("", "")
    assert not Opmerking.objects.filter(tekst=WOORDEN).exists()
    # The others' words stay.
    assert Evaluatie.objects.get(inschrijving=deelname["ander"]).wat_werkte == "Andermans woorden"
    assert list(Opmerking.objects.values_list("tekst", flat=True)) == ["Andermans reactie"]


def test_report_pdf_is_made_again_after_the_retention_job(client):
    s = seed_meeting()
    naam = s.people[0].deelnemer.user.naam
    opdracht = services.request_build(bijeenkomst=s.bijeenkomst, door=s.coordinator)
    tasks.build_verslag.run(opdracht.pk)
    versie = Verslagopdracht.objects.get(pk=opdracht.pk).versie
    services.set_verhaal(versie=versie, tekst=f"Met dank aan {naam} voor de soep.")
    services.publish(versie=versie, door=s.coordinator)
    url = reverse("verslagen:pdf", kwargs={"pk": s.bijeenkomst.pk})
    client.force_login(s.coordinator)
    assert naam in _pdf_text(client.get(url).content)  # the check can fail

    s.traject.status = TrajectStatus.AFGEROND
    s.traject.save()
    anonimiseren.purge_traject(traject=s.traject)
    assert bytes(VerslagVersie.objects.get(pk=versie.pk).pdf) == b""

    response = client.get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    text = _pdf_text(response.content)
    assert naam not in text
    assert "verwijderd" in text
    assert "soep" in text


def test_guide_pdf_is_made_again_after_the_retention_job(client):
    coordinator = factories.user(is_coordinator=True)
    traject = factories.traject(coordinatoren=[coordinator], status=TrajectStatus.AFGEROND)
    factories.inschrijving(traject, user=factories.user(naam="Petra Pannekoek"))
    versie = _guide(
        traject,
        '<section class="hoofdstuk" data-sectie="inleiding">'
        "<p>Met dank aan Petra Pannekoek voor het idee.</p></section>",
    )
    url = reverse("handreiking:pdf", kwargs={"slug": traject.slug})
    client.force_login(coordinator)
    assert "Pannekoek" in _pdf_text(client.get(url).content)  # the check can fail

    anonimiseren.purge_traject(traject=traject)
    assert bytes(HandreikingVersie.objects.get(pk=versie.pk).pdf) == b""

    response = client.get(url)
    assert response.status_code == 200
    text = _pdf_text(response.content)
    assert "Pannekoek" not in text
    assert "verwijderd" in text
    assert "idee" in text


# --- A person leaves every stored report and guide version --------------------------------


def _dirk_in_a_published_report_and_guide():
    """A meeting with six evaluations; Dirk has a named contribution and quote, sits in the
    next prep group, wrote an evaluation answer, and the narrative thanks him. The report
    is published and a guide compiled from it."""
    from bijeenkomsten.choices import BijdrageSoort
    from bijeenkomsten.models import Aanwezigheid, Bijdrage
    from groepen.models import Groepslid, Voorbereidingsgroep
    from waarden import services as waarden_services
    from waarden.models import Citaat, Waarde

    s = seed_meeting(evaluaties=5)
    dirk_user = factories.user(naam="Dirk Dekker", email="dirk@voorbeeld.nl")
    dirk = factories.inschrijving(s.traject, user=dirk_user)
    Aanwezigheid.objects.create(bijeenkomst=s.bijeenkomst, inschrijving=dirk, aanwezig=True)
    Bijdrage.objects.create(
        bijeenkomst=s.bijeenkomst,
        soort=BijdrageSoort.IDEE,
        tekst="Een moestuin",
        door=dirk_user,
        toon_naam=True,
    )
    humor = Waarde.objects.get(traject=s.traject, slug="humor")
    waarden_services.set_bord(traject=s.traject, waarden=[humor], drempel=30)
    Citaat.objects.create(
        waarde=humor,
        inschrijving=dirk,
        bijeenkomst=s.bijeenkomst,
        tekst="Lachen verbindt.",
        toon_naam=True,
    )
    Evaluatie.objects.create(
        bijeenkomst=s.bijeenkomst,
        inschrijving=dirk,
        doelmatigheid=2,
        open=2,
        eerlijk=2,
        inzet=2,
        wat_werkte="De soep van Dekker was top",
        kan_beter="Minder praten over mij",
    )
    groep = Voorbereidingsgroep.objects.get(bijeenkomst__traject=s.traject)
    Groepslid.objects.create(groep=groep, inschrijving=dirk, reden="tag_nodig")
    opdracht = services.request_build(bijeenkomst=s.bijeenkomst, door=s.coordinator)
    tasks.build_verslag.run(opdracht.pk)
    versie = Verslagopdracht.objects.get(pk=opdracht.pk).versie
    services.set_verhaal(versie=versie, tekst="Dank aan Dirk voor de moestuin.")
    services.publish(versie=versie, door=s.coordinator)
    gids, _nieuw = handreiking_services.compile_version(traject=s.traject, door=s.coordinator)
    return s, dirk_user, versie, gids


def _assert_gone(client, s, woorden, *, blijft):
    """No stored report or guide version holds any of ``woorden`` (data, HTML, narrative,
    PDF as served); the words in ``blijft`` are still there."""
    versies = list(VerslagVersie.objects.filter(verslag__bijeenkomst=s.bijeenkomst))
    gidsen = list(HandreikingVersie.objects.filter(handreiking__traject=s.traject))
    assert len(versies) == 1 and len(gidsen) == 1
    client.force_login(s.coordinator)
    report_pdf = _pdf_text(
        client.get(reverse("verslagen:pdf", kwargs={"pk": s.bijeenkomst.pk})).content
    )
    guide_pdf = _pdf_text(
        client.get(reverse("handreiking:pdf", kwargs={"slug": s.traject.slug})).content
    )
    stored = [
        json.dumps(versies[0].gegevens, ensure_ascii=False),
        versies[0].html,
        versies[0].verhaal,
        gidsen[0].html,
        report_pdf,
        guide_pdf,
    ]
    for woord in woorden:
        assert [woord in tekst for tekst in stored] == [False] * 6, woord
    for woord in blijft:
        assert woord in versies[0].html and woord in report_pdf and woord in gidsen[0].html
    return versies[0]


def test_deleting_the_account_removes_the_person_from_every_report_and_guide(client):
    s, dirk, versie, gids = _dirk_in_a_published_report_and_guide()
    client.force_login(dirk)
    assert "(Dirk)" in versie.html and "Dirk" in _pdf_text(bytes(versie.pdf))  # can fail
    assert "– Dirk, bijeenkomst 1" in gids.html
    client.post(reverse("account_verwijderen"), {"bevestig": "ja"})

    versie = _assert_gone(
        client,
        s,
        ["Dirk", "Dekker", "dirk@voorbeeld.nl", "Minder praten over mij"],
        blijft=["Een moestuin", "Lachen verbindt.", "Beroepskracht0", "De kleine groepen 0"],
    )
    # Their answers went from the lists; the others' stayed, and the count too.
    assert versie.gegevens["evaluatie"]["aantal"] == 6
    assert versie.gegevens["evaluatie"]["kan_beter"] == ["Meer pauze"]
    assert versie.gegevens["voorbereiding"]["leden"] == [
        {"naam": "Beroepskracht0", "persoon": s.people[0].deelnemer.user_id},
        {"naam": "Ervaringsdeskundige0", "persoon": s.people[-1].deelnemer.user_id},
    ]
    assert "[verwijderd]" in versie.verhaal


def test_the_retention_job_removes_first_names_from_every_report_and_guide(client):
    s, dirk, versie, gids = _dirk_in_a_published_report_and_guide()
    s.traject.status = TrajectStatus.AFGEROND
    s.traject.save()
    anonimiseren.purge_traject(traject=s.traject)

    versie = _assert_gone(
        client,
        s,
        ["Dirk", "Dekker", "Beroepskracht0", "Ervaringsdeskundige0", "De kleine groepen 0"],
        blijft=["Een moestuin", "Lachen verbindt.", "Een buurtmaaltijd"],
    )
    assert versie.gegevens["voorbereiding"]["leden"] == []
    assert versie.gegevens["evaluatie"]["wat_werkte"] == []


def test_the_dropped_pdfs_are_rendered_again_by_a_task(client, django_capture_on_commit_callbacks):
    s, dirk, versie, gids = _dirk_in_a_published_report_and_guide()
    client.force_login(dirk)
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("account_verwijderen"), {"bevestig": "ja"})
    assert (bytes(VerslagVersie.objects.get().pdf), bytes(HandreikingVersie.objects.get().pdf)) == (
        b"",
        b"",
    )
    assert len(callbacks) == 1  # the task is queued after the commit
    assert tasks.render_pdfs.run([versie.pk], [gids.pk]) == 2
    for stored in (VerslagVersie.objects.get().pdf, HandreikingVersie.objects.get().pdf):
        text = _pdf_text(bytes(stored))
        assert "Dirk" not in text and "Dekker" not in text
        assert "Een moestuin" in text
    assert tasks.render_pdfs.run([versie.pk], [gids.pk]) == 0  # run twice: nothing more
    assert tasks.render_pdfs.run([0], [0]) == 0  # gone: nothing

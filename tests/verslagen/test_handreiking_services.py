import io
from datetime import timedelta

import factories
import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from handreiking_data import meeting, publish_report
from pypdf import PdfReader

from berichten.models import Verzending
from verslagen.choices import Bericht, RondeStatus
from verslagen.handreiking import services as services
from verslagen.handreiking.services import HandreikingError
from verslagen.models import Gelezen, Handreiking, HandreikingVersie, Reviewronde

pytestmark = pytest.mark.django_db


def _tomorrow_plus(days=14):
    return timezone.localdate() + timedelta(days=days)


def test_compile_sections_in_meeting_order_with_values_and_quotes(gids):
    versie, nieuw = services.compile_version(traject=gids.traject, door=gids.coordinator)
    assert nieuw is True
    assert versie.nummer == 1
    assert versie.secties == [
        {"slug": "inleiding", "titel": "Inleiding"},
        {"slug": "bijeenkomst-1", "titel": "Bijeenkomst 1: Kennismaken"},
        {"slug": "bijeenkomst-3", "titel": "Bijeenkomst 3: Samen verder"},
        {"slug": "gedeelde-waarden", "titel": "Gedeelde waarden"},
    ]
    html = versie.html
    assert "Een handreiking voor betere samenwerking in de wijk." in html
    # The reports' own headings sit one level under the section heading.
    assert "<h3>Wat we deden</h3>" in html and "<h2>Wat we deden</h2>" not in html
    assert html.index("We leerden elkaar kennen.") < html.index("We maakten plannen")
    assert "Luisteren is het begin van alles." in html
    assert "– Anna" in html  # she chose to show her first name
    assert "Een kop koffie helpt." in html
    assert "Jansen" not in html and "Bo" not in html  # Bo did not
    assert "nog niet door alle groepen gedeeld" in html  # warmte: a quote, not shared
    assert versie.pdf[:5] == b"%PDF-"
    assert versie.aangemaakt_door == gids.coordinator


def test_compile_twice_same_content_no_new_version(gids):
    eerste, _ = services.compile_version(traject=gids.traject)
    zelfde, nieuw = services.compile_version(traject=gids.traject)
    assert (zelfde.pk, nieuw) == (eerste.pk, False)
    assert HandreikingVersie.objects.count() == 1
    publish_report(meeting(gids.traject, 4, "Vieren"), "<h2>Feest</h2><p>Taart.</p>")
    tweede, nieuw = services.compile_version(traject=gids.traject)
    assert (tweede.nummer, nieuw) == (2, True)
    assert tweede.inhoud_hash != eerste.inhoud_hash


def test_pdf_has_toc_titles_and_a_quote(gids):
    versie, _ = services.compile_version(traject=gids.traject)
    reader = PdfReader(io.BytesIO(bytes(versie.pdf)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Handreiking Samen in Zuid" in first
    for titel in ("Inleiding", "Bijeenkomst 1: Kennismaken", "Bijeenkomst 3: Samen verder"):
        assert titel in first  # the table of contents
    assert "Gedeelde waarden" in first
    assert "Luisteren is het begin van alles." in text
    assert reader.metadata.title == "Handreiking Samen in Zuid"


def test_round_lifecycle_comment_resolve_publish(gids, django_capture_on_commit_callbacks):
    versie, _ = services.compile_version(traject=gids.traject)
    with django_capture_on_commit_callbacks():
        ronde = services.open_round(
            traject=gids.traject, deadline=_tomorrow_plus(), door=gids.coordinator
        )
    assert ronde.versie == versie and ronde.status == RondeStatus.OPEN
    assert timezone.localtime(ronde.deadline).time().hour == 23
    # Everyone with a seat is told, once.
    assert sorted(
        Verzending.objects.filter(doel=Bericht.HANDREIKING).values_list("sleutel", "ontvanger")
    ) == sorted([(f"ronde-{ronde.pk}-open", i.deelnemer.user_id) for i in (gids.anna, gids.bo)])
    opmerking = services.add_comment(
        ronde=ronde, inschrijving=gids.anna, sectie="bijeenkomst-1", tekst="  Mooi verslag!  "
    )
    assert opmerking.tekst == "Mooi verslag!"
    assert Gelezen.objects.filter(ronde=ronde, inschrijving=gids.anna).count() == 1
    with pytest.raises(HandreikingError, match="Handel eerst alle reacties af"):
        services.publish(traject=gids.traject)
    services.resolve_comment(opmerking=opmerking, door=gids.coordinator, antwoord="Dank je!")
    opmerking.refresh_from_db()
    assert (opmerking.opgelost, opmerking.antwoord) == (True, "Dank je!")
    assert opmerking.opgelost_op is not None
    gepubliceerd = services.publish(traject=gids.traject)
    assert gepubliceerd == versie
    assert Handreiking.objects.get().definitief == versie
    versie.refresh_from_db()
    assert versie.gepubliceerd_op is not None
    ronde.refresh_from_db()
    assert ronde.status == RondeStatus.GESLOTEN and ronde.gesloten_op is not None


def test_open_round_refuses_past_or_today_and_second_round(gids):
    with pytest.raises(HandreikingError, match="Maak er eerst een"):
        services.open_round(traject=gids.traject, deadline=_tomorrow_plus(), door=None)
    services.compile_version(traject=gids.traject)
    for dag in (timezone.localdate(), timezone.localdate() - timedelta(days=1)):
        with pytest.raises(HandreikingError, match="Kies een datum na vandaag."):
            services.open_round(traject=gids.traject, deadline=dag, door=None)
    services.open_round(traject=gids.traject, deadline=_tomorrow_plus(), door=None)
    with pytest.raises(HandreikingError, match="Er loopt al een reactieronde"):
        services.open_round(traject=gids.traject, deadline=_tomorrow_plus(), door=None)
    with pytest.raises(HandreikingError, match="Sluit die eerst"):
        publish_report(meeting(gids.traject, 4), "<h2>Nieuw</h2>")
        services.compile_version(traject=gids.traject)
    services.close_round(traject=gids.traject)
    with pytest.raises(HandreikingError, match="Er loopt geen reactieronde"):
        services.close_round(traject=gids.traject)
    assert Reviewronde.objects.count() == 1


def test_database_allows_one_open_round_per_version(gids):
    versie, _ = services.compile_version(traject=gids.traject)
    deadline = timezone.now() + timedelta(days=3)
    Reviewronde.objects.create(versie=versie, deadline=deadline)
    with pytest.raises(IntegrityError), transaction.atomic():
        Reviewronde.objects.create(versie=versie, deadline=deadline)
    Reviewronde.objects.create(versie=versie, deadline=deadline, status=RondeStatus.GESLOTEN)


def test_comment_refused_after_deadline_unknown_section_or_without_seat(gids):
    services.compile_version(traject=gids.traject)
    ronde = services.open_round(traject=gids.traject, deadline=_tomorrow_plus(), door=None)
    with pytest.raises(HandreikingError, match="bestaat niet"):
        services.add_comment(ronde=ronde, inschrijving=gids.anna, sectie="geen", tekst="x")
    with pytest.raises(HandreikingError, match="Schrijf eerst"):
        services.add_comment(ronde=ronde, inschrijving=gids.anna, sectie="inleiding", tekst=" ")
    weg = factories.inschrijving(gids.traject, status="afgemeld")
    with pytest.raises(HandreikingError, match="plek aan tafel"):
        services.add_comment(ronde=ronde, inschrijving=weg, sectie="inleiding", tekst="x")
    Reviewronde.objects.filter(pk=ronde.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(HandreikingError, match="voorbij"):
        services.add_comment(ronde=ronde, inschrijving=gids.anna, sectie="inleiding", tekst="x")


def test_mark_read_once(gids):
    services.compile_version(traject=gids.traject)
    ronde = services.open_round(traject=gids.traject, deadline=_tomorrow_plus(), door=None)
    services.mark_read(ronde=ronde, inschrijving=gids.anna)
    first = Gelezen.objects.get().gelezen_op
    services.mark_read(ronde=ronde, inschrijving=gids.anna)
    assert list(Gelezen.objects.values_list("gelezen_op", flat=True)) == [first]

"""Stored versions made before the disclosure rules are rendered again by a migration."""

import importlib

import factories
import pytest
from django.apps import apps
from verslag_data import seed_meeting

from verslagen import content, document
from verslagen.handreiking.document import shift_headings
from verslagen.models import Handreiking, HandreikingVersie, VerslagVersie

pytestmark = pytest.mark.django_db

migratie = importlib.import_module("verslagen.migrations.0002_verslagen_opnieuw_anoniem")


def _old_version(s):
    """A version as stored before the rule: one evaluation with its scores and answer."""
    data = content.assemble(s.bijeenkomst)
    data["evaluatie"] = {
        "aantal": 1,
        "gemiddelden": {"doelmatigheid": 2.0, "open": 3.0, "eerlijk": 4.0, "inzet": 5.0},
        "verdeling": {veld: [0, 1, 0, 0, 0] for veld in content.DOEI},
        "wat_werkte": ["Alleen ik schreef dit"],
        "kan_beter": [],
    }
    # The old template showed the answers of any number of people.
    html = document.render_fragment({**data, "evaluatie": {**data["evaluatie"], "aantal": 5}})
    html = html.replace("5 mensen vulden de evaluatie in.", "1 persoon vulde de evaluatie in.")
    assert "Alleen ik schreef dit" in html  # the check can fail
    return factories.verslagversie(
        s.bijeenkomst, html=html, inhoud_hash="oud", gegevens=data, pdf=b"%PDF-oud"
    )


def test_migration_hides_a_small_evaluation_in_reports_and_guides():
    s = seed_meeting()
    versie = _old_version(s)
    gids = HandreikingVersie.objects.create(
        handreiking=Handreiking.objects.create(traject=s.traject),
        nummer=1,
        inhoud_hash="oud",
        secties=[],
        html=f"<section><h2>Bijeenkomst 1</h2>{shift_headings(versie.html)}</section>",
        pdf=b"%PDF-oud",
    )
    migratie.forwards(apps, None)
    versie.refresh_from_db()
    gids.refresh_from_db()
    assert versie.gegevens["evaluatie"] == {"aantal": 1, "getoond": False}
    for html in (versie.html, gids.html):
        assert "Alleen ik schreef dit" not in html
        assert "Antwoorden per stelling" not in html
        assert "1 persoon vulde de evaluatie in." in html
        assert "Aanwezig per achtergrond" not in html  # 3, 2 and 1: under five
    assert (bytes(versie.pdf), bytes(gids.pdf)) == (b"", b"")
    # A second run changes nothing.
    migratie.forwards(apps, None)
    assert VerslagVersie.objects.get(pk=versie.pk).html == versie.html


def test_clean_data_takes_only_the_persons_own_answers_and_names():
    from verslagen.scrubbing import Weg, clean_data

    data = {
        "bijdragen": [
            {
                "soort": "idee",
                "items": [
                    {"tekst": "Soep", "naam": "Dirk", "persoon": 7},
                    {"tekst": "Soep", "naam": "Dirk", "persoon": 8},  # another Dirk
                ],
            }
        ],
        "citaten": [{"waarde": "Humor", "citaten": [{"tekst": "Ha", "naam": "Dirk"}]}],
        "evaluatie": {
            "aantal": 5,
            "getoond": True,
            "wat_werkte": ["Koffie", "Koffie", "Thee"],
            "kan_beter": ["Koffie"],
        },
        "voorbereiding": {"leden": [{"naam": "Dirk", "persoon": 7}, "Dirk", "Eva"]},
    }
    dirk = Weg(
        user_id=7,
        voornaam="Dirk",
        antwoorden={1: {"wat_werkte": ["Koffie"], "kan_beter": []}},
        eigen_teksten={1: {"Ha"}},
    )
    cleaned = clean_data(data, [dirk], 1)
    assert cleaned["bijdragen"][0]["items"] == [
        {"tekst": "Soep", "naam": "", "persoon": None},
        {"tekst": "Soep", "naam": "Dirk", "persoon": 8},
    ]
    assert cleaned["citaten"][0]["citaten"] == [{"tekst": "Ha", "naam": "", "persoon": None}]
    assert cleaned["evaluatie"]["wat_werkte"] == ["Koffie", "Thee"]
    assert cleaned["evaluatie"]["kan_beter"] == ["Koffie"]
    assert cleaned["voorbereiding"]["leden"] == ["Eva"]
    assert data["evaluatie"]["wat_werkte"] == ["Koffie", "Koffie", "Thee"]  # a new dict

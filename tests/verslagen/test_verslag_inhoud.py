"""Assembling a report's data and its hash."""

import io

import pytest
from pypdf import PdfReader
from verslag_data import seed_meeting

from bijeenkomsten.models import Bijdrage
from verslagen import content, document
from verslagen.models import Evaluatie

pytestmark = pytest.mark.django_db


def test_assemble_holds_what_the_report_needs():
    s = seed_meeting()
    data = content.assemble(s.bijeenkomst)
    assert data["bijeenkomst"]["start"] == "2026-03-10T19:00:00+01:00"
    assert data["bijeenkomst"]["plaats"] == "Buurthuis De Pijp"
    assert data["aanwezigheid"]["aanwezig"] == {
        "formeel": 3,
        "informeel": 2,
        "ervaringsdeskundige": 1,
    }
    ideeen = data["bijdragen"][0]
    assert ideeen == {
        "soort": "idee",
        "items": [
            {
                "tekst": "Een buurtmaaltijd",
                "naam": "Beroepskracht0",
                "persoon": s.people[0].deelnemer.user_id,
            }
        ],
    }
    assert [i["naam"] for g in data["bijdragen"][1:] for i in g["items"]] == ["", "", ""]
    assert [i["persoon"] for g in data["bijdragen"][1:] for i in g["items"]] == [None] * 3
    assert data["citaten"] == [
        {
            "waarde": "Humor",
            "citaten": [{"tekst": "Samen kom je verder.", "naam": "", "persoon": None}],
        }
    ]
    assert data["evaluatie"] == {"aantal": 3, "getoond": False}  # fewer than five
    assert data["voorbereiding"]["nummer"] == 2
    assert data["voorbereiding"]["leden"] == [
        {"naam": "Beroepskracht0", "persoon": s.people[0].deelnemer.user_id},
        {"naam": "Ervaringsdeskundige0", "persoon": s.people[-1].deelnemer.user_id},
    ]


def test_assemble_holds_the_evaluation_from_five_answers():
    s = seed_meeting(evaluaties=5)
    evaluatie = content.assemble(s.bijeenkomst)["evaluatie"]
    assert evaluatie["aantal"] == 5
    assert evaluatie["getoond"] is True
    assert evaluatie["gemiddelden"] == {
        "doelmatigheid": 4.0,
        "open": 5.0,
        "eerlijk": 3.4,
        "inzet": 4.0,
    }
    assert evaluatie["kan_beter"] == ["Meer pauze"]
    assert evaluatie["wat_werkte"] == [f"De kleine groepen {n}" for n in range(5)]


def test_assemble_runs_a_fixed_number_of_queries(django_assert_num_queries):
    small = seed_meeting(formeel=2, informeel=2, ervaring=1)
    big = seed_meeting(formeel=100, informeel=60, ervaring=40, evaluaties=150)
    for s in (small, big):
        with django_assert_num_queries(8):
            content.assemble(s.bijeenkomst)


def test_same_data_same_hash_and_a_change_changes_it():
    s = seed_meeting()
    first = content.content_hash(content.assemble(s.bijeenkomst))
    assert content.content_hash(content.assemble(s.bijeenkomst)) == first
    Bijdrage.objects.filter(tekst="Te weinig tijd").update(tekst="Te weinig geld")
    changed = content.content_hash(content.assemble(s.bijeenkomst))
    assert changed != first
    Bijdrage.objects.filter(tekst="Te weinig geld").update(tekst="Te weinig tijd")
    assert content.content_hash(content.assemble(s.bijeenkomst)) == first


def test_hash_does_not_depend_on_key_order():
    assert content.content_hash({"a": 1, "b": [1, 2]}) == content.content_hash(
        {"b": [1, 2], "a": 1}
    )
    assert content.content_hash({"a": [1, 2]}) != content.content_hash({"a": [2, 1]})


def test_an_evaluation_changes_the_hash():
    s = seed_meeting(evaluaties=5)
    before = content.content_hash(content.assemble(s.bijeenkomst))
    Evaluatie.objects.filter(bijeenkomst=s.bijeenkomst).update(inzet=1)
    assert content.content_hash(content.assemble(s.bijeenkomst)) != before


def test_summarise_evaluations_below_five_holds_only_the_count():
    row = {"doelmatigheid": 5, "open": 1, "eerlijk": 2, "inzet": 3, "wat_werkte": "zon"}
    row["kan_beter"] = "regen"
    assert content.summarise_evaluations([]) == {"aantal": 0, "getoond": False}
    assert content.summarise_evaluations([row] * 4) == {"aantal": 4, "getoond": False}


def test_summarise_evaluations_sorts_answers():
    rows = [
        {
            "doelmatigheid": 5,
            "open": 1,
            "eerlijk": 2,
            "inzet": 3,
            "wat_werkte": "zon",
            "kan_beter": " ",
        },
        *[
            {
                "doelmatigheid": 4,
                "open": 2,
                "eerlijk": 2,
                "inzet": 3,
                "wat_werkte": "appel",
                "kan_beter": "",
            }
        ]
        * 4,
    ]
    summary = content.summarise_evaluations(rows)
    assert summary["getoond"] is True
    assert summary["gemiddelden"]["doelmatigheid"] == 4.2
    assert summary["verdeling"]["open"] == [1, 4, 0, 0, 0]
    assert summary["wat_werkte"] == ["appel", "appel", "appel", "appel", "zon"]
    assert summary["kan_beter"] == []


def test_pdf_has_title_language_and_the_facts():
    s = seed_meeting()
    data = content.assemble(s.bijeenkomst)
    html = document.render_fragment(data)
    pdf = document.render_pdf(
        data=data, fragment=html, verhaal_tekst="# Terugblik\n\nHet was **fijn**."
    )
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert reader.metadata.title == "Verslag van bijeenkomst 1 – Samen in Zuid"
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert "dinsdag 10 maart 2026" in text
    assert "19:00–21:30" in text
    assert "Samen kom je verder." in text
    assert "Terugblik" in text
    assert "Geheim idee" not in text
    assert "Verborgen zin" not in text
    assert "Achternaam" not in text  # first names only
    # Headings become bookmarks (the outline), so the PDF can be navigated.
    top, sections = reader.outline[0], reader.outline[1]
    assert top.title == "Verslag van bijeenkomst 1 – Samen in Zuid"
    assert [item.title for item in sections if not isinstance(item, list)][:3] == [
        "Verhaal",
        "Gegevens",
        "Wie waren er?",
    ]

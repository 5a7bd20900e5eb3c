import io
import time

import factories
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command, load_command_class
from django.urls import reverse

from samenspel.models import User
from trajecten import services, tasks
from trajecten.choices import ImportStatus, InschrijvingStatus, Rol
from trajecten.models import Import, Inschrijving

pytestmark = pytest.mark.django_db

TAGS = "formeel, informeel, ervaringsdeskundige"


def _csv(rows, *, header="naam,email,telefoon,organisatie,achtergrond,rol", sep=",", bom=False):
    text = "\r\n".join([header.replace(",", sep), *(sep.join(row) for row in rows)]) + "\r\n"
    return text.encode("utf-8-sig" if bom else "utf-8")


def _people(n, start=0):
    return [
        (f"Persoon {i}", f"p{i}@voorbeeld.nl", f"06-{i:08d}", "Buurtteam", "informeel", "")
        for i in range(start, start + n)
    ]


def _import(traject, data, filename="deelnemers.csv"):
    return services.import_deelnemers(traject=traject, data=data, filename=filename)


@pytest.fixture
def traject():
    return factories.traject(
        capaciteit=400, doel_formeel=0, doel_informeel=100, doel_ervaringsdeskundige=0
    )


def test_import_500_rows_enrols_everyone_in_one_go(traject):
    imported, errors = _import(traject, _csv(_people(500)))
    assert errors == []
    assert len(imported) == 500
    assert traject.inschrijvingen.count() == 500
    # The first 400 fill the seats, the other 100 wait in file order.
    assert traject.inschrijvingen.filter(status=InschrijvingStatus.GEPLAATST).count() == 400
    waiting = traject.inschrijvingen.wachtlijst()
    assert [i.wachtlijst_positie for i in waiting] == list(range(1, 101))
    assert waiting.first().deelnemer.user.email == "p400@voorbeeld.nl"
    first = traject.inschrijvingen.select_related("deelnemer__user", "organisatie").get(
        deelnemer__user__email="p0@voorbeeld.nl"
    )
    assert (first.deelnemer.user.naam, first.deelnemer.telefoon, first.organisatie.naam) == (
        "Persoon 0",
        "06-00000000",
        "Buurtteam",
    )
    assert (first.tag, first.rol) == ("informeel", Rol.VRIJWILLIGER)


def test_import_one_bad_row_imports_nothing_and_names_it(traject):
    rows = _people(500)
    rows[399] = ("Persoon 399", "geen-adres", "", "", "informeel", "")
    users_before = User.objects.count()
    imported, errors = _import(traject, _csv(rows))
    assert imported == []
    assert errors == [(401, "e-mailadres 'geen-adres' is niet geldig")]
    assert traject.inschrijvingen.count() == 0
    assert User.objects.count() == users_before


def test_import_bom_and_semicolons(traject):
    rows = [
        ("Zoë Öztürk", "zoe@voorbeeld.nl", "", "Stichting Één", "formeel", "ambtenaar"),
        ("Açelya Yılmaz", "acelya@voorbeeld.nl", "", "", "ervaringsdeskundige", ""),
    ]
    imported, errors = _import(traject, _csv(rows, sep=";", bom=True))
    assert errors == []
    got = [
        (i.deelnemer.user.naam, i.organisatie.naam if i.organisatie else "", i.tag, i.rol)
        for i in imported
    ]
    assert got == [
        ("Zoë Öztürk", "Stichting Één", "formeel", "ambtenaar"),
        ("Açelya Yılmaz", "", "ervaringsdeskundige", "ervaringsdeskundige"),
    ]


def test_import_xlsx(traject):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Naam", "Email", "Telefoon", "Organisatie", "Achtergrond", "Rol"])
    sheet.append(
        ["Ans Bakker", "ANS@voorbeeld.nl", "0201234567", None, "Informeel", "Mantelzorger"]
    )
    sheet.append(["Bo de Vries", "bo@voorbeeld.nl", None, "Gemeente", "formeel", None])
    sheet.append([None, None, None, None, None, None])  # an empty row is skipped
    out = io.BytesIO()
    workbook.save(out)
    imported, errors = _import(traject, out.getvalue(), "lijst.xlsx")
    assert errors == []
    got = [(i.deelnemer.user.email, i.tag, i.rol, i.deelnemer.telefoon) for i in imported]
    assert got == [
        ("ans@voorbeeld.nl", "informeel", "mantelzorger", "0201234567"),
        ("bo@voorbeeld.nl", "formeel", "beroepskracht", ""),
    ]


def test_import_same_file_twice_adds_nobody(traject):
    data = _csv(_people(3))
    assert len(_import(traject, data)[0]) == 3
    imported, errors = _import(traject, data)
    assert imported == []
    assert errors == [
        (2, "p0@voorbeeld.nl doet al mee aan dit traject"),
        (3, "p1@voorbeeld.nl doet al mee aan dit traject"),
        (4, "p2@voorbeeld.nl doet al mee aan dit traject"),
    ]
    assert traject.inschrijvingen.count() == 3


def test_import_unknown_tag_lists_allowed_tags(traject):
    rows = [("Ans", "ans@voorbeeld.nl", "", "", "bewoner", "")]
    imported, errors = _import(traject, _csv(rows))
    assert imported == []
    assert errors == [(2, f"achtergrond 'bewoner' bestaat niet; kies uit: {TAGS}")]


def test_import_too_long_value_is_a_row_error(traject):
    rows = [("Ans", "ans@voorbeeld.nl", "0" * 31, "", "informeel", "")]
    imported, errors = _import(traject, _csv(rows))
    assert imported == []
    assert errors == [(2, "telefoon is te lang (hoogstens 30 tekens)")]


def test_import_keeps_existing_account(traject):
    existing = factories.user(email="ans@voorbeeld.nl", naam="Ans Bakker")
    imported, errors = _import(
        traject, _csv([("A. Bakker", "Ans@Voorbeeld.nl", "", "", "informeel", "")])
    )
    assert errors == []
    assert imported[0].deelnemer.user == existing
    assert User.objects.filter(email__iexact="ans@voorbeeld.nl").count() == 1


# --- the background task ---------------------------------------------------------------


def _upload(traject, data, filename="groot.csv"):
    return Import.objects.create(traject=traject, bestand=data, bestandsnaam=filename)


def test_run_import_twice_imports_once(traject):
    upload = _upload(traject, _csv(_people(5)))
    tasks.run_import(upload.pk)
    tasks.run_import(upload.pk)
    upload.refresh_from_db()
    assert (upload.status, upload.aantal, upload.fouten, bytes(upload.bestand)) == (
        ImportStatus.KLAAR,
        5,
        [],
        b"",
    )
    assert traject.inschrijvingen.count() == 5


def test_run_import_records_row_errors(traject):
    upload = _upload(traject, _csv([("", "ans@voorbeeld.nl", "", "", "informeel", "")]))
    tasks.run_import(upload.pk)
    upload.refresh_from_db()
    assert (upload.status, upload.aantal, upload.fouten) == (
        ImportStatus.FOUT,
        0,
        [[2, "naam ontbreekt"]],
    )
    assert traject.inschrijvingen.count() == 0


def test_run_import_of_missing_import_does_nothing():
    assert tasks.run_import(123456789) is None


def test_run_import_finished_import_is_left_alone(traject):
    upload = _upload(traject, _csv(_people(2)))
    Import.objects.filter(pk=upload.pk).update(status=ImportStatus.FOUT)
    tasks.run_import(upload.pk)
    assert traject.inschrijvingen.count() == 0


def test_run_import_reruns_after_a_worker_died_mid_way(traject):
    """A worker that died after claiming leaves "bezig"; the redelivered message runs it."""
    upload = _upload(traject, _csv(_people(2)))
    Import.objects.filter(pk=upload.pk).update(status=ImportStatus.BEZIG)
    tasks.run_import(upload.pk)
    upload.refresh_from_db()
    assert (upload.status, upload.aantal) == (ImportStatus.KLAAR, 2)


@pytest.mark.django_db(transaction=True)
def test_large_upload_is_imported_by_a_real_worker(client, celery_worker):
    coordinator = factories.user(is_coordinator=True)
    traject = factories.traject(coordinatoren=[coordinator], capaciteit=400)
    client.force_login(coordinator)
    data = _csv(_people(350), sep=";", bom=True)
    response = client.post(
        reverse("trajecten:importeren", kwargs={"slug": traject.slug}),
        {"bestand": SimpleUploadedFile("groot.csv", data, content_type="text/csv")},
    )
    upload = Import.objects.get()
    assert response.status_code == 302
    deadline = time.monotonic() + 30
    while upload.status not in (ImportStatus.KLAAR, ImportStatus.FOUT):
        assert time.monotonic() < deadline, f"import still {upload.status}"
        time.sleep(0.2)
        upload.refresh_from_db()
    assert (upload.status, upload.aantal) == (ImportStatus.KLAAR, 350)
    assert Inschrijving.objects.filter(traject=traject).count() == 350


# --- the management command --------------------------------------------------------------


def test_command_imports_file(traject, tmp_path):
    path = tmp_path / "deelnemers.csv"
    path.write_bytes(_csv(_people(3), sep=";", bom=True))
    out = io.StringIO()
    call_command("import_deelnemers", traject.slug, str(path), stdout=out)
    assert out.getvalue() == "3 mensen toegevoegd.\n"
    assert traject.inschrijvingen.count() == 3


def test_command_prints_bad_rows_and_fails(traject, tmp_path):
    rows = [*_people(2), ("", "x", "", "", "bewoner", "")]
    path = tmp_path / "fout.csv"
    path.write_bytes(_csv(rows))
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("import_deelnemers", traject.slug, str(path), stderr=err)
    assert exc.value.returncode == 1
    assert str(exc.value) == "Er is niemand toegevoegd: 1 rij heeft een fout."
    assert err.getvalue() == (
        "Rij 4: naam ontbreekt; e-mailadres 'x' is niet geldig; "
        f"achtergrond 'bewoner' bestaat niet; kies uit: {TAGS}\n"
    )
    assert traject.inschrijvingen.count() == 0


def test_command_unknown_traject_fails(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(_csv(_people(1)))
    with pytest.raises(CommandError) as exc:
        call_command("import_deelnemers", "bestaat-niet", str(path))
    assert str(exc.value) == "Er is geen traject 'bestaat-niet'."


@pytest.mark.django_db(transaction=True)
def test_command_exits_non_zero_on_bad_file(tmp_path, capsys):
    traject = factories.traject()
    path = tmp_path / "fout.csv"
    path.write_bytes(_csv([("Ans", "ans@voorbeeld.nl", "", "", "bewoner", "")]))
    command = load_command_class("trajecten", "import_deelnemers")
    with pytest.raises(SystemExit) as exc:
        command.run_from_argv(["manage.py", "import_deelnemers", traject.slug, str(path)])
    assert exc.value.code == 1
    assert capsys.readouterr().err == (
        f"Rij 2: achtergrond 'bewoner' bestaat niet; kies uit: {TAGS}\n"
        "CommandError: Er is niemand toegevoegd: 1 rij heeft een fout.\n"
    )
    assert Inschrijving.objects.count() == 0

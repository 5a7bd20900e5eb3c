import factories
import pytest

from samenspel.models import User
from trajecten.choices import TAG_VAN_ROL, InschrijvingStatus, Rol
from trajecten.models import Deelnemer, Inschrijving
from waarden import services
from waarden.catalogue import ensure_catalogue
from waarden.models import Citaat, Onderschrijving, Waarde

ROLLEN = [Rol.BEROEPSKRACHT, Rol.VRIJWILLIGER, Rol.ERVARINGSDESKUNDIGE, Rol.MANTELZORGER]


@pytest.fixture(autouse=True)
def catalogue(db):
    """The twelve values come with a data migration; a transactional test elsewhere may
    have emptied the tables since, so make sure they are there."""
    ensure_catalogue(Waarde)


@pytest.fixture
def coordinator(db):
    return factories.user(is_coordinator=True, naam="Carla Coördinator")


@pytest.fixture
def traject(coordinator):
    """An open traject with the guide's twelve values on its board."""
    t = factories.traject(naam="Samenspel Zuid", coordinatoren=[coordinator], capaciteit=2000)
    services.set_bord(traject=t, waarden=_catalogus(), drempel=30)
    return t


@pytest.fixture
def waarde(db):
    """``waarde("respect")``: a catalogue value by its slug."""
    return _waarde


@pytest.fixture
def bulk_people(db):
    return _bulk_people


def _catalogus() -> list[Waarde]:
    return list(Waarde.objects.filter(traject__isnull=True).order_by("volgorde"))


def _waarde(slug: str) -> Waarde:
    return Waarde.objects.get(slug=slug, traject__isnull=True)


def _bulk_people(traject, n, *, prefix="massa", endorse=(), quotes=0, status=None):
    """``n`` people with a seat in a few queries; tags rotate (formeel, informeel,
    ervaringsdeskundige, informeel). Each endorses the values ``endorse``; the first
    ``quotes`` add one quote each to the first of them."""
    users = User.objects.bulk_create(
        User(email=f"{prefix}{i}@voorbeeld.nl", naam=f"Naam{i} {prefix}") for i in range(n)
    )
    deelnemers = Deelnemer.objects.bulk_create(Deelnemer(user=u) for u in users)
    inschrijvingen = Inschrijving.objects.bulk_create(
        Inschrijving(
            traject=traject,
            deelnemer=d,
            rol=ROLLEN[i % len(ROLLEN)],
            tag=TAG_VAN_ROL[ROLLEN[i % len(ROLLEN)]],
            status=status or InschrijvingStatus.GEPLAATST,
        )
        for i, d in enumerate(deelnemers)
    )
    Onderschrijving.objects.bulk_create(
        Onderschrijving(inschrijving=i, waarde=w) for i in inschrijvingen for w in endorse
    )
    if endorse:
        Citaat.objects.bulk_create(
            Citaat(inschrijving=i, waarde=endorse[0], tekst=f"Citaat {n}", toon_naam=n % 2 == 0)
            for n, i in enumerate(inschrijvingen[:quotes])
        )
    return inschrijvingen

"""Small builders for test data. Each takes keyword overrides."""

import hashlib
import itertools
from datetime import timedelta

from django.utils import timezone

from bijeenkomsten.models import Bijeenkomst
from groepen.choices import GroepsReden
from groepen.models import Groepslid, Voorbereidingsgroep
from samenspel.models import User
from trajecten.choices import TAG_VAN_ROL, InschrijvingStatus, Rol, TrajectStatus
from trajecten.models import Deelnemer, Gebied, Inschrijving, Organisatie, Traject
from verslagen.models import Verslag, VerslagVersie

_seq = itertools.count(1)


def user(**kw) -> User:
    n = next(_seq)
    kw.setdefault("email", f"persoon{n}@voorbeeld.nl")
    kw.setdefault("naam", f"Persoon {n}")
    return User.objects.create_user(**kw)


def gebied(**kw) -> Gebied:
    kw.setdefault("naam", f"Wijk {next(_seq)}")
    kw.setdefault("soort", "wijk")
    return Gebied.objects.create(**kw)


def organisatie(**kw) -> Organisatie:
    kw.setdefault("naam", f"Organisatie {next(_seq)}")
    return Organisatie.objects.create(**kw)


def traject(**kw) -> Traject:
    n = next(_seq)
    kw.setdefault("naam", f"Traject {n}")
    kw.setdefault("slug", f"traject-{n}")
    kw.setdefault("status", TrajectStatus.OPEN)
    if "gebied" not in kw:
        kw["gebied"] = gebied()
    coordinatoren = kw.pop("coordinatoren", [])
    t = Traject.objects.create(**kw)
    t.coordinatoren.set(coordinatoren)
    return t


def deelnemer(**kw) -> Deelnemer:
    u = kw.pop("user", None) or user(**kw)
    return Deelnemer.objects.get_or_create(user=u)[0]


def inschrijving(traject, *, rol=Rol.VRIJWILLIGER, status=InschrijvingStatus.GEPLAATST, **kw):
    d = kw.pop("deelnemer", None) or deelnemer(**{k: kw.pop(k) for k in ("user",) if k in kw})
    if status == InschrijvingStatus.WACHTLIJST and "wachtlijst_positie" not in kw:
        top = traject.inschrijvingen.exclude(wachtlijst_positie=None).count()
        kw["wachtlijst_positie"] = top + 1
    # As a sign-up would: the name and phone given for this traject.
    kw.setdefault("naam", d.user.naam)
    kw.setdefault("telefoon", d.telefoon)
    return Inschrijving.objects.create(
        traject=traject, deelnemer=d, rol=rol, tag=TAG_VAN_ROL[rol], status=status, **kw
    )


def bevestig_aanmelding(client, email: str):
    """Follow the confirmation of the newest sign-up for ``email`` as its owner would: the
    link from the e-mail, then its button. Returns the POST's response."""
    from django.urls import reverse

    from trajecten.models import Aanmeldverzoek

    verzoek = Aanmeldverzoek.objects.filter(email=email.lower()).latest("aangemaakt_op", "id")
    url = reverse(
        "trajecten:aanmelding_bevestigen",
        kwargs={"slug": verzoek.traject.slug, "token": verzoek.token},
    )
    assert client.get(url).status_code == 200
    return client.post(url)


def kernwaarde():
    """A value of the shared catalogue (a transactional test before may have emptied it)."""
    from waarden.catalogue import ensure_catalogue
    from waarden.models import Waarde

    ensure_catalogue(Waarde)
    return Waarde.objects.filter(traject=None).first()


def bijeenkomst(traject, *, nummer=1, start=None, einde=None, uren=2, **kw) -> Bijeenkomst:
    """A meeting of ``uren`` hours; without ``start``, a week from now on a whole hour, so
    that a test does not age into the past. Given only ``einde``, it starts ``uren`` before."""
    if start is None and einde is not None:
        start = einde - timedelta(hours=uren)
    if start is None:
        start = (timezone.now() + timedelta(days=7)).replace(minute=0, second=0, microsecond=0)
    if einde is None:
        einde = start + timedelta(hours=uren)
    return Bijeenkomst.objects.create(
        traject=traject, nummer=nummer, start=start, einde=einde, **kw
    )


def voorbereidingsgroep(b, *, leden=(), reden=GroepsReden.ZELF, **kw) -> Voorbereidingsgroep:
    """The prep group of meeting ``b``, with ``leden`` (enrolments) in it."""
    groep = Voorbereidingsgroep.objects.create(bijeenkomst=b, **kw)
    for inschrijving in leden:
        Groepslid.objects.create(groep=groep, inschrijving=inschrijving, reden=reden)
    return groep


def verslagversie(b, *, html="<p>Verslag</p>", gepubliceerd=False, **kw) -> VerslagVersie:
    """A version of meeting ``b``'s report, numbered after the ones before it. With
    ``gepubliceerd`` it is shared: published now, and the report points at it."""
    verslag, _ = Verslag.objects.get_or_create(bijeenkomst=b)
    kw.setdefault("nummer", verslag.versies.count() + 1)
    kw.setdefault("inhoud_hash", hashlib.sha256(html.encode()).hexdigest())
    if gepubliceerd:
        kw.setdefault("gepubliceerd_op", timezone.now())
    versie = VerslagVersie.objects.create(verslag=verslag, html=html, **kw)
    if gepubliceerd:
        verslag.gepubliceerd = versie
        verslag.save(update_fields=["gepubliceerd"])
    return versie

"""Writes on trajecten and enrolments. Each decision on a seat locks the traject row,
so concurrent sign-ups are decided one at a time and the last seat goes to one person."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from berichten import timing
from samenspel import queueing
from samenspel.models import User

from . import signals, tasks
from .balance import Kandidaat, balance, best_candidate
from .choices import TAG_VAN_ROL, ImportStatus, InschrijvingStatus, Tag
from .errors import TrajectError, TrajectVol
from .models import Aanmeldverzoek, Deelnemer, Import, Inschrijving, Organisatie, Traject


@dataclass(frozen=True)
class Aanmelding:
    naam: str
    email: str
    rol: str
    telefoon: str = ""
    organisatie: str = ""
    talenten: str = ""
    wensen: str = ""
    taal: str = "nl"
    wil_voorbereiden: bool = False


def _lock(traject: Traject) -> Traject:
    return Traject.objects.select_for_update().get(pk=traject.pk)


def _occupied_counts(traject: Traject) -> dict[str, int]:
    rows = traject.inschrijvingen.bezet().values("tag").annotate(n=Count("id"))
    counts = dict.fromkeys(Tag.values, 0)
    counts.update({row["tag"]: row["n"] for row in rows})
    return counts


def _tags_with_room(traject: Traject, counts: dict[str, int]) -> set[str]:
    """Tags that can take one more seat now (capacity and per-tag limits)."""
    if sum(counts.values()) >= traject.capaciteit:
        return set()
    limits = traject.max_plekken_per_tag
    return {tag for tag in Tag.values if tag not in limits or counts[tag] < limits[tag]}


def _next_position(traject: Traject) -> int:
    top = traject.inschrijvingen.aggregate(m=Max("wachtlijst_positie"))["m"]
    return (top or 0) + 1


def _leave_waiting_list(inschrijving: Inschrijving) -> None:
    """Close the gap a person leaves behind on the waiting list, in two statements that
    never collide with the unique positions (first out of the way, then back one down)."""
    position = inschrijving.wachtlijst_positie
    inschrijving.wachtlijst_positie = None
    inschrijving.save(update_fields=["wachtlijst_positie", "status", "aangeboden_op"])
    same_traject = Inschrijving.objects.filter(traject_id=inschrijving.traject_id)
    same_traject.filter(wachtlijst_positie__gt=position).update(
        wachtlijst_positie=F("wachtlijst_positie") + _OUT_OF_THE_WAY
    )
    same_traject.filter(wachtlijst_positie__gt=_OUT_OF_THE_WAY).update(
        wachtlijst_positie=F("wachtlijst_positie") - _OUT_OF_THE_WAY - 1
    )


_OUT_OF_THE_WAY = 1_000_000


def get_or_create_deelnemer(*, naam: str, email: str, telefoon: str = "", taal: str = "nl"):
    """The person with this address. A new account takes the typed name and phone; a known
    one keeps its own (the typed values belong on the enrolment, see ``Inschrijving.naam``)."""
    user, created = User.objects.get_or_create(
        email=email.strip().lower(), defaults={"naam": naam.strip(), "taal": taal}
    )
    deelnemer, _ = Deelnemer.objects.get_or_create(
        user=user, defaults={"telefoon": telefoon.strip(), "toestemming_op": timezone.now()}
    )
    return deelnemer


def organisatie_by_name(naam: str) -> Organisatie | None:
    naam = naam.strip()
    if not naam:
        return None
    found = Organisatie.objects.filter(naam__iexact=naam).first()
    return found or Organisatie.objects.create(naam=naam)


@transaction.atomic
def sign_up(*, traject: Traject, aanmelding: Aanmelding, notify: bool = True):
    """Enrol a person: placed if there is room for their tag, otherwise on the waiting list.
    Returns ``(inschrijving, created)``; signing up twice changes nothing. The public form
    never calls this directly: it goes through ``request_sign_up`` and the confirmation."""
    traject = _lock(traject)
    if not traject.is_publiek:
        raise TrajectError(_("Aanmelden voor dit traject kan nu niet."))
    if aanmelding.rol not in TAG_VAN_ROL:
        raise TrajectError(_("Kies een rol."))
    deelnemer = get_or_create_deelnemer(
        naam=aanmelding.naam,
        email=aanmelding.email,
        telefoon=aanmelding.telefoon,
        taal=aanmelding.taal,
    )
    existing = traject.inschrijvingen.filter(deelnemer=deelnemer).first()
    if existing is not None:
        return existing, False
    tag = TAG_VAN_ROL[aanmelding.rol]
    room = tag in _tags_with_room(traject, _occupied_counts(traject))
    inschrijving = Inschrijving.objects.create(
        traject=traject,
        deelnemer=deelnemer,
        naam=aanmelding.naam.strip(),
        telefoon=aanmelding.telefoon.strip(),
        tag=tag,
        rol=aanmelding.rol,
        organisatie=organisatie_by_name(aanmelding.organisatie),
        talenten=aanmelding.talenten.strip(),
        wensen=aanmelding.wensen.strip(),
        wil_voorbereiden=aanmelding.wil_voorbereiden,
        status=InschrijvingStatus.GEPLAATST if room else InschrijvingStatus.WACHTLIJST,
        wachtlijst_positie=None if room else _next_position(traject),
    )
    if notify:
        _confirm(inschrijving)
    return inschrijving, True


# At most this many sign-ups per address and traject wait for confirmation at once: more
# posts with the same address are answered as always, but send no more e-mail.
OPEN_VERZOEKEN_PER_ADRES = 3


def _lapse_moment(now=None):
    now = now or timezone.now()
    return now - timedelta(hours=settings.AANMELDING_GELDIG_UREN)


@transaction.atomic
def request_sign_up(*, traject: Traject, aanmelding: Aanmelding) -> None:
    """The public form: keep what was typed apart from anyone's account and e-mail the
    address a link to confirm (double opt-in). Nothing here depends on whether the address
    is known or already enrolled, so the answer cannot tell: the e-mail, built by a
    worker, says which. Only the confirmation enrols (``confirm_sign_up``)."""
    if not traject.is_publiek:
        raise TrajectError(_("Aanmelden voor dit traject kan nu niet."))
    if aanmelding.rol not in TAG_VAN_ROL:
        raise TrajectError(_("Kies een rol."))
    email = aanmelding.email.strip().lower()
    waiting = Aanmeldverzoek.objects.filter(
        traject=traject,
        email=email,
        bevestigd_op__isnull=True,
        aangemaakt_op__gte=_lapse_moment(),
    ).count()
    if waiting >= OPEN_VERZOEKEN_PER_ADRES:
        return
    verzoek = Aanmeldverzoek.objects.create(
        traject=traject,
        email=email,
        naam=aanmelding.naam.strip(),
        telefoon=aanmelding.telefoon.strip(),
        organisatie=aanmelding.organisatie.strip(),
        rol=aanmelding.rol,
        talenten=aanmelding.talenten.strip(),
        wensen=aanmelding.wensen.strip(),
        wil_voorbereiden=aanmelding.wil_voorbereiden,
        taal=aanmelding.taal,
    )
    _ask_confirmation(verzoek)


def _ask_confirmation(verzoek: Aanmeldverzoek) -> None:
    """Record the e-mail with the confirmation link in the ledger, in the caller's
    transaction (so it is sent by the sweep should the broker be down)."""
    from .messages import notify_aanmeldverzoek  # messages build on these services

    notify_aanmeldverzoek(verzoek)


def open_verzoek(token: str) -> Aanmeldverzoek | None:
    """The sign-up a confirmation link names, while it is valid (not confirmed, not lapsed)."""
    if not token or len(token) > 64:
        return None
    return (
        Aanmeldverzoek.objects.select_related("traject")
        .filter(token=token, bevestigd_op__isnull=True, aangemaakt_op__gte=_lapse_moment())
        .first()
    )


@dataclass(frozen=True)
class Bevestiging:
    inschrijving: Inschrijving | None
    nieuw: bool  # a new enrolment (False: the person was enrolled already)
    al_bevestigd: bool = False  # this link was used before


@transaction.atomic
def confirm_sign_up(*, token: str) -> Bevestiging:
    """The link in the e-mail was followed and its button pressed: enrol now. The seat or
    waiting-list place is decided here, under the traject's row lock, so places go in
    the order of confirmation and concurrent confirmations never overbook. An account is
    made only for a new address; a known person's name and phone stay as they are."""
    verzoek = (
        Aanmeldverzoek.objects.select_for_update()
        .filter(token=token, aangemaakt_op__gte=_lapse_moment())
        .first()
        if token and len(token) <= 64
        else None
    )
    if verzoek is None:
        raise TrajectError(
            _("Deze link werkt niet meer. Misschien is de tijd om, of is de link al gebruikt.")
        )
    if verzoek.bevestigd_op is not None:
        inschrijving = (
            Inschrijving.objects.filter(pk=verzoek.inschrijving_id).first()
            if verzoek.inschrijving_id
            else None
        )
        return Bevestiging(inschrijving, nieuw=False, al_bevestigd=True)
    inschrijving, created = sign_up(
        traject=verzoek.traject,
        aanmelding=Aanmelding(
            naam=verzoek.naam,
            email=verzoek.email,
            rol=verzoek.rol,
            telefoon=verzoek.telefoon,
            organisatie=verzoek.organisatie,
            talenten=verzoek.talenten,
            wensen=verzoek.wensen,
            taal=verzoek.taal,
            wil_voorbereiden=verzoek.wil_voorbereiden,
        ),
    )
    verzoek.bevestigd_op = timezone.now()
    verzoek.inschrijving = inschrijving
    verzoek.save(update_fields=["bevestigd_op", "inschrijving"])
    return Bevestiging(inschrijving, nieuw=created)


def lapse_sign_ups(now=None) -> int:
    """Delete sign-ups older than ``AANMELDING_GELDIG_UREN``: unconfirmed ones lapse (they
    never held a place), confirmed ones are in their enrolment by then. Their e-mail
    ledger rows go with them. Called by the beat sweep."""
    _total, by_model = Aanmeldverzoek.objects.filter(aangemaakt_op__lt=_lapse_moment(now)).delete()
    return by_model.get(Aanmeldverzoek._meta.label, 0)


def _confirm(inschrijving: Inschrijving) -> None:
    """Record the confirmation e-mail in the ledger in the caller's transaction."""
    from .messages import notify_bevestiging  # messages build on these services

    notify_bevestiging(inschrijving)


def _offer_free_seats(
    traject: Traject, exclude: frozenset[int] = frozenset()
) -> list[Inschrijving]:
    """Offer free seats to the waiting-list candidates who most improve the balance."""
    offered = []
    while True:
        counts = _occupied_counts(traject)
        allowed = _tags_with_room(traject, counts)
        if not allowed:
            return offered
        waiting = list(traject.inschrijvingen.wachtlijst())
        pick = best_candidate(
            counts,
            traject.doelen,
            [Kandidaat(i.pk, i.tag, i.ingeschreven_op) for i in waiting if i.pk not in exclude],
            allowed,
        )
        if pick is None:
            return offered
        chosen = next(i for i in waiting if i.pk == pick.id)
        chosen.status = InschrijvingStatus.AANGEBODEN
        chosen.aangeboden_op = timezone.now()
        _leave_waiting_list(chosen)
        _announce_offer(chosen)
        offered.append(chosen)


def _announce_offer(inschrijving: Inschrijving) -> None:
    """Record the offer e-mail in the ledger in the caller's transaction."""
    from .messages import notify_offer  # messages build on these services

    notify_offer(inschrijving)


@transaction.atomic
def withdraw(*, inschrijving: Inschrijving) -> list[Inschrijving]:
    """The person withdraws; a seat they held is offered on. Returns the new offers."""
    traject = _lock(inschrijving.traject)
    inschrijving = Inschrijving.objects.select_for_update().get(pk=inschrijving.pk)
    if inschrijving.status == InschrijvingStatus.AFGEMELD:
        return []
    was_waiting = inschrijving.status == InschrijvingStatus.WACHTLIJST
    inschrijving.status = InschrijvingStatus.AFGEMELD
    inschrijving.aangeboden_op = None
    if was_waiting:
        _leave_waiting_list(inschrijving)
        return []
    inschrijving.save(update_fields=["status", "aangeboden_op"])
    signals.inschrijving_vertrokken.send(sender=Inschrijving, inschrijving=inschrijving)
    return _offer_free_seats(traject)


def lapse_offers(now) -> int:
    """The sweep's part: offers whose time ran out go to the next candidate."""
    lapsed = [
        i
        for i in Inschrijving.objects.filter(status=InschrijvingStatus.AANGEBODEN).select_related(
            "traject"
        )
        if timing.offer_lapsed(i.aangeboden_op, now, i.traject.aanbod_uren)
    ]
    for inschrijving in lapsed:
        lapse_offer(inschrijving=inschrijving)
    return len(lapsed)


@transaction.atomic
def lapse_offer(*, inschrijving: Inschrijving) -> list[Inschrijving]:
    """An offer not answered in time: the person goes back to the end of the waiting list
    (they may still want a seat later) and the seat goes to the next best candidate."""
    traject = _lock(inschrijving.traject)
    updated = Inschrijving.objects.filter(
        pk=inschrijving.pk, status=InschrijvingStatus.AANGEBODEN
    ).update(
        status=InschrijvingStatus.WACHTLIJST,
        aangeboden_op=None,
        wachtlijst_positie=_next_position(traject),
    )
    if not updated:
        return []
    return _offer_free_seats(traject, exclude=frozenset({inschrijving.pk}))


@transaction.atomic
def accept_offer(*, inschrijving: Inschrijving) -> None:
    _lock(inschrijving.traject)
    updated = Inschrijving.objects.filter(
        pk=inschrijving.pk, status=InschrijvingStatus.AANGEBODEN
    ).update(status=InschrijvingStatus.GEPLAATST)
    if not updated:
        raise TrajectError(_("Deze plek is niet meer voor je vrij."))


@transaction.atomic
def set_status(*, inschrijving: Inschrijving, status: str) -> list[Inschrijving]:
    """A coordinator moves a person. Placing ignores the per-tag limits on purpose (the
    coordinator saw the effect on the balance first) but never the capacity."""
    traject = _lock(inschrijving.traject)
    inschrijving = Inschrijving.objects.select_for_update().get(pk=inschrijving.pk)
    old = inschrijving.status
    if old == status:
        return []
    if status == InschrijvingStatus.AFGEMELD:
        return withdraw(inschrijving=inschrijving)
    if status == InschrijvingStatus.GEPLAATST:
        if old not in (InschrijvingStatus.AANGEBODEN,) and (
            sum(_occupied_counts(traject).values()) >= traject.capaciteit
        ):
            raise TrajectError(_("Het traject is vol. Maak eerst een plek vrij."))
        inschrijving.status = status
        inschrijving.aangeboden_op = None
        if old == InschrijvingStatus.WACHTLIJST:
            _leave_waiting_list(inschrijving)
        else:
            inschrijving.save(update_fields=["status", "aangeboden_op"])
        _confirm(inschrijving)
        return []
    if status == InschrijvingStatus.WACHTLIJST:
        inschrijving.status = status
        inschrijving.aangeboden_op = None
        inschrijving.wachtlijst_positie = _next_position(traject)
        inschrijving.save(update_fields=["status", "aangeboden_op", "wachtlijst_positie"])
        return (
            _offer_free_seats(traject)
            if old
            in (
                InschrijvingStatus.GEPLAATST,
                InschrijvingStatus.AANGEBODEN,
            )
            else []
        )
    raise TrajectError(_("Deze status kan niet."))


def balance_after(*, traject: Traject, inschrijving: Inschrijving, status: str):
    """The balance of the seated people now and after moving one person (for a preview)."""
    counts = _occupied_counts(traject)
    after = dict(counts)
    seated = {InschrijvingStatus.GEPLAATST, InschrijvingStatus.AANGEBODEN}
    if inschrijving.status in seated and status not in seated:
        after[inschrijving.tag] -= 1
    elif inschrijving.status not in seated and status in seated:
        after[inschrijving.tag] += 1
    return balance(counts, traject.doelen), balance(after, traject.doelen)


def _too_long(row) -> list[str]:
    """Values longer than their column, which the database would refuse half-way."""
    limits = {
        "naam": (User._meta.get_field("naam").max_length, _("naam")),
        "email": (User._meta.get_field("email").max_length, _("e-mailadres")),
        "telefoon": (Deelnemer._meta.get_field("telefoon").max_length, _("telefoon")),
        "organisatie": (Organisatie._meta.get_field("naam").max_length, _("organisatie")),
    }
    return [
        _("%(kolom)s is te lang (hoogstens %(max)s tekens)") % {"kolom": label, "max": limit}
        for field, (limit, label) in limits.items()
        if len(getattr(row, field).strip()) > limit
    ]


@transaction.atomic
def import_deelnemers(*, traject: Traject, data: bytes, filename: str):
    """All or nothing: returns ``(imported, errors)``; with any error nothing is written."""
    from .file_import import parse

    try:
        parsed = parse(data, filename)
    except ValueError as exc:
        return [], [(1, str(exc))]
    errors = list(parsed.fouten)
    # Lock before checking who is enrolled already: a concurrent import or sign-up of the same
    # person would otherwise pass the check and then break the unique constraint.
    traject = _lock(traject)
    emails = [row.email for row in parsed.rijen]
    enrolled = set(
        traject.inschrijvingen.filter(deelnemer__user__email__in=emails).values_list(
            "deelnemer__user__email", flat=True
        )
    )
    errors += [
        (row.nummer, _("%(email)s doet al mee aan dit traject") % {"email": row.email})
        for row in parsed.rijen
        if row.email in enrolled
    ]
    errors += [(row.nummer, reason) for row in parsed.rijen for reason in _too_long(row)]
    if errors or not parsed.rijen:
        return [], sorted(errors) or [(1, _("Het bestand heeft geen rijen met deelnemers."))]
    counts = _occupied_counts(traject)
    position = _next_position(traject)
    imported = []
    for row in parsed.rijen:
        deelnemer = get_or_create_deelnemer(naam=row.naam, email=row.email, telefoon=row.telefoon)
        room = row.tag in _tags_with_room(traject, counts)
        if room:
            counts[row.tag] += 1
        imported.append(
            Inschrijving(
                traject=traject,
                deelnemer=deelnemer,
                naam=row.naam.strip(),
                telefoon=row.telefoon.strip(),
                tag=row.tag,
                rol=row.rol,
                organisatie=organisatie_by_name(row.organisatie),
                status=InschrijvingStatus.GEPLAATST if room else InschrijvingStatus.WACHTLIJST,
                wachtlijst_positie=None if room else position,
            )
        )
        position += 0 if room else 1
    Inschrijving.objects.bulk_create(imported)
    return imported, []


@transaction.atomic
def enrol_on_behalf(
    *,
    traject: Traject,
    naam: str,
    rol: str,
    email: str = "",
    telefoon: str = "",
    per_sms: bool = False,
    organisatie=None,
) -> Inschrijving:
    """A coordinator enrols someone: placed if there is room for their background,
    otherwise on the waiting list, as a sign-up would be. Without an address the person
    gets an account that receives no e-mail; the coordinator is their contact, unless
    they get text messages (``per_sms``, to the mobile number ``telefoon``)."""
    traject = _lock(traject)
    naam = naam.strip()
    if email:
        if traject.inschrijvingen.filter(deelnemer__user__email__iexact=email.strip()).exists():
            raise TrajectError(_("%(email)s doet al mee aan dit traject") % {"email": email})
        deelnemer = get_or_create_deelnemer(naam=naam, email=email, telefoon=telefoon)
    else:
        user = User.objects.create_without_email(naam=naam)
        if per_sms:
            User.objects.filter(pk=user.pk).update(mobiel=telefoon, per_sms=True)
        deelnemer = Deelnemer.objects.create(
            user=user, telefoon=telefoon, toestemming_op=timezone.now()
        )
    tag = TAG_VAN_ROL[rol]
    room = tag in _tags_with_room(traject, _occupied_counts(traject))
    return Inschrijving.objects.create(
        traject=traject,
        deelnemer=deelnemer,
        naam=naam,
        telefoon=telefoon,
        tag=tag,
        rol=rol,
        organisatie=organisatie,
        status=InschrijvingStatus.GEPLAATST if room else InschrijvingStatus.WACHTLIJST,
        wachtlijst_positie=None if room else _next_position(traject),
    )


def invite(*, traject: Traject, emails: list[str], language: str) -> int:
    from .messages import notify_invitations  # messages build on these services

    notify_invitations(traject=traject, emails=emails, language=language)
    return len(emails)


@transaction.atomic
def create_traject(*, form, coordinator: User) -> Traject:
    traject = form.save()
    traject.coordinatoren.add(coordinator)
    signals.traject_aangemaakt.send(sender=Traject, traject=traject)
    return traject


@transaction.atomic
def place_at_table(
    *,
    traject: Traject,
    deelnemer: Deelnemer,
    rol: str,
    boven_capaciteit: bool = False,
    naam: str = "",
    telefoon: str = "",
) -> Inschrijving:
    """Someone who is at the table in person gets a seat, whatever the list says: a walk-in
    is enrolled, a waiting-list or withdrawn person is placed. When that takes the traject
    over its capacity, ``TrajectVol`` is raised first; ``boven_capaciteit=True`` is the
    coordinator's second, explicit yes. ``naam`` and ``telefoon`` are what the coordinator
    typed for this traject; a new enrolment keeps them (an existing one keeps its own)."""
    traject = _lock(traject)
    inschrijving = traject.inschrijvingen.filter(deelnemer=deelnemer).first()
    has_seat = inschrijving is not None and inschrijving.bezet_plek
    taken = sum(_occupied_counts(traject).values())
    if not has_seat and not boven_capaciteit and taken >= traject.capaciteit:
        raise TrajectVol(
            ngettext(
                "Het traject is vol: de enige plek is bezet. Wil je deze persoon toch een "
                "plek geven? Dan zitten er meer mensen aan tafel dan gepland.",
                "Het traject is vol: alle %(aantal)s plekken zijn bezet. Wil je deze persoon "
                "toch een plek geven? Dan zitten er meer mensen aan tafel dan gepland.",
                traject.capaciteit,
            )
            % {"aantal": traject.capaciteit}
        )
    if inschrijving is None:
        return Inschrijving.objects.create(
            traject=traject,
            deelnemer=deelnemer,
            naam=naam.strip(),
            telefoon=telefoon.strip(),
            tag=TAG_VAN_ROL[rol],
            rol=rol,
            status=InschrijvingStatus.GEPLAATST,
        )
    if inschrijving.status == InschrijvingStatus.GEPLAATST:
        return inschrijving
    was_waiting = inschrijving.status == InschrijvingStatus.WACHTLIJST
    inschrijving.status = InschrijvingStatus.GEPLAATST
    inschrijving.aangeboden_op = None
    if was_waiting:
        _leave_waiting_list(inschrijving)
    else:
        inschrijving.save(update_fields=["status", "aangeboden_op"])
    return inschrijving


def start_import(*, traject: Traject, data: bytes, filename: str, user) -> "Import":
    """Store an upload and import it in the background (large files)."""
    upload = Import.objects.create(traject=traject, bestand=data, bestandsnaam=filename, door=user)
    # Should the broker be down, the sweep starts the import later (``restart_stale_imports``).
    queueing.after_commit(tasks.run_import, upload.pk)
    return upload


def run_import(*, import_id: int) -> None:
    """Import an uploaded participant file. Idempotent under ``acks_late``: a finished import
    is left alone, and the claim, the enrolments and the result commit together, so a worker
    that dies half-way leaves the import to run again from the start."""
    from celery.exceptions import SoftTimeLimitExceeded

    # Show progress; only a waiting import is claimed, so a finished one stays finished.
    Import.objects.filter(pk=import_id, status=ImportStatus.WACHT).update(status=ImportStatus.BEZIG)
    try:
        with transaction.atomic():
            # A second delivery of the same message skips the row another worker holds;
            # an import left "bezig" by a worker that died runs again.
            upload = (
                Import.objects.select_for_update(skip_locked=True)
                .select_related("traject")
                .filter(pk=import_id, status=ImportStatus.BEZIG)
                .first()
            )
            if upload is None:
                return
            imported, errors = import_deelnemers(
                traject=upload.traject, data=bytes(upload.bestand), filename=upload.bestandsnaam
            )
            upload.status = ImportStatus.FOUT if errors else ImportStatus.KLAAR
            upload.aantal = len(imported)
            upload.fouten = [[row, reason] for row, reason in errors]
            upload.bestand = b""
            upload.save(update_fields=["status", "aantal", "fouten", "bestand"])
    except SoftTimeLimitExceeded:
        _give_up_import(import_id, _("Het importeren duurde te lang. Maak het bestand kleiner."))
        raise
    except Exception:
        _give_up_import(import_id, _("Er ging iets mis bij het importeren. Probeer het opnieuw."))
        raise


def restart_stale_imports(now=None) -> list[int]:
    """Queue again the imports still waiting or running after ``OPDRACHT_HERSTART_SECONDEN``
    whose row no worker holds: their message was never sent (broker down) or their worker
    died. One query; call it inside a transaction (the row locks it skips are what tell a
    running import from a dead one)."""
    now = now or timezone.now()
    stale = list(
        Import.objects.select_for_update(skip_locked=True)
        .filter(
            status__in=(ImportStatus.WACHT, ImportStatus.BEZIG),
            aangemaakt_op__lt=now - timedelta(seconds=settings.OPDRACHT_HERSTART_SECONDEN),
        )
        .values_list("pk", flat=True)
    )
    for pk in stale:
        queueing.after_commit(tasks.run_import, pk)
    return stale


def _give_up_import(import_id: int, reason: str) -> None:
    """Mark a failed import, so its page stops waiting; nothing of it was written."""
    Import.objects.filter(pk=import_id, status=ImportStatus.BEZIG).update(
        status=ImportStatus.FOUT, fouten=[[1, reason]], bestand=b""
    )

"""The messages of sign-up and the waiting list: the kinds this app registers with the
outbox, and the calls that put them in it."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone

from berichten import kinds
from berichten.messages import render
from berichten.sending import Due, queue
from samenspel.auth import signin_url

from .choices import BEZETTE_STATUSSEN, Bericht, InschrijvingStatus
from .models import Inschrijving, Traject
from .offer_links import offer_context
from .services import open_verzoek


def bevestiging_key(inschrijving) -> str:
    """One confirmation per enrolment and status: a person placed later from the waiting
    list hears so once more."""
    return f"{inschrijving.pk}:{inschrijving.status}"


def offer_key(inschrijving) -> str:
    return f"{inschrijving.pk}:{inschrijving.aangeboden_op:%Y%m%dT%H%M%S%f}"


def notify_bevestiging(inschrijving) -> None:
    """Confirm a sign-up (or a later placement). Called inside the transaction that saves
    the enrolment, so the enrolment and its e-mail commit together; the e-mail is queued
    after the commit, and the sweep sends it should the broker be down."""
    _notify_enrolled(inschrijving, Bericht.BEVESTIGING, bevestiging_key(inschrijving))


def notify_aanmeldverzoek(verzoek) -> None:
    """Ask the address of a sign-up to confirm it. The row names the sign-up, not an account
    (the address may have none); one e-mail per sign-up."""
    queue(
        [
            Due(
                None,
                verzoek.traject_id,
                Bericht.AANMELDING,
                str(verzoek.pk),
                aanmeldverzoek_id=verzoek.pk,
            )
        ]
    )


def notify_invitations(*, traject, emails: list[str], language: str) -> None:
    """Invite typed addresses to sign up. The rows commit with the request and are sent by
    the worker, or by the sweep should the broker be down; a later invitation to the same
    address is a new message."""
    moment = timezone.now().strftime("%Y%m%dT%H%M%S%f")
    queue(
        [
            Due(None, traject.pk, Bericht.UITNODIGING, moment, adres=email, taal=language)
            for email in emails
        ]
    )


def notify_offer(inschrijving) -> None:
    _notify_enrolled(inschrijving, Bericht.AANBOD, offer_key(inschrijving))


def _notify_enrolled(inschrijving, doel: str, sleutel: str) -> None:
    user_id = inschrijving.deelnemer.user_id
    queue([Due(user_id, inschrijving.traject_id, doel, sleutel, inschrijving_id=inschrijving.pk)])


def prepare(rows) -> dict:
    """Who of a chunk's recipients has a seat, and who coordinates: two queries."""
    users = {r.ontvanger_id for r in rows}
    trajecten = {r.traject_id for r in rows}
    seated = set(
        Inschrijving.objects.filter(
            deelnemer__user_id__in=users, traject_id__in=trajecten, status__in=BEZETTE_STATUSSEN
        ).values_list("deelnemer__user_id", "traject_id")
    )
    coordinators = set(
        Traject.coordinatoren.through.objects.filter(
            user_id__in=users, traject_id__in=trajecten
        ).values_list("user_id", "traject_id")
    )
    return {"seated": seated, "coordinators": coordinators}


def _aanmelding_relevant(row, known) -> bool:
    """A request to confirm a sign-up is sent while the sign-up still waits for it."""
    verzoek = row.aanmeldverzoek
    return verzoek is not None and open_verzoek(verzoek.token) is not None


def _aanmelding_message(row, known) -> EmailMultiAlternatives:
    """The e-mail to the address typed in the sign-up form. Whether that address is already
    enrolled in the traject is decided here, in the worker, and told to that address only:
    then there is no link, since there is nothing to confirm."""
    verzoek = row.aanmeldverzoek
    bestaand = (
        Inschrijving.objects.filter(
            traject_id=verzoek.traject_id, deelnemer__user__email__iexact=verzoek.email
        )
        .select_related("deelnemer__user")
        .first()
    )
    language = (
        bestaand.deelnemer.user.taal if bestaand else verzoek.taal
    ) or settings.LANGUAGE_CODE
    context = {
        "traject": row.traject,
        "verzoek": verzoek,
        "bestaand": bestaand,
        "geldig_uren": settings.AANMELDING_GELDIG_UREN,
        "link": settings.SITE_URL
        + reverse(
            "trajecten:aanmelding_bevestigen",
            kwargs={"slug": row.traject.slug, "token": verzoek.token},
        ),
        "inlog_link": settings.SITE_URL + reverse("home"),
    }
    return render(Bericht.AANMELDING, context, to=verzoek.email, language=language)


def _invitation_relevant(row, known) -> bool:
    return row.traject.is_publiek


def _invitation_message(row, known) -> EmailMultiAlternatives:
    language = row.taal or settings.LANGUAGE_CODE
    context = {
        "traject": row.traject,
        "link": f"{settings.SITE_URL}{row.traject.get_absolute_url()}aanmelden/",
        "site_url": settings.SITE_URL,
    }
    return render(Bericht.UITNODIGING, context, to=row.adres, language=language)


def _offer_relevant(row, known) -> bool:
    i = row.inschrijving
    return (
        i is not None and i.status == InschrijvingStatus.AANGEBODEN and row.sleutel == offer_key(i)
    )


def _offer_context(row, known) -> dict:
    return {"b": None, "agenda": [], **offer_context(row.inschrijving)}


def _bevestiging_relevant(row, known) -> bool:
    # Only the confirmation of the status the person still has (placed or waiting).
    i = row.inschrijving
    return i is not None and row.sleutel == bevestiging_key(i)


def _bevestiging_context(row, known) -> dict:
    # The sign-in link is made at sending time, so a message held back while the broker
    # was down does not carry an expired link.
    return {
        "b": None,
        "agenda": [],
        "inschrijving": row.inschrijving,
        "link": signin_url(row.ontvanger),
    }


kinds.register_preparer(prepare)
kinds.register(Bericht.AANMELDING, relevant=_aanmelding_relevant, message=_aanmelding_message)
kinds.register(Bericht.UITNODIGING, relevant=_invitation_relevant, message=_invitation_message)
kinds.register(Bericht.AANBOD, relevant=_offer_relevant, context=_offer_context, sms=True)
kinds.register(Bericht.BEVESTIGING, relevant=_bevestiging_relevant, context=_bevestiging_context)

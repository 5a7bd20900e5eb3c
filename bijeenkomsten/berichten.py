"""The e-mails of the ledger: one builder per purpose, in the recipient's language, with
the facts in the text itself, a calendar attachment and one-click unsubscribe."""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from trajecten.choices import BEZETTE_STATUSSEN, InschrijvingStatus

from . import herinneringen, ics
from .choices import VerzendDoel

AFMELD_SALT = "samenspel.afmelden"
# Which preference each purpose answers to (purposes not listed cannot be switched off).
VOORKEUR = {
    VerzendDoel.HERINNERING: "wil_herinneringen",
    VerzendDoel.VOORBEREIDING: "wil_voorbereiding_herinneringen",
    VerzendDoel.EVALUATIE: "wil_evaluatie_verzoeken",
    VerzendDoel.HANDREIKING: "wil_evaluatie_verzoeken",
}


def unsubscribe_token(user, doel: str) -> str:
    return signing.dumps({"u": user.pk, "d": doel}, salt=AFMELD_SALT)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=AFMELD_SALT)
    except signing.BadSignature:
        return None
    if data.get("d") not in VOORKEUR:
        return None
    return data["u"], data["d"]


def meeting_key(bijeenkomst, *extra) -> str:
    """A key that changes when the meeting moves, so a moved meeting gets a new reminder
    and the old one is never sent."""
    start = bijeenkomst.start.strftime("%Y%m%dT%H%M%SZ")
    return ":".join([str(bijeenkomst.pk), start, *map(str, extra)])


def bevestiging_key(inschrijving) -> str:
    """One confirmation per enrolment and status: a person placed later from the waiting
    list hears so once more."""
    return f"{inschrijving.pk}:{inschrijving.status}"


def prepare(rows) -> dict:
    """What the relevance checks need for a whole chunk, in two queries."""
    from trajecten.models import Inschrijving, Traject

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
    # Report e-mails: which of the versions they announce are (still) the published one.
    versions = {int(r.sleutel) for r in rows if r.doel == VerzendDoel.VERSLAG_GEDEELD}
    published = set()
    if versions:
        from verslagen.models import Verslag

        published = set(
            Verslag.objects.filter(gepubliceerd_id__in=versions).values_list(
                "gepubliceerd_id", flat=True
            )
        )
    return {"seated": seated, "coordinators": coordinators, "published": published, "rows": rows}


def _aanmelding_relevant(row) -> bool:
    """A request to confirm a sign-up is sent while the sign-up still waits for it."""
    from trajecten.services import open_verzoek

    verzoek = row.aanmeldverzoek
    return verzoek is not None and open_verzoek(verzoek.token) is not None


def _aanmelding_message(row) -> EmailMultiAlternatives:
    """The e-mail to the address typed in the sign-up form. Whether that address is already
    enrolled in the traject is decided here, in the worker, and told to that address only:
    then there is no link, since there is nothing to confirm."""
    from trajecten.models import Inschrijving

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
    with translation.override(language):
        subject = render_to_string("email/aanmelding_subject.txt", context).strip()
        text = render_to_string("email/aanmelding_body.txt", context)
        html = render_to_string("email/aanmelding_body.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[verzoek.email])
    message.attach_alternative(html, "text/html")
    message.extra_headers["Content-Language"] = language
    return message


def _relevant(row, known: dict) -> bool:
    if row.doel == VerzendDoel.AANMELDING:
        return _aanmelding_relevant(row)

    def _seated(row):
        return (row.ontvanger_id, row.traject_id) in known["seated"]

    b, user = row.bijeenkomst, row.ontvanger
    if not user.is_active:
        return False
    if (pref := VOORKEUR.get(row.doel)) and not getattr(user, pref):
        return False
    if row.doel == VerzendDoel.HERINNERING:
        return (
            not b.is_geannuleerd and row.sleutel.startswith(meeting_key(b) + ":") and _seated(row)
        )
    if row.doel == VerzendDoel.EVALUATIE:
        return not b.is_geannuleerd and _seated(row)
    if row.doel == VerzendDoel.VOORBEREIDING:
        groep = getattr(b, "voorbereidingsgroep", None)
        return (
            not b.is_geannuleerd
            and groep is not None
            and groep.start is not None
            and row.sleutel == f"{groep.pk}:{groep.start:%Y%m%dT%H%M%SZ}"
            and groep.leden.filter(inschrijving__deelnemer__user_id=row.ontvanger_id).exists()
        )
    if row.doel == VerzendDoel.WIJZIGING:
        return row.sleutel == f"{b.pk}:{b.volgnummer}" and _seated(row)
    if row.doel == VerzendDoel.AANBOD:
        i = row.inschrijving
        return (
            i is not None
            and i.status == InschrijvingStatus.AANGEBODEN
            and row.sleutel == f"{i.pk}:{i.aangeboden_op:%Y%m%dT%H%M%S%f}"
        )
    if row.doel == VerzendDoel.VERSLAG:
        return not b.is_geannuleerd and (user.pk, row.traject_id) in known["coordinators"]
    if row.doel == VerzendDoel.VERSLAG_GEDEELD:
        return int(row.sleutel) in known["published"] and _seated(row)
    if row.doel == VerzendDoel.HANDREIKING:
        from verslagen import handreiking_berichten

        return handreiking_berichten.relevant(row, known, known["rows"])
    if row.doel == VerzendDoel.BEVESTIGING:
        # Only the confirmation of the status the person still has (placed or waiting).
        i = row.inschrijving
        return i is not None and row.sleutel == bevestiging_key(i)
    return False


def _when(start, einde) -> str:
    start = start.astimezone(herinneringen.AMSTERDAM)
    einde = einde.astimezone(herinneringen.AMSTERDAM)
    return (
        f"{date_format(start, 'l j F Y')}, {date_format(start, 'H:i')}–{date_format(einde, 'H:i')}"
    )


def _where(plaats: str, adres: str) -> str:
    return ", ".join(part for part in (plaats, adres) if part) or _("geen plaats")


def changes(b) -> list[tuple[str, str, str]]:
    """What changed since people last heard, as (label, before, now), in the active
    language. Empty for a meeting that was not moved (or for a cancellation)."""
    before = b.vorige_gegevens or {}
    if not before or b.is_geannuleerd:
        return []
    rows = []
    start = parse_datetime(before.get("start") or "")
    einde = parse_datetime(before.get("einde") or "")
    if start and einde and (start, einde) != (b.start, b.einde):
        rows.append((_("Wanneer"), _when(start, einde), _when(b.start, b.einde)))
    plaats, adres = before.get("plaats", b.plaats), before.get("adres", b.adres)
    if (plaats, adres) != (b.plaats, b.adres):
        rows.append((_("Waar"), _where(plaats, adres), _where(b.plaats, b.adres)))
    link = before.get("online_link", b.online_link)
    if link != b.online_link:
        rows.append((_("Online"), link or _("geen link"), b.online_link or _("geen link")))
    return rows


def build(row, known: dict) -> EmailMultiAlternatives | None:
    """The message for one ledger row, or None when it is no longer relevant."""
    if not _relevant(row, known):
        return None
    if row.doel == VerzendDoel.AANMELDING:
        return _aanmelding_message(row)
    user, b = row.ontvanger, row.bijeenkomst
    language = user.taal or settings.LANGUAGE_CODE
    context = {
        "user": user,
        "b": b,
        "traject": row.traject,
        "row": row,
        "site_url": settings.SITE_URL,
        "agenda": list(b.agenda.all()) if b else [],
    }
    if row.doel == VerzendDoel.AANBOD:
        from trajecten.aanbod import offer_context

        context.update(offer_context(row.inschrijving))
    if row.doel == VerzendDoel.BEVESTIGING:
        from samenspel.auth import signin_url

        # The sign-in link is made at sending time, so a message held back while the
        # broker was down does not carry an expired link.
        context.update(inschrijving=row.inschrijving, link=signin_url(user))
    if row.doel == VerzendDoel.HERINNERING:
        # The real distance as of sending, not the reminder's nominal offset.
        context["dagen"] = herinneringen.days_until(b.start, timezone.now())
    if row.doel == VerzendDoel.VOORBEREIDING:
        groep = b.voorbereidingsgroep
        context["groep"] = groep
        context["dagen"] = herinneringen.days_until(groep.start, timezone.now())
        context["leden"] = [
            lid.inschrijving.deelnemer.user.get_short_name()
            for lid in groep.leden.select_related("inschrijving__deelnemer__user")
        ]
    if row.doel == VerzendDoel.HANDREIKING:
        from verslagen import handreiking_berichten

        context.update(handreiking_berichten.context(row, known))
    unsubscribe = None
    if row.doel in VOORKEUR:
        unsubscribe = settings.SITE_URL + reverse(
            "afmelden", kwargs={"token": unsubscribe_token(user, row.doel)}
        )
        context["afmeld_link"] = unsubscribe
    with translation.override(language):
        subject = render_to_string(f"email/{row.doel}_subject.txt", context).strip()
        if row.doel == VerzendDoel.WIJZIGING:
            context["wijzigingen"] = changes(b)
        text = render_to_string(f"email/{row.doel}_body.txt", context)
        html = render_to_string(f"email/{row.doel}_body.html", context)
        attachment = (
            ics.calendar([b], naam=row.traject.naam, language=language)
            if b and row.doel in (VerzendDoel.HERINNERING, VerzendDoel.WIJZIGING)
            else None
        )
    message = EmailMultiAlternatives(subject=subject, body=text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.extra_headers["Content-Language"] = language
    if unsubscribe:
        message.extra_headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    if attachment:
        message.attach("bijeenkomst.ics", attachment, "text/calendar; charset=utf-8")
    return message

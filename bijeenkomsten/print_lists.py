"""Paper for the meeting day and for people without e-mail: an attendance list to sign,
a call list, and a letter per person without an address. PDFs from HTML templates."""

from django.db.models import OuterRef, Subquery
from django.template.loader import render_to_string

from samenspel.models import GEEN_ADRES_DOMEIN
from samenspel.pdf import html_to_pdf
from trajecten.choices import InschrijvingStatus
from trajecten.models import Inschrijving

from .models import Aanwezigheid, Bijeenkomst

SOORTEN = ("presentielijst", "bellijst", "brieven")


def _seated(b: Bijeenkomst):
    """The people placed in the meeting's traject, with their reply to this meeting."""
    reply = Aanwezigheid.objects.filter(bijeenkomst=b, inschrijving=OuterRef("pk")).values(
        "antwoord"
    )[:1]
    return (
        Inschrijving.objects.filter(
            traject_id=b.traject_id,
            status=InschrijvingStatus.GEPLAATST,
            deelnemer__user__is_active=True,
        )
        .annotate(antwoord=Subquery(reply))
        .select_related("organisatie")
        .order_by("naam", "pk")
    )


def _without_email(qs):
    """People reached only through the coordinator: no address, no text messages."""
    return qs.filter(
        deelnemer__user__email__endswith="@" + GEEN_ADRES_DOMEIN, deelnemer__user__per_sms=False
    )


def pdf(b: Bijeenkomst, soort: str) -> bytes:
    """One of ``SOORTEN`` for meeting ``b`` (with its traject selected)."""
    mensen = _seated(b) if soort == "presentielijst" else _without_email(_seated(b))
    html = render_to_string(f"bijeenkomsten/print/{soort}.html", {"b": b, "mensen": list(mensen)})
    return html_to_pdf(html)

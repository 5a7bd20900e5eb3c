"""The review round's e-mails in the ledger (``Bericht.HANDREIKING``): whether a
claimed message is still relevant when its chunk is sent, and what it says.

Keys: ``ronde-<id>-open`` when a round opens, ``ronde-<id>-herinnering`` two days before
its deadline to those who have not opened the guide yet.
"""

import re
from datetime import timedelta

from django.utils import timezone

HERINNERING_VOOR_DEADLINE = timedelta(days=2)
_KEY = re.compile(r"^ronde-(\d+)-(open|herinnering)$")


def parse_key(sleutel: str) -> tuple[int, str] | None:
    m = _KEY.match(sleutel)
    return (int(m.group(1)), m.group(2)) if m else None


def open_key(ronde_id: int) -> str:
    return f"ronde-{ronde_id}-open"


def reminder_key(ronde_id: int) -> str:
    return f"ronde-{ronde_id}-herinnering"


def _prepare(rows, known: dict) -> dict:
    """The rounds and who looked, for a whole chunk, in two queries (cached in ``known``)."""
    if "handreiking" in known:
        return known["handreiking"]
    from ..models import Gelezen, Reviewronde

    ids = {k[0] for r in rows if (k := parse_key(r.sleutel))}
    rondes = {
        r.pk: r
        for r in Reviewronde.objects.filter(pk__in=ids).select_related("versie__handreiking")
    }
    gelezen = set(
        Gelezen.objects.filter(ronde_id__in=ids).values_list(
            "ronde_id", "inschrijving__deelnemer__user_id"
        )
    )
    known["handreiking"] = {"rondes": rondes, "gelezen": gelezen}
    return known["handreiking"]


def relevant(row, known: dict, rows) -> bool:
    """Still worth sending: the round is open and its deadline ahead, the person still has
    a seat, and a reminder goes only to who has not opened the guide."""
    from ..choices import RondeStatus

    key = parse_key(row.sleutel)
    if key is None:
        return False
    ronde_id, soort = key
    data = _prepare(rows, known)
    ronde = data["rondes"].get(ronde_id)
    if ronde is None or ronde.status != RondeStatus.OPEN or ronde.deadline <= timezone.now():
        return False
    if (row.ontvanger_id, row.traject_id) not in known["seated"]:
        return False
    return not (soort == "herinnering" and (ronde_id, row.ontvanger_id) in data["gelezen"])


def context(row, known: dict) -> dict:
    ronde_id, soort = parse_key(row.sleutel)
    return {
        "ronde": known["handreiking"]["rondes"][ronde_id],
        "herinnering": soort == "herinnering",
    }

"""The coordinator's message, as a kind of the outbox."""

from berichten import kinds
from trajecten.choices import InschrijvingStatus

from .choices import Bericht
from .models import Mededeling


def prepare(rows) -> dict:
    """The messages of a chunk's rows, fetched once."""
    pks = {int(r.sleutel[1:]) for r in rows if r.doel == Bericht.MEDEDELING}
    return {
        "mededelingen": Mededeling.objects.select_related("verstuurd_door").in_bulk(pks)
        if pks
        else {}
    }


def _mededeling(row, known):
    return known["mededelingen"].get(int(row.sleutel[1:]))


def _relevant(row, known) -> bool:
    # Not for someone who left the traject since.
    i = row.inschrijving
    return (
        _mededeling(row, known) is not None
        and i is not None
        and i.status != InschrijvingStatus.AFGEMELD
    )


def _context(row, known) -> dict:
    return {"mededeling": _mededeling(row, known)}


kinds.register_preparer(prepare)
kinds.register(Bericht.MEDEDELING, relevant=_relevant, context=_context)

"""The sweep: find in the database what is due and hand it to the ledger.

Beat runs ``sweep`` every few minutes; nothing is scheduled days ahead on the broker.
The apps register what is due (``register_finder``: functions of ``now`` that return
``Due`` rows) and their other periodic work (``samenspel.periodic``: lapsing offers,
restarting report builds and imports). Each finder asks a fixed number of queries, whatever
the number of people.
"""

from collections.abc import Callable

from django.db import connection, transaction
from django.utils import timezone

from samenspel import periodic

from . import sending
from .models import Sweepteller

_finders: list[Callable] = []


def register_finder(find: Callable) -> None:
    if find not in _finders:
        _finders.append(find)


def sweep(now=None) -> dict[str, int]:
    """Find and queue everything that is due now. Safe to run at any time, any number of
    times: the ledger keeps each message to once."""
    now = now or timezone.now()
    done = periodic.run(now)
    dues = sending.new([due for find in _finders for due in find(now)])
    with transaction.atomic():
        tokens = sending.claim(dues) + sending.reclaim_stale(now)
        sending.enqueue(tokens)
        count_sweep()
    return {"nieuw": len(dues), "chunks": len(tokens), **done}


def count_sweep() -> None:
    """Record that a sweep finished (the real time, also when a test passes ``now``)."""
    # One upsert (PostgreSQL and SQLite alike), so the first sweep needs no extra query.
    table = connection.ops.quote_name(Sweepteller._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (id, aantal, laatste_op) VALUES (1, 1, %s) "
            f"ON CONFLICT (id) DO UPDATE SET aantal = {table}.aantal + 1, "
            "laatste_op = excluded.laatste_op",
            [timezone.now()],
        )


def sweeps_done() -> int:
    """How many sweeps have finished so far."""
    return Sweepteller.objects.filter(pk=1).values_list("aantal", flat=True).first() or 0

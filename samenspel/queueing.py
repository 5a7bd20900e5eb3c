"""Handing work to the broker without letting a broker outage break the request.

The work a task does is already saved (a request row, an import, a ledger row) when it is
queued, so a broker that is down must not turn a saved action into an error page. The
message is then dropped with a warning; the sweep (``berichten.sweep``)
finds the saved work that never started and queues it again once the broker is back.
"""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What publishing raises when Redis cannot be reached: kombu wraps most connection errors,
# but a socket error or a Redis error can come through as it is.
BROKER_ERRORS = (OperationalError, OSError, RedisError)


def send(task, *args, **kwargs) -> bool:
    """Queue ``task`` now. Returns False (and logs) when the broker is unreachable."""
    try:
        task.delay(*args, **kwargs)
    except BROKER_ERRORS:
        logger.warning("broker unavailable; %s%r not queued", task.name, args, exc_info=True)
        return False
    return True


def after_commit(task, *args, **kwargs) -> None:
    """Queue ``task`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: send(task, *args, **kwargs))


def after_commit_or_inline(task, *args, **kwargs) -> None:
    """Like ``after_commit``, but when the broker is down run the task's work here and now.
    For small work whose trigger is not kept anywhere the sweep could find it again. A
    failure of that work is logged: the action itself is saved and must not show an error."""

    def run():
        if send(task, *args, **kwargs):
            return
        try:
            task(*args, **kwargs)
        except Exception:
            logger.exception("running %s%r in the request failed", task.name, args)

    transaction.on_commit(run)

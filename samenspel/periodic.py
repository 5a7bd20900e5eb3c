"""Periodic work, registered by each app from its ``AppConfig.ready()``.

One beat task (the sweep, ``berichten.sweep``) runs every job, each in its own transaction,
so one failing job does not keep the others from running. A job takes ``now`` and returns
how much it did; the sweep reports these counts by the job's name."""

import logging
from collections.abc import Callable

from django.db import transaction

logger = logging.getLogger(__name__)

_jobs: dict[str, Callable] = {}


def register(name: str, job: Callable) -> None:
    _jobs[name] = job


def run(now) -> dict[str, int]:
    done = {}
    for name, job in _jobs.items():
        try:
            with transaction.atomic():
                done[name] = job(now)
        except Exception:
            logger.exception("periodic job %s failed", name)
            done[name] = 0
    return done

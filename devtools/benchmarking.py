"""Shared pieces of the benchmark commands: measuring inside a transaction that is always
rolled back, and a traject of benchmark data with a name no real one has."""

import uuid
from contextlib import contextmanager

from django.db import transaction

from trajecten.models import Gebied, Traject


class _Rollback(Exception):
    pass


@contextmanager
def rolled_back():
    """Run the block in a transaction and undo everything it wrote, also on success."""
    try:
        with transaction.atomic():
            yield
            raise _Rollback
    except _Rollback:
        pass


def benchmark_traject(soort: str, *, status: str, capaciteit: int) -> tuple[str, Traject]:
    """A traject in an area of its own; returns the random tag of its names too."""
    tag = uuid.uuid4().hex[:8]
    gebied = Gebied.objects.create(naam=f"Benchmark {tag}", soort="wijk")
    traject = Traject.objects.create(
        naam=f"Benchmark {soort} {tag}",
        slug=f"benchmark-{soort}-{tag}",
        gebied=gebied,
        status=status,
        capaciteit=capaciteit,
    )
    return tag, traject

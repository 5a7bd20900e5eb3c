"""Sending what the outbox holds, as the worker would, for tests that run without one."""

from berichten import sending
from berichten.choices import VerzendStatus
from berichten.models import Verzending


def send_claimed() -> int:
    """Send every claimed chunk once; returns how many messages went out."""
    tokens = (
        Verzending.objects.filter(status=VerzendStatus.GECLAIMD)
        .values_list("claim", flat=True)
        .distinct()
    )
    return sum(sending.send_chunk(str(token)) for token in list(tokens))

"""The kinds of message, each registered by the app it belongs to.

A kind says when a ledger row is still worth sending (``relevant``), what its templates
need (``context``), which preference of the recipient switches it off and whether it
carries a calendar file. Templates are ``email/<code>_subject.txt``, ``_body.txt`` and
``_body.html``; a kind that may also go by text message has ``sms/<code>.txt``. A kind
whose message is not addressed to an account (a sign-up waiting for confirmation goes to
a typed address) gives the whole ``message`` instead.

Chunk preparers run once per chunk before any message is built and return lookups shared
by all rows (who has a seat, who coordinates), so that a chunk asks a fixed number of
queries whatever its size.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Soort:
    code: str
    label: object
    relevant: Callable  # (row, known) -> bool
    context: Callable | None = None  # (row, known) -> dict, in the recipient's language
    preference: str | None = None  # a boolean field of User that switches it off
    attachment: Callable | None = None  # (row, language) -> (filename, content, mimetype)
    message: Callable | None = None  # (row, known) -> EmailMessage, for non-account rows
    sms: bool = False  # has a text-message version, ``sms/<code>.txt``, for who chose SMS


_kinds: dict[str, Soort] = {}
_preparers: list[Callable] = []


def register(choice, **hooks) -> None:
    """Register one kind; ``choice`` is a member of the app's ``Bericht`` choices."""
    kind = Soort(code=choice.value, label=choice.label, **hooks)
    known = _kinds.get(kind.code)
    if known is not None and known.relevant is not kind.relevant:
        raise ImproperlyConfigured(f"message kind {kind.code!r} is registered twice")
    _kinds[kind.code] = kind


def register_preparer(prepare: Callable) -> None:
    if prepare not in _preparers:
        _preparers.append(prepare)


def get(code: str) -> Soort | None:
    return _kinds.get(code)


def all_kinds() -> list[Soort]:
    return sorted(_kinds.values(), key=lambda k: k.code)


def choices() -> list[tuple[str, object]]:
    return [(k.code, k.label) for k in all_kinds()]


def preferences() -> dict[str, str]:
    """Kind → the preference that governs it (kinds without one cannot be switched off)."""
    return {k.code: k.preference for k in all_kinds() if k.preference}


def prepare(rows) -> dict:
    known = {"rows": rows}
    for preparer in _preparers:
        known.update(preparer(rows))
    return known

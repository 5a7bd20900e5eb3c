"""The actions the audit log knows, registered by each app from its ``AppConfig.ready()``.

An app declares its actions as a ``TextChoices`` class and calls ``register``; the log's
``actie`` field takes its choices from here, so a new action needs no migration in the base
and ``audit.log`` refuses a code nobody registered."""

from django.core.exceptions import ImproperlyConfigured

_labels: dict[str, object] = {}


def register(choices) -> None:
    for member in choices:
        known = _labels.get(member.value)
        if known is not None and str(known) != str(member.label):
            raise ImproperlyConfigured(f"audit action {member.value!r} is registered twice")
        _labels[member.value] = member.label


def is_registered(code: str) -> bool:
    return code in _labels


def choices() -> list[tuple[str, object]]:
    """For the model field and forms: every registered action with its label."""
    return sorted(_labels.items())

"""System checks on the registry of message kinds: what the database's check constraint
on the list of kinds did before the kinds moved to the apps that send them."""

from django.core import checks
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from samenspel.models import User

from . import kinds


@checks.register()
def check_message_kinds(app_configs=None, **kwargs):
    errors = []
    for kind in kinds.all_kinds():
        if kind.preference is not None:
            field = next((f for f in User._meta.fields if f.name == kind.preference), None)
            if field is None or field.get_internal_type() != "BooleanField":
                errors.append(
                    checks.Error(
                        f"message kind {kind.code!r}: {kind.preference!r} is no yes/no "
                        "field of User",
                        id="berichten.E001",
                    )
                )
        if kind.message is None:
            for part in ("subject.txt", "body.txt", "body.html"):
                try:
                    get_template(f"email/{kind.code}_{part}")
                except TemplateDoesNotExist:
                    errors.append(
                        checks.Error(
                            f"message kind {kind.code!r} has no template email/{kind.code}_{part}",
                            id="berichten.E002",
                        )
                    )
        if kind.sms:
            try:
                get_template(f"sms/{kind.code}.txt")
            except TemplateDoesNotExist:
                errors.append(
                    checks.Error(
                        f"message kind {kind.code!r} has no template sms/{kind.code}.txt",
                        id="berichten.E003",
                    )
                )
    return errors

"""The audit log of coordinators' actions: one call, ``log(...)``, where an action succeeds.

    from samenspel import audit
    from .choices import AuditActie  # each app declares its own actions

    audit.log(request.user, AuditActie.BIJEENKOMST_BEWERKT, bijeenkomst, velden=form.changed_data)

The traject is found from the object (a Traject, or anything with ``traject`` or
``bijeenkomst``) unless given. The payload keeps field NAMES and short codes only: a value
that could be personal (a name, an e-mail address, free text) is refused with a ValueError,
so a careless call fails in the tests instead of leaking into the log.
"""

import re

from . import audit_actions
from .models import Auditregel

# Field names, and values such as a status code, a tag or "ja": lower-case letters, digits,
# "_" and "-" only. No "@", no spaces, no capitals: so no e-mail address and no name.
_CODE = re.compile(r"^[a-z0-9_-]{0,40}$")


def _check_code(value, what: str) -> None:
    if not isinstance(value, str) or not _CODE.match(value):
        raise ValueError(f"audit {what} must be a short code, got {value!r}")


def _clean(waarden: dict) -> dict:
    clean = {}
    for key, value in waarden.items():
        _check_code(key, "key")
        if isinstance(value, bool | int) or value is None:
            clean[key] = value
        elif isinstance(value, list | tuple):
            for item in value:
                if not isinstance(item, int) or isinstance(item, bool):
                    raise ValueError(f"audit list values must be ids, got {item!r}")
            clean[key] = list(value)
        else:
            _check_code(value, "value")
            clean[key] = value
    return clean


def _traject_id_of(obj):
    if obj is None:
        return None
    if obj._meta.label_lower == "trajecten.traject":
        return obj.pk
    if getattr(obj, "traject_id", None) is not None:
        return obj.traject_id
    bijeenkomst = getattr(obj, "bijeenkomst", None)
    if bijeenkomst is not None:
        return bijeenkomst.traject_id
    return None


def log(user, actie: str, obj=None, *, traject=None, velden=(), **waarden) -> Auditregel:
    """Record that ``user`` did ``actie`` on ``obj``. ``velden``: names of the fields that
    changed; keyword arguments: non-personal values (codes, numbers, booleans, lists of ids)."""
    if not audit_actions.is_registered(actie):
        raise ValueError(f"audit action {actie!r} is not registered by any app")
    velden = sorted(set(velden))
    for veld in velden:
        _check_code(veld, "field name")
    payload = _clean(waarden)
    if velden:
        payload["velden"] = velden
    return Auditregel.objects.create(
        door=user if getattr(user, "is_authenticated", False) else None,
        traject_id=traject.pk if traject is not None else _traject_id_of(obj),
        actie=actie,
        objecttype=obj._meta.label_lower if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
        payload=payload,
    )

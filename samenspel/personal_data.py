"""Where each app says what it holds about a person, so that the base can export it and
remove it without knowing the apps (the AVG/GDPR rights of access and erasure, and the
retention period).

Each app registers, from its own ``personal_data`` module (imported in its
``AppConfig.ready()``):

- ``export(user) -> dict``: its sections of the person's export, keyed by section name;
- ``anonymise(inschrijvingen)``: remove what it holds of the people behind these enrolments,
  called while the enrolments still point to them (``trajecten.anonymise`` then moves them to
  anonymous placeholders);
- ``purge_traject(traject)``: what else it keeps of a traject past its retention period;
- ``holds(outer_ref) -> expression``: an ``Exists`` that is true for a traject it still
  holds personal data of, so the retention sweep finds it;
- ``retention(now)``: the sweep itself (registered once, by the app that owns enrolments).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Holder:
    app: str
    export: Callable | None = None
    anonymise: Callable | None = None
    purge_traject: Callable | None = None
    holds: Callable | None = None
    retention: Callable | None = None


_holders: list[Holder] = []


def register(app: str, **hooks) -> None:
    if any(h.app == app for h in _holders):
        return  # a module imported twice registers once
    _holders.append(Holder(app=app, **hooks))


def holders(hook: str, *, top_down: bool = False) -> list[Callable]:
    """The registered functions for ``hook``, in the order of INSTALLED_APPS; ``top_down``
    reverses it, so that apps higher up see their data before the apps below change it."""
    found = [getattr(h, hook) for h in _holders if getattr(h, hook) is not None]
    return list(reversed(found)) if top_down else found


def export(user) -> dict:
    """Everything the app keeps about one person, as plain data."""
    data = {
        "account": {
            "email": user.email,
            "naam": user.naam,
            "taal": user.taal,
            "mobiel": user.mobiel,
            "berichten_per_sms": user.per_sms,
            "aangemaakt_op": user.date_joined.isoformat(),
            "laatst_ingelogd": user.last_login.isoformat() if user.last_login else None,
        }
    }
    for sections in holders("export"):
        data.update(sections(user))
    return data


def run_retention(now=None) -> None:
    for sweep in holders("retention"):
        sweep(now)

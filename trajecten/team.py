"""The team of a traject: its coordinators and rapporteurs, and the organisations it is
tied to (which managers of those organisations see on their dashboard)."""

from django.db import transaction
from django.utils.translation import gettext as _

from samenspel.models import User

from .errors import TrajectError

COORDINATOR, RAPPORTEUR = "coordinator", "rapporteur"


def _relation(traject, rol: str):
    return traject.coordinatoren if rol == COORDINATOR else traject.rapporteurs


@transaction.atomic
def add_member(*, traject, email: str, rol: str) -> User:
    """Add an existing account. People get an account by signing up or being invited;
    an administrator gives roles beyond the traject."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None or not user.heeft_email:
        raise TrajectError(
            _("Er is nog geen account met dit e-mailadres. Nodig deze persoon eerst uit.")
        )
    relation = _relation(traject, rol)
    if relation.filter(pk=user.pk).exists():
        raise TrajectError(_("%(naam)s hoort al bij het team.") % {"naam": user})
    relation.add(user)
    return user


@transaction.atomic
def remove_member(*, traject, user, rol: str) -> None:
    relation = _relation(traject, rol)
    if rol == COORDINATOR and relation.count() <= 1:
        raise TrajectError(_("Een traject heeft altijd minstens één coördinator."))
    relation.remove(user)

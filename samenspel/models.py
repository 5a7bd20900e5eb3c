import uuid

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import audit_actions
from .choices import Taal

# The placeholder domains (RFC 2606 reserves ".invalid") of accounts enrolled without an
# address and of accounts whose data was removed. Other ".invalid" addresses are ordinary
# (test and benchmark data use them).
GEEN_ADRES_DOMEIN = "zonder-email.invalid"
ANONIEM_DOMEIN = "anoniem.invalid"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def create_user(self, email, password=None, **extra):
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_without_email(self, *, naam: str, taal: str = "nl"):
        """An account for someone who has no e-mail address (or does not read it): the
        coordinator is their contact. It cannot sign in and gets no e-mail."""
        return self.create_user(
            email=f"{uuid.uuid4().hex}@{GEEN_ADRES_DOMEIN}", naam=naam, taal=taal
        )

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. Participants sign in by e-mail link; staff may also use a password.

    Roles: ``is_coordinator`` may create trajecten (and coordinates those it is added to),
    ``is_rapporteur`` writes reports of the trajecten it is added to, ``is_manager`` sees
    aggregates of the organisations and areas it is linked to, ``is_superuser`` administers.
    """

    email = models.EmailField(_("e-mailadres"))
    naam = models.CharField(_("naam"), max_length=150, blank=True)
    taal = models.CharField(_("taal"), max_length=2, choices=Taal, default=Taal.NL)
    is_coordinator = models.BooleanField(_("programmacoördinator"), default=False)
    is_rapporteur = models.BooleanField(_("verslaglegger"), default=False)
    is_manager = models.BooleanField(_("leidinggevende of financier"), default=False)
    # A functional administrator: areas, organisations and people's roles, in the app
    # (/beheer/), without the Django admin.
    is_beheerder = models.BooleanField(_("functioneel beheerder"), default=False, db_default=False)
    wil_herinneringen = models.BooleanField(_("herinneringen aan bijeenkomsten"), default=True)
    wil_voorbereiding_herinneringen = models.BooleanField(
        _("herinneringen aan het voorbereiden"), default=True
    )
    wil_evaluatie_verzoeken = models.BooleanField(_("vragen om een evaluatie"), default=True)
    # A second channel for people who do not read e-mail: reminders, changes and offered
    # seats come by text message instead. E.164 (+31612345678); replying STOP switches it off.
    mobiel = models.CharField(_("mobiel nummer"), max_length=16, blank=True, db_default="")
    per_sms = models.BooleanField(_("berichten per sms"), default=False, db_default=False)
    is_staff = models.BooleanField(_("beheerder"), default=False)
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_uniek"),
            models.CheckConstraint(
                condition=models.Q(taal__in=Taal.values), name="user_taal_geldig"
            ),
            models.CheckConstraint(
                condition=models.Q(per_sms=False) | models.Q(mobiel__startswith="+"),
                name="user_sms_heeft_nummer",
            ),
        ]

    @property
    def heeft_email(self) -> bool:
        """False for someone enrolled without an address (or whose data was removed): their
        account holds a placeholder in the reserved ``.invalid`` domain, which no message is
        sent to."""
        return not self.email.endswith(("@" + GEEN_ADRES_DOMEIN, "@" + ANONIEM_DOMEIN))

    def __str__(self):
        if not self.naam and self.email.endswith("@" + ANONIEM_DOMEIN):
            # A placeholder for someone whose data was removed (see trajecten/anonymise.py).
            return str(_("Verwijderde deelnemer"))
        return self.naam or self.email

    def get_full_name(self):
        return self.naam

    def get_short_name(self):
        return self.naam.split(" ")[0] if self.naam else self.email


class Auditregel(models.Model):
    """One line of the audit log: who did what to which object, and when.

    The payload holds field names and short codes only (never names, e-mail addresses,
    phone numbers or free text), so the log itself needs no retention period."""

    moment = models.DateTimeField(_("moment"), default=timezone.now, db_index=True)
    door = models.ForeignKey(
        "samenspel.User",
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # A plain id, not a foreign key: the base knows no domain model. The log outlives a
    # deleted traject as it did with SET_NULL; the log page filters on the id.
    traject_id = models.BigIntegerField(_("traject"), null=True, blank=True, db_index=True)
    actie = models.CharField(_("actie"), max_length=40, choices=audit_actions.choices)
    objecttype = models.CharField(_("soort object"), max_length=100, blank=True)
    object_id = models.PositiveBigIntegerField(_("nummer van het object"), null=True, blank=True)
    payload = models.JSONField(_("wat er veranderde"), default=dict, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditregels")
        ordering = ["-moment", "-id"]
        indexes = [models.Index(fields=["traject_id", "-moment"], name="auditregel_traject_moment")]

    def __str__(self):
        return f"{self.moment:%Y-%m-%d %H:%M} {self.actie}"

    @property
    def objectsoort(self) -> str:
        try:
            return str(apps.get_model(self.objecttype)._meta.verbose_name)
        except (LookupError, ValueError):
            return self.objecttype

    @property
    def details(self) -> str:
        """The payload as one short line for the log page: "van: wachtlijst, naar: ..."."""
        parts = [
            f"{key}: {_in_words(value)}" for key, value in self.payload.items() if key != "velden"
        ]
        return "; ".join(parts)


def _in_words(value) -> str:
    """A logged value as people read it: yes and no in words, lists joined, nothing as a dash."""
    if isinstance(value, bool):
        return str(_("ja") if value else _("nee"))
    if value is None:
        return "–"
    if isinstance(value, list):
        return ", ".join(_in_words(v) for v in value)
    return str(value)

from django.db import models
from django.utils.translation import gettext_lazy as _


class Tag(models.TextChoices):
    FORMEEL = "formeel", _("Formeel")
    INFORMEEL = "informeel", _("Informeel")
    ERVARINGSDESKUNDIGE = "ervaringsdeskundige", _("Ervaringsdeskundige")


class Rol(models.TextChoices):
    BEROEPSKRACHT = "beroepskracht", _("Beroepskracht")
    AMBTENAAR = "ambtenaar", _("Ambtenaar")
    LEIDINGGEVENDE = "leidinggevende", _("Leidinggevende")
    VRIJWILLIGER = "vrijwilliger", _("Vrijwilliger")
    MANTELZORGER = "mantelzorger", _("Mantelzorger")
    ACTIEVE_BEWONER = "actieve_bewoner", _("Actieve bewoner")
    ERVARINGSDESKUNDIGE = "ervaringsdeskundige", _("Ervaringsdeskundige")


ROLLEN_PER_TAG = {
    Tag.FORMEEL: (Rol.BEROEPSKRACHT, Rol.AMBTENAAR, Rol.LEIDINGGEVENDE),
    Tag.INFORMEEL: (Rol.VRIJWILLIGER, Rol.MANTELZORGER, Rol.ACTIEVE_BEWONER),
    Tag.ERVARINGSDESKUNDIGE: (Rol.ERVARINGSDESKUNDIGE,),
}
TAG_VAN_ROL = {rol: tag for tag, rollen in ROLLEN_PER_TAG.items() for rol in rollen}


def rol_keuzes():
    """Role choices grouped by tag, for a select with optgroups."""
    return [
        (Tag(tag).label, [(rol.value, rol.label) for rol in rollen])
        for tag, rollen in ROLLEN_PER_TAG.items()
    ]


class TrajectStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    OPEN = "open", _("Open voor aanmelding")
    LOPEND = "lopend", _("Loopt")
    AFGEROND = "afgerond", _("Afgerond")


class InschrijvingStatus(models.TextChoices):
    GEPLAATST = "geplaatst", _("Geplaatst")
    AANGEBODEN = "aangeboden", _("Plek aangeboden")
    WACHTLIJST = "wachtlijst", _("Wachtlijst")
    AFGEMELD = "afgemeld", _("Afgemeld")


# Statuses that hold a seat: an offered seat is kept free for the person it is offered to.
BEZETTE_STATUSSEN = (InschrijvingStatus.GEPLAATST, InschrijvingStatus.AANGEBODEN)


class GebiedSoort(models.TextChoices):
    STADSDEEL = "stadsdeel", _("Stadsdeel")
    WIJK = "wijk", _("Wijk")


class ImportStatus(models.TextChoices):
    WACHT = "wacht", _("Wacht op zijn beurt")
    BEZIG = "bezig", _("Bezig")
    KLAAR = "klaar", _("Klaar")
    FOUT = "fout", _("Niet gelukt")


class AuditActie(models.TextChoices):
    """The coordinator actions of this app that the audit log records (registered with
    ``samenspel.audit_actions`` when the app is ready). Add a code here when a new action
    appears, then call ``samenspel.audit.log`` where it succeeds."""

    TRAJECT_NIEUW = "traject_nieuw", _("traject aangemaakt")
    TRAJECT_BEWERKT = "traject_bewerkt", _("traject gewijzigd")
    INSCHRIJVING_BEWERKT = "inschrijving_bewerkt", _("gegevens van een deelnemer gewijzigd")
    INSCHRIJVING_STATUS = "inschrijving_status", _("status van een deelnemer veranderd")
    UITNODIGING = "uitnodiging", _("uitnodigingen verstuurd")
    NAMENS_INGESCHREVEN = "namens_ingeschreven", _("iemand ingeschreven door de coördinator")
    IMPORT = "import", _("deelnemers geïmporteerd")
    IMPORT_GESTART = "import_gestart", _("import gestart")
    GEGEVENS_VERWIJDERD = "gegevens_verwijderd", _("persoonsgegevens verwijderd (bewaartermijn)")
    TEAM_TOEGEVOEGD = "team_toegevoegd", _("iemand aan het team toegevoegd")
    TEAM_VERWIJDERD = "team_verwijderd", _("iemand uit het team gehaald")
    ORGANISATIE_GEKOPPELD = "organisatie_gekoppeld", _("organisatie aan het traject gekoppeld")
    ORGANISATIE_ONTKOPPELD = "organisatie_ontkoppeld", _("organisatie losgemaakt van het traject")


class Bericht(models.TextChoices):
    """The kinds of message this app sends (registered in ``messages.py``)."""

    AANBOD = "aanbod", _("Plek aangeboden")
    BEVESTIGING = "inschrijving_bevestiging", _("Bevestiging van een aanmelding")
    AANMELDING = "aanmelding", _("Vraag om een aanmelding te bevestigen")
    UITNODIGING = "uitnodiging", _("Uitnodiging om mee te doen")

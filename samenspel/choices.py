from django.db import models
from django.utils.translation import gettext_lazy as _


class Taal(models.TextChoices):
    NL = "nl", _("Nederlands")
    EN = "en", _("English")


class AuditActie(models.TextChoices):
    """Every coordinator action the audit log records. Add a code here when a new
    coordinator action appears, then call ``samenspel.audit.log`` where it succeeds."""

    TRAJECT_NIEUW = "traject_nieuw", _("traject aangemaakt")
    TRAJECT_BEWERKT = "traject_bewerkt", _("traject gewijzigd")
    BIJEENKOMST_NIEUW = "bijeenkomst_nieuw", _("bijeenkomst aangemaakt")
    BIJEENKOMST_BEWERKT = "bijeenkomst_bewerkt", _("bijeenkomst gewijzigd")
    BIJEENKOMST_GEANNULEERD = "bijeenkomst_geannuleerd", _("bijeenkomst geannuleerd")
    INSCHRIJVING_BEWERKT = "inschrijving_bewerkt", _("gegevens van een deelnemer gewijzigd")
    INSCHRIJVING_STATUS = "inschrijving_status", _("status van een deelnemer veranderd")
    UITNODIGING = "uitnodiging", _("uitnodigingen verstuurd")
    IMPORT = "import", _("deelnemers geïmporteerd")
    IMPORT_GESTART = "import_gestart", _("import gestart")
    AANWEZIG = "aanwezig", _("aanwezigheid gemeld")
    INLOOP = "inloop", _("inloper ingeschreven")
    LIVE_STAP = "live_stap", _("stap op het scherm")
    BIJDRAGE_VERBORGEN = "bijdrage_verborgen", _("inbreng verborgen")
    GROEP_INSTELLINGEN = "groep_instellingen", _("voorbereidingsgroep ingesteld")
    GROEP_VERGRENDELD = "groep_vergrendeld", _("voorbereidingsgroep vergrendeld of geopend")
    GROEP_VOORSTEL = "groep_voorstel", _("voorstel voor de voorbereidingsgroep bekeken")
    GROEP_SAMENGESTELD = "groep_samengesteld", _("voorbereidingsgroep samengesteld")
    TAFELS_INGEDEELD = "tafels_ingedeeld", _("tafels ingedeeld")
    TAFEL_ERBIJ = "tafel_erbij", _("laatkomer aan tafel gezet")
    TAFEL_VERPLAATST = "tafel_verplaatst", _("iemand naar een andere tafel verplaatst")
    TAFEL_VERGRENDELD = "tafel_vergrendeld", _("tafel vergrendeld of geopend")
    CITAAT_VERBORGEN = "citaat_verborgen", _("citaat verborgen of teruggezet")
    WAARDENBORD = "waardenbord", _("waardenbord gewijzigd")
    WAARDE_NIEUW = "waarde_nieuw", _("eigen waarde toegevoegd")
    GEGEVENS_VERWIJDERD = "gegevens_verwijderd", _("persoonsgegevens verwijderd (bewaartermijn)")
    VERSLAG_GEVRAAGD = "verslag_gevraagd", _("verslag aangevraagd")
    VERSLAG_VERHAAL = "verslag_verhaal", _("verhaal van het verslag gewijzigd")
    VERSLAG_GEDEELD = "verslag_gedeeld", _("verslag gedeeld")
    HANDREIKING_VERSIE = "handreiking_versie", _("nieuwe versie van de handreiking gevraagd")
    HANDREIKING_RONDE_OPEN = "handreiking_ronde_open", _("reactieronde geopend")
    HANDREIKING_RONDE_DICHT = "handreiking_ronde_dicht", _("reactieronde gesloten")
    HANDREIKING_AFGEHANDELD = "handreiking_afgehandeld", _("reactie op de handreiking afgehandeld")
    HANDREIKING_DEFINITIEF = "handreiking_definitief", _("handreiking definitief gemaakt")

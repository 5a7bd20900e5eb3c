from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trajecten import services
from trajecten.models import Traject


class Command(BaseCommand):
    help = (
        "Import participants into a traject from a CSV or XLSX file (columns naam, email, "
        "telefoon, organisatie, achtergrond, rol). All or nothing: with any bad row nobody "
        "is added, each bad row is printed and the command exits with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the traject's slug")
        parser.add_argument("bestand", type=Path, help="a .csv or .xlsx file")

    def handle(self, *args, slug, bestand, **options):
        traject = Traject.objects.filter(slug=slug).first()
        if traject is None:
            raise CommandError(_("Er is geen traject '%(slug)s'.") % {"slug": slug})
        try:
            data = bestand.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("Het bestand %(bestand)s kunnen we niet lezen: %(fout)s")
                % {"bestand": bestand, "fout": exc.strerror}
            ) from exc
        imported, errors = services.import_deelnemers(
            traject=traject, data=data, filename=bestand.name
        )
        if errors:
            for row, reason in errors:
                self.stderr.write(_("Rij %(rij)s: %(reden)s") % {"rij": row, "reden": reason})
            raise CommandError(
                ngettext(
                    "Er is niemand toegevoegd: %(aantal)s rij heeft een fout.",
                    "Er is niemand toegevoegd: %(aantal)s rijen hebben een fout.",
                    len(errors),
                )
                % {"aantal": len(errors)}
            )
        self.stdout.write(
            ngettext(
                "%(aantal)s persoon toegevoegd.", "%(aantal)s mensen toegevoegd.", len(imported)
            )
            % {"aantal": len(imported)}
        )

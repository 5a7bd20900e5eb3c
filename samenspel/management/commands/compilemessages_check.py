"""Fail when a translation catalogue (.po) is newer in content than its compiled .mo."""

import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Check that every .po file is compiled and its .mo file is up to date."

    def handle(self, *args, **options):
        stale = []
        for po in Path(settings.BASE_DIR, "locale").rglob("*.po"):
            mo = po.with_suffix(".mo")
            with tempfile.TemporaryDirectory() as tmp:
                fresh = Path(tmp) / "fresh.mo"
                subprocess.run(["msgfmt", "-o", str(fresh), str(po)], check=True)
                if not mo.exists() or mo.read_bytes() != fresh.read_bytes():
                    stale.append(str(po.relative_to(settings.BASE_DIR)))
        if stale:
            raise CommandError(
                "Compiled messages are out of date; run `manage.py compilemessages`: "
                + ", ".join(stale)
            )
        self.stdout.write("Compiled messages are up to date.")

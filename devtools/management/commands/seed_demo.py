from django.core.management.base import BaseCommand

from devtools.demo_data import seed_demo


class Command(BaseCommand):
    help = "Load the demo programme (Samenspel Amsterdam Zuid). Safe to run again."

    def handle(self, *args, **options):
        traject = seed_demo()
        self.stdout.write(
            f"Demo data ready: {traject.naam}, {traject.inschrijvingen.count()} people."
        )

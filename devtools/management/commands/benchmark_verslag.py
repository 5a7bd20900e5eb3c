"""Build the report of a large meeting and compare with WeasyPrint alone.

Creates a throwaway traject in one transaction that is rolled back at the end: a meeting
with ``--aanwezigen`` people checked in (tags 50/30/20), ``--bijdragen`` contributions,
quotes on values, evaluations and the next prep group. Each run deletes the versions and
builds again through ``services.build_report`` (data, hash, HTML, PDF, store), in this
process; the reference renders the same document HTML with WeasyPrint only.
"""

import statistics
import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from bijeenkomsten.choices import Antwoord, BijdrageSoort
from bijeenkomsten.models import Aanwezigheid, Agendapunt, Bijdrage, Bijeenkomst
from devtools.benchmarking import benchmark_traject
from groepen.models import Groepslid, Voorbereidingsgroep
from samenspel.models import User
from samenspel.pdf import html_to_pdf
from trajecten.choices import TAG_VAN_ROL, InschrijvingStatus, Rol, TrajectStatus
from trajecten.models import Deelnemer, Inschrijving
from verslagen import content, document, services
from verslagen.models import Evaluatie, Verslagopdracht, VerslagVersie
from waarden.models import Citaat, Waarde


class Command(BaseCommand):
    help = "Time a report build against WeasyPrint rendering the same HTML."

    def add_arguments(self, parser):
        parser.add_argument("--aanwezigen", type=int, default=60)
        parser.add_argument("--bijdragen", type=int, default=300)
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, aanwezigen, bijdragen, runs, **options):

        with transaction.atomic():
            b = self._create(aanwezigen, bijdragen)
            build_times, weasy_times, parts = [], [], []
            build_cpu, weasy_cpu = [], []
            for _run in range(runs):
                VerslagVersie.objects.filter(verslag__bijeenkomst=b).delete()
                opdracht = services.request_build(bijeenkomst=b, door=None)
                t0, c0 = time.perf_counter(), time.process_time()
                versie = services.build_report(opdracht_id=opdracht.pk)
                build_times.append(time.perf_counter() - t0)
                build_cpu.append(time.process_time() - c0)
                assert versie is not None, Verslagopdracht.objects.get(pk=opdracht.pk).fout

                t0 = time.perf_counter()
                data = content.assemble(b)
                t1 = time.perf_counter()
                fragment = document.render_fragment(data)
                t2 = time.perf_counter()
                html = document.render_document(data=data, fragment=fragment, verhaal_tekst="")
                t3, c3 = time.perf_counter(), time.process_time()
                pdf = html_to_pdf(html, stylesheets=[document.PRINT_CSS])
                t4 = time.perf_counter()
                weasy_cpu.append(time.process_time() - c3)
                weasy_times.append(t4 - t3)
                parts.append((t1 - t0, t2 - t1, len(pdf), len(html)))
            transaction.set_rollback(True)

        build = statistics.median(build_times)
        weasy = statistics.median(weasy_times)
        assemble = statistics.median(p[0] for p in parts)
        fragment = statistics.median(p[1] for p in parts)
        self.stdout.write(
            f"Report of {aanwezigen} attendees and {bijdragen} contributions, "
            f"median of {runs} runs:"
        )
        self.stdout.write(f"  build (data, hash, HTML, PDF, store): {build * 1000:.0f} ms")
        self.stdout.write(
            f"    of which data ({content.__name__}.assemble): {assemble * 1000:.0f} ms"
        )
        self.stdout.write(f"    of which HTML fragment: {fragment * 1000:.0f} ms")
        self.stdout.write(f"  WeasyPrint alone, same HTML: {weasy * 1000:.0f} ms")
        self.stdout.write(f"  HTML {parts[0][3] // 1024} KiB, PDF {parts[0][2] // 1024} KiB")
        self.stdout.write(
            f"  every run, build: {', '.join(f'{t * 1000:.0f}' for t in build_times)} ms"
        )
        self.stdout.write(
            f"  every run, WeasyPrint: {', '.join(f'{t * 1000:.0f}' for t in weasy_times)} ms"
        )
        cpu = statistics.median(build_cpu) / statistics.median(weasy_cpu)
        self.stdout.write(
            f"  CPU time of this process: build {statistics.median(build_cpu) * 1000:.0f} ms, "
            f"WeasyPrint {statistics.median(weasy_cpu) * 1000:.0f} ms (ratio {cpu:.2f})"
        )
        self.stdout.write(f"Ratio build / WeasyPrint: {build / weasy:.2f}")

    def _create(self, aanwezigen: int, bijdragen: int):

        tag, traject = benchmark_traject(
            "verslag", status=TrajectStatus.LOPEND, capaciteit=aanwezigen
        )
        users = User.objects.bulk_create(
            User(email=f"bench-{tag}-{i}@benchmark.invalid", naam=f"Persoon{i} Achternaam")
            for i in range(aanwezigen)
        )
        deelnemers = Deelnemer.objects.bulk_create(Deelnemer(user=u) for u in users)
        rollen = [Rol.BEROEPSKRACHT] * 5 + [Rol.VRIJWILLIGER] * 3 + [Rol.ERVARINGSDESKUNDIGE] * 2
        inschrijvingen = Inschrijving.objects.bulk_create(
            Inschrijving(
                traject=traject,
                deelnemer=d,
                rol=rollen[i % 10],
                tag=TAG_VAN_ROL[rollen[i % 10]],
                status=InschrijvingStatus.GEPLAATST,
            )
            for i, d in enumerate(deelnemers)
        )
        start = (timezone.now() - timedelta(days=2)).replace(microsecond=0)
        b = Bijeenkomst.objects.create(
            traject=traject,
            nummer=1,
            thema="Omdenken",
            plaats="Buurthuis",
            start=start,
            einde=start + timedelta(hours=2),
        )
        for n, titel in enumerate(["Welkom", "Bouwsteen", "Brainstorm", "Fluitend naar huis"]):
            Agendapunt.objects.create(bijeenkomst=b, volgorde=n, titel=titel, duur=30)
        Aanwezigheid.objects.bulk_create(
            Aanwezigheid(bijeenkomst=b, inschrijving=i, antwoord=Antwoord.KOMT, aanwezig=True)
            for i in inschrijvingen
        )
        soorten = BijdrageSoort.values
        Bijdrage.objects.bulk_create(
            Bijdrage(
                bijeenkomst=b,
                soort=soorten[n % len(soorten)],
                tekst=f"Bijdrage {n}: samen zoeken we wat werkt in de wijk en wie kan helpen.",
                door=users[n % len(users)],
                toon_naam=n % 3 == 0,
            )
            for n in range(bijdragen)
        )
        waarden = [
            Waarde.objects.create(traject=traject, naam=f"Waarde {n}", slug=f"waarde-{n}")
            for n in range(6)
        ]
        Citaat.objects.bulk_create(
            Citaat(
                waarde=waarden[n % len(waarden)],
                inschrijving=inschrijvingen[n % len(inschrijvingen)],
                bijeenkomst=b,
                tekst=f"Citaat {n}: hier luisteren we echt naar elkaar.",
                toon_naam=n % 2 == 0,
            )
            for n in range(30)
        )
        Evaluatie.objects.bulk_create(
            Evaluatie(
                bijeenkomst=b,
                inschrijving=i,
                doelmatigheid=1 + n % 5,
                open=1 + (n * 2) % 5,
                eerlijk=1 + (n * 3) % 5,
                inzet=1 + (n * 4) % 5,
                wat_werkte=f"Antwoord {n}" if n % 2 else "",
                kan_beter=f"Beter {n}" if n % 3 else "",
            )
            for n, i in enumerate(inschrijvingen[: aanwezigen * 2 // 3])
        )
        volgende = Bijeenkomst.objects.create(
            traject=traject,
            nummer=2,
            start=start + timedelta(days=14),
            einde=start + timedelta(days=14, hours=2),
        )
        groep = Voorbereidingsgroep.objects.create(bijeenkomst=volgende)
        for i in inschrijvingen[:4]:
            Groepslid.objects.create(groep=groep, inschrijving=i, reden="tag_nodig")
        return b

"""Nothing is lost when the broker is down or a worker dies, on the production process set
(gunicorn, a Celery worker and beat as separate processes, a Redis of their own):

- Redis stopped: "Maak verslag" still answers with a redirect, and the report is built
  once Redis is back and the sweep runs;
- Redis stopped: asking for a sign-in link or a new version of the joint guide says in
  Dutch to try again later (no 500);
- a worker SIGKILLed while building a report: after a new worker starts, the sweep queues
  the request again and it ends "klaar" with exactly one version.
"""

import json
import os
import signal
import time

import processen
import pytest

pytestmark = pytest.mark.processen

# The sweep (every 2 s here) queues again a build that has been open this long.
HERSTART_SECONDEN = 3


@pytest.fixture(scope="module")
def herstel_set(static_collected, sink, redis_server, tmp_path_factory):
    with processen.running_set(
        "samenspel_herstel",
        static=static_collected,
        sink=sink,
        redis_server=redis_server,
        tmp_path_factory=tmp_path_factory,
        extra_env={"OPDRACHT_HERSTART_SECONDEN": str(HERSTART_SECONDEN)},
    ) as procs:
        yield procs


# A past meeting with people, contributions, quotes and evaluations (the report benchmark's
# data), and a coordinator of its traject with a sign-in link.
SEED = """
import json
from sesame.utils import get_query_string
from samenspel.models import User
from devtools.management.commands.benchmark_verslag import Command
b = Command()._create({aanwezigen}, {bijdragen})
c = User.objects.create(email="{email}", naam="Carla Coordinator", is_coordinator=True)
b.traject.coordinatoren.add(c)
print(json.dumps({{"b": b.pk, "slug": b.traject.slug, "sesame": get_query_string(c)}}))
"""


def _seed(procs, email: str, aanwezigen: int, bijdragen: int) -> dict:
    out = procs.manage(
        "shell",
        "-c",
        SEED.format(email=email, aanwezigen=aanwezigen, bijdragen=bijdragen),
    )
    return json.loads(out.strip().splitlines()[-1])


def _logged_in(procs, sesame: str) -> processen.Client:
    client = processen.Client(procs.base_url)
    assert client.get(f"/inloggen/{sesame}").status == 200
    token = sesame.split("=", 1)[1]
    assert client.post("/inloggen/", {"sesame": token}).status == 302
    return client


def _opdrachten(procs, b: int) -> list[tuple]:
    return processen.query(
        procs.database,
        "SELECT o.status, o.versie_id, o.fout FROM verslagen_verslagopdracht o "
        "JOIN verslagen_verslag v ON v.id = o.verslag_id WHERE v.bijeenkomst_id = %s",
        [b],
    )


def _versies(procs, b: int) -> int:
    (count,) = processen.query(
        procs.database,
        "SELECT count(*) FROM verslagen_verslagversie vv "
        "JOIN verslagen_verslag v ON v.id = vv.verslag_id WHERE v.bijeenkomst_id = %s",
        [b],
    )[0]
    return count


def _wait_for(procs, predicate, timeout: float, what: str, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}\n{procs.logs()}")


def test_report_asked_while_redis_is_down_is_built_once_redis_is_back(herstel_set, redis_server):
    seeded = _seed(herstel_set, "carla-storing@voorbeeld.nl", aanwezigen=20, bijdragen=40)
    b = seeded["b"]
    client = _logged_in(herstel_set, seeded["sesame"])
    assert client.get(f"/bijeenkomsten/{b}/verslag/").status == 200
    redis_server.stop()
    try:
        started = time.monotonic()
        response = client.post(f"/bijeenkomsten/{b}/verslag/maak/", {})
        took = time.monotonic() - started
        assert response.status == 302, response.body[:500]
        assert response.headers["Location"] == f"/bijeenkomsten/{b}/verslag/"
        assert took < 10
        # The page after the redirect works too, without its cache.
        page = client.get(f"/bijeenkomsten/{b}/verslag/")
        assert page.status == 200, page.body[:500]
        assert _opdrachten(herstel_set, b) == [("wachtrij", None, "")]
        time.sleep(HERSTART_SECONDEN + 1)  # long enough to be restarted, but no broker
        assert _opdrachten(herstel_set, b) == [("wachtrij", None, "")]
    finally:
        redis_server.start()
    back = time.monotonic()

    _wait_for(
        herstel_set,
        lambda: _opdrachten(herstel_set, b)[0][0] == "klaar",
        60,
        "the build to finish once Redis is back",
    )
    print(f"MEASURED maak with Redis down: {took:.2f} s; Redis back to klaar: "
          f"{time.monotonic() - back:.1f} s")  # fmt: skip
    herstel_set.wait_for_sweeps(2)  # two more sweeps: nothing more happens
    ((status, versie_id, fout),) = _opdrachten(herstel_set, b)
    assert (status, fout) == ("klaar", "")
    assert versie_id is not None
    assert _versies(herstel_set, b) == 1


def test_sign_in_link_while_redis_is_down_says_try_again(herstel_set, redis_server):
    client = processen.Client(herstel_set.base_url)
    assert client.get("/").status == 200
    redis_server.stop()
    try:
        response = client.post("/inloggen/link/", {"email": "iemand@voorbeeld.nl"})
        assert response.status == 503, response.body[:500]
        assert (
            "Het lukt nu even niet om een e-mail te sturen. "
            "Probeer het over een paar minuten opnieuw."
        ) in response.body
    finally:
        redis_server.start()
    response = client.post("/inloggen/link/", {"email": "iemand@voorbeeld.nl"})
    assert response.status == 302
    assert response.headers["Location"] == "/inloggen/verstuurd/"


def _guide_requests(procs, slug: str) -> list[tuple]:
    return processen.query(
        procs.database,
        "SELECT o.status, o.versie_id FROM verslagen_handreikingopdracht o "
        "JOIN verslagen_handreiking h ON h.id = o.handreiking_id "
        "JOIN trajecten_traject t ON t.id = h.traject_id WHERE t.slug = %s",
        [slug],
    )


def test_guide_version_asked_while_redis_is_down_is_compiled_once_redis_is_back(
    herstel_set, redis_server
):
    seeded = _seed(herstel_set, "carla-gids@voorbeeld.nl", aanwezigen=5, bijdragen=5)
    client = _logged_in(herstel_set, seeded["sesame"])
    page = f"/trajecten/{seeded['slug']}/handreiking/"
    assert client.get(page).status == 200
    redis_server.stop()
    try:
        response = client.post(page + "versie/", {})
        assert response.status == 302, response.body[:500]
        shown = client.get(page)
        assert shown.status == 200, shown.body[:500]
        # The request is kept, not refused: it waits for the broker.
        assert "Er wordt een nieuwe versie gemaakt." in shown.body
        assert _guide_requests(herstel_set, seeded["slug"]) == [("wachtrij", None)]
    finally:
        redis_server.start()
    _wait_for(
        herstel_set,
        lambda: _guide_requests(herstel_set, seeded["slug"])[0][0] == "klaar",
        60,
        "the guide to be compiled once Redis is back",
    )
    assert "Versie 1 is klaar." in client.get(page).body


def test_worker_killed_mid_build_report_completes_after_restart_with_one_version(
    herstel_set,
):
    # Large enough that the PDF takes seconds (see BENCHMARKS.md: 60 people and 300
    # contributions take about 2 s).
    seeded = _seed(herstel_set, "carla-kill@voorbeeld.nl", aanwezigen=200, bijdragen=2500)
    b = seeded["b"]
    client = _logged_in(herstel_set, seeded["sesame"])
    assert client.get(f"/bijeenkomsten/{b}/verslag/").status == 200
    assert client.post(f"/bijeenkomsten/{b}/verslag/maak/", {}).status == 302

    # Wait until the worker is past the data and rendering the PDF, then kill it.
    _wait_for(
        herstel_set,
        lambda: processen.query(
            herstel_set.database,
            "SELECT 1 FROM verslagen_verslagopdracht o JOIN verslagen_verslag v "
            "ON v.id = o.verslag_id WHERE v.bijeenkomst_id = %s AND o.status = 'bezig' "
            "AND o.voortgang >= 30",
            [b],
        ),
        60,
        "the build to start",
        interval=0.02,
    )
    worker = herstel_set.procs["worker"]
    os.killpg(worker.pid, signal.SIGKILL)
    killed = time.monotonic()
    worker.wait(10)
    status, versie_id, _fout = _opdrachten(herstel_set, b)[0]
    assert (status, versie_id) == ("bezig", None), "the kill did not land mid-build"
    assert _versies(herstel_set, b) == 0

    # The dead worker's message is not handed back for an hour (the broker's visibility
    # timeout); the sweep queues the request again once a worker runs.
    herstel_set.start_worker()
    _wait_for(
        herstel_set,
        lambda: _opdrachten(herstel_set, b)[0][0] == "klaar",
        90,
        "the build to finish after the restart",
    )
    print(f"MEASURED SIGKILL to klaar (new worker, sweep, full build): "
          f"{time.monotonic() - killed:.1f} s")  # fmt: skip
    herstel_set.wait_for_sweeps(2)  # more sweeps: still one request, one version
    ((status, versie_id, fout),) = _opdrachten(herstel_set, b)
    assert (status, fout) == ("klaar", "")
    assert versie_id is not None
    assert _versies(herstel_set, b) == 1
    herstel_set.assert_running()


# A change to the next meeting and to its prep group, made by the app's own services
# outside any transaction (as a view's commit would hand them on).
CHANGE = """
from django.db.models import F
from bijeenkomsten import services
from groepen import services as groepen_services
from bijeenkomsten.models import Bijeenkomst
from groepen.models import Voorbereidingsgroep
b = Bijeenkomst.objects.get(traject__bijeenkomsten__pk={b}, nummer=2)
Bijeenkomst.objects.filter(pk=b.pk).update(volgnummer=F("volgnummer") + 1)
b.refresh_from_db()
services._notify_change(b)
groepen_services._changed(Voorbereidingsgroep.objects.get(bijeenkomst=b))
from trajecten.models import Traject
from trajecten.services import invite
Traject.objects.filter(pk=b.traject_id).update(status="lopend")
invite(traject=Traject.objects.get(pk=b.traject_id), emails=["buur@voorbeeld.nl"], language="nl")
print("ok")
"""


def test_changes_group_mails_and_invitations_while_redis_is_down_reach_everyone(
    herstel_set, redis_server, sink
):
    seeded = _seed(herstel_set, "carla-wijziging@voorbeeld.nl", aanwezigen=6, bijdragen=5)
    people = {f"{m}" for (m,) in _emails(herstel_set, seeded["b"])}
    sink.clear()
    redis_server.stop()
    try:
        out = herstel_set.manage("shell", "-c", CHANGE.format(b=seeded["b"]))
        assert out.strip().splitlines()[-1] == "ok"

        # The change, the prep group's four members and the invitation are in the outbox,
        # waiting for the broker (nothing is sent from the request).
        rows = processen.query(
            herstel_set.database,
            "SELECT doel, status FROM bijeenkomsten_verzending "
            "WHERE doel IN ('wijziging', 'groep', 'uitnodiging')",
        )
        assert sorted(rows) == sorted(
            [("wijziging", "geclaimd")] * len(people)
            + [("groep", "geclaimd")] * 4
            + [("uitnodiging", "geclaimd")]
        )
    finally:
        redis_server.start()

    def changed():  # (the sweep also asks the people to evaluate the past meeting)
        return [m for m in sink.messages if m["Subject"].startswith("Gewijzigd: bijeenkomst 2")]

    def group():
        return [m for m in sink.messages if "groep" in m["Subject"].lower()]

    def invited():
        return [m for m in sink.messages if m["Subject"].startswith("Uitnodiging")]

    # The worker may first finish the builds the earlier tests of this set left to restart
    # (the large report of the killed worker): on a busy machine that takes minutes.
    _wait_for(herstel_set, lambda: len(changed()) == len(people), 240, "the change e-mails")
    _wait_for(herstel_set, lambda: len(group()) == 4, 120, "the group e-mails")
    _wait_for(herstel_set, lambda: len(invited()) == 1, 120, "the invitation")
    herstel_set.wait_for_sweeps(2)  # sweeps later: still once each
    assert sorted(m["To"] for m in changed()) == sorted(people)
    assert len(group()) == 4
    assert [m["To"] for m in invited()] == ["buur@voorbeeld.nl"]


def _emails(procs, b: int) -> list[tuple]:
    return processen.query(
        procs.database,
        "SELECT u.email FROM samenspel_user u JOIN trajecten_deelnemer d ON d.user_id = u.id "
        "JOIN trajecten_inschrijving i ON i.deelnemer_id = d.id "
        "JOIN bijeenkomsten_bijeenkomst b ON b.traject_id = i.traject_id WHERE b.id = %s",
        [b],
    )

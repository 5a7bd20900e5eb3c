"""PostgreSQL restarted under load, and again while idle: gunicorn recovers by itself
(CONN_HEALTH_CHECKS replaces the dead connections) and only requests in flight during the
restart fail."""

import threading
import time

import processen
import pytest

pytestmark = pytest.mark.processen


@pytest.fixture(scope="module")
def postgres_server():
    server = processen.ThrowawayPostgres().start()
    yield server
    server.close()


@pytest.fixture(scope="module")
def web_on_own_postgres(postgres_server, static_collected, sink, tmp_path_factory):
    database = processen.create_database(postgres_server.config, "samenspel")
    redis = processen.ThrowawayRedis().start()
    procs = processen.ProcessSet(
        database=database,
        redis_url=redis.url(),
        email_url=sink.url,
        workdir=tmp_path_factory.mktemp("pg-restart"),
    )
    try:
        procs.prepare(static_from=static_collected)
        procs.start(worker=False, beat=False)
        yield procs
    finally:
        procs.stop()
        redis.close()


def burst(base_url: str, page: str) -> list:
    """24 clients at once, three requests each: every web thread gets some."""

    def three(_):
        client = processen.Client(base_url, timeout=10)
        try:
            return [client.get(page).status for _ in range(3)]
        except OSError as exc:
            return [type(exc).__name__]
        finally:
            client.close()

    return [
        status for statuses in processen.in_threads(three, range(24), 24) for status in statuses
    ]


def test_web_recovers_after_postgres_restart_without_its_own_restart(
    web_on_own_postgres, postgres_server
):
    procs = web_on_own_postgres
    procs.make_traject("proef-herstart", capaciteit=5)
    page = "/trajecten/proef-herstart/"  # reads the database on every request
    assert processen.Client(procs.base_url).get(page).status == 200

    results = []  # (start, end, status or exception name)
    stop = threading.Event()

    def load():
        client = processen.Client(procs.base_url, timeout=10)
        while not stop.is_set():
            start = time.monotonic()
            try:
                outcome = client.get(page).status
            except OSError as exc:
                outcome = type(exc).__name__
                client.close()
            results.append((start, time.monotonic(), outcome))

    threads = [threading.Thread(target=load) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(2)
    restart_began = time.monotonic()
    postgres_server.restart()
    restart_done = time.monotonic()
    time.sleep(3)
    stop.set()
    for t in threads:
        t.join()

    before = [r for r in results if r[1] < restart_began]
    after = [r for r in results if r[0] > restart_done]
    failed = [r for r in results if r[2] != 200]
    assert len(before) > 20 and {r[2] for r in before} == {200}
    # Every request that started after the restart finished was answered normally, by
    # the same gunicorn processes (which never restarted).
    assert len(after) > 20 and {r[2] for r in after} == {200}
    # What failed was in flight while the server was down, and failed cleanly (a 500 page).
    assert all(r[0] <= restart_done and r[1] >= restart_began for r in failed), failed
    assert {r[2] for r in failed} <= {500}

    # A restart while the web processes are idle: each of their threads still holds a
    # connection from before. Without health checks the first request of each such thread
    # would fail; with them, none does.
    assert burst(procs.base_url, page) == [200] * 72
    postgres_server.restart()
    assert burst(procs.base_url, page) == [200] * 72
    procs.assert_running()
    print(
        f"requests: {len(results)}, failed while restarting ({restart_done - restart_began:.1f} s):"
        f" {len(failed)}"
    )

"""The production process set (gunicorn, a Celery worker, beat) as separate processes, on
a database of its own, a Redis of its own (which tests may stop) and a real SMTP sink."""

import shutil
import tempfile
from pathlib import Path

import harness
import processen
import pytest


@pytest.fixture(scope="session")
def static_collected():
    """One static collection (with the manifest DEBUG off needs) for every process set."""
    target = Path(tempfile.mkdtemp(prefix="samenspel-static-"))
    processen.collect_static(target)
    yield target
    shutil.rmtree(target, ignore_errors=True)


@pytest.fixture(scope="module")
def sink():
    with harness.SmtpSink() as sink:
        yield sink


@pytest.fixture(scope="module")
def redis_server():
    server = processen.ThrowawayRedis().start()
    yield server
    server.close()


@pytest.fixture(scope="module")
def process_set(static_collected, sink, redis_server, tmp_path_factory):
    """gunicorn + one worker + one beat, running for the whole module."""
    with processen.running_set(
        "samenspel_procs",
        static=static_collected,
        sink=sink,
        redis_server=redis_server,
        tmp_path_factory=tmp_path_factory,
    ) as procs:
        yield procs

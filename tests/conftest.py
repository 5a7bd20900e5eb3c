"""Test set-up on real services: PostgreSQL, Redis, a Celery worker and an SMTP sink.

pytest-django has loaded the settings before this file runs, but nothing has connected
yet, so the real services found or started here replace the embedded defaults.
"""

import contextlib
import os

import harness
import pytest
from django.conf import settings
from django.db import connections

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# A fresh entry, not merged into the embedded default: nothing of the SQLite
# configuration (its test name, options) may leak into the PostgreSQL one.
settings.DATABASES["default"] = {
    **harness.ensure_postgres(),
    "CONN_MAX_AGE": 0,
    "CONN_HEALTH_CHECKS": True,
}
# A connection object made before this point (with the embedded default) must go.
connections.close_all()
connections.__dict__.pop("settings", None)
for alias in settings.DATABASES:
    with contextlib.suppress(AttributeError):  # never opened
        del connections[alias]
REDIS_URL = harness.ensure_redis()
settings.REDIS_URL = REDIS_URL
settings.CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "samenspel-test",
    }
}
settings.CELERY_BROKER_URL = REDIS_URL
settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
settings.SILENCED_SYSTEM_CHECKS = ["auth.W004"]

from samenspel.celery import app as celery_app  # noqa: E402

celery_app.conf.update(broker_url=REDIS_URL, broker_transport_options={"visibility_timeout": 3600})


@pytest.fixture(scope="session", autouse=True)
def _never_sqlite(django_db_setup, django_db_blocker):
    """The suite runs on PostgreSQL only; fail loudly if anything else slipped in. At the
    end, connections that threads of earlier tests left open (an in-process worker, a
    live server) are closed, so the test database can be dropped."""
    with django_db_blocker.unblock():
        assert connections["default"].vendor == "postgresql", connections["default"].vendor
    yield
    with django_db_blocker.unblock(), connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    connections.close_all()


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session")
def smtp_sink():
    sink = harness.SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def mailbox(smtp_sink, settings):
    """E-mail goes over SMTP to a real local sink; ``mailbox.wait_for(n)`` reads it."""
    smtp_sink.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = smtp_sink.host
    settings.EMAIL_PORT = smtp_sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    return smtp_sink


@pytest.fixture
def celery_worker():
    """A real Celery worker (in a thread) consuming from the real Redis broker.
    Tests using it need ``django_db(transaction=True)`` so the worker sees their data."""
    from celery.contrib.testing.worker import start_worker

    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(celery_app.conf.task_default_queue)
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield celery_app


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-quic",
        ],
    }

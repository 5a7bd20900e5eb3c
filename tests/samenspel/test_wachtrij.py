"""Queueing with a broker that cannot be reached: a real Celery app pointed at a closed
port on this machine (no broker mocked), so publishing fails the way it does when Redis is
down."""

import logging
import time

import harness
import pytest
from celery import Celery
from django.db import transaction

from samenspel import queueing

pytestmark = pytest.mark.django_db

# Not the current app: the project's shared tasks must keep using the real broker.
dead = Celery("dood", broker=f"redis://127.0.0.1:{harness._free_port()}/0", set_as_current=False)
ran = []


@dead.task(name="dood.noteer")
def noteer(value):
    ran.append(value)


def test_send_reports_an_unreachable_broker_instead_of_raising(caplog):
    # A test worker started earlier in the run sets the root logger to ERROR.
    caplog.set_level(logging.WARNING, logger="samenspel.queueing")
    started = time.monotonic()
    assert queueing.send(noteer, 1) is False
    assert time.monotonic() - started < 10
    assert "broker unavailable; dood.noteer(1,) not queued" in caplog.text


def test_after_commit_does_not_raise_after_the_commit(django_capture_on_commit_callbacks):
    ran.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        queueing.after_commit(noteer, 2)
        assert ran == []
    assert len(callbacks) == 1
    assert ran == []  # dropped with a warning: the sweep finds the saved work later


def test_after_commit_or_inline_runs_the_work_here_without_a_broker(
    django_capture_on_commit_callbacks,
):
    ran.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        queueing.after_commit_or_inline(noteer, 3)
        assert ran == []  # not before the commit
    assert ran == [3]


def test_send_queues_on_a_reachable_broker():
    from account.tasks import send_signin_link
    from samenspel.celery import app as celery_app

    with celery_app.connection_for_write() as conn:
        channel = conn.default_channel
        channel.queue_purge(celery_app.conf.task_default_queue)
        assert queueing.send(send_signin_link, "iemand@voorbeeld.nl", "nl") is True
        assert channel.client.llen(celery_app.conf.task_default_queue) == 1
        channel.queue_purge(celery_app.conf.task_default_queue)

import re

import factories
import outbox
import pytest
from django.core import mail
from django.urls import reverse
from sesame.utils import get_query_string

from account import tasks
from account.choices import Bericht
from account.messages import signin_key
from berichten.models import Verzending
from samenspel.auth import signin_url
from samenspel.celery import app as celery_app

pytestmark = pytest.mark.django_db


def _token(link: str) -> str:
    return re.search(r"sesame=([^&\s]+)", link).group(1)


def _queued() -> int:
    with celery_app.connection_for_write() as conn:
        return conn.default_channel.client.llen(celery_app.conf.task_default_queue)


def test_signin_request_known_and_unknown_answer_the_same(client):
    factories.user(email="bekend@voorbeeld.nl")
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(celery_app.conf.task_default_queue)
    known = client.post(reverse("inloglink"), {"email": "bekend@voorbeeld.nl"})
    assert _queued() == 1
    unknown = client.post(reverse("inloglink"), {"email": "onbekend@voorbeeld.nl"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("inloglink_verstuurd")
    # Both queue a task; only the task knows whether an address exists.
    assert _queued() == 2


def test_signin_task_sends_only_to_known_address():
    ans = factories.user(email="bekend@voorbeeld.nl", naam="Ans Bakker")
    assert tasks.send_signin_link("onbekend@voorbeeld.nl", "nl", signin_key()) == 0
    assert outbox.send_claimed() == 0
    assert Verzending.objects.count() == 0  # the ledger keeps no typed address
    assert tasks.send_signin_link("BEKEND@voorbeeld.nl", "nl", signin_key()) == 1
    # A row of the outbox first, naming the account, never the link.
    row = Verzending.objects.get()
    assert (row.ontvanger, row.doel, row.traject) == (ans, Bericht.INLOGLINK, None)
    assert outbox.send_claimed() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["bekend@voorbeeld.nl"]
    assert "Hallo Ans," in message.body
    assert "/inloggen/?sesame=" in message.body
    assert "/inloggen/?sesame=" in message.alternatives[0][0]
    assert message.extra_headers["Message-ID"].startswith(f"<verzending-{row.pk}@")
    assert "List-Unsubscribe" not in message.extra_headers  # it cannot be switched off
    assert "sesame" not in row.sleutel


def test_signin_task_is_idempotent_and_keeps_rows_a_week():
    from datetime import timedelta

    from django.utils import timezone

    from account.services import remove_old_signin_rows

    factories.user(email="bekend@voorbeeld.nl")
    key = signin_key()
    assert tasks.send_signin_link("bekend@voorbeeld.nl", "nl", key) == 1
    assert tasks.send_signin_link("bekend@voorbeeld.nl", "nl", key) == 0  # a retried task
    assert outbox.send_claimed() == 1
    assert outbox.send_claimed() == 0
    assert remove_old_signin_rows(timezone.now()) == 0
    assert remove_old_signin_rows(timezone.now() + timedelta(days=8)) == 1


def test_signin_link_asked_long_ago_is_not_sent():
    from datetime import timedelta

    from django.utils import timezone

    factories.user(email="bekend@voorbeeld.nl")
    old = signin_key(timezone.now() - timedelta(hours=2))
    assert tasks.send_signin_link("bekend@voorbeeld.nl", "nl", old) == 1
    assert outbox.send_claimed() == 0
    assert mail.outbox == []
    assert Verzending.objects.get().status == "overgeslagen"


def test_signin_mail_in_users_language():
    factories.user(email="en@voorbeeld.nl", naam="Jane Doe", taal="en")
    tasks.send_signin_link("en@voorbeeld.nl", "nl", signin_key())
    outbox.send_claimed()
    assert mail.outbox[0].subject == "Your sign-in link for Samenspel"
    assert mail.outbox[0].extra_headers["Content-Language"] == "en"


def test_signin_link_get_shows_button_and_does_not_spend_token(client):
    u = factories.user()
    link = signin_url(u)
    path = link.removeprefix("http://127.0.0.1:8000")
    assert client.get(path).status_code == 200
    assert client.get(path).status_code == 200  # a mail scanner opening it twice
    response = client.post(reverse("inloggen"), {"sesame": _token(link)})
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == u


def test_signin_link_works_once(client):
    u = factories.user()
    token = _token(get_query_string(u))
    assert client.post(reverse("inloggen"), {"sesame": token}).status_code == 302
    client.logout()
    again = client.post(reverse("inloggen"), {"sesame": token})
    assert again.status_code == 400
    assert "werkt niet meer" in again.content.decode()


def test_signin_link_expires(client, settings):
    u = factories.user()
    token = _token(get_query_string(u))
    settings.SESAME_MAX_AGE = -1
    response = client.post(reverse("inloggen"), {"sesame": token})
    assert response.status_code == 400
    assert not response.wsgi_request.user.is_authenticated


def test_signin_link_garbage_is_friendly(client):
    response = client.get(reverse("inloggen") + "?sesame=rommel")
    assert response.status_code == 400
    assert "werkt niet meer" in response.content.decode()


def test_signin_over_address_limit_answers_the_same_and_sends_nothing(client):
    """Someone asking for links to another person's address from many IPs cannot lock
    them out or learn anything: the answer stays the usual one, only the sending stops."""
    factories.user(email="a@voorbeeld.nl")
    with celery_app.connection_for_write() as conn:
        conn.default_channel.queue_purge(celery_app.conf.task_default_queue)
    answers = []
    for n in range(7):
        response = client.post(
            reverse("inloglink"), {"email": "A@voorbeeld.nl"}, REMOTE_ADDR=f"10.0.0.{n}"
        )
        answers.append((response.status_code, response["Location"]))
    assert answers == [(302, reverse("inloglink_verstuurd"))] * 7
    assert _queued() == 5
    page = client.get(reverse("inloglink_verstuurd"))
    assert page.status_code == 200


def test_signin_rate_limited_per_ip(client):
    for n in range(5):
        client.post(reverse("inloglink"), {"email": f"p{n}@voorbeeld.nl"})
    response = client.post(reverse("inloglink"), {"email": "nieuw@voorbeeld.nl"})
    assert response.status_code == 429


def test_signin_invalid_address_shows_message(client):
    response = client.post(reverse("inloglink"), {"email": "geen-adres"})
    assert response.status_code == 400
    assert "Controleer je e-mailadres." in response.content.decode()


def test_signout(client):
    client.force_login(factories.user())
    response = client.post(reverse("uitloggen"))
    assert response.status_code == 302
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_signout_needs_post(client):
    assert client.get(reverse("uitloggen")).status_code == 405


def test_language_switch_remembered_on_account(client):
    u = factories.user()
    client.force_login(u)
    client.post(reverse("taal"), {"language": "en", "next": "/"})
    u.refresh_from_db()
    assert u.taal == "en"
    assert "Hello" in client.get("/").content.decode()


def test_admin_accepts_password_for_staff(client):
    factories.user(email="beheer@voorbeeld.nl", password="een-lang-wachtwoord-42", is_staff=True)
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "beheer@voorbeeld.nl", "password": "een-lang-wachtwoord-42"},
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_signin_page_query_count_fixed(client, django_assert_num_queries):
    # The open trajecten (none here, so no seats to count: see tests/trajecten/test_voordeur.py)
    with django_assert_num_queries(1):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("trajecten", [1, 3])
def test_home_query_count_fixed(client, django_assert_num_queries, trajecten):
    u = factories.user(is_coordinator=True)
    for _ in range(trajecten):
        t = factories.traject(coordinatoren=[u])
        factories.inschrijving(t, user=u)
    client.force_login(u)
    # session, user, next meetings, calendar token, own enrolments, coordinated trajecten;
    # the to-do (tests/account/test_home_todo.py): 4 as a participant (replies,
    # evaluations, reports, guide rounds), 6 as a coordinator (reports, comments, prep
    # groups, offers, meetings without place or agenda, next meetings; no meeting here, so
    # no replies to count)
    with django_assert_num_queries(16):
        response = client.get("/")
    assert response.status_code == 200
    assert len(response.context["inschrijvingen"]) == trajecten


def test_admin_password_login_locked_per_account_after_failures(client, settings):
    factories.user(email="beheer@voorbeeld.nl", password="een-lang-wachtwoord-42", is_staff=True)
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(
            "/admin/login/?next=/admin/",
            {
                "username": "Beheer@voorbeeld.nl" if n % 2 else "beheer@voorbeeld.nl",
                "password": "fout",
            },
            REMOTE_ADDR=f"10.0.1.{n}",
        )
        assert response.status_code == 200  # the admin's own "wrong password" form
    locked = client.post(
        "/admin/login/?next=/admin/",
        {"username": "beheer@voorbeeld.nl", "password": "fout"},
        REMOTE_ADDR="10.0.1.99",
    )
    assert locked.status_code == 429
    assert "Er is te vaak een verkeerd wachtwoord ingevuld." in locked.content.decode()
    # Even the right password from yet another IP is refused while the account is locked.
    right = client.post(
        "/admin/login/?next=/admin/",
        {"username": "beheer@voorbeeld.nl", "password": "een-lang-wachtwoord-42"},
        REMOTE_ADDR="10.0.1.100",
    )
    assert right.status_code == 429
    assert client.get("/admin/").status_code == 302


def test_admin_password_login_locked_per_ip_after_failures(client, settings):
    factories.user(email="beheer@voorbeeld.nl", password="een-lang-wachtwoord-42", is_staff=True)
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/admin/login/?next=/admin/",
            {"username": f"gok{n}@voorbeeld.nl", "password": "fout"},
            REMOTE_ADDR="10.0.2.1",
        )
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "beheer@voorbeeld.nl", "password": "een-lang-wachtwoord-42"},
        REMOTE_ADDR="10.0.2.1",
    )
    assert response.status_code == 429
    other_ip = client.post(
        "/admin/login/?next=/admin/",
        {"username": "beheer@voorbeeld.nl", "password": "een-lang-wachtwoord-42"},
        REMOTE_ADDR="10.0.2.2",
    )
    assert other_ip.status_code == 302


def test_failed_signin_links_do_not_count_against_the_password_login(client, settings):
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        assert client.post(reverse("inloggen"), {"sesame": "rommel"}).status_code == 400
    assert AccessAttempt.objects.count() == 0
    u = factories.user()
    token = _token(get_query_string(u))
    assert client.post(reverse("inloggen"), {"sesame": token}).status_code == 302

"""gunicorn, a Celery worker and beat as separate processes with production settings:
sign-up over HTTP to a confirmation e-mail at a real SMTP server, a sign-up storm, and a
Redis outage during sign-up."""

import time

import processen
import pytest
from harness import body

pytestmark = pytest.mark.processen


def _to(sink, address: str) -> list:
    return [m for m in sink.messages if m["To"] == address]


def test_signup_over_http_sends_confirmation_email(process_set, sink):
    process_set.make_traject("proef-aanmelden", capaciteit=5)
    sink.clear()
    client = processen.Client(process_set.base_url)
    assert client.get("/trajecten/proef-aanmelden/aanmelden/").status == 200
    response = client.post(
        "/trajecten/proef-aanmelden/aanmelden/", processen.signup_form("nina@voorbeeld.nl")
    )
    assert response.status == 302
    assert response.headers["Location"] == "/trajecten/proef-aanmelden/aanmelden/klaar/"
    page = client.get("/trajecten/proef-aanmelden/aanmelden/klaar/")
    assert page.status == 200
    assert "Kijk in je e-mail" in page.body

    # The e-mail asks to confirm; its link and button take the place.
    confirmed = processen.confirm_signup(client, sink, "nina@voorbeeld.nl", "proef-aanmelden")
    assert confirmed.status == 200
    assert "Je hebt een plek bij proef-aanmelden." in confirmed.body

    message = sink.wait_for_message("nina@voorbeeld.nl", "Je aanmelding voor proef-aanmelden")
    assert f"{process_set.base_url}/inloggen/?sesame=" in body(message)
    process_set.wait_for_sweeps(2)  # sweeps later: still two
    assert len(sink.messages) == 2


def test_signup_storm_fills_exactly_the_seats(process_set, sink):
    process_set.make_traject("proef-storm", capaciteit=20)
    sink.clear()
    clients = [processen.Client(process_set.base_url) for _ in range(200)]
    for client in clients:
        assert client.get("/trajecten/proef-storm/aanmelden/").status == 200

    def sign_up_and_confirm(n):
        """Sign up, then (as soon as the e-mail is there) follow its link and button: the
        sign-ups and the confirmations of the 200 overlap."""
        response = clients[n].post(
            "/trajecten/proef-storm/aanmelden/",
            processen.signup_form(f"storm{n}@voorbeeld.nl", naam=f"Storm {n}"),
        )
        confirmed = processen.confirm_signup(
            clients[n], sink, f"storm{n}@voorbeeld.nl", "proef-storm", timeout=120
        )
        clients[n].close()
        return response.status, confirmed.status

    statuses = processen.in_threads(sign_up_and_confirm, list(range(200)), threads=200)
    assert statuses == [(302, 200)] * 200

    rows = processen.query(
        process_set.database,
        "SELECT i.status, i.wachtlijst_positie FROM trajecten_inschrijving i "
        "JOIN trajecten_traject t ON t.id = i.traject_id WHERE t.slug = %s",
        ["proef-storm"],
    )
    assert sum(1 for status, _ in rows if status == "geplaatst") == 20
    positions = sorted(pos for status, pos in rows if status == "wachtlijst")
    assert positions == list(range(1, 181))

    # Every one of them got the request to confirm and then their confirmation, once each.
    sink.wait_for(400, timeout=90)
    process_set.wait_for_sweeps(2)  # sweeps later: no more
    recipients = sorted(m["To"] for m in sink.messages)
    assert recipients == sorted(f"storm{n}@voorbeeld.nl" for n in range(200) for _ in "12")


def test_signup_while_redis_is_down_is_saved_and_mailed_once_redis_is_back(
    process_set, sink, redis_server
):
    process_set.make_traject("proef-storing", capaciteit=5)
    sink.clear()
    client = processen.Client(process_set.base_url)
    assert client.get("/trajecten/proef-storing/aanmelden/").status == 200
    redis_server.stop()
    try:
        started = time.monotonic()
        response = client.post(
            "/trajecten/proef-storing/aanmelden/", processen.signup_form("rik@voorbeeld.nl")
        )
        took = time.monotonic() - started
        assert response.status == 302, response.body[:500]
        assert client.get("/trajecten/proef-storing/aanmelden/klaar/").status == 200
        assert took < 10
        ledger = processen.query(
            process_set.database,
            "SELECT v.status FROM bijeenkomsten_verzending v "
            "JOIN trajecten_aanmeldverzoek a ON a.id = v.aanmeldverzoek_id WHERE a.email = %s",
            ["rik@voorbeeld.nl"],
        )
        assert ledger == [("geclaimd",)]
        time.sleep(3)
        assert _to(sink, "rik@voorbeeld.nl") == []
    finally:
        redis_server.start()

    deadline = time.monotonic() + 60
    while not _to(sink, "rik@voorbeeld.nl") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(_to(sink, "rik@voorbeeld.nl")) == 1
    process_set.wait_for_sweeps(2)  # two more sweeps: still once
    assert len(_to(sink, "rik@voorbeeld.nl")) == 1
    ledger = processen.query(
        process_set.database,
        "SELECT v.status FROM bijeenkomsten_verzending v "
        "JOIN trajecten_aanmeldverzoek a ON a.id = v.aanmeldverzoek_id WHERE a.email = %s",
        ["rik@voorbeeld.nl"],
    )
    assert ledger == [("verzonden",)]
    # And the broker is used again for the next sign-up, without any restart.
    sink.clear()
    assert client.get("/trajecten/proef-storing/aanmelden/").status == 200
    response = client.post(
        "/trajecten/proef-storing/aanmelden/", processen.signup_form("sam@voorbeeld.nl")
    )
    assert response.status == 302
    assert [m["To"] for m in sink.wait_for(1, timeout=30)] == ["sam@voorbeeld.nl"]
    process_set.assert_running()

"""The test harness itself: real Redis, PostgreSQL and SMTP, no Django database."""

import smtplib
from email.message import EmailMessage

import psycopg
import redis

try:  # the project dir is on sys.path (pytest-django puts it there, or tests/ is a package)
    from tests.harness import SmtpSink, body, ensure_postgres, ensure_redis, postgres_url
except ModuleNotFoundError:  # only tests/ is on sys.path (pytest's rootdir-less import)
    from harness import SmtpSink, body, ensure_postgres, ensure_redis, postgres_url


def test_ensure_redis_answers_ping():
    url = ensure_redis()
    assert url.startswith("redis://")
    client = redis.Redis.from_url(url)
    try:
        assert client.ping() is True
        client.set("harness-check", "ja", ex=10)
        assert client.get("harness-check") == b"ja"
    finally:
        client.delete("harness-check")
        client.close()
    assert ensure_redis() == url  # started once per process


def test_smtp_sink_receives_a_message():
    msg = EmailMessage()
    msg["From"] = "Samenspel <noreply@samenspel.localhost>"
    msg["To"] = "burger@example.org"
    msg["Subject"] = "Uitnodiging bijeenkomst"
    msg.set_content("Hallo, je bent welkom op donderdag. Groet, één team.\n")

    with SmtpSink() as sink:
        assert sink.host == "127.0.0.1" and sink.port
        with smtplib.SMTP(sink.host, sink.port, timeout=10) as client:
            client.send_message(msg, to_addrs=["burger@example.org", "bcc@example.org"])

        (received,) = sink.wait_for(1, timeout=10)
        assert received["Subject"] == "Uitnodiging bijeenkomst"
        assert received["To"] == "burger@example.org"
        assert "één team" in body(received)
        assert sink.envelopes[0][1] == ["burger@example.org", "bcc@example.org"]

        sink.clear()
        assert sink.messages == []


def test_ensure_postgres_connects():
    db = ensure_postgres()
    assert db["ENGINE"] == "django.db.backends.postgresql"
    params = {
        "dbname": db["NAME"],
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
        **db.get("OPTIONS", {}),
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
        # pytest-django needs to create the test database.
        assert conn.execute(
            "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone() == (True,)
    assert ensure_postgres() == db  # started once per process


def test_postgres_url_round_trips():
    import environ

    for db in (
        {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "postgres",
            "USER": "postgres",
            "PASSWORD": "",
            "HOST": "/tmp/samenspel-pg-x/pgdata",
            "PORT": "",
        },
        {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "app",
            "USER": "app",
            "PASSWORD": "p@ss/word",
            "HOST": "127.0.0.1",
            "PORT": 5432,
        },
    ):
        parsed = environ.Env.db_url_config(postgres_url(db))
        host = parsed["HOST"] or parsed.get("OPTIONS", {}).get("host")
        assert (parsed["NAME"], parsed["USER"], parsed["PASSWORD"], host) == (
            db["NAME"],
            db["USER"],
            db["PASSWORD"],
            db["HOST"],
        )

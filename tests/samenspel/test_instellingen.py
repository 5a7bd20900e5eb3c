"""The test suite does not depend on the shell it runs in: variables a developer's machine
or a server often sets (SITE_URL, DEBUG, EMAIL_URL, DJANGO_SETTINGS_MODULE, …) change
nothing about what the tests see."""

import json
import os
import subprocess
import sys
from pathlib import Path

import harness

BASE_DIR = Path(__file__).resolve().parents[2]

# What a developer's shell or a server typically holds.
SHELL = {
    "SITE_URL": "https://voorbeeld.nl",
    "DEBUG": "false",
    "SECRET_KEY": "geheim-van-de-server",
    "ALLOWED_HOSTS": "voorbeeld.nl",
    "EMAIL_URL": "smtp://127.0.0.1:1",
    "SECURE_SSL_REDIRECT": "true",
    "DEFAULT_FROM_EMAIL": "Gemeente <noreply@voorbeeld.nl>",
    "SIGNIN_RATE": "1/h",
    "DJANGO_SETTINGS_MODULE": "samenspel.settings",
}
READ = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({k: str(getattr(settings, k)) for k in "
    "['SITE_URL', 'DEBUG', 'EMAIL_BACKEND', 'EMAIL_HOST', 'SECURE_SSL_REDIRECT', "
    "'SESSION_COOKIE_SECURE', 'DEFAULT_FROM_EMAIL', 'SIGNIN_RATE', 'SECRET_KEY']}))"
)


def _clean_env() -> dict[str, str]:
    from samenspel.settings_test import PINNED

    return {k: v for k, v in os.environ.items() if k not in {*PINNED, *SHELL}}


def _effective(env: dict[str, str], module: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", READ],
        cwd=BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": module},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(out.stdout)


def test_test_settings_equal_the_defaults_whatever_the_shell_holds():
    clean = _effective(_clean_env(), "samenspel.settings")
    assert clean["SITE_URL"] == "http://127.0.0.1:8000"
    assert _effective({**_clean_env(), **SHELL}, "samenspel.settings_test") == clean


def test_every_variable_the_settings_read_is_pinned_except_the_services():
    from samenspel.settings_test import PINNED

    assert {"SITE_URL", "DEBUG", "EMAIL_URL", "SECRET_KEY", "VAR_DIR"} <= set(PINNED)
    assert "DATABASE_URL" not in PINNED
    assert "REDIS_URL" not in PINNED


def test_suite_passes_with_a_developers_shell(tmp_path):
    """A real sub-run of tests that build links and send e-mail, with the shell's variables
    set. It runs on its own database so it does not touch this run's test database."""
    database = {**harness.ensure_postgres()}
    database["NAME"] = f"{database['NAME']}_shell"
    env = {
        **os.environ,
        **SHELL,
        "DATABASE_URL": harness.postgres_url(database),
        "REDIS_URL": harness.ensure_redis(),
    }
    env = {k: v for k, v in env.items() if not k.startswith("PYTEST_")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "--create-db",
            "tests/bijeenkomsten/test_herinneringen_sweep.py::test_one_click_unsubscribe",
            "tests/bijeenkomsten/test_herinneringen_sweep.py"
            "::test_offer_accepted_by_link_without_signing_in",
            "tests/samenspel/test_signin.py",
        ],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    tail = (result.stdout + result.stderr)[-3000:]
    assert result.returncode == 0, tail

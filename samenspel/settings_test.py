"""Settings for the test suite: the project's settings, read from an environment in which
every variable they read has been removed except the services (the database and Redis).

A developer's machine or a server often has SITE_URL, DEBUG or EMAIL_URL set; the tests
rely on the embedded defaults (links to http://127.0.0.1:8000, no TLS redirect, e-mail
not sent anywhere), so ``uv run pytest`` must give the same result whatever the shell
holds. The variables are removed from ``os.environ`` itself before the settings read it,
so the processes the tests start (workers, gunicorn) inherit the same clean environment
and set what they need explicitly.
"""

import os
import re
from pathlib import Path

# Found or started by tests/harness.py; everything else takes its embedded default.
SERVICES = {"DATABASE_URL", "REDIS_URL"}


def variables_read() -> set[str]:
    """Every variable settings.py reads, taken from its source so a new one is pinned too."""
    source = (Path(__file__).with_name("settings.py")).read_text()
    return set(re.findall(r"""env(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']""", source))


PINNED = sorted(variables_read() - SERVICES)
for _name in PINNED:
    os.environ.pop(_name, None)

from samenspel.settings import *  # noqa: E402, F403

# Processes the tests start read the project's settings from the (now clean) environment
# plus what each test sets for them; these test settings would strip what they set.
os.environ["DJANGO_SETTINGS_MODULE"] = "samenspel.settings"

# WhiteNoise warns each time a test client sets up the middleware while STATIC_ROOT does not
# exist; the tests do not serve collected files, so an empty folder (ignored by git) will do.
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # noqa: F405

"""Text messages, the outbox's second channel, through a backend chosen by ``SMS_URL`` the
way ``EMAIL_URL`` chooses the mail server:

- ``console://`` (the default) prints each message, for the demo and development;
- ``cm://<product token>@gw.cmtelecom.com`` sends through CM.com's business messaging API
  (a Dutch gateway; JSON over HTTPS). ``cm+http://`` speaks plain HTTP, for a local
  stand-in of that API in the tests.

Each message carries the ledger row's reference, so the gateway's reports and a support
question can be traced to one row. The standard library's HTTP client is enough for one
POST per message; no SDK is needed.
"""

import json
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class SmsError(Exception):
    """The gateway refused this message (a bad number, a blocked recipient): do not retry."""


class TransientSmsError(Exception):
    """The gateway could not be reached or was busy: try again later."""


@dataclass(frozen=True)
class ConsoleBackend:
    stream: object = None

    def send(self, *, to: str, text: str, reference: str) -> None:
        out = self.stream or sys.stdout
        out.write(f"--- sms naar {to} ({reference}) ---\n{text}\n---\n")
        out.flush()


@dataclass(frozen=True)
class CmBackend:
    """CM.com's JSON API (``POST /v1.0/message``): one message per request, the product
    token in the body, the sender name (at most 11 letters) from ``SMS_AFZENDER``."""

    url: str
    token: str
    sender: str
    timeout: float = 10

    def payload(self, *, to: str, text: str, reference: str) -> bytes:
        return json.dumps(
            {
                "messages": {
                    "authentication": {"producttoken": self.token},
                    "msg": [
                        {
                            "allowedChannels": ["SMS"],
                            "from": self.sender,
                            "to": [{"number": "00" + to.removeprefix("+")}],
                            "body": {"type": "auto", "content": text},
                            "reference": reference,
                        }
                    ],
                }
            }
        ).encode()

    def send(self, *, to: str, text: str, reference: str) -> None:
        request = urllib.request.Request(
            self.url,
            data=self.payload(to=to, text=text, reference=reference),
            headers={"Content-Type": "application/json; charset=utf-8"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (the configured gateway)
                answer = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            if exc.code >= 500 or exc.code == 429:
                raise TransientSmsError(f"{exc.code} {exc.reason}") from exc
            raise SmsError(f"{exc.code} {_details(exc)}") from exc
        except (OSError, ValueError) as exc:  # refused, timed out, not JSON
            raise TransientSmsError(str(exc)) from exc
        if answer.get("errorCode", 0) != 0:
            raise SmsError(str(answer.get("details", answer))[:500])


def _details(exc: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(exc.read() or b"{}").get("details", exc.reason))[:500]
    except ValueError:
        return str(exc.reason)


def backend_from_url(url: str, sender: str):
    parts = urlsplit(url)
    if parts.scheme == "console":
        return ConsoleBackend()
    if parts.scheme in ("cm", "cm+http"):
        if not parts.username:
            raise ImproperlyConfigured("SMS_URL: cm:// needs the product token before the @")
        scheme = "http" if parts.scheme == "cm+http" else "https"
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        timeout = float(parse_qs(parts.query).get("timeout", ["10"])[0])
        return CmBackend(
            url=f"{scheme}://{host}{parts.path or '/v1.0/message'}",
            token=unquote(parts.username),
            sender=sender,
            timeout=timeout,
        )
    raise ImproperlyConfigured(f"SMS_URL: unknown scheme {parts.scheme!r}")


def get_backend():
    return backend_from_url(settings.SMS_URL, settings.SMS_AFZENDER)

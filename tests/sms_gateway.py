"""A local stand-in for CM.com's messaging API (``POST /v1.0/message``, JSON), a real HTTP
server on 127.0.0.1 that keeps what it accepts, so the SMS backend is tested over the wire.

It answers as CM does: ``{"errorCode": 0, "messages": [...]}`` on success; HTTP 400 with an
error code for a wrong product token or a refused number; ``busy`` makes it answer 503.
``delay`` makes each request take that long, so a worker can be killed mid-batch.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "00000000-0000-4000-8000-000000000000"


@dataclass(frozen=True)
class Tekst:
    to: str  # E.164, as stored by the app
    text: str
    reference: str
    sender: str


class FakeCm:
    def __init__(self, *, delay: float = 0.0):
        self.delay = delay
        self.busy = False
        self.refused: set[str] = set()  # numbers (E.164) the gateway refuses
        self._cond = threading.Condition()
        self._messages: list[Tekst] = []
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        """An SMS_URL for the app."""
        host, port = self._server.server_address[:2]
        return f"cm+http://{TOKEN}@{host}:{port}/v1.0/message"

    @property
    def messages(self) -> list[Tekst]:
        with self._cond:
            return list(self._messages)

    def clear(self) -> None:
        with self._cond:
            self._messages.clear()

    def wait_for(self, n: int, timeout: float = 30) -> list[Tekst]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self._messages) < n:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"timed out after {timeout} s: {len(self._messages)} of {n} texts"
                    )
                self._cond.wait(left)
            return list(self._messages)

    def start(self) -> FakeCm:
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if gateway.delay:
                    time.sleep(gateway.delay)
                if gateway.busy:
                    return self._answer(503, {"details": "busy", "errorCode": 999})
                try:
                    data = json.loads(body)["messages"]
                    token = data["authentication"]["producttoken"]
                    msgs = data["msg"]
                except (ValueError, KeyError, TypeError):
                    return self._answer(400, {"details": "bad request", "errorCode": 999})
                if token != TOKEN:
                    return self._answer(400, {"details": "no account", "errorCode": 101})
                accepted = []
                for msg in msgs:
                    for to in msg["to"]:
                        number = "+" + to["number"].removeprefix("00")
                        if number in gateway.refused:
                            return self._answer(
                                400,
                                {"details": f"{to['number']} is not valid", "errorCode": 201},
                            )
                        accepted.append(
                            Tekst(number, msg["body"]["content"], msg["reference"], msg["from"])
                        )
                with gateway._cond:
                    gateway._messages.extend(accepted)
                    gateway._cond.notify_all()
                return self._answer(
                    200,
                    {
                        "details": f"Created {len(accepted)} message(s)",
                        "errorCode": 0,
                        "messages": [
                            {"to": t.to, "status": "Accepted", "reference": t.reference}
                            for t in accepted
                        ],
                    },
                )

            def _answer(self, status: int, payload: dict):
                out = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

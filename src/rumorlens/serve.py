"""``rumorlens serve``: the HTML view of a report on 127.0.0.1, where a
reviewer marks findings as confirmed or false alarms, written at once to the
decisions file (rumorlens.triage) that the next ``rumorlens align`` applies.

Why a local server and not a static page that downloads the file: a
download lands in the browser's download folder under a name the browser
chooses, and the reviewer must then move it beside the corpus by hand
before every re-run; a server on the reviewer's own machine writes the file
where ``align`` reads it, one decision at a time, and nothing is lost when
the tab closes.

The server is the standard library's (``http.server.ThreadingHTTPServer``):

- it listens on 127.0.0.1 only, and answers only requests from a loopback
  address whose ``Host`` header names 127.0.0.1 or localhost (a page of
  another site that rebinds its DNS name to 127.0.0.1 sends its own host
  name, and is refused);
- ``GET /`` is the report's page (rumorlens.html.render_html with the
  review block: a token and the decisions now in the file);
- ``POST /decisions`` takes ``{"fingerprint", "status", "note"}`` (status
  ``confirmed``, ``false_alarm``, or null to clear), with the page's token
  in the ``X-Rumorlens-Token`` header; a missing or wrong token is 403, a
  fingerprint that is not one of the report's findings is 400.
"""
from __future__ import annotations

import hmac
import json
import secrets
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional
from urllib.parse import urlunsplit

from .triage import DECISIONS_SUFFIX, read_decisions, record_decision

TOKEN_HEADER = "X-Rumorlens-Token"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")
MAX_BODY = 64 * 1024  # a decision is a fingerprint, a status and a note: far below this


def decisions_file_of(report: dict, report_json: Path) -> Optional[Path]:
    """The decisions file a report was made with, or None when the report
    names none (``triage.decisions`` is null).

    The report records the file's name only, so that its bytes do not
    depend on where it is written; the file is looked for, in this order:
    beside the report, then in the report folder's parent (where
    ``CORPUS.decisions.jsonl`` lies for the default ``build/report.json``).
    When it does not exist yet, it goes beside the corpus folder it is named
    after (``corpus.decisions.jsonl`` -> beside ``corpus/``) if that folder
    is found in either place.  Otherwise None: the caller asks for
    ``--decisions``."""
    label = (report.get("triage") or {}).get("decisions")
    if not isinstance(label, str) or not label:
        return None
    folder = Path(report_json).resolve().parent
    places = (folder, folder.parent)
    if "/" in label:  # a report of an earlier version: the path relative to the report's folder
        old = (folder / label).resolve()
        if old.exists():
            return old
        label = Path(label).name
    for place in places:
        if (place / label).is_file():
            return place / label
    if label.endswith(DECISIONS_SUFFIX):
        corpus = label[: -len(DECISIONS_SUFFIX)]
        for place in places:
            if corpus and (place / corpus).is_dir():
                return place / label
    return None


def _fingerprints(report: dict) -> dict[str, dict]:
    """Each fingerprint of the report's findings (kept and suppressed), with
    what is copied into the decisions file for a person reading it."""
    out = {}
    for f in list(report.get("discrepancies") or []) + list(report.get("suppressed") or []):
        fp = f.get("fingerprint") if isinstance(f, dict) else None
        if isinstance(fp, str) and fp and fp not in out:
            out[fp] = {k: f.get(k) for k in ("category", "type", "explanation") if isinstance(f.get(k), str)}
    return out


class ReviewServer(ThreadingHTTPServer):
    """The server (see the module docstring); ``url`` is the page's address."""

    daemon_threads = True

    def __init__(self, report: dict, decisions_path: Path, port: int):
        super().__init__(("127.0.0.1", port), _Handler)
        self.report, self.decisions_path = report, Path(decisions_path)
        self.token = secrets.token_urlsafe(24)
        self.known = _fingerprints(report)
        self.lock = threading.Lock()  # one decision written at a time

    def server_close(self) -> None:
        """Stop listening, and let the decision being written finish while
        no other starts: the process ends next, and its handler threads
        (daemons) with it, mid-write otherwise (a hidden temporary file
        left beside the decisions file: a fresh user's SIGTERM, session
        50)."""
        self._closing = True
        super().server_close()
        if not getattr(self, "_writes_stopped", False):  # twice is once
            # bounded: a write stuck for good must not keep the process
            self._writes_stopped = self.lock.acquire(timeout=30)

    def handle_error(self, request, client_address) -> None:
        """A request that failed: one line, not the standard server's
        traceback; nothing when the browser went away before the answer
        (the process stopping under a request: 'BrokenPipeError' tracebacks
        after SIGTERM, a fresh user's break test, session 51), nor once
        the server closes."""
        exc = sys.exc_info()[1]
        if getattr(self, "_closing", False) or isinstance(exc, (BrokenPipeError, ConnectionResetError,
                                                                 ConnectionAbortedError)):
            return  # a request cut off by the stop: its socket closed ('Bad file descriptor')
        sys.stderr.write(f"rumorlens: serve: a request from {client_address[0]} failed: "
                         f"{type(exc).__name__}: {exc}\n")

    @property
    def url(self) -> str:
        return urlunsplit(("http", f"127.0.0.1:{self.server_address[1]}", "/", "", ""))

    def page(self) -> str:
        from .html import render_html

        decisions, _ = read_decisions(self.decisions_path)
        review = {"token": self.token,
                  "decisions": {fp: {"status": d.status, "note": d.note} for fp, d in sorted(decisions.items())}}
        return render_html(self.report, review=review)

    def decide(self, body: dict) -> dict:
        """Record one decision; returns the answer's JSON.  ValueError: a bad request."""
        fp, status, note = body.get("fingerprint"), body.get("status"), body.get("note") or ""
        if fp not in self.known:
            raise ValueError(f"unknown fingerprint {fp!r}: not a finding of this report")
        if not isinstance(note, str):
            raise ValueError("'note' is not text")
        with self.lock:
            decisions = record_decision(self.decisions_path, fp, status, note.strip(), self.known[fp])
        return {"ok": True, "fingerprint": fp, "status": status, "decisions": len(decisions)}


class _Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "rumorlens"

    def log_message(self, format, *args):  # noqa: A002 (the base class's name); quiet: the CLI prints the URL
        pass

    def _send(self, status: int, body: str, ctype: str = "application/json") -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, message: str) -> None:
        self._send(status, json.dumps({"error": message}))

    def _local(self) -> bool:
        """A loopback client that names a loopback host (see the module docstring)."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
        return self.client_address[0] in ("127.0.0.1", "::1") and host in LOOPBACK_HOSTS

    def do_GET(self):  # noqa: N802 (http.server's name)
        if not self._local():
            return self._error(HTTPStatus.FORBIDDEN, "only this computer may use the review server")
        if self.path.split("?", 1)[0] not in ("/", "/index.html"):
            return self._error(HTTPStatus.NOT_FOUND, "not found")
        self._send(HTTPStatus.OK, self.server.page(), "text/html")

    def do_POST(self):  # noqa: N802
        if not self._local():
            return self._error(HTTPStatus.FORBIDDEN, "only this computer may use the review server")
        if self.path != "/decisions":
            return self._error(HTTPStatus.NOT_FOUND, "not found")
        if not hmac.compare_digest(self.headers.get(TOKEN_HEADER, ""), self.server.token):
            return self._error(HTTPStatus.FORBIDDEN, f"missing or wrong {TOKEN_HEADER}")
        try:
            size = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            size = -1
        if not 0 < size <= MAX_BODY:
            return self._error(HTTPStatus.BAD_REQUEST, "a JSON body of at most 64 KiB is expected")
        try:
            body = json.loads(self.rfile.read(size).decode("utf-8"))
            if not isinstance(body, dict):
                raise ValueError("the body is not a JSON object")
            answer = self.server.decide(body)
        except (ValueError, UnicodeDecodeError) as exc:
            return self._error(HTTPStatus.BAD_REQUEST, str(exc))
        except OSError as exc:  # the decisions file cannot be written
            return self._error(HTTPStatus.INTERNAL_SERVER_ERROR, f"{self.server.decisions_path}: {exc}")
        self._send(HTTPStatus.OK, json.dumps(answer))


def make_server(report: dict, decisions_path: Path, port: int = 0) -> ReviewServer:
    """A review server for ``report`` writing ``decisions_path``, bound to
    127.0.0.1:``port`` (0: a free port); run it with ``serve_forever()``.
    OSError when the port is taken."""
    return ReviewServer(report, decisions_path, port)

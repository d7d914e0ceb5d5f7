"""A loopback HTTP server that stands in for publishers' sites (FINAGENTS_MIRROR).

Each route is a path (`/<host>/<path>`, the form `shared.fetch.mirrored` requests) and
what to answer: a body, a status, headers, or a body cut short after its Content-Length
was promised. Every request is recorded with its headers, so a test can check the
User-Agent that was sent.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    truncate_at: int | None = None  # send only this many bytes of a body announced whole


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class HttpMirror:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        # A short poll keeps shutdown (once per test) from costing half a second.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.01,), daemon=True)

    @property
    def prefix(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def serve(self, url: str, body: bytes, **route: object) -> None:
        """Answer requests for the publisher's `url` with `body` (and the Route's options)."""
        parts = urlsplit(url)
        self.routes[f"/{parts.netloc}{parts.path}"] = Route(body, **route)  # type: ignore[arg-type]  # keyword options of Route

    def start(self) -> HttpMirror:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        mirror = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # the stdlib's name for it
                mirror.requests.append(Request(self.path, dict(self.headers.items())))
                route = mirror.routes.get(self.path.split("?")[0], Route(b"not found", status=404))
                self.send_response(route.status)
                self.send_header("Content-Length", str(len(route.body)))
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(route.body[: route.truncate_at])
                if route.truncate_at is not None:
                    self.close_connection = True

            def log_message(self, *args: object) -> None:
                pass

        return Handler

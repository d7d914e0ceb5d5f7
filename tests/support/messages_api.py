"""A loopback HTTP server that speaks enough of the Messages API for the real SDK.

Tests queue what the server answers (`script`), point a real `anthropic.Anthropic`
client at `url`, and inspect what the SDK sent (`requests`). A message scripted without
usage gets the usage the server works out from the request, prompt caching included
(`tests/support/prompt_cache.py`); one scripted with usage (to test how usage is read)
gets that. Each queued response is a
success (`message`), an API error (`error`) or a stall longer than the client's timeout
(`delay`). Nothing leaves 127.0.0.1.

The Message Batches endpoints answer too: each request of a created batch takes the next
scripted outcome (`script_batch`: `succeeded`, `errored`, `expired`); a batch is
`in_progress` for its first `polls_to_end` retrievals, then `ended` with a results URL
served as JSONL.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.prompt_cache import PromptCache

MESSAGES_PATH = "/v1/messages"
BATCHES_PATH = "/v1/messages/batches"


@dataclass(frozen=True)
class Scripted:
    """One response: status, JSON body, extra headers; `delay` seconds of silence first
    (with `body` None the connection is then closed without a response)."""

    status: int
    body: Mapping[str, Any] | None
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    raw: bytes | None = None  # sent as it is, in place of `body` as JSON (with its content-type in headers)
    computed_usage: bool = False  # the body's usage is worked out from the request when it is received


@dataclass(frozen=True)
class Received:
    """One request as the server saw it; header names are lower-case."""

    path: str
    headers: Mapping[str, str]
    body: Mapping[str, Any]
    method: str = "POST"


def message(
    text: str,
    usage: Mapping[str, int] | None = None,
    *,
    stop_reason: str = "end_turn",
    model: str = "claude-sonnet-4-6",
) -> Scripted:
    """A successful Message whose only content is one text block; without `usage`, the
    server works the usage out from the request."""
    tokens = {"input_tokens": 10, "output_tokens": 5, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}
    body = {
        "id": "msg_loopback",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [{"type": "text", "text": text}],
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": {**tokens, **(usage or {})},
    }
    return Scripted(200, body, computed_usage=usage is None)


def error(status: int, error_type: str, message: str = "scripted failure",
          headers: Mapping[str, str] | None = None) -> Scripted:
    """An API error in the API's own shape."""
    body = {"type": "error", "error": {"type": error_type, "message": message}, "request_id": "req_loopback"}
    return Scripted(status, body, dict(headers or {}))


def html_page(status: int = 200) -> Scripted:
    """What a proxy or gateway in the way answers: an HTML page, here with status 200."""
    page = b"<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>"
    return Scripted(status, {}, {"content-type": "text/html; charset=utf-8"}, raw=page)


def delay(seconds: float) -> Scripted:
    """Say nothing for `seconds`, then hang up: a timeout, seen from the client."""
    return Scripted(0, None, delay=seconds)


@dataclass(frozen=True)
class BatchOutcome:
    """What one request of a batch comes to: the `result` of its line in the results."""

    result: Mapping[str, Any]


def succeeded(text: str, usage: Mapping[str, int] | None = None, *, stop_reason: str = "end_turn") -> BatchOutcome:
    return BatchOutcome({"type": "succeeded", "message": message(text, usage, stop_reason=stop_reason).body})


def errored(error_type: str = "invalid_request_error", text: str = "scripted failure") -> BatchOutcome:
    return BatchOutcome({"type": "errored", "error": {"type": "error", "error": {"type": error_type, "message": text},
                                                      "request_id": "req_loopback"}})


def expired() -> BatchOutcome:
    return BatchOutcome({"type": "expired"})


@dataclass
class _Batch:
    id: str
    results: list[dict[str, Any]]
    polls: int = 0

    def view(self, polls_to_end: int, base_url: str) -> dict[str, Any]:
        ended = self.polls > polls_to_end
        kinds = [line["result"]["type"] for line in self.results]
        counts = {kind: kinds.count(kind) if ended else 0 for kind in ("succeeded", "errored", "canceled", "expired")}
        return {"id": self.id, "type": "message_batch", "processing_status": "ended" if ended else "in_progress",
                "request_counts": {"processing": 0 if ended else len(kinds), **counts},
                "created_at": "2026-01-01T00:00:00Z", "expires_at": "2026-01-02T00:00:00Z",
                "ended_at": "2026-01-01T00:10:00Z" if ended else None, "archived_at": None,
                "cancel_initiated_at": None,
                "results_url": f"{base_url}{BATCHES_PATH}/{self.id}/results" if ended else None}


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.queue: list[Scripted] = []
        self.requests: list[Received] = []
        self.stopping = threading.Event()
        self.outcomes: list[BatchOutcome] = []
        self.batches: dict[str, _Batch] = {}
        self.polls_to_end = 2
        self.cache = PromptCache()
        self.responder: Callable[[Mapping[str, Any]], Scripted] | None = None

    def create_batch(self, request: Received) -> _Batch:
        with self.lock:
            self.requests.append(request)
            results = []
            for item in request.body["requests"]:
                outcome = self.outcomes.pop(0) if self.outcomes else errored(text="loopback server: no outcome left")
                results.append({"custom_id": item["custom_id"], "result": dict(outcome.result)})
            batch = _Batch(f"msgbatch_loopback_{len(self.batches) + 1}", results)
            self.batches[batch.id] = batch
            return batch

    def batch(self, request: Received, batch_id: str) -> _Batch | None:
        with self.lock:
            self.requests.append(request)
            return self.batches.get(batch_id)

    def receive(self, request: Received) -> Scripted:
        with self.lock:
            self.requests.append(request)
            if self.queue:
                return self.queue.pop(0)
        if self.responder is not None:
            return self.responder(request.body)
        # Not retryable, so a test that runs out of script fails at once and says why.
        return error(400, "invalid_request_error", "loopback server: no scripted response left")


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        headers = {name.lower(): value for name, value in self.headers.items()}
        state = self.server.state
        if self.path.split("?")[0] == BATCHES_PATH:
            created = state.create_batch(Received(self.path, headers, body))
            return self._send(Scripted(200, created.view(state.polls_to_end, self.server.url)))
        if self.path.split("?")[0] != MESSAGES_PATH:
            return self._send(error(404, "not_found_error", f"no route {self.path}"))
        scripted = state.receive(Received(self.path, headers, body))
        if scripted.computed_usage and scripted.body is not None:
            scripted = _with_usage(scripted, state.cache.usage(body, _answer_text(scripted.body)))
        if scripted.delay:
            state.stopping.wait(scripted.delay)
        if scripted.body is not None:
            self._send(scripted)

    def do_GET(self) -> None:
        headers = {name.lower(): value for name, value in self.headers.items()}
        path = self.path.split("?")[0]
        state = self.server.state
        batch_id, _, rest = path.removeprefix(BATCHES_PATH + "/").partition("/")
        batch = state.batch(Received(path, headers, {}, method="GET"), batch_id)
        if not path.startswith(BATCHES_PATH + "/") or batch is None or rest not in ("", "results"):
            return self._send(error(404, "not_found_error", f"no route {self.path}"))
        if rest == "results":
            lines = "".join(json.dumps(line) + "\n" for line in batch.results).encode("utf-8")
            return self._send(Scripted(200, {}, {"content-type": "application/binary"}, raw=lines))
        with state.lock:
            batch.polls += 1
            view = batch.view(state.polls_to_end, self.server.url)
        return self._send(Scripted(200, view))

    def _send(self, scripted: Scripted) -> None:
        payload = scripted.raw if scripted.raw is not None else json.dumps(scripted.body).encode("utf-8")
        try:
            self.send_response(scripted.status)
            if "content-type" not in scripted.headers:
                self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            self.send_header("request-id", "req_loopback")
            for name, value in scripted.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test); nothing to tell it

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean


def _answer_text(body: Mapping[str, Any]) -> str:
    return "".join(block.get("text", "") for block in body.get("content", ()))


def _with_usage(scripted: Scripted, usage: Mapping[str, int]) -> Scripted:
    return replace(scripted, body={**(scripted.body or {}), "usage": dict(usage)}, computed_usage=False)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: _State) -> None:
        self.state = state
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hung up mid-response is expected in timeout tests


class MessagesAPI:
    """The running server: `url` for the client's base_url, `script` to queue answers."""

    def __init__(self) -> None:
        self._state = _State()
        self._server = _Server(self._state)
        # A short poll keeps shutdown (once per test) from costing half a second.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.01,), name="messages-api",
                                        daemon=True)

    @property
    def url(self) -> str:
        return self._server.url

    @property
    def requests(self) -> list[Received]:
        with self._state.lock:
            return list(self._state.requests)

    def script(self, *responses: Scripted) -> None:
        with self._state.lock:
            self._state.queue.extend(responses)

    def answer_every_request(self, responder: Callable[[Mapping[str, Any]], Scripted]) -> None:
        """Once the script is spent, answer each request with `responder(request body)`."""
        with self._state.lock:
            self._state.responder = responder

    def script_batch(self, *outcomes: BatchOutcome, polls_to_end: int = 2) -> None:
        """Outcomes for the requests of the batches to come, in order; each batch stays
        in progress for its first `polls_to_end` retrievals."""
        with self._state.lock:
            self._state.outcomes.extend(outcomes)
            self._state.polls_to_end = polls_to_end

    def start(self) -> MessagesAPI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._state.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

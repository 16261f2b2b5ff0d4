"""A real HTTP server on 127.0.0.1 for the live check's tests: each path answers a scripted
sequence of replies (the last one repeats) and every request's path and headers are recorded."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from generator.model.layout import offering_path


@dataclass
class Reply:
    status: int = 200
    body: object = None            # JSON-encoded unless bytes
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    stream_mb: int = 0             # send this many MB with no Content-Length instead of the body
    gather: int = 0                # hold the answer until this many requests are in flight (at most 5 s)


class Server:
    def __init__(self):
        self.routes: dict[str, list[Reply]] = {}
        self.requests: list[tuple[str, dict]] = []
        self.in_flight = self.peak = 0  # requests being answered now, and the most at once
        self._lock = threading.Condition()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                with server._lock:
                    server.in_flight += 1
                    server.peak = max(server.peak, server.in_flight)
                    server._lock.notify_all()
                try:
                    server.answer(self)
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def route(self, path: str, *replies: Reply) -> str:
        self.routes[path] = list(replies)
        return self.url(path)

    def answer(self, handler) -> None:
        queue = self.routes.get(handler.path) or self.routes.get(handler.path.split("?")[0]) or [Reply(404, {})]
        reply = queue.pop(0) if len(queue) > 1 else queue[0]
        if reply.gather:
            with self._lock:
                self._lock.wait_for(lambda: self.in_flight >= reply.gather, timeout=5)
        time.sleep(reply.delay)
        try:
            handler.send_response(reply.status)
            for key, value in reply.headers.items():
                handler.send_header(key, value)
            if reply.stream_mb:
                handler.end_headers()
                for _ in range(reply.stream_mb):
                    handler.wfile.write(b"x" * 1_000_000)
                return
            body = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading, as the size cap makes it

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def headers_sent_to(self, path: str) -> list[dict]:
        return [headers for sent, headers in self.requests if sent.split("?")[0] == path]


def write_catalog(root: Path, providers: dict[str, tuple[dict, list[dict]]]) -> Path:
    """A catalog under *root* with each provider's provider.yaml fields and offerings."""
    for provider_id, (fields, offerings) in providers.items():
        folder = root / "providers" / provider_id / "models"
        folder.mkdir(parents=True)
        (folder.parent / "provider.yaml").write_text(yaml.safe_dump({"id": provider_id, "name": provider_id.title(), **fields}))
        for offering in offerings:
            (folder.parent.parent.parent / offering_path(provider_id, offering['id'])).write_text(yaml.safe_dump(offering))
    return root


def main() -> None:
    """Serve one models list answering after the delay in argv[1], from another process (so the
    server does not share the client's interpreter lock); print the port, serve until stdin closes."""
    import sys

    server = Server()
    server.route("/v1/models", Reply(body={"data": [{"id": "m"}]}, delay=float(sys.argv[1])))
    print(server.httpd.server_address[1], flush=True)
    sys.stdin.read()
    server.close()


if __name__ == "__main__":
    main()

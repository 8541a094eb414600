#!/usr/bin/env python3
"""A small real HTTP/1.1 server for the fetcher's tests and benchmarks (Python 3.11 stdlib only).

    python3 Tests/Server/fixture_server.py --root DIR [--port 0] [--default-page FILE] [--loopbacks N] [--verbose]

Binds 127.0.0.1 only (with --loopbacks N, also 127.0.0.2 … 127.0.0.N+1 on the same port, sharing one request
log: hosts of their own on one machine, for benchmarks of per-host politeness), prints `PORT <n>` on stdout, then serves until its stdin reaches EOF or it gets SIGTERM
(so a test that dies never leaks it: start it with stdin on a pipe and keep the write end open). Keep-alive
works: every response carries a correct Content-Length (or is a bodiless 304).

Routes (GET, and HEAD for the same without a body):
  /page/<name>            <root>/<name>, re-read each time; ETag + Last-Modified; 304 on If-None-Match
                          (exact, `*` or a comma list; W/ ignored) else on If-Modified-Since >= mtime.
                          A missing file falls back to --default-page when given, else 404.
  /plain/<name>           the same file, always 200, no validators
  /redirect/<n>/<name>    302 to /redirect/<n-1>/<name>, and from n = 0 to /page/<name>
  /loop, /loop-a, /loop-b 302 to /loop; /loop-a -> /loop-b -> /loop-a
  /redirect-to?location=L 302 to L, whatever its scheme (file:///etc/passwd, ftp://…)
  /slow?seconds=S         headers at once, body after S seconds
  /slow-headers?seconds=S nothing for S seconds, then the whole response
  /big?bytes=N            exactly N bytes of HTML filler, written in 64 KiB chunks
  /gzip/<name>, /deflate/<name>  the file with Content-Encoding gzip / deflate (zlib)
  /bomb?mb=N              small gzip body inflating to N MiB of spaces inside <html><body>
  /bad-gzip               Content-Encoding: gzip on bytes that are not gzip
  /status/<code>[?retry_after=V]  that status, small HTML body, Retry-After: V when given
  /flaky/<name>?fail=K    the first K requests for <name> get 503 + Retry-After: 1, then as /page/<name>
  /latin1                 an ISO-8859-1 homepage, charset only in the Content-Type header
  POST /hook/<name>       a webhook receiver: the body is kept in the log; it answers 200, or the status set
                          by POST /_hook?status=N[&delay=S] (after S seconds)
  /_log                   {"requests": [{path, method, headers, status, start, end}], "max_in_flight": n}
                          (in flight: from the request's arrival until its response starts)
                          (start/end: time.monotonic() seconds; end is null while in flight; /_log and
                          /_reset are not logged). POST /_reset clears the log and max_in_flight.
"""
import argparse
import email.utils
import gzip
import hashlib
import json
import os
import signal
import sys
import threading
import time
import zlib
from datetime import timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

CHUNK = 64 * 1024
FILLER = (b"<p>Filler paragraph for a large homepage: lorem ipsum dolor sit amet.</p>\n" * 1000)[:CHUNK]
LATIN1_PAGE = """<html><head><title>Prof. Zoë Ångström</title></head><body>
<h1>Zoë Ångström</h1>
<h2>Publications</h2>
<p><a href="/paper.pdf">Über die Größe von Modellen</a><br>
José Müller and Zoë Ångström<br>
<i>Proceedings of the Conférence Européenne</i>, 2019.</p>
</body></html>
""".encode("iso-8859-1")


class State:
    """Everything shared between handler threads, behind one lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.log = []          # request records, in arrival order
        self.in_flight = 0
        self.max_in_flight = 0
        self.flaky_counts = {}  # name -> requests seen by /flaky/<name>
        self.hook_status = 200  # what POST /hook/<name> answers (POST /_hook?status=N&delay=S sets it)
        self.hook_delay = 0.0
        self.bombs = {}         # mb -> cached gzip body
        self.bomb_lock = threading.Lock()  # separate, so building a big bomb does not stall the log


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FixtureServer/1"
    # Headers and body go out in separate writes; with Nagle on, the body of each keep-alive response
    # would wait ~40 ms for the client's delayed ACK.
    disable_nagle_algorithm = True

    # --- plumbing -------------------------------------------------------------------------------------------

    def log_message(self, format, *args):
        if self.server.verbose:
            super().log_message(format, *args)

    def do_GET(self):
        self.dispatch()

    def do_HEAD(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    def dispatch(self):
        """Splits the URL, records the request (except the log routes) and calls the route."""
        url = urlsplit(self.path)
        self.query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        parts = [unquote(p) for p in url.path.split("/")[1:]]
        self.body = b""
        if self.command == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            self.body = self.rfile.read(length)  # read the body so the connection stays usable
        if url.path == "/_log":
            return self.send_log()
        if url.path == "/_hook" and self.command == "POST":
            with self.server.state.lock:
                self.server.state.hook_status = int(self.query.get("status", 200))
                self.server.state.hook_delay = float(self.query.get("delay", 0))
            return self.respond(200, b"hook set\n", "text/plain")
        if url.path == "/_reset" and self.command == "POST":
            with self.server.state.lock:
                self.server.state.log.clear()
                self.server.state.max_in_flight = self.server.state.in_flight
            return self.respond(200, b"reset\n", "text/plain")
        state = self.server.state
        self.record = {"path": self.path, "method": self.command, "status": None,
                       "headers": self.lowercased_headers(), "start": time.monotonic(), "end": None}
        with state.lock:
            state.log.append(self.record)
            state.in_flight += 1
            state.max_in_flight = max(state.max_in_flight, state.in_flight)
        if self.command == "POST":
            self.record["body"] = self.body.decode("utf-8", "replace")
        try:
            if self.command == "POST" and parts[0] == "hook":
                route = Handler.hook
            else:
                route = ROUTES.get(parts[0]) if self.command != "POST" else None
            if route is None:
                self.respond(404, b"<html><body>not found</body></html>")
            else:
                route(self, parts[1:])
        finally:
            self.leave_flight()
            with state.lock:
                self.record["end"] = time.monotonic()

    def leave_flight(self):
        """Stops counting this request as in flight, once. Called as the response starts: a client that
        waits for one answer before its next request can send that request as soon as the headers (of a 304,
        the whole answer) arrive, before this handler has returned."""
        if getattr(self, "record", None) is None or self.record.get("_left"):
            return
        with self.server.state.lock:
            self.server.state.in_flight -= 1
            self.record["_left"] = True

    def lowercased_headers(self):
        headers = {}
        for name, value in self.headers.items():
            name = name.lower()
            headers[name] = headers[name] + ", " + value if name in headers else value
        return headers

    def start(self, code, headers):
        """Sends the status line and headers (a list of pairs); notes the status in the log."""
        if getattr(self, "record", None) is not None:
            self.record["status"] = code
            self.leave_flight()
        self.send_response(code)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()

    def respond(self, code, body=b"", content_type="text/html; charset=utf-8", headers=()):
        """One whole response with a correct Content-Length (no body for HEAD)."""
        self.start(code, [("Content-Type", content_type), ("Content-Length", str(len(body))), *headers])
        if self.command != "HEAD":
            self.wfile.write(body)

    def read_file(self, name):
        """Bytes and mtime of <root>/<name>, or of --default-page when missing; None if neither exists."""
        if not name or "/" in name or name.startswith("."):
            return None
        for path in (os.path.join(self.server.root, name), self.server.default_page):
            if path and os.path.isfile(path):
                with open(path, "rb") as f:
                    return f.read(), os.stat(path).st_mtime
        return None

    def number(self, key, default):
        try:
            return float(self.query.get(key, default))
        except ValueError:
            return float(default)

    # --- routes ---------------------------------------------------------------------------------------------

    def page(self, args):
        found = self.read_file("/".join(args))
        if found is None:
            return self.respond(404, b"<html><body>no such page</body></html>")
        body, mtime = found
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
        validators = [("ETag", etag), ("Last-Modified", email.utils.formatdate(mtime, usegmt=True))]
        if self.not_modified(etag, mtime):
            return self.start(304, validators)  # no body, so no Content-Length needed
        self.respond(200, body, headers=validators)

    def not_modified(self, etag, mtime):
        """RFC 9110 13.2.2: If-None-Match decides when present; If-Modified-Since only without it."""
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
            return "*" in tags or etag in tags
        if_modified_since = self.headers.get("If-Modified-Since")
        if if_modified_since:
            try:
                since = email.utils.parsedate_to_datetime(if_modified_since)
            except (TypeError, ValueError):
                return False
            if since.tzinfo is None:  # "-0000" (as urlwatch sends) parses naive: it means UTC
                since = since.replace(tzinfo=timezone.utc)
            return since.timestamp() >= int(mtime)
        return False

    def plain(self, args):
        found = self.read_file("/".join(args))
        if found is None:
            return self.respond(404, b"<html><body>no such page</body></html>")
        self.respond(200, found[0])

    def redirect(self, args):
        if len(args) < 2 or not args[0].isdigit():
            return self.respond(404, b"<html><body>bad redirect</body></html>")
        n, name = int(args[0]), "/".join(args[1:])
        self.redirect_to(f"/redirect/{n - 1}/{name}" if n > 0 else f"/page/{name}")

    def redirect_to(self, location):
        self.respond(302, b"<html><body>moved</body></html>", headers=[("Location", location)])

    def slow(self, args):
        body = b"<html><body>slow</body></html>"
        self.start(200, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
        self.wfile.flush()
        time.sleep(self.number("seconds", 1))
        if self.command != "HEAD":
            self.wfile.write(body)

    def slow_headers(self, args):
        time.sleep(self.number("seconds", 1))
        self.respond(200, b"<html><body>slow headers</body></html>")

    def big(self, args):
        total = max(0, int(self.number("bytes", 0)))
        head, tail = b"<html><body>\n", b"</body></html>\n"
        if total < len(head) + len(tail):
            head, tail = b"", b""
        self.start(200, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(total))])
        if self.command == "HEAD":
            return
        self.wfile.write(head)
        remaining = total - len(head) - len(tail)
        while remaining > 0:
            piece = FILLER[:min(remaining, CHUNK)]
            self.wfile.write(piece)
            remaining -= len(piece)
        self.wfile.write(tail)

    def compressed(self, args, encoding):
        found = self.read_file("/".join(args))
        if found is None:
            return self.respond(404, b"<html><body>no such page</body></html>")
        body = gzip.compress(found[0]) if encoding == "gzip" else zlib.compress(found[0])
        self.respond(200, body, headers=[("Content-Encoding", encoding)])

    def bomb(self, args):
        mb = max(1, min(int(self.number("mb", 10)), 4096))
        with self.server.state.bomb_lock:  # built once per size
            if mb not in self.server.state.bombs:
                packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31 = gzip container
                parts = [packer.compress(b"<html><body>")]
                spaces = b" " * (1 << 20)
                parts += [packer.compress(spaces) for _ in range(mb)]
                parts.append(packer.compress(b"</body></html>") + packer.flush())
                self.server.state.bombs[mb] = b"".join(parts)
            body = self.server.state.bombs[mb]
        self.respond(200, body, headers=[("Content-Encoding", "gzip")])

    def bad_gzip(self, args):
        self.respond(200, b"this is not gzip at all, just text claiming to be\n" * 4,
                     headers=[("Content-Encoding", "gzip")])

    def status(self, args):
        code = int(args[0]) if args and args[0].isdigit() else 500
        headers = [("Retry-After", self.query["retry_after"])] if "retry_after" in self.query else []
        if code < 200 or code in (204, 304):  # statuses that never have a body
            return self.start(code, headers + ([("Content-Length", "0")] if code == 204 else []))
        self.respond(code, b"<html><body>status %d</body></html>" % code, headers=headers)

    def flaky(self, args):
        name = "/".join(args)
        with self.server.state.lock:
            seen = self.server.state.flaky_counts.get(name, 0) + 1
            self.server.state.flaky_counts[name] = seen
        if seen <= int(self.number("fail", 0)):
            return self.respond(503, b"<html><body>try later</body></html>", headers=[("Retry-After", "1")])
        self.page(args)

    def latin1(self, args):
        self.respond(200, LATIN1_PAGE, "text/html; charset=iso-8859-1")

    def send_log(self):
        state = self.server.state
        with state.lock:
            requests = [{k: v for k, v in r.items() if not k.startswith("_")} for r in state.log]
            body = json.dumps({"requests": requests, "max_in_flight": state.max_in_flight})
        self.respond(200, body.encode(), "application/json")


def _hook(self, args):
    """A webhook receiver: records the body (in the log) and answers the status set by POST /_hook."""
    with self.server.state.lock:
        status, delay = self.server.state.hook_status, self.server.state.hook_delay
    if delay:
        time.sleep(delay)
    self.respond(status, b'{"ok": true}' if status < 300 else b'{"ok": false}', "application/json")


Handler.hook = _hook

ROUTES = {
    "page": Handler.page, "plain": Handler.plain, "redirect": Handler.redirect,
    "loop": lambda h, a: h.redirect_to("/loop"),
    "loop-a": lambda h, a: h.redirect_to("/loop-b"), "loop-b": lambda h, a: h.redirect_to("/loop-a"),
    "slow": Handler.slow, "slow-headers": Handler.slow_headers, "big": Handler.big,
    "gzip": lambda h, a: h.compressed(a, "gzip"), "deflate": lambda h, a: h.compressed(a, "deflate"),
    "bomb": Handler.bomb, "bad-gzip": Handler.bad_gzip,
    "redirect-to": lambda h, a: h.redirect_to(h.query.get("location", "/")), "status": Handler.status, "flaky": Handler.flaky, "latin1": Handler.latin1,
}


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that hangs up mid-response (timeout tests do) is normal here, not worth a traceback.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)) and not self.verbose:
            return
        super().handle_error(request, client_address)


def exit_at_stdin_eof():
    """Runs in a daemon thread: when the parent closes our stdin (or dies), leave at once."""
    try:
        while os.read(0, 65536):
            pass
    except OSError:
        pass
    os._exit(0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True, help="directory of pages")
    parser.add_argument("--port", type=int, default=0, help="0 (default): any free port")
    parser.add_argument("--default-page", help="file served by /page/<name> when <root>/<name> is missing")
    parser.add_argument("--loopbacks", type=int, default=0, help="also serve on 127.0.0.2 … 127.0.0.N+1 (N <= 200)")
    parser.add_argument("--verbose", action="store_true", help="log each request to stderr")
    args = parser.parse_args()
    if not 0 <= args.loopbacks <= 200:
        parser.error("--loopbacks must be between 0 and 200")

    state = State()

    def make(address, port):
        server = Server((address, port), Handler)
        server.root = os.path.abspath(args.root)
        server.default_page = os.path.abspath(args.default_page) if args.default_page else None
        server.verbose = args.verbose
        server.state = state
        return server

    server = make("127.0.0.1", args.port)
    for n in range(2, args.loopbacks + 2):
        extra = make(f"127.0.0.{n}", server.server_address[1])
        threading.Thread(target=extra.serve_forever, daemon=True).start()

    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    threading.Thread(target=exit_at_stdin_eof, daemon=True).start()
    sys.stdout.write("PORT %d\n" % server.server_address[1])
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()

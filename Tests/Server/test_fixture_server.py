"""Self-test of fixture_server.py:  python3 -m unittest Tests/Server/test_fixture_server.py"""
import email.utils
import gzip
import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import zlib

SERVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixture_server.py")
PAGE = b"<html><body><h2>Publications</h2><p>A paper. 2024.</p></body></html>\n"


def start_server(root, *extra):
    """Starts the server with stdin on a pipe; returns (process, port)."""
    process = subprocess.Popen([sys.executable, SERVER, "--root", root, *extra],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    line = process.stdout.readline().decode()
    assert line.startswith("PORT "), line
    return process, int(line.split()[1])


class FixtureServerTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.root = os.path.join(cls.tmp.name, "www")
        os.mkdir(cls.root)
        with open(os.path.join(cls.root, "home.html"), "wb") as f:
            f.write(PAGE)
        cls.default = os.path.join(cls.tmp.name, "default.html")
        with open(cls.default, "wb") as f:
            f.write(b"<html><body>default</body></html>")
        cls.process, cls.port = start_server(cls.root, "--default-page", cls.default)

    @classmethod
    def tearDownClass(cls):
        cls.process.stdin.close()
        cls.process.wait(timeout=5)
        cls.process.stdout.close()
        cls.tmp.cleanup()

    def request(self, path, method="GET", headers=None, timeout=10):
        """One request on a fresh connection; returns (response, body)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            return response, response.read()
        finally:
            connection.close()

    def write(self, name, data):
        with open(os.path.join(self.root, name), "wb") as f:
            f.write(data)

    def test_page_etag_and_conditional_requests(self):
        response, body = self.request("/page/home.html")
        self.assertEqual((response.status, body), (200, PAGE))
        self.assertEqual(response.getheader("Content-Type"), "text/html; charset=utf-8")
        etag = response.getheader("ETag")
        self.assertRegex(etag, r'^"[0-9a-f]{16}"$')
        last_modified = response.getheader("Last-Modified")
        self.assertTrue(last_modified.endswith("GMT"))
        for value in (etag, "*", '"nope", ' + etag, "W/" + etag):
            response, body = self.request("/page/home.html", headers={"If-None-Match": value})
            self.assertEqual((response.status, body, response.getheader("ETag")), (304, b"", etag), value)
        response, _ = self.request("/page/home.html", headers={"If-None-Match": '"nope"'})
        self.assertEqual(response.status, 200)
        response, _ = self.request("/page/home.html", headers={"If-Modified-Since": last_modified})
        self.assertEqual(response.status, 304)
        # urlwatch's form: "-0000" zone
        response, _ = self.request("/page/home.html",
                                   headers={"If-Modified-Since": email.utils.formatdate(time.time() + 5)})
        self.assertEqual(response.status, 304)
        response, _ = self.request("/page/home.html", headers={"If-Modified-Since": email.utils.formatdate(0)})
        self.assertEqual(response.status, 200)

    def test_page_is_reread_and_default_page(self):
        self.write("edit.html", b"one")
        _, body = self.request("/page/edit.html")
        self.assertEqual(body, b"one")
        self.write("edit.html", b"two")
        _, body = self.request("/page/edit.html")
        self.assertEqual(body, b"two")
        response, body = self.request("/page/site-042")
        self.assertEqual((response.status, body), (200, b"<html><body>default</body></html>"))
        self.assertIsNotNone(response.getheader("ETag"))
        self.assertEqual(self.request("/page/../etc")[0].status, 404)

    def test_missing_page_is_404_without_default(self):
        process, port = start_server(self.root)
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/page/missing.html")
            response = connection.getresponse()
            self.assertEqual(response.status, 404)
            response.read()
            connection.close()
        finally:
            process.stdin.close()
            process.wait(timeout=5)
            process.stdout.close()

    def test_plain(self):
        response, body = self.request("/plain/home.html", headers={"If-None-Match": "*"})
        self.assertEqual((response.status, body), (200, PAGE))
        self.assertIsNone(response.getheader("ETag"))
        self.assertIsNone(response.getheader("Last-Modified"))

    def test_redirects(self):
        response, _ = self.request("/redirect/2/home.html")
        self.assertEqual((response.status, response.getheader("Location")), (302, "/redirect/1/home.html"))
        response, _ = self.request("/redirect/0/home.html")
        self.assertEqual(response.getheader("Location"), "/page/home.html")
        self.assertEqual(self.request("/loop")[0].getheader("Location"), "/loop")
        self.assertEqual(self.request("/loop-a")[0].getheader("Location"), "/loop-b")
        self.assertEqual(self.request("/loop-b")[0].getheader("Location"), "/loop-a")
        for location in ("file:///etc/passwd", "ftp://127.0.0.1/x.html"):
            response, _ = self.request("/redirect-to?location=" + location)
            self.assertEqual((response.status, response.getheader("Location")), (302, location))

    def test_slow_body_and_slow_headers(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        started = time.monotonic()
        connection.request("GET", "/slow?seconds=0.5")
        response = connection.getresponse()
        headers_after = time.monotonic() - started
        response.read()
        body_after = time.monotonic() - started
        connection.close()
        self.assertLess(headers_after, 0.4)
        self.assertGreaterEqual(body_after, 0.5)
        started = time.monotonic()
        response, _ = self.request("/slow-headers?seconds=0.5")
        self.assertGreaterEqual(time.monotonic() - started, 0.5)
        with self.assertRaises(TimeoutError):  # a client timeout before the headers
            self.request("/slow-headers?seconds=2", timeout=0.3)

    def test_big(self):
        for size in (0, 10, 1000, 200_000):
            response, body = self.request("/big?bytes=%d" % size)
            self.assertEqual((response.status, len(body)), (200, size))
            self.assertEqual(int(response.getheader("Content-Length")), size)
        self.assertTrue(body.startswith(b"<html><body>") and body.endswith(b"</body></html>\n"))

    def test_gzip_and_deflate(self):
        response, body = self.request("/gzip/home.html")
        self.assertEqual((response.getheader("Content-Encoding"), gzip.decompress(body)), ("gzip", PAGE))
        response, body = self.request("/deflate/home.html")
        self.assertEqual((response.getheader("Content-Encoding"), zlib.decompress(body)), ("deflate", PAGE))

    def test_bad_gzip(self):
        response, body = self.request("/bad-gzip")
        self.assertEqual((response.status, response.getheader("Content-Encoding")), (200, "gzip"))
        self.assertGreater(len(body), 0)
        with self.assertRaises(OSError):  # gzip.BadGzipFile
            gzip.decompress(body)

    def test_bomb(self):
        response, body = self.request("/bomb?mb=20")
        self.assertEqual(response.getheader("Content-Encoding"), "gzip")
        self.assertLess(len(body), 100_000)
        inflated = gzip.decompress(body)
        self.assertEqual(len(inflated), 20 * 2**20 + len(b"<html><body></body></html>"))
        self.assertTrue(inflated.startswith(b"<html><body>   "))

    def test_status(self):
        response, body = self.request("/status/429?retry_after=120")
        self.assertEqual((response.status, response.getheader("Retry-After")), (429, "120"))
        self.assertIn(b"429", body)
        date = "Wed, 21 Oct 2015 07:28:00 GMT"
        response, _ = self.request("/status/503?retry_after=" + date.replace(" ", "%20"))
        self.assertEqual((response.status, response.getheader("Retry-After")), (503, date))
        response, _ = self.request("/status/500")
        self.assertEqual((response.status, response.getheader("Retry-After")), (500, None))
        self.assertEqual(self.request("/status/304")[0].status, 304)

    def test_flaky(self):
        statuses = []
        for _ in range(4):
            response, _ = self.request("/flaky/home.html?fail=2")
            statuses.append((response.status, response.getheader("Retry-After")))
        self.assertEqual(statuses, [(503, "1"), (503, "1"), (200, None), (200, None)])

    def test_latin1(self):
        response, body = self.request("/latin1")
        self.assertEqual(response.getheader("Content-Type"), "text/html; charset=iso-8859-1")
        self.assertNotIn(b"charset", body)
        text = body.decode("iso-8859-1")
        for expected in ("Publications", "José Müller", "Zoë Ångström", "2019"):
            self.assertIn(expected, text)
        with self.assertRaises(UnicodeDecodeError):
            body.decode("utf-8")

    def test_keep_alive_100_requests_on_one_connection(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.connect()
        first_socket = connection.sock
        started = time.monotonic()
        for i in range(100):
            path = ("/page/home.html", "/status/404", "/big?bytes=5000", "/redirect/0/x")[i % 4]
            connection.request("GET", path, headers={"If-None-Match": "*"} if i % 8 == 0 else {})
            response = connection.getresponse()
            response.read()
            self.assertIn(response.status, (200, 304, 404, 302))
            self.assertIs(connection.sock, first_socket, "connection was not reused at request %d" % i)
        connection.close()
        # ~0.05 s normally; ~4 s if Nagle + delayed ACK stall each response whose body is a second write.
        self.assertLess(time.monotonic() - started, 2.0)

    def test_log_and_max_in_flight(self):
        # Its own server: the other tests' requests would otherwise land in the log.
        process, port = start_server(self.root)
        try:
            def get(path, headers=None):
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", path, headers=headers or {})
                response = connection.getresponse()
                body = response.read()
                connection.close()
                return body

            threads = [threading.Thread(target=get, args=("/slow-headers?seconds=0.5",)) for _ in range(3)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            get("/page/home.html", {"X-Test": "yes"})
            log = json.loads(get("/_log"))
            self.assertEqual(log["max_in_flight"], 3)
            self.assertEqual(len(log["requests"]), 4)
            last = log["requests"][-1]
            self.assertEqual((last["path"], last["method"], last["status"]), ("/page/home.html", "GET", 200))
            self.assertEqual(last["headers"]["x-test"], "yes")
            self.assertLessEqual(last["start"], last["end"])
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("POST", "/_reset")
            self.assertEqual(connection.getresponse().status, 200)
            connection.close()
            self.assertEqual(json.loads(get("/_log")), {"requests": [], "max_in_flight": 0})
        finally:
            process.stdin.close()
            process.wait(timeout=5)
            process.stdout.close()

    def test_exits_at_stdin_eof_and_on_sigterm(self):
        process, _ = start_server(self.root)
        process.stdin.close()
        self.assertEqual(process.wait(timeout=5), 0)
        process.stdout.close()
        process, _ = start_server(self.root)
        process.terminate()
        self.assertEqual(process.wait(timeout=5), 0)
        process.stdin.close()
        process.stdout.close()


if __name__ == "__main__":
    unittest.main()

"""Connection handling of a real jadwald: slow and idle clients do not take the
server off the air, connections per client are bounded, framing that two
parsers could read differently is refused, ambiguous paths are refused, and
X-Forwarded-For counts only from configured proxies."""

import socket
import threading
import time
import unittest

from caldav_http import XML_HEADERS, ServerTestCase, propfind_body
from jadwal_server import JadwalServer, basic_auth

CAL = "/dav/calendars/bupati/agenda/"
AUTH = basic_auth("bupati", "rahasia-bupati")


def raw_exchange(port, data, timeout=10, source=None):
    """Sends raw bytes (from the loopback address `source`, if given), returns
    everything the server sends until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout,
                                  source_address=(source, 0) if source else None) as s:
        s.sendall(data)
        chunks = []
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        except socket.timeout:
            pass
        return b"".join(chunks)


def status_of(answer):
    line = answer.split(b"\r\n", 1)[0].split()
    return int(line[1]) if len(line) > 1 and line[1].isdigit() else None


class SlowClientsTest(ServerTestCase):
    USERS = (("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),)
    SERVER_OPTIONS = {"header_timeout_seconds": 3, "body_timeout_seconds": 3}

    def test_tricklers_do_not_starve_the_server(self):
        # Twice as many tricklers as the server has threads (16).
        stop = threading.Event()
        sockets = []

        def trickle(s):
            for byte in b"PROPFIND /dav/ HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * 200:
                if stop.wait(0.5):
                    return
                try:
                    s.send(bytes([byte]))
                except OSError:
                    return

        threads = []
        try:
            for _ in range(32):
                s = socket.create_connection(("127.0.0.1", self.srv.port), timeout=10)
                sockets.append(s)
                threads.append(threading.Thread(target=trickle, args=(s,), daemon=True))
                threads[-1].start()
            time.sleep(0.5)
            for _ in range(5):
                started = time.monotonic()
                self.assertEqual(200, self.req("GET", "/healthz")[0])
                status, _h, _b = self.req("PROPFIND", CAL, propfind_body("D:displayname"),
                                          dict(XML_HEADERS, Depth="0"), "bupati")
                self.assertEqual(207, status)
                self.assertLess(time.monotonic() - started, 1.0, "requests waited behind trickling clients")
            # The head deadline is for the whole head: the tricklers are cut
            # off after 3 s although each of their reads is quick.
            started = time.monotonic()
            sockets[0].settimeout(10)
            answer = b""
            try:
                while True:
                    chunk = sockets[0].recv(4096)
                    if not chunk:
                        break
                    answer += chunk
            except OSError:
                pass
            self.assertLess(time.monotonic() - started, 6.0)
            self.assertEqual(408, status_of(answer), answer)
        finally:
            stop.set()
            for s in sockets:
                s.close()
            for t in threads:
                t.join(5)


class ConnectionCapTest(ServerTestCase):
    USERS = (("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),)
    SERVER_OPTIONS = {"max_connections_per_client": 8}

    def test_one_client_cannot_take_every_connection(self):
        held = [socket.create_connection(("127.0.0.1", self.srv.port), timeout=5) for _ in range(8)]
        try:
            time.sleep(0.2)
            answer = raw_exchange(self.srv.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            self.assertEqual(503, status_of(answer), answer)
            self.assertIn(b"Retry-After:", answer)
        finally:
            for s in held:
                s.close()
        # The operator sees both on /metrics (scraped here from another address).
        metrics = raw_exchange(self.srv.port, b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                               source="127.0.0.2").decode()
        self.assertIn("# TYPE jadwal_http_open_connections gauge", metrics)
        self.assertRegex(metrics, r"\njadwal_http_open_connections [1-9]")
        self.assertIn("# TYPE jadwal_http_refused_connections_total counter", metrics)
        self.assertIn('\njadwal_http_refused_connections_total{limit="per_client"} 1\n', metrics)
        self.assertIn('\njadwal_http_refused_connections_total{limit="overall"} 0\n', metrics)
        # The places come back once the server has seen the closes.
        deadline = time.monotonic() + 5
        while True:
            answer = raw_exchange(self.srv.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            if status_of(answer) == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        self.assertEqual(200, status_of(answer), answer)


class FramingTest(ServerTestCase):
    USERS = (("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),)

    def put_raw(self, headers, body):
        head = ("PUT %sx.ics HTTP/1.1\r\nHost: x\r\nAuthorization: %s\r\nContent-Type: text/calendar\r\n%s\r\n"
                % (CAL, AUTH, "".join(h + "\r\n" for h in headers)))
        return raw_exchange(self.srv.port, head.encode() + body)

    def test_duplicate_content_length_is_refused(self):
        body = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
        for headers in (["Content-Length: %d" % len(body)] * 2,
                        ["Content-Length: %d" % len(body), "Content-Length: 5"],
                        ["Content-Length: %d, %d" % (len(body), len(body))],
                        ["Content-Length: %d" % len(body), "Transfer-Encoding: chunked"],
                        ["Transfer-Encoding: identity"]):
            with self.subTest(headers=headers):
                self.assertEqual(400, status_of(self.put_raw(headers, body)))
        self.assertEqual(404, self.req("GET", CAL + "x.ics", user="bupati")[0])

    def test_ambiguous_paths_are_refused(self):
        for path in ("/dav/calendars/bupati%2Fagenda/", "/dav/calendars/bupati/../admin/",
                     "/dav/calendars/%2e%2e/", "/lampiran/1/a%00.pdf", "/dav/calendars/bupati/%ff/",
                     "/permohonan/%zz"):
            with self.subTest(path=path):
                answer = raw_exchange(self.srv.port, ("PROPFIND %s HTTP/1.1\r\nHost: x\r\nAuthorization: %s\r\n"
                                                      "Depth: 0\r\nConnection: close\r\n\r\n" % (path, AUTH)).encode())
                self.assertEqual(400, status_of(answer), answer[:200])
                self.assertIn(b"X-Content-Type-Options: nosniff", answer)

    def test_every_answer_says_nosniff(self):
        for method, path, user in (("GET", "/healthz", None), ("PROPFIND", "/dav/", None),
                                   ("GET", CAL + "nothing.ics", "bupati"), ("GET", "/nowhere", None)):
            with self.subTest(path=path):
                _s, headers, _b = self.req(method, path, user=user)
                self.assertEqual("nosniff", headers.get("x-content-type-options"))


class WebRefusalPagesTest(ServerTestCase):
    """What the front end refuses on a web path is explained in a page, in Indonesian."""

    USERS = (("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),)
    SERVER_OPTIONS = {"max_body_bytes": 65536, "max_upload_total_bytes": 32768, "max_file_bytes": 32768,
                      "body_timeout_seconds": 1, "min_bytes_per_second": 1000000}

    def refused_page(self, head, body=b""):
        answer = raw_exchange(self.srv.port, head + body)
        head_part, _, page = answer.partition(b"\r\n\r\n")
        self.assertIn(b"Content-Type: text/html", head_part)
        return status_of(answer), page.decode("utf-8")

    def test_a_body_too_large_for_the_form(self):
        status, page = self.refused_page(b"POST /permohonan HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n"
                                         b"Content-Type: multipart/form-data; boundary=x\r\n\r\n")
        self.assertEqual(413, status)
        self.assertIn("melebihi batas ukuran", page)
        # The filled form is in the browser's history, not behind a link to an empty one.
        self.assertIn("tombol Kembali (Back)", page)
        self.assertRegex(page, r'<a [^>]*id="kembali-riwayat"[^>]* hidden>')
        self.assertIn('src="/static/permohonan.js"', page)
        status, page = self.refused_page(b"POST /permohonan?lang=en HTTP/1.1\r\nHost: x\r\n"
                                         b"Content-Length: 99999999\r\n\r\n")
        self.assertIn("over the size limit", page)

    def test_a_form_that_does_not_arrive_in_time(self):
        status, page = self.refused_page(b"POST /permohonan HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n"
                                         b"Content-Type: application/x-www-form-urlencoded\r\n\r\nnama=")
        self.assertEqual(408, status)
        self.assertIn("tidak sampai tepat waktu", page)


class TrustedProxyTest(unittest.TestCase):
    """The access log records the address the server decided the client has."""

    def logged_address(self, srv, path, headers):
        """The address logged for one request to `path` (each test uses its own)."""
        srv.request("GET", path, headers=headers)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            for line in srv.access_log().splitlines():
                if '"GET %s ' % path in line:
                    return line.split(" ", 1)[0]
            time.sleep(0.05)
        self.fail("%s is not in the access log" % path)

    def test_forwarded_headers_from_an_untrusted_peer_are_ignored(self):
        with JadwalServer() as srv:
            self.assertEqual("127.0.0.1", self.logged_address(
                srv, "/nowhere-0", {"X-Forwarded-For": "203.0.113.9", "X-Real-IP": "203.0.113.8"}))

    def test_a_configured_proxy_names_the_client(self):
        with JadwalServer(trusted_proxies="127.0.0.1") as srv:
            self.assertEqual("203.0.113.9", self.logged_address(
                srv, "/nowhere-1", {"X-Forwarded-For": "10.1.1.1, 203.0.113.9"}))
            self.assertEqual("198.51.100.4", self.logged_address(srv, "/nowhere-2", {"X-Real-IP": "198.51.100.4"}))


if __name__ == "__main__":
    unittest.main()

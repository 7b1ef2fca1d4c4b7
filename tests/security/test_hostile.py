"""Hostile requests against a running jadwald (hostile_bodies.py, hostile_http.py,
hostile_web.py): each gets a clear refusal (or its documented answer), leaves
the database as it was when it must, and leaves the server alive and fast:
/healthz after every case, and /healthz with a small authenticated PROPFIND
after every group, each within a short time.

Set HOSTILE_SURVEY=1 to print what each case got."""

import hashlib
import os
import re
import sqlite3
import sys
import time
import unittest

import hostile_bodies
import hostile_http
import hostile_web
import raw_http
import smtp_sink
from hostile_cases import BUPATI, CAL, OBJECT, XML, vcalendar, vevent
from jadwal_requests import RequestTestCase, credentials, valid_fields
from jadwal_server import basic_auth, multipart_body

SURVEY = os.environ.get("HOSTILE_SURVEY")
TIMEOUT_SECONDS = 2  # the server's deadlines (head, body, send): the slow cases wait a little more than twice this
FAST_SECONDS = 2.0
# Everything but sessions and secrets (a refused request may start a form session,
# nothing else). Large contents count by their hash: an object's ETag, a blob's sha256.
CONTENT_TABLES = {
    "users": "*", "aides": "*", "calendars": "*", "shares": "*", "changes": "*", "dead_props": "*",
    "user_props": "*", "requests": "*", "request_leaders": "*", "request_files": "*", "audit": "*",
    "dispositions": "*", "objects": "id, calendar_id, name, uid, etag, size, first_start, last_end",
    "blobs": "sha256, size"}
# Requests refused before they are HTTP may get a bare status line.
QUIET_GROUPS = ("framing", "lines", "slow")
ALL_CASES = hostile_bodies.CASES + hostile_http.CASES + hostile_web.CASES


class Reply:
    def __init__(self, answer):
        self.status = answer.status if answer.status is not None else 0
        self.header_lines = answer.header_lines
        self.headers = {}
        for name, value in answer.header_lines:
            self.headers[name] = self.headers[name] + ", " + value if name in self.headers else value
        self.body = answer.body
        self.raw = answer.raw

    def describe(self):
        return "status %s, answer: %r" % (self.status, self.raw[:500])


class HostileContext:
    """What the cases send with, and what their checks look at."""

    def __init__(self, test_class):
        self.srv = test_class.srv
        self.sink = test_class.sink
        self.port = self.srv.port
        self.sources = 1
        self.last_file_headers = {}
        self.mails_before = 0

    # -- sending ------------------------------------------------------------------------------

    def http(self, method, path, body=None, headers=None, user=BUPATI, source="127.0.0.1", timeout=10):
        head = ["%s %s HTTP/1.1" % (method, path), "Host: 127.0.0.1", "Connection: close"]
        if user:
            head.append("Authorization: " + basic_auth(*user))
        for name, value in (headers or {}).items():
            head.append("%s: %s" % (name, value))
        body = body.encode("utf-8") if isinstance(body, str) else (body or b"")
        if body or method in ("PUT", "POST", "PROPFIND", "PROPPATCH", "REPORT", "MKCALENDAR"):
            head.append("Content-Length: %d" % len(body))
        data = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body
        return Reply(raw_http.exchange(self.port, data, timeout=timeout, source=source))

    def raw(self, data, timeout=6, shut_write=False):
        return Reply(raw_http.exchange(self.port, data, timeout=timeout, shut_write=shut_write))

    def next_source(self):
        """A loopback address of its own, so that refused forms do not add up for one client."""
        self.sources = self.sources % 250 + 1
        return "127.0.0.%d" % (self.sources + 1)

    def form_session(self, source):
        page = self.http("GET", "/permohonan", user=None, source=source)
        assert page.status == 200, page.describe()
        token = re.search(rb'name="csrf" value="([^"]+)"', page.body).group(1).decode()
        cookies = "; ".join(v.split(";")[0] for n, v in page.header_lines if n == "set-cookie")
        return token, cookies

    def submit(self, files, **fields):
        source = self.next_source()
        token, cookies = self.form_session(source)
        pairs = [("csrf", token)] + valid_fields(**{k: v for k, v in fields.items()})
        body, ctype = multipart_body(pairs, files)
        self.mails_before = len(self.sink.received())
        return self.http("POST", "/permohonan", body, {"Content-Type": ctype, "Cookie": cookies}, user=None,
                         source=source)

    def submit_raw(self, ctype, body):
        source = self.next_source()
        _, cookies = self.form_session(source)
        return self.http("POST", "/permohonan", body, {"Content-Type": ctype, "Cookie": cookies}, user=None,
                         source=source)

    def slow(self, how):
        """A slow or idle client. Status 0 when the server cut it off (or kept serving
        others) in time; -1 with the reason in the body when it did not."""
        give_up = 2 * TIMEOUT_SECONDS + 0.5
        if how == "idle":
            sockets = []
            try:
                for _ in range(12):
                    sock = raw_http.connect(self.port, "127.0.0.200", timeout=5)
                    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
                    sockets.append(sock)
                started = time.monotonic()
                answer = self.http("GET", "/healthz", user=None, source="127.0.0.201", timeout=10)
                elapsed = time.monotonic() - started
            finally:
                for sock in sockets:
                    sock.close()
            fast = answer.status == 200 and elapsed < 1.0
            return _synthetic(0 if fast else -1, "another client waited %.1f s behind 12 idle connections" % elapsed)
        body = vcalendar(*vevent("lambat"))
        if how == "head":
            head, rest = b"", b"PUT " + CAL.encode() + b"lambat.ics HTTP/1.1\r\nHost: x\r\n" + b"X-Pelan: y\r\n" * 50
        else:
            head = (b"PUT " + CAL.encode() + b"lambat.ics HTTP/1.1\r\nHost: x\r\nContent-Type: text/calendar\r\n"
                    b"Authorization: " + basic_auth(*BUPATI).encode() + b"\r\nContent-Length: %d\r\n\r\n" % (len(body)
                                                                                                           * 20))
            rest = body * 20
        elapsed, answer = raw_http.trickle(self.port, head, rest, 0.4, give_up)
        if elapsed is None:
            return _synthetic(-1, "the server still waited for a trickled request after %.1f s" % give_up)
        return Reply(answer) if answer.status else _synthetic(0, "closed after %.1f s" % elapsed)

    # -- looking -------------------------------------------------------------------------------

    def checksum(self, tables=None):
        """{table: digest} of the content tables (or of `tables`)."""
        out = {}
        with sqlite3.connect("file:%s?mode=ro" % self.srv.db_path, uri=True, timeout=10) as conn:
            conn.text_factory = bytes  # whatever was stored, valid UTF-8 or not
            for table in tables or CONTENT_TABLES:
                digest = hashlib.sha256()
                for row in conn.execute("SELECT %s FROM %s ORDER BY rowid" % (CONTENT_TABLES[table], table)):
                    digest.update(repr(row).encode())
                out[table] = digest.hexdigest()
        return out

    def target_etag(self):
        with sqlite3.connect("file:%s?mode=ro" % self.srv.db_path, uri=True, timeout=10) as conn:
            return conn.execute("SELECT o.etag FROM objects o JOIN calendars c ON c.id = o.calendar_id JOIN users u "
                                "ON u.id = c.owner_id WHERE u.name = 'bupati' AND c.slug = 'agenda' AND "
                                "o.name = 'sasaran.ics'").fetchone()

    def assert_alive(self, with_propfind=False):
        assert self.srv.process.poll() is None, "jadwald exited with status %s" % self.srv.process.returncode
        started = time.monotonic()
        status = self.http("GET", "/healthz", user=None).status
        assert status == 200, "/healthz answered %s" % status
        if with_propfind:
            ms = self.http("PROPFIND", CAL, '<D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>',
                           dict(XML, Depth="1"))
            assert ms.status == 207, ms.describe()
        elapsed = time.monotonic() - started
        assert elapsed < FAST_SECONDS, "the server took %.2f s to answer afterwards" % elapsed

    def assert_fast_query(self, path):
        query = ('<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/>'
                 '</D:prop><C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range '
                 'start="20300101T000000Z" end="20400101T000000Z"/></C:comp-filter></C:comp-filter></C:filter>'
                 '</C:calendar-query>')
        started = time.monotonic()
        reply = self.http("REPORT", path, query, dict(XML, Depth="1"))
        elapsed = time.monotonic() - started
        assert reply.status == 207 and elapsed < FAST_SECONDS, "ten-year query: %s in %.1f s" % (reply.status,
                                                                                               elapsed)

    def form_reshown(self, reply):
        if reply.status == 400:
            assert b'name="surat"' in reply.body, "a refused form comes back with its fields: " + reply.describe()

    def last_file(self):
        """(name, Content-Disposition served) of the newest stored file; keeps its headers."""
        with sqlite3.connect("file:%s?mode=ro" % self.srv.db_path, uri=True) as conn:
            file_id, name = conn.execute("SELECT id, name FROM request_files ORDER BY id DESC LIMIT 1").fetchone()
        from urllib.parse import quote
        reply = self.http("GET", "/lampiran/%d/%s" % (file_id, quote(name, safe="")), user=credentials("protokol"))
        assert reply.status == 200, reply.describe()
        self.last_file_headers = reply.headers
        return name, reply.headers.get("content-disposition", "")


def _synthetic(status, text):
    reply = Reply(raw_http.RawAnswer(b"", False))
    reply.status, reply.body = status, text.encode()
    reply.raw = reply.body
    return reply


@unittest.skipIf(smtp_sink.Controller is None, smtp_sink.MISSING)
class HostileRequestsTest(RequestTestCase):
    SERVER_OPTIONS = {"timeout_seconds": TIMEOUT_SECONDS, "header_timeout_seconds": TIMEOUT_SECONDS,
                      "body_timeout_seconds": TIMEOUT_SECONDS, "max_body_bytes": 2 * 1024 * 1024,
                      "max_file_bytes": 1024 * 1024, "max_upload_total_bytes": 1024 * 1024, "submissions_per_hour": 100000, "smtp_from": "jadwal@example.org"}

    @classmethod
    def setUpClass(cls):
        cls.sink = smtp_sink.SmtpSink().start()
        cls.SERVER_OPTIONS = dict(cls.SERVER_OPTIONS, smtp_host="127.0.0.1", smtp_port=cls.sink.port)
        try:
            super().setUpClass()
        except BaseException:
            cls.sink.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.sink.stop()

    @classmethod
    def setup_data(cls):
        cls.ctx = HostileContext(cls)
        status = cls.ctx.http("PUT", OBJECT, vcalendar(*vevent("sasaran", "DESCRIPTION:Sasaran rahasia")),
                              {"Content-Type": "text/calendar"}).status
        assert status == 201, status
        hostile_bodies.setup(cls.ctx)

    def run_case(self, case):
        tables = case.unchanged if isinstance(case.unchanged, tuple) else None
        before = self.ctx.checksum(tables)
        self.ctx.target_etag_before = self.ctx.target_etag()
        started = time.monotonic()
        reply = case.send(self.ctx)
        elapsed = time.monotonic() - started
        if SURVEY:
            sys.stderr.write("SURVEY %-8s %-45s %s %.2fs\n" % (case.group, case.name, reply.status, elapsed))
        self.assertIn(reply.status, case.expect, "%s/%s: %s" % (case.group, case.name, reply.describe()))
        if reply.status >= 400 and case.group not in QUIET_GROUPS:
            self.assertTrue(reply.body.strip(), "a refusal says why: " + reply.describe())
        if case.check:
            case.check(self.ctx, reply)
        if case.unchanged:
            after = self.ctx.checksum(tables)
            changed = sorted(t for t in before if before[t] != after[t])
            self.assertEqual([], changed, "%s/%s changed these tables" % (case.group, case.name))
        self.ctx.assert_alive()

    def check_group_fast(self, group):
        self.ctx.assert_alive(with_propfind=True)


def _make_case_test(case):
    def test(self):
        self.run_case(case)
    test.__doc__ = "%s/%s%s" % (case.group, case.name, " (pending: %s)" % case.pending if case.pending else "")
    return unittest.expectedFailure(test) if case.pending and not SURVEY else test


def _make_group_test(group):
    def test(self):
        self.check_group_fast(group)
    test.__doc__ = "after the %s group: /healthz and a PROPFIND answer fast" % group
    return test


def _register():
    names = set()
    index = 0
    for position, case in enumerate(ALL_CASES):
        name = "test_%03d_%s_%s" % (index, case.group, case.name)
        assert name not in names, name
        names.add(name)
        setattr(HostileRequestsTest, name, _make_case_test(case))
        index += 1
        if position + 1 == len(ALL_CASES) or ALL_CASES[position + 1].group != case.group:
            setattr(HostileRequestsTest, "test_%03d_%s_still_fast" % (index, case.group), _make_group_test(case.group))
            index += 1


_register()

if __name__ == "__main__":
    unittest.main()

"""Bounds on whole answers: a report over many objects cannot make the server
compute, hold or send without limit. Recurrence steps, bytes and time of one
answer are bounded; a large answer is streamed (chunked) rather than built
whole; a bound passed before anything went out is a 403 with the CalDAV
precondition, one passed while streaming ends the answer with a 507 for the
request-URI; an object whose recurrences were not all expanded is marked."""

import http.client
import os
import threading
import time
import unittest
import xml.etree.ElementTree as ET

from caldav_http import (ICS_HEADERS, XML_HEADERS, Multistatus, ServerTestCase, event_ics, propfind_body, vcalendar,
                         vevent)
from jadwal_server import basic_auth

CAL = "/dav/calendars/bupati/agenda/"
REPORT_HEADERS = dict(XML_HEADERS, Depth="1")
USERS = (("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),)


def expand_query(start, end):
    return ('<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
            '<D:prop><D:getetag/><C:calendar-data><C:expand start="%s" end="%s"/></C:calendar-data></D:prop>'
            '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
            '<C:time-range start="%s" end="%s"/></C:comp-filter></C:comp-filter></C:filter>'
            '</C:calendar-query>' % (start, end, start, end))


QUERY_ALL_DATA = ('<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
                  '<D:prop><D:getetag/><C:calendar-data/></D:prop><C:filter><C:comp-filter name="VCALENDAR"/>'
                  '</C:filter></C:calendar-query>')

SYNC_ALL = ('<?xml version="1.0"?><D:sync-collection xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
            '<D:sync-token>%s</D:sync-token><D:sync-level>1</D:sync-level>'
            '<D:prop><D:getetag/><C:calendar-data/></D:prop></D:sync-collection>')

FREEBUSY = ('<?xml version="1.0"?><C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav">'
            '<C:time-range start="20260101T000000Z" end="20270101T000000Z"/></C:free-busy-query>')


def secondly(uid):
    return vcalendar(vevent(uid, start="20260101T000000Z", end="20260101T000001Z",
                            extra="RRULE:FREQ=SECONDLY"))


def padded(uid, n):
    """An ordinary event with a description, about 1.6 KB."""
    return event_ics(uid, start="20260310T%02d0000Z" % (n % 24), end="20260310T%02d3000Z" % (n % 24),
                     extra="DESCRIPTION:" + "Rapat koordinasi " * 80)


def raw_report(port, path, body, user=("bupati", "rahasia-bupati")):
    """(status, headers, body, chunked) of a REPORT, reading the body as it comes."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        headers = dict(REPORT_HEADERS, Authorization=basic_auth(*user))
        conn.request("REPORT", path, body=body.encode(), headers=headers)
        response = conn.getresponse()
        chunked = (response.getheader("Transfer-Encoding") or "").lower() == "chunked"
        return response.status, dict((k.lower(), v) for k, v in response.getheaders()), response.read(), chunked
    finally:
        conn.close()


def rss_megabytes(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0


def truncation_of(body):
    """The 507 response that ends a truncated multistatus, or None."""
    root = ET.fromstring(body)
    for response in root.findall("{DAV:}response"):
        status = response.find("{DAV:}status")
        if status is not None and " 507 " in status.text:
            return response
    return None


class SecondlyFloodTest(ServerTestCase):
    """The attack as found: a hundred FREQ=SECONDLY events, and calendar-query
    with expand over a year, four at once. Before the bounds: 1.25 GB per
    answer after a minute, 8.6 GB of memory for four."""

    USERS = USERS

    @classmethod
    def setup_data(cls):
        for n in range(100):
            status = cls.req("PUT", CAL + "detik-%d.ics" % n, secondly("detik-%d" % n), ICS_HEADERS, "bupati")[0]
            assert status == 201, status

    def test_a_year_of_secondly_events_is_bounded(self):
        pid = self.srv.process.pid
        results = []

        def attack():
            started = time.monotonic()
            status, _h, body, chunked = raw_report(self.srv.port, CAL, expand_query("20260101T000000Z",
                                                                                    "20270101T000000Z"))
            results.append((status, len(body), time.monotonic() - started, body, chunked))

        threads = [threading.Thread(target=attack) for _ in range(4)]
        peak = 0
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            peak = max(peak, rss_megabytes(pid))
            time.sleep(0.05)
        for status, size, seconds, body, chunked in results:
            self.assertLess(seconds, 30, "an answer took %.0f s" % seconds)
            self.assertLess(size, 80 << 20, "an answer of %d bytes" % size)
            if status == 403:
                self.assertIn(b"max-instances", body)
            else:
                self.assertEqual(207, status)
                self.assertTrue(chunked, "a large answer is streamed")
                truncated = truncation_of(body)
                self.assertIsNotNone(truncated, "a truncated answer says so")
                self.assertIsNotNone(truncated.find("{DAV:}error/{DAV:}number-of-matches-within-limits"))
        self.assertLess(peak, 600, "the server grew to %.0f MB" % peak)
        self.assertEqual(200, self.req("GET", "/healthz")[0])

    def test_free_busy_of_the_flood_is_refused(self):
        status, _h, body = self.req("REPORT", CAL, FREEBUSY, REPORT_HEADERS, "bupati")
        self.assertEqual(403, status, body[:300])
        self.assertIn(b"max-instances", body)


class SmallBoundsTest(ServerTestCase):
    """Each bound on its own, set small."""

    USERS = USERS
    SERVER_OPTIONS = {"max_answer_steps": 2000, "max_answer_bytes": 400000}

    @classmethod
    def setup_data(cls):
        for n in range(400):
            status = cls.req("PUT", CAL + "biasa-%d.ics" % n, padded("biasa-%d" % n, n), ICS_HEADERS, "bupati")[0]
            assert status == 201, status
        # Three daily events, 365 instances each in 2026: 1,095 steps in all.
        for n in range(3):
            cls.req("PUT", CAL + "harian-%d.ics" % n,
                    vcalendar(vevent("harian-%d" % n, start="20260101T010000Z", end="20260101T020000Z",
                                     extra="RRULE:FREQ=DAILY")), ICS_HEADERS, "bupati")

    def test_steps_over_the_bound_before_anything_went_out_is_403(self):
        # Two years of the three daily events: 2,190 steps, more than 2,000.
        status, _h, body, _c = raw_report(self.srv.port, CAL, expand_query("20260101T000000Z", "20280101T000000Z"))
        self.assertEqual(403, status, body[:300])
        self.assertIn(b"max-instances", body)
        self.assertIn(b"shorter time range", body)

    def test_steps_within_the_bound_are_answered_whole(self):
        status, _h, body, _c = raw_report(self.srv.port, CAL, expand_query("20260101T000000Z", "20260201T000000Z"))
        self.assertEqual(207, status)
        ms = Multistatus(body)
        self.assertEqual(3, len([h for h in ms.hrefs() if "harian" in h]))
        self.assertIsNone(truncation_of(body))

    def test_a_long_answer_is_streamed_and_cut_at_the_byte_bound(self):
        # 400 events of 1.6 KB: about 700 KB of answer, over the 400 KB bound
        # and over the 256 KB kept in memory before streaming starts.
        status, headers, body, chunked = raw_report(self.srv.port, CAL, QUERY_ALL_DATA)
        self.assertEqual(207, status)
        self.assertTrue(chunked, headers)
        self.assertNotIn("content-length", headers)
        self.assertLess(len(body), 500000)
        truncated = truncation_of(body)
        self.assertIsNotNone(truncated)
        self.assertEqual(CAL, truncated.find("{DAV:}href").text)
        answered = [r for r in Multistatus(body).responses if r.status is None]
        self.assertGreater(len(answered), 100)
        self.assertLess(len(answered), 400)

    def test_sync_is_cut_into_pages_that_go_on(self):
        seen = set()
        token = ""
        for _ in range(10):
            status, _h, body, _c = raw_report(self.srv.port, CAL, SYNC_ALL % token)
            self.assertEqual(207, status, body[:300])
            ms = Multistatus(body)
            seen |= {h for h in ms.hrefs() if h.endswith(".ics")}
            token = ms.sync_token
            if truncation_of(body) is None:
                break
        self.assertEqual(403, len(seen), "every object arrives over the pages")

    def test_a_calendar_export_is_streamed_and_cut_at_the_byte_bound(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.srv.port, timeout=60)
        try:
            conn.request("GET", CAL, headers={"Authorization": basic_auth("bupati", "rahasia-bupati")})
            response = conn.getresponse()
            self.assertEqual(200, response.status)
            self.assertEqual("chunked", (response.getheader("Transfer-Encoding") or "").lower())
            with self.assertRaises(http.client.IncompleteRead):
                response.read()
        finally:
            conn.close()
        self.assertEqual(200, self.req("GET", "/healthz")[0])

    def test_free_busy_within_the_bound(self):
        body = FREEBUSY.replace("20270101T000000Z", "20260201T000000Z")
        status, _h, answer = self.req("REPORT", CAL, body, REPORT_HEADERS, "bupati")
        self.assertEqual(200, status, answer[:300])
        self.assertIn(b"FREEBUSY", answer)


class ExportTest(ServerTestCase):
    """GET of a whole calendar (a subscription) is bounded like a report."""

    USERS = USERS
    SERVER_OPTIONS = {"max_answer_bytes": 65536}

    @classmethod
    def setup_data(cls):
        for n in range(60):
            status = cls.req("PUT", CAL + "ekspor-%d.ics" % n, padded("ekspor-%d" % n, n), ICS_HEADERS, "bupati")[0]
            assert status == 201, status

    def test_an_export_over_the_bound_is_refused_before_it_starts(self):
        status, _h, body = self.req("GET", CAL, user="bupati")
        self.assertEqual(403, status, body[:200])
        self.assertIn(b"larger than the server exports", body)

    def test_head_of_a_calendar_builds_nothing(self):
        status, headers, body = self.req("HEAD", CAL, user="bupati")
        self.assertEqual(200, status)
        self.assertNotIn("content-length", headers)
        self.assertTrue(headers.get("etag"))


class WholeExportTest(ServerTestCase):
    USERS = USERS

    def test_a_small_export_is_whole(self):
        for n in range(3):
            self.req("PUT", CAL + "kecil-%d.ics" % n, padded("kecil-%d" % n, n), ICS_HEADERS, "bupati")
        status, headers, body = self.req("GET", CAL, user="bupati")
        self.assertEqual(200, status)
        text = body.decode()
        self.assertTrue(text.startswith("BEGIN:VCALENDAR\r\n"))
        self.assertTrue(text.endswith("END:VCALENDAR\r\n"))
        self.assertEqual(3, text.count("BEGIN:VEVENT"))
        self.assertIn("X-WR-CALNAME", text)


class CutShortObjectTest(ServerTestCase):
    """An object whose expansion passes the per-object step bound is marked,
    not silently shortened."""

    USERS = USERS
    SERVER_OPTIONS = {"max_expansion_steps": 1000}

    @classmethod
    def setup_data(cls):
        # Every minute from 2020 with a COUNT: the walk must start at DTSTART,
        # and reaching 2026 takes millions of steps.
        cls.req("PUT", CAL + "menit.ics",
                vcalendar(vevent("menit", start="20200101T000000Z", end="20200101T000030Z",
                                 extra="RRULE:FREQ=MINUTELY;COUNT=5000000")), ICS_HEADERS, "bupati")
        cls.req("PUT", CAL + "biasa.ics", event_ics("biasa", start="20260310T010000Z", end="20260310T020000Z"),
                ICS_HEADERS, "bupati")

    def test_the_cut_short_object_is_marked(self):
        status, _h, body, _c = raw_report(self.srv.port, CAL, expand_query("20260301T000000Z", "20260401T000000Z"))
        self.assertEqual(207, status, body[:300])
        ms = Multistatus(body)
        cut = ms.get(CAL + "menit.ics")
        self.assertIsNotNone(cut, "an object that may match is answered")
        self.assertIsNotNone(cut.element.find("{DAV:}error/{urn:ietf:params:xml:ns:caldav}max-instances"))
        self.assertIn("repeats more often", cut.element.find("{DAV:}responsedescription").text)
        whole = ms.get(CAL + "biasa.ics")
        self.assertIsNone(whole.element.find("{DAV:}error"))

    def test_free_busy_says_it_is_incomplete(self):
        body = FREEBUSY.replace("20260101T000000Z", "20260301T000000Z").replace("20270101", "20260401")
        status, _h, answer = self.req("REPORT", CAL, body, REPORT_HEADERS, "bupati")
        self.assertEqual(200, status, answer[:300])
        self.assertIn(b"COMMENT:Incomplete", answer.replace(b"\r\n ", b""))


if __name__ == "__main__":
    unittest.main()

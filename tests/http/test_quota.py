"""What one account may store: calendar creation by role (and the admin's
command to allow it), per-user quotas (RFC 4331: 507 with DAV:quota-not-exceeded,
the quota properties), revised letters bounded per request, refused uploads that
leave nothing in the database, and unused uploads deleted at start."""

import os
import sqlite3
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))

import sample_files  # noqa: E402
from caldav_http import (ALLPROP, ICS_HEADERS, XML_HEADERS, ServerTestCase, error_elements, event_ics,  # noqa: E402
                         qname)
from jadwal_requests import RequestTestCase  # noqa: E402

QUOTA_BYTES = 65536


def padded_event(uid, size):
    """An event of about `size` bytes (a long DESCRIPTION)."""
    return event_ics(uid, extra="DESCRIPTION:" + "x" * size)


def blobs(db_path):
    """(count, total bytes) of the stored blobs, read beside the running server."""
    with sqlite3.connect(db_path, timeout=10) as db:
        return db.execute("SELECT COUNT(*), COALESCE(SUM(size), 0) FROM blobs").fetchone()


class CalendarRightsTest(ServerTestCase):
    USERS = (
        ("bupati", "pimpinan", "Bupati", "rahasia-bupati"),
        ("protokol", "protokol", "Staf Protokol", "rahasia-protokol"),
        ("ajudan", "ajudan", "Ajudan Bupati", "rahasia-ajudan"),
        ("humas", "viewer", "Bagian Humas", "rahasia-humas"),
    )

    def test_viewer_and_aide_are_refused_until_an_admin_allows(self):
        for user in ("humas", "ajudan"):
            for method in ("MKCALENDAR", "MKCOL"):
                answer = self.req(method, "/dav/calendars/%s/pribadi/" % user, None, {}, user)
                self.assertError(answer, (403,), "D:need-privileges")
                self.assertIn(b"allow-calendars", answer[2])
        self.srv.cli("user", "allow-calendars", "humas")
        self.assertStatus(self.req("MKCALENDAR", "/dav/calendars/humas/pribadi/", None, {}, "humas"), 201)
        self.assertStatus(self.req("MKCALENDAR", "/dav/calendars/ajudan/pribadi/", None, {}, "ajudan"), 403)
        listing = self.srv.cli("user", "list").stdout
        self.assertIn("humas\tviewer\tBagian Humas\tenabled\tcalendars", listing)
        self.assertIn("ajudan\tajudan\tAjudan Bupati\tenabled\tno-calendars", listing)

    def test_leaders_and_staff_create_calendars(self):
        self.assertStatus(self.req("MKCALENDAR", "/dav/calendars/bupati/kunjungan/", None, {}, "bupati"), 201)
        self.assertStatus(self.req("MKCALENDAR", "/dav/calendars/protokol/rapat/", None, {}, "protokol"), 201)


class QuotaTest(ServerTestCase):
    USERS = (
        ("bupati", "pimpinan", "Bupati", "rahasia-bupati"),
        ("protokol", "protokol", "Staf Protokol", "rahasia-protokol"),
    )
    SERVER_OPTIONS = {"quota.bytes_per_user": QUOTA_BYTES, "quota.calendars_per_user": 3}
    AGENDA = "/dav/calendars/bupati/agenda/"

    def used_and_available(self, path):
        answer = self.propfind(path, "bupati", "D:quota-used-bytes", "D:quota-available-bytes")
        response = answer.responses[0]
        return int(response.text("D:quota-used-bytes")), int(response.text("D:quota-available-bytes"))

    def test_put_past_the_quota_is_507_and_properties_show_it(self):
        used, available = self.used_and_available(self.AGENDA)
        self.assertEqual(QUOTA_BYTES, used + available)
        stored = 0
        for i in range(20):
            answer = self.req("PUT", self.AGENDA + "isi-%d.ics" % i, padded_event("isi-%d" % i, 8000), ICS_HEADERS,
                              "bupati")
            if answer[0] == 507:
                break
            self.assertStatus(answer, 201)
            stored += 1
        else:
            self.fail("20 events of 8 kB passed a quota of 64 KiB")
        self.assertError(answer, (507,), "D:quota-not-exceeded")
        self.assertEqual(404, self.req("GET", self.AGENDA + "isi-%d.ics" % stored, None, {}, "bupati")[0])
        self.assertGreaterEqual(stored, 6)
        # Staff writing into the leader's calendar use the leader's quota.
        self.assertError(self.req("PUT", self.AGENDA + "staf.ics", padded_event("staf", 8000), ICS_HEADERS,
                                  "protokol"), (507,), "D:quota-not-exceeded")

        used, available = self.used_and_available(self.AGENDA)
        one = len(padded_event("isi-0", 8000))
        self.assertEqual(stored * one, used)
        self.assertLess(available, one)
        self.assertEqual((used, available), self.used_and_available("/dav/calendars/bupati/"))
        # Live, but not in allprop.
        everything = self.multistatus(self.req("PROPFIND", self.AGENDA, ALLPROP, dict(XML_HEADERS, Depth="0"),
                                               "bupati"))
        self.assertIsNone(everything.responses[0].prop("D:quota-used-bytes"))

        # Deleting makes room again.
        self.assertStatus(self.req("DELETE", self.AGENDA + "isi-0.ics", None, {}, "bupati"), 204)
        self.assertStatus(self.req("PUT", self.AGENDA + "baru.ics", padded_event("baru", 4000), ICS_HEADERS,
                                   "bupati"), 201)

    def test_mkcalendar_past_the_calendar_quota_is_507(self):
        # bupati has the agenda from `user add`.
        self.assertStatus(self.req("MKCALENDAR", "/dav/calendars/bupati/dua/", None, {}, "bupati"), 201)
        self.assertStatus(self.req("MKCALENDAR", "/dav/calendars/bupati/tiga/", None, {}, "bupati"), 201)
        answer = self.req("MKCALENDAR", "/dav/calendars/bupati/empat/", None, {}, "bupati")
        self.assertError(answer, (507,), "D:quota-not-exceeded")
        self.assertEqual(404, self.req("PROPFIND", "/dav/calendars/bupati/empat/", None, {"Depth": "0"}, "bupati")[0])


X_NS = "urn:example:jadwal"


def proppatch(props, remove=""):
    body = '<?xml version="1.0"?><D:propertyupdate xmlns:D="DAV:" xmlns:X="%s" ' % X_NS
    body += 'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>%s</D:prop></D:set>' % props
    if remove:
        body += "<D:remove><D:prop>%s</D:prop></D:remove>" % remove
    return body + "</D:propertyupdate>"


class PropertyBoundTest(ServerTestCase):
    """Properties are bounded one by one (max_property_bytes, 507 in the
    multistatus) and count in the owner's quota (RFC 4331)."""

    USERS = (("bupati", "pimpinan", "Bupati", "rahasia-bupati"),)
    SERVER_OPTIONS = {"caldav.max_property_bytes": 4096, "quota.bytes_per_user": QUOTA_BYTES}
    AGENDA = "/dav/calendars/bupati/agenda/"

    def kept(self, name):
        body = ('<?xml version="1.0"?><D:propfind xmlns:D="DAV:" xmlns:X="%s"><D:prop><X:%s/></D:prop>'
                '</D:propfind>' % (X_NS, name))
        ms = self.multistatus(self.req("PROPFIND", self.AGENDA, body, dict(XML_HEADERS, Depth="0"), "bupati"))
        return ms.get(self.AGENDA).props.get("{%s}%s" % (X_NS, name), (404, None))[0] == 200

    def test_a_property_over_max_property_bytes_is_507_and_nothing_is_stored(self):
        answer = self.req("PROPPATCH", self.AGENDA, proppatch("<X:kecil>k</X:kecil><X:besar>%s</X:besar>" % (
            "b" * 5000)), XML_HEADERS, "bupati")
        response = self.multistatus(answer).get(self.AGENDA)
        self.assertEqual(507, response.props["{%s}besar" % X_NS][0], answer[2])
        self.assertEqual(424, response.props["{%s}kecil" % X_NS][0], answer[2])
        self.assertIn(b"4096", answer[2])
        self.assertFalse(self.kept("besar"))
        self.assertFalse(self.kept("kecil"))
        # MKCALENDAR's set is bounded the same way and creates nothing.
        path = "/dav/calendars/bupati/besar/"
        body = ('<?xml version="1.0"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" '
                'xmlns:X="%s"><D:set><D:prop><X:besar>%s</X:besar></D:prop></D:set></C:mkcalendar>'
                % (X_NS, "b" * 5000))
        self.assertEqual(507, self.req("MKCALENDAR", path, body, XML_HEADERS, "bupati")[0])
        self.assertEqual(404, self.req("PROPFIND", path, None, {"Depth": "0"}, "bupati")[0])

    def used(self):
        return int(self.propfind(self.AGENDA, "bupati", "D:quota-used-bytes").responses[0].text("D:quota-used-bytes"))

    def test_properties_count_in_the_quota(self):
        used = self.used
        before = used()
        self.assertStatus(self.req("PROPPATCH", self.AGENDA, proppatch("<X:catatan>%s</X:catatan>" % ("c" * 3000)),
                                   XML_HEADERS, "bupati"), 207)
        self.assertGreater(used(), before + 3000)
        # Fill the quota with properties of under 4 KiB each, until one is refused.
        for i in range(40):
            answer = self.req("PROPPATCH", self.AGENDA, proppatch("<X:isi%d>%s</X:isi%d>" % (i, "i" * 3500, i)),
                              XML_HEADERS, "bupati")
            if answer[0] == 507:
                break
            self.assertStatus(answer, 207)
        else:
            self.fail("40 properties of 3.5 kB passed a quota of 64 KiB")
        self.assertError(answer, (507,), "D:quota-not-exceeded")
        self.assertFalse(self.kept("isi%d" % i))
        self.assertLessEqual(used(), QUOTA_BYTES)
        # At the quota, a value replaced by one as long still passes.
        full = used()
        self.assertStatus(self.req("PROPPATCH", self.AGENDA, proppatch("<X:isi0>%s</X:isi0>" % ("j" * 3500)),
                                   XML_HEADERS, "bupati"), 207)
        self.assertEqual(full, used())


class RevisionTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 1000, "workflow.max_revisions": 1}

    def revise(self, code, note="Sudah diperbaiki", letter_bytes=None):
        web = self.web()
        page = self.status_page(code, web)
        action = "/permohonan/%s/revisi" % code
        fields = [(k, v) for k, v in page.form_values(action) if k != "catatan"] + [("catatan", note)]
        letter = letter_bytes if letter_bytes is not None else sample_files.pdf("Revisi")
        return web.post_multipart(action, fields, [("surat", "surat-revisi.pdf", letter, "application/pdf")])

    def test_refused_revisions_leave_nothing_stored(self):
        code, request_id = self.new_request()
        self.decide(request_id, "return", catatan="Surat belum ditandatangani")
        before = blobs(self.srv.db_path)
        for i in range(20):
            big = sample_files.pdf("Revisi %d" % i, padding=512 * 1024)
            answer = self.revise(code, note="x" * 2001, letter_bytes=big)
            self.assertEqual(400, answer.status, answer.describe())
        self.assertEqual(before, blobs(self.srv.db_path))
        self.assertIn("Dikembalikan", self.status_page(code).visible_text)

    def test_the_revision_limit_holds_on_the_page(self):
        code, request_id = self.new_request()
        self.decide(request_id, "return", catatan="Surat belum ditandatangani")
        self.assertEqual(303, self.revise(code).status)
        self.decide(request_id, "return", catatan="Masih kurang cap")
        before = blobs(self.srv.db_path)
        refused = self.revise(code, letter_bytes=sample_files.pdf("Revisi kedua"))
        self.assertEqual(400, refused.status, refused.describe())
        error = refused.by_id("galat-surat")
        self.assertIsNotNone(error, refused.describe())
        self.assertIn("revisi terbanyak", error.text)  # the message, in Indonesian
        self.assertEqual(before, blobs(self.srv.db_path))
        self.assertIn("Dikembalikan", self.status_page(code).visible_text)


class UnusedUploadsTest(RequestTestCase):
    def test_unused_uploads_are_deleted_at_start_and_young_ones_kept(self):
        now = int(time.time())
        with sqlite3.connect(self.srv.db_path, timeout=10) as db:
            db.execute("INSERT INTO blobs (sha256, size, bytes, stored_at) VALUES ('%s', 3, X'616263', ?)" % ("a" * 64),
                       (now - 3 * 86400,))
            db.execute("INSERT INTO blobs (sha256, size, bytes, stored_at) VALUES ('%s', 3, X'646566', ?)" % ("b" * 64),
                       (now - 60,))
        code = self.submit()  # a request's letter is never collected
        self.srv.restart()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with sqlite3.connect(self.srv.db_path, timeout=10) as db:
                left = {row[0] for row in db.execute("SELECT sha256 FROM blobs")}
            if "a" * 64 not in left:
                break
            time.sleep(0.1)
        self.assertNotIn("a" * 64, left)
        self.assertIn("b" * 64, left)
        self.assertIn("deleted 1 uploaded files", self.srv.server_log())
        staff_page = self.request_page(self.request_id(code))
        letter = [l for l in staff_page.links() if l.endswith("/surat-permohonan.pdf")]
        self.assertEqual(1, len(letter), staff_page.describe())
        self.assertEqual(200, self.staff().get(letter[0]).status)


if __name__ == "__main__":
    unittest.main()

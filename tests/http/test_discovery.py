"""Discovery: well-known URL, health, metrics, OPTIONS, principals, calendar
homes per role, and the properties of calendar collections (RFC 4918, 4791,
5397, 6578, 6764)."""

import re
import unittest
import xml.etree.ElementTree as ET

from caldav_http import (ALLPROP, PROPNAME, XML_HEADERS, ServerTestCase, error_elements, propfind_body, qname)


class DiscoveryTest(ServerTestCase):
    USERS = (
        ("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),
        ("wakil", "pimpinan", "Wakil Bupati", "rahasia-wakil"),
        ("protokol1", "protokol", "Staf Protokol", "rahasia-protokol"),
        ("ajudan1", "ajudan", "Ajudan Bupati", "rahasia-ajudan"),
        ("viewer1", "viewer", "Pembaca Satu", "rahasia-viewer1"),
        ("viewer2", "viewer", "Pembaca Dua", "rahasia-viewer2"),
    )

    @classmethod
    def setup_data(cls):
        cls.srv.cli("assign", "ajudan1", "bupati")
        cls.srv.share("wakil/agenda", "viewer1", "read")
        cls.srv.share("wakil/agenda", "viewer2", "write")

    # --- unauthenticated endpoints -------------------------------------------------

    def test_well_known_caldav_redirects_to_dav(self):
        for method in ("GET", "PROPFIND"):
            status, headers, body = self.req(method, "/.well-known/caldav")
            self.assertEqual(301, status, self.describe(status, body))
            self.assertTrue(headers.get("location", "").endswith("/dav/"), headers)

    def test_healthz(self):
        status, _headers, body = self.req("GET", "/healthz")
        self.assertEqual(200, status)

    def test_metrics_prometheus_text(self):
        self.req("GET", "/healthz")
        status, headers, body = self.req("GET", "/metrics")
        self.assertEqual(200, status)
        self.assertIn("text/plain", headers.get("content-type", ""))
        text = body.decode()
        self.assertRegex(text, r'(?m)^jadwal_http_requests_total\{[^}]*method="GET"[^}]*\} \d')
        self.assertRegex(text, r'(?m)^jadwal_http_request_duration_seconds_bucket\{[^}]*le="\+Inf"[^}]*\} \d')
        self.assertRegex(text, r"(?m)^jadwal_http_active_connections(\{[^}]*\})? \d")
        self.assertRegex(text, r"(?m)^# TYPE jadwal_http_requests_total counter")
        self.assertRegex(text, r"(?m)^# TYPE jadwal_http_request_duration_seconds histogram")

    def test_metrics_count_requests(self):
        def count():
            text = self.req("GET", "/metrics")[2].decode()
            total = 0
            for m in re.finditer(r'(?m)^jadwal_http_requests_total\{([^}]*)\} (\d+(?:\.\d+)?)', text):
                if 'method="GET"' in m.group(1) and 'status="404"' in m.group(1):
                    total += float(m.group(2))
            return total
        before = count()
        for _ in range(3):
            self.assertEqual(404, self.req("GET", "/no-such-page-here")[0])
        self.assertEqual(before + 3, count())

    def test_unknown_path_is_404(self):
        self.assertEqual(404, self.req("GET", "/no-such-page")[0])

    # --- OPTIONS ----------------------------------------------------------------

    def test_options_advertises_calendar_access(self):
        status, headers, body = self.req("OPTIONS", "/dav/calendars/bupati/agenda/", user="bupati")
        self.assertIn(status, (200, 204), self.describe(status, body))
        dav = [t.strip() for t in headers.get("dav", "").split(",")]
        self.assertIn("1", dav)
        self.assertTrue("3" in dav or "2" in dav, dav)
        self.assertIn("calendar-access", dav)
        allow = {m.strip() for m in headers.get("allow", "").split(",")}
        for m in ("OPTIONS", "GET", "HEAD", "DELETE", "PROPFIND", "PROPPATCH", "REPORT"):
            self.assertIn(m, allow)

    def test_options_on_object(self):
        status, headers, body = self.req("OPTIONS", "/dav/calendars/bupati/agenda/tidak-ada.ics", user="bupati")
        self.assertIn(status, (200, 204), self.describe(status, body))
        self.assertIn("calendar-access", headers.get("dav", ""))
        self.assertIn("PUT", {m.strip() for m in headers.get("allow", "").split(",")})

    # --- principals ---------------------------------------------------------------

    def test_current_user_principal_on_root_and_dav(self):
        for path in ("/", "/dav/"):
            ms = self.propfind(path, "bupati", "D:current-user-principal")
            self.assertEqual(1, len(ms.responses))
            el = ms.responses[0].prop("D:current-user-principal")
            self.assertIsNotNone(el, path)
            href = el.find("{DAV:}href")
            self.assertIsNotNone(href)
            self.assertTrue(href.text.strip().endswith("/dav/principals/bupati/"), href.text)

    def test_current_user_principal_is_the_caller(self):
        ms = self.propfind("/dav/", "viewer1", "D:current-user-principal")
        href = ms.responses[0].prop("D:current-user-principal").find("{DAV:}href").text
        self.assertTrue(href.strip().endswith("/dav/principals/viewer1/"), href)

    def test_principal_properties(self):
        ms = self.propfind("/dav/principals/bupati/", "bupati", "D:principal-URL", "C:calendar-home-set",
                           "C:calendar-user-address-set", "D:displayname", "D:resourcetype")
        r = ms.get("/dav/principals/bupati/")
        self.assertIsNotNone(r, ms.hrefs())
        self.assertTrue(r.prop("D:principal-URL").find("{DAV:}href").text.strip().endswith("/dav/principals/bupati/"))
        home = r.prop("C:calendar-home-set").find("{DAV:}href").text.strip()
        self.assertTrue(home.endswith("/dav/calendars/bupati/"), home)
        addresses = [h.text for h in r.prop("C:calendar-user-address-set").findall("{DAV:}href")]
        self.assertTrue(addresses, "calendar-user-address-set is empty")
        self.assertEqual("Bupati Ogan", r.text("D:displayname"))
        self.assertIsNotNone(r.prop("D:resourcetype").find("{DAV:}principal"))

    # --- calendar homes ------------------------------------------------------------

    def home_children(self, user):
        ms = self.propfind("/dav/calendars/%s/" % user, user, "D:resourcetype", "D:displayname", depth="1")
        home = "/dav/calendars/%s/" % user
        self.assertIsNotNone(ms.get(home), ms.hrefs())
        calendars = set()
        for r in ms.responses:
            if r.href.rstrip("/") == home.rstrip("/"):
                continue
            rt = r.prop("D:resourcetype")
            if rt is not None and rt.find(qname("C:calendar")) is not None:
                calendars.add(r.href.rstrip("/") + "/")
        return calendars

    def test_leader_home_lists_own_agenda_only(self):
        self.assertEqual({"/dav/calendars/bupati/agenda/"}, self.home_children("bupati"))

    def test_protokol_home_lists_every_leader_agenda(self):
        cals = self.home_children("protokol1")
        self.assertIn("/dav/calendars/protokol1/bupati~agenda/", cals)
        self.assertIn("/dav/calendars/protokol1/wakil~agenda/", cals)

    def test_ajudan_home_lists_assigned_leader_only(self):
        cals = self.home_children("ajudan1")
        self.assertIn("/dav/calendars/ajudan1/bupati~agenda/", cals)
        self.assertNotIn("/dav/calendars/ajudan1/wakil~agenda/", cals)

    def test_viewer_home_lists_shares_only(self):
        self.assertEqual({"/dav/calendars/viewer1/wakil~agenda/"}, self.home_children("viewer1"))

    def test_other_users_home_is_refused(self):
        status, _h, body = self.req("PROPFIND", "/dav/calendars/bupati/", propfind_body("D:displayname"),
                                    dict(XML_HEADERS, Depth="1"), "viewer1")
        self.assertIn(status, (403, 404), self.describe(status, body))
        self.assertNotIn(b"agenda", body)

    def test_depth_infinity_refused(self):
        status, _h, body = self.req("PROPFIND", "/dav/calendars/bupati/", propfind_body("D:displayname"),
                                    dict(XML_HEADERS, Depth="infinity"), "bupati")
        self.assertEqual(403, status, self.describe(status, body))
        self.assertIn(qname("D:propfind-finite-depth"), error_elements(body))

    def test_missing_depth_is_not_infinite_walk(self):
        # RFC 4918 9.1: no Depth header means infinity; this server refuses that too.
        status, _h, body = self.req("PROPFIND", "/dav/calendars/bupati/", propfind_body("D:displayname"),
                                    XML_HEADERS, "bupati")
        self.assertIn(status, (207, 403), self.describe(status, body))
        if status == 403:
            self.assertIn(qname("D:propfind-finite-depth"), error_elements(body))

    # --- calendar properties -----------------------------------------------------------

    CAL = "/dav/calendars/bupati/agenda/"

    def test_calendar_properties(self):
        ms = self.propfind(self.CAL, "bupati", "D:resourcetype", "D:displayname", "C:calendar-description",
                           "A:calendar-color", "C:calendar-timezone", "C:supported-calendar-component-set",
                           "CS:getctag", "D:sync-token", "D:owner", "C:supported-calendar-data")
        r = ms.get(self.CAL)
        self.assertIsNotNone(r, ms.hrefs())
        rt = r.prop("D:resourcetype")
        self.assertIsNotNone(rt.find("{DAV:}collection"))
        self.assertIsNotNone(rt.find(qname("C:calendar")))
        self.assertEqual("Agenda Bupati Ogan", r.text("D:displayname"))
        comps = {c.get("name") for c in r.prop("C:supported-calendar-component-set").findall(qname("C:comp"))}
        self.assertIn("VEVENT", comps)
        self.assertTrue(r.text("CS:getctag"), "empty getctag")
        self.assertTrue(r.text("D:sync-token"), "empty sync-token")
        owner = r.prop("D:owner").find("{DAV:}href").text.strip()
        self.assertTrue(owner.endswith("/dav/principals/bupati/"), owner)
        # description, colour and timezone may be unset (404) but never an error
        for p in ("C:calendar-description", "A:calendar-color", "C:calendar-timezone"):
            self.assertIn(r.prop_status(p), (200, 404), p)
        tz = r.text("C:calendar-timezone")
        if tz:
            self.assertIn("BEGIN:VTIMEZONE", tz)

    def test_supported_report_set(self):
        ms = self.propfind(self.CAL, "bupati", "D:supported-report-set")
        el = ms.get(self.CAL).prop("D:supported-report-set")
        self.assertIsNotNone(el)
        reports = set()
        for sr in el.findall("{DAV:}supported-report"):
            rep = sr.find("{DAV:}report")
            self.assertIsNotNone(rep, ET.tostring(sr, "unicode"))
            reports.update(child.tag for child in rep)
        for name in ("C:calendar-query", "C:calendar-multiget", "C:free-busy-query", "D:sync-collection"):
            self.assertIn(qname(name), reports)

    def privileges(self, path, user):
        ms = self.propfind(path, user, "D:current-user-privilege-set")
        el = ms.get(path).prop("D:current-user-privilege-set")
        self.assertIsNotNone(el, "no current-user-privilege-set for %s on %s" % (user, path))
        return {child.tag for p in el.findall("{DAV:}privilege") for child in p}

    def can_write(self, privs):
        return bool(privs & {"{DAV:}write", "{DAV:}all", "{DAV:}write-content"})

    def test_privileges_owner_can_write(self):
        privs = self.privileges(self.CAL, "bupati")
        self.assertTrue("{DAV:}read" in privs or "{DAV:}all" in privs, privs)
        self.assertTrue("{DAV:}write" in privs or "{DAV:}all" in privs, privs)

    def test_privileges_read_share_is_read_only(self):
        privs = self.privileges("/dav/calendars/viewer1/wakil~agenda/", "viewer1")
        self.assertIn("{DAV:}read", privs)
        self.assertFalse(self.can_write(privs), privs)

    def test_privileges_write_share(self):
        privs = self.privileges("/dav/calendars/viewer2/wakil~agenda/", "viewer2")
        self.assertIn("{DAV:}read", privs)
        self.assertIn("{DAV:}write", privs)

    def test_privileges_ajudan_read_only(self):
        privs = self.privileges("/dav/calendars/ajudan1/bupati~agenda/", "ajudan1")
        self.assertIn("{DAV:}read", privs)
        self.assertFalse(self.can_write(privs), privs)

    def test_privileges_protokol_write(self):
        privs = self.privileges("/dav/calendars/protokol1/bupati~agenda/", "protokol1")
        self.assertTrue("{DAV:}write" in privs or "{DAV:}all" in privs, privs)

    # --- allprop, propname, unknown properties ----------------------------------------------------

    def test_allprop(self):
        ms = self.multistatus(self.req("PROPFIND", self.CAL, ALLPROP, dict(XML_HEADERS, Depth="0"), "bupati"))
        r = ms.get(self.CAL)
        self.assertIsNotNone(r.prop("D:resourcetype"))
        self.assertEqual("Agenda Bupati Ogan", r.text("D:displayname"))
        for tag, (code, _el) in r.props.items():
            self.assertEqual(200, code, "allprop returned %s with %s" % (tag, code))

    def test_propname(self):
        ms = self.multistatus(self.req("PROPFIND", self.CAL, PROPNAME, dict(XML_HEADERS, Depth="0"), "bupati"))
        r = ms.get(self.CAL)
        self.assertIn(qname("D:resourcetype"), r.props)
        self.assertIn(qname("D:displayname"), r.props)
        for tag, (code, el) in r.props.items():
            self.assertEqual(200, code)
            self.assertEqual(0, len(el), "propname must give empty elements, got children in %s" % tag)
            self.assertFalse((el.text or "").strip(), "propname must give empty elements, got text in %s" % tag)

    def test_empty_body_is_allprop(self):
        ms = self.multistatus(self.req("PROPFIND", self.CAL, b"", {"Depth": "0"}, "bupati"))
        self.assertEqual("Agenda Bupati Ogan", ms.get(self.CAL).text("D:displayname"))

    def test_unknown_property_is_404_propstat(self):
        body = ('<?xml version="1.0"?><D:propfind xmlns:D="DAV:" xmlns:X="urn:example:x">'
                '<D:prop><D:displayname/><X:nonexistent/></D:prop></D:propfind>')
        ms = self.multistatus(self.req("PROPFIND", self.CAL, body, dict(XML_HEADERS, Depth="0"), "bupati"))
        r = ms.get(self.CAL)
        self.assertEqual(200, r.prop_status("D:displayname"))
        self.assertEqual(404, r.props["{urn:example:x}nonexistent"][0])

    def test_depth_one_on_calendar_lists_objects(self):
        ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:disc-1\r\n"
               "DTSTAMP:20240101T000000Z\r\nDTSTART:20240610T030000Z\r\nDTEND:20240610T040000Z\r\n"
               "SUMMARY:Apel\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        put = self.req("PUT", self.CAL + "disc-1.ics", ics, {"Content-Type": "text/calendar"}, "bupati")
        self.assertStatus(put, 201, 204)
        ms = self.propfind(self.CAL, "bupati", "D:getetag", "D:getcontenttype", "D:resourcetype", depth="1")
        obj = ms.get(self.CAL + "disc-1.ics")
        self.assertIsNotNone(obj, ms.hrefs())
        self.assertEqual(put[1].get("etag"), obj.text("D:getetag"))
        self.assertIn("text/calendar", obj.text("D:getcontenttype"))
        self.assertEqual(0, len(obj.prop("D:resourcetype")), "an object is not a collection")


if __name__ == "__main__":
    unittest.main()

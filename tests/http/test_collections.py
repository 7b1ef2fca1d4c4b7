"""Calendar collections: MKCALENDAR (RFC 4791 5.3.1), extended MKCOL (RFC 5689),
PROPPATCH (RFC 4918 9.2) and DELETE of a collection."""

import unittest

from caldav_http import (ICS_HEADERS, XML_HEADERS, XMLNS, Multistatus, ServerTestCase, error_elements, event_ics,
                         propfind_body, qname)

HOME = "/dav/calendars/bupati/"

JAKARTA_TZ = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VTIMEZONE\r\nTZID:Asia/Jakarta\r\n"
              "BEGIN:STANDARD\r\nTZOFFSETFROM:+0700\r\nTZOFFSETTO:+0700\r\nTZNAME:WIB\r\n"
              "DTSTART:19700101T000000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n")


def mkcalendar_body(displayname=None, components=None, description=None):
    props = ""
    if displayname is not None:
        props += "<D:displayname>%s</D:displayname>" % displayname
    if description is not None:
        props += "<C:calendar-description>%s</C:calendar-description>" % description
    if components:
        props += ("<C:supported-calendar-component-set>%s</C:supported-calendar-component-set>"
                  % "".join('<C:comp name="%s"/>' % c for c in components))
    return ('<?xml version="1.0" encoding="utf-8"?><C:mkcalendar %s><D:set><D:prop>%s</D:prop></D:set>'
            '</C:mkcalendar>' % (XMLNS, props))


def proppatch_body(set_props="", remove_props=""):
    body = '<?xml version="1.0" encoding="utf-8"?><D:propertyupdate %s>' % XMLNS
    if set_props:
        body += "<D:set><D:prop>%s</D:prop></D:set>" % set_props
    if remove_props:
        body += "<D:remove><D:prop>%s</D:prop></D:remove>" % remove_props
    return body + "</D:propertyupdate>"


class CollectionsTest(ServerTestCase):
    USERS = (
        ("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),
        ("wakil", "pimpinan", "Wakil Bupati", "rahasia-wakil"),
        ("pembaca", "viewer", "Pembaca", "rahasia-pembaca"),
        ("protokol1", "protokol", "Staf Protokol", "rahasia-protokol"),
    )

    @classmethod
    def setup_data(cls):
        cls.srv.share("bupati/agenda", "pembaca", "read")

    def mkcalendar(self, path, body, user="bupati"):
        return self.req("MKCALENDAR", path, body, XML_HEADERS, user)

    def test_mkcalendar_with_initial_properties(self):
        path = HOME + "kunjungan/"
        status, _h, body = self.mkcalendar(path, mkcalendar_body("Kunjungan Kerja", ["VEVENT"], "Kunjungan ke desa"))
        self.assertEqual(201, status, self.describe(status, body))
        ms = self.propfind(path, "bupati", "D:resourcetype", "D:displayname", "C:calendar-description",
                           "C:supported-calendar-component-set")
        r = ms.get(path)
        self.assertIsNotNone(r.prop("D:resourcetype").find(qname("C:calendar")))
        self.assertEqual("Kunjungan Kerja", r.text("D:displayname"))
        self.assertEqual("Kunjungan ke desa", r.text("C:calendar-description"))
        comps = [c.get("name") for c in r.prop("C:supported-calendar-component-set").findall(qname("C:comp"))]
        self.assertEqual(["VEVENT"], comps)
        ms = self.propfind(HOME, "bupati", "D:displayname", depth="1")
        self.assertIsNotNone(ms.get(path), "new calendar listed in the home: %s" % ms.hrefs())

    def test_mkcalendar_without_body(self):
        path = HOME + "polos/"
        status, _h, body = self.req("MKCALENDAR", "/dav/calendars/bupati/polos/", None, {}, "bupati")
        self.assertEqual(201, status, self.describe(status, body))
        ms = self.propfind(path, "bupati", "D:resourcetype", "C:supported-calendar-component-set")
        self.assertIsNotNone(ms.get(path).prop("D:resourcetype").find(qname("C:calendar")))
        self.assertEqual(201, self.req("PUT", path + "a.ics", event_ics("polos-a"), ICS_HEADERS, "bupati")[0])

    def test_mkcalendar_existing_is_405(self):
        status, _h, body = self.mkcalendar(HOME + "agenda/", mkcalendar_body("Lagi"))
        if status == 403:
            self.assertIn(qname("D:resource-must-be-null"), error_elements(body), self.describe(status, body))
        else:
            self.assertEqual(405, status, self.describe(status, body))
        ms = self.propfind(HOME + "agenda/", "bupati", "D:displayname")
        self.assertEqual("Agenda Bupati Ogan", ms.get(HOME + "agenda/").text("D:displayname"))

    def test_mkcalendar_in_other_home_is_403(self):
        status, _h, body = self.mkcalendar("/dav/calendars/wakil/susupan/", mkcalendar_body("Susupan"))
        self.assertEqual(403, status, self.describe(status, body))
        status, _h, body = self.req("PROPFIND", "/dav/calendars/wakil/susupan/", propfind_body("D:displayname"),
                                    dict(XML_HEADERS, Depth="0"), "wakil")
        self.assertEqual(404, status, self.describe(status, body))

    def test_mkcalendar_inside_calendar_refused(self):
        status, _h, body = self.mkcalendar(HOME + "agenda/dalam/", mkcalendar_body("Dalam"))
        self.assertIn(status, (403, 405, 409), self.describe(status, body))

    def test_mkcalendar_with_bad_xml(self):
        status, _h, body = self.mkcalendar(HOME + "rusak/", "<C:mkcalendar xmlns:C='urn:ietf:params:xml:ns:caldav'>")
        self.assertEqual(400, status, self.describe(status, body))

    def test_extended_mkcol_creates_calendar(self):
        path = HOME + "mkcol/"
        body = ('<?xml version="1.0" encoding="utf-8"?><D:mkcol %s><D:set><D:prop><D:resourcetype><D:collection/>'
                '<C:calendar/></D:resourcetype><D:displayname>Lewat MKCOL</D:displayname></D:prop></D:set>'
                '</D:mkcol>' % XMLNS)
        status, _h, resp = self.req("MKCOL", path, body, XML_HEADERS, "bupati")
        self.assertEqual(201, status, self.describe(status, resp))
        ms = self.propfind(path, "bupati", "D:resourcetype", "D:displayname")
        r = ms.get(path)
        self.assertIsNotNone(r.prop("D:resourcetype").find(qname("C:calendar")))
        self.assertEqual("Lewat MKCOL", r.text("D:displayname"))

    def test_proppatch_sets_properties(self):
        path = HOME + "ubah/"
        self.assertEqual(201, self.mkcalendar(path, mkcalendar_body("Awal"))[0])
        body = proppatch_body(
            "<D:displayname>Nama Baru</D:displayname>"
            "<C:calendar-description>Keterangan &amp; catatan</C:calendar-description>"
            "<A:calendar-color>#FF8800FF</A:calendar-color>"
            "<C:calendar-timezone><![CDATA[%s]]></C:calendar-timezone>" % JAKARTA_TZ)
        ms = self.multistatus(self.req("PROPPATCH", path, body, XML_HEADERS, "bupati"))
        r = ms.get(path)
        for p in ("D:displayname", "C:calendar-description", "A:calendar-color", "C:calendar-timezone"):
            self.assertEqual(200, r.prop_status(p), p)
        ms = self.propfind(path, "bupati", "D:displayname", "C:calendar-description", "A:calendar-color",
                           "C:calendar-timezone", "CS:getctag")
        r = ms.get(path)
        self.assertEqual("Nama Baru", r.text("D:displayname"))
        self.assertEqual("Keterangan & catatan", r.text("C:calendar-description"))
        self.assertEqual("#FF8800FF", r.text("A:calendar-color"))
        self.assertIn("TZID:Asia/Jakarta", r.text("C:calendar-timezone"))

    def test_proppatch_remove(self):
        path = HOME + "hapus-prop/"
        self.assertEqual(201, self.mkcalendar(path, mkcalendar_body("Ada", description="akan dihapus"))[0])
        ms = self.multistatus(self.req("PROPPATCH", path, proppatch_body(remove_props="<C:calendar-description/>"),
                                       XML_HEADERS, "bupati"))
        self.assertEqual(200, ms.get(path).prop_status("C:calendar-description"))
        r = self.propfind(path, "bupati", "C:calendar-description").get(path)
        self.assertTrue(r.prop_status("C:calendar-description") == 404 or not r.text("C:calendar-description"))

    def test_proppatch_dead_property_round_trip(self):
        path = HOME + "agenda/"
        body = ('<?xml version="1.0"?><D:propertyupdate xmlns:D="DAV:" xmlns:X="urn:example:jadwal">'
                '<D:set><D:prop><X:catatan>isi <X:b>tebal</X:b></X:catatan></D:prop></D:set></D:propertyupdate>')
        ms = self.multistatus(self.req("PROPPATCH", path, body, XML_HEADERS, "bupati"))
        self.assertEqual(200, ms.get(path).props["{urn:example:jadwal}catatan"][0])
        pf = ('<?xml version="1.0"?><D:propfind xmlns:D="DAV:" xmlns:X="urn:example:jadwal"><D:prop><X:catatan/>'
              '</D:prop></D:propfind>')
        ms = self.multistatus(self.req("PROPFIND", path, pf, dict(XML_HEADERS, Depth="0"), "bupati"))
        code, el = ms.get(path).props["{urn:example:jadwal}catatan"]
        self.assertEqual(200, code)
        self.assertEqual("tebal", el.find("{urn:example:jadwal}b").text)

    def test_proppatch_protected_property_is_atomic(self):
        path = HOME + "lindung/"
        self.assertEqual(201, self.mkcalendar(path, mkcalendar_body("Terlindung"))[0])
        for protected in ('<D:getetag>"palsu"</D:getetag>', "<D:resourcetype><D:collection/></D:resourcetype>"):
            body = proppatch_body("<D:displayname>Tidak Boleh</D:displayname>" + protected +
                                  "<C:calendar-description>juga tidak</C:calendar-description>")
            ms = self.multistatus(self.req("PROPPATCH", path, body, XML_HEADERS, "bupati"))
            r = ms.get(path)
            protected_name = "D:getetag" if "getetag" in protected else "D:resourcetype"
            self.assertEqual(403, r.prop_status(protected_name), protected)
            self.assertEqual(424, r.prop_status("D:displayname"))
            self.assertEqual(424, r.prop_status("C:calendar-description"))
            after = self.propfind(path, "bupati", "D:displayname", "C:calendar-description",
                                  "D:resourcetype").get(path)
            self.assertEqual("Terlindung", after.text("D:displayname"), "PROPPATCH must be atomic")
            self.assertNotEqual("juga tidak", after.text("C:calendar-description"))
            self.assertIsNotNone(after.prop("D:resourcetype").find(qname("C:calendar")))

    def test_proppatch_by_read_share_refused(self):
        body = proppatch_body("<D:displayname>Diubah Pembaca</D:displayname>")
        status, _h, resp = self.req("PROPPATCH", "/dav/calendars/pembaca/bupati~agenda/", body, XML_HEADERS,
                                    "pembaca")
        if status == 207:
            r = Multistatus(resp).responses[0]
            self.assertEqual(403, r.prop_status("D:displayname"))
        else:
            self.assertEqual(403, status, self.describe(status, resp))
        name = self.propfind(HOME + "agenda/", "bupati", "D:displayname").get(HOME + "agenda/").text("D:displayname")
        self.assertEqual("Agenda Bupati Ogan", name)

    def test_proppatch_malformed(self):
        status, _h, body = self.req("PROPPATCH", HOME + "agenda/", "<D:propertyupdate xmlns:D='DAV:'><D:set>",
                                    XML_HEADERS, "bupati")
        self.assertEqual(400, status, self.describe(status, body))

    def test_delete_calendar(self):
        path = HOME + "dibuang/"
        self.assertEqual(201, self.mkcalendar(path, mkcalendar_body("Dibuang"))[0])
        self.assertEqual(201, self.req("PUT", path + "x.ics", event_ics("dibuang-x"), ICS_HEADERS, "bupati")[0])
        status, _h, body = self.req("DELETE", path, user="bupati")
        self.assertEqual(204, status, self.describe(status, body))
        self.assertEqual(404, self.req("GET", path + "x.ics", user="bupati")[0])
        status, _h, body = self.req("PROPFIND", path, propfind_body("D:displayname"), dict(XML_HEADERS, Depth="0"),
                                    "bupati")
        self.assertEqual(404, status, self.describe(status, body))
        # the name can be used again, and the old objects are gone
        self.assertEqual(201, self.mkcalendar(path, mkcalendar_body("Dibuang lagi"))[0])
        self.assertEqual(404, self.req("GET", path + "x.ics", user="bupati")[0])
        self.assertEqual(201, self.req("PUT", path + "x.ics", event_ics("dibuang-x"), ICS_HEADERS, "bupati")[0])

    def test_delete_calendar_by_others_refused(self):
        path = HOME + "milik-bupati/"
        self.assertEqual(201, self.mkcalendar(path, mkcalendar_body("Milik Bupati"))[0])
        self.srv.share("bupati/milik-bupati", "pembaca", "read")
        for user, target in (("wakil", path), ("pembaca", path),
                             ("pembaca", "/dav/calendars/pembaca/bupati~milik-bupati/")):
            status, _h, body = self.req("DELETE", target, user=user)
            self.assertIn(status, (403, 404) if user == "wakil" else (403,), user + ": " + self.describe(status, body))
        self.assertEqual(200, self.propfind(path, "bupati", "D:displayname").get(path).prop_status("D:displayname"))

    def test_delete_home_refused(self):
        status, _h, body = self.req("DELETE", HOME, user="bupati")
        self.assertIn(status, (403, 405), self.describe(status, body))
        self.assertEqual(207, self.req("PROPFIND", HOME + "agenda/", propfind_body("D:displayname"),
                                       dict(XML_HEADERS, Depth="0"), "bupati")[0])


if __name__ == "__main__":
    unittest.main()

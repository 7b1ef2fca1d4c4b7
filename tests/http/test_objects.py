"""Calendar object resources: PUT, GET, HEAD, DELETE, conditional requests
(RFC 7232), the CalDAV preconditions of RFC 4791 5.3.2.1, and access."""

import unittest

import xml.etree.ElementTree as ET

from caldav_http import (ICS_HEADERS, XML_HEADERS, ServerTestCase, components, error_elements, event_ics,
                         normalize_href, propfind_body, qname, vcalendar, vevent)

CAL = "/dav/calendars/bupati/agenda/"


class ObjectsTest(ServerTestCase):
    USERS = (
        ("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),
        ("wakil", "pimpinan", "Wakil Bupati", "rahasia-wakil"),
        ("pembaca", "viewer", "Pembaca", "rahasia-pembaca"),
        ("penulis", "viewer", "Penulis", "rahasia-penulis"),
        ("orang", "viewer", "Orang Lain", "rahasia-orang"),
        ("protokol1", "protokol", "Staf Protokol", "rahasia-protokol"),
        ("ajudan1", "ajudan", "Ajudan", "rahasia-ajudan"),
    )

    @classmethod
    def setup_data(cls):
        cls.srv.share("bupati/agenda", "pembaca", "read")
        cls.srv.share("bupati/agenda", "penulis", "write")
        cls.srv.cli("assign", "ajudan1", "bupati")
        body = ('<?xml version="1.0"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
                '<D:set><D:prop><D:displayname>Hanya acara</D:displayname><C:supported-calendar-component-set>'
                '<C:comp name="VEVENT"/></C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>')
        status, _h, resp = cls.req("MKCALENDAR", "/dav/calendars/bupati/acara/", body, XML_HEADERS, "bupati")
        if status != 201:
            raise AssertionError("MKCALENDAR of the VEVENT-only calendar: %s %r" % (status, resp[:500]))

    def put(self, path, ics, user="bupati", headers=None):
        return self.req("PUT", path, ics, dict(ICS_HEADERS, **(headers or {})), user)

    # --- the happy path ---------------------------------------------------------------

    def test_put_get_head_update_delete(self):
        path = CAL + "siklus.ics"
        ics = event_ics("siklus-1", summary="Apel Gabungan ASN")
        status, headers, body = self.put(path, ics, headers={"If-None-Match": "*"})
        self.assertEqual(201, status, self.describe(status, body))
        etag = headers.get("etag")
        self.assertTrue(etag and etag.startswith('"') and etag.endswith('"'), "strong ETag expected: %r" % etag)

        status, headers, body = self.req("GET", path, user="bupati")
        self.assertEqual(200, status)
        self.assertEqual(etag, headers.get("etag"))
        self.assertTrue(headers.get("content-type", "").startswith("text/calendar"), headers)
        self.assertEqual(ics, body, "GET must return the data as stored")

        status, headers, body = self.req("HEAD", path, user="bupati")
        self.assertEqual(200, status)
        self.assertEqual(etag, headers.get("etag"))
        self.assertEqual(b"", body)

        ics2 = event_ics("siklus-1", summary="Apel Gabungan ASN (diubah)")
        status, headers, body = self.put(path, ics2, headers={"If-Match": etag})
        self.assertEqual(204, status, self.describe(status, body))
        etag2 = headers.get("etag")
        self.assertTrue(etag2)
        self.assertNotEqual(etag, etag2)
        status, headers, body = self.req("GET", path, user="bupati")
        self.assertEqual(ics2, body)
        self.assertEqual(etag2, headers.get("etag"))

        status, _h, body = self.req("DELETE", path, headers={"If-Match": etag}, user="bupati")
        self.assertEqual(412, status, "DELETE with a stale If-Match: " + self.describe(status, body))
        self.assertEqual(200, self.req("GET", path, user="bupati")[0])
        status, _h, body = self.req("DELETE", path, headers={"If-Match": etag2}, user="bupati")
        self.assertEqual(204, status, self.describe(status, body))
        self.assertEqual(404, self.req("GET", path, user="bupati")[0])
        self.assertEqual(404, self.req("DELETE", path, user="bupati")[0])

    def test_etag_matches_propfind_getetag(self):
        path = CAL + "etag.ics"
        status, headers, _b = self.put(path, event_ics("etag-1"))
        self.assertEqual(201, status)
        ms = self.propfind(path, "bupati", "D:getetag", "D:getcontenttype")
        self.assertEqual(headers["etag"], ms.get(path).text("D:getetag"))

    def test_get_missing_is_404(self):
        self.assertEqual(404, self.req("GET", CAL + "tidak-ada.ics", user="bupati")[0])

    def test_if_match_on_create_fails(self):
        status, _h, body = self.put(CAL + "baru-ifmatch.ics", event_ics("baru-ifmatch"),
                                    headers={"If-Match": '"whatever"'})
        self.assertEqual(412, status, self.describe(status, body))
        self.assertEqual(404, self.req("GET", CAL + "baru-ifmatch.ics", user="bupati")[0])

    def test_wrong_if_match_on_update(self):
        path = CAL + "ifmatch.ics"
        self.assertEqual(201, self.put(path, event_ics("ifmatch-1", summary="Asli"))[0])
        status, _h, body = self.put(path, event_ics("ifmatch-1", summary="Ditimpa"), headers={"If-Match": '"salah"'})
        self.assertEqual(412, status, self.describe(status, body))
        self.assertIn(b"SUMMARY:Asli", self.req("GET", path, user="bupati")[2])

    def test_if_none_match_star_on_existing(self):
        path = CAL + "inm.ics"
        self.assertEqual(201, self.put(path, event_ics("inm-1", summary="Asli"))[0])
        status, _h, body = self.put(path, event_ics("inm-1", summary="Ditimpa"), headers={"If-None-Match": "*"})
        self.assertEqual(412, status, self.describe(status, body))
        self.assertIn(b"SUMMARY:Asli", self.req("GET", path, user="bupati")[2])

    def test_put_without_precondition_overwrites(self):
        path = CAL + "timpa.ics"
        self.assertEqual(201, self.put(path, event_ics("timpa-1", summary="Satu"))[0])
        self.assertEqual(204, self.put(path, event_ics("timpa-1", summary="Dua"))[0])
        self.assertIn(b"SUMMARY:Dua", self.req("GET", path, user="bupati")[2])

    def test_put_timezone_event_keeps_tzid(self):
        path = CAL + "wib.ics"
        ics = vcalendar(vevent("wib-1", start="DTSTART;TZID=Asia/Jakarta:20240610T080000",
                               end="DTEND;TZID=Asia/Jakarta:20240610T090000"), timezone=True)
        self.assertEqual(201, self.put(path, ics)[0])
        body = self.req("GET", path, user="bupati")[2]
        ev = components(body, "VEVENT")[0]
        self.assertTrue(any(l.startswith("DTSTART;TZID=Asia/Jakarta:20240610T080000") for l in ev), ev)

    # --- RFC 4791 5.3.2.1 preconditions --------------------------------------------------------

    def test_invalid_icalendar(self):
        for name, data in (("sampah.ics", b"ini bukan iCalendar sama sekali"),
                           ("terpotong.ics", b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n"),
                           ("kosong.ics", b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nEND:VCALENDAR\r\n")):
            status, _h, body = self.put(CAL + name, data)
            self.assertIn(status, (400, 403, 415), name + ": " + self.describe(status, body))
            if status != 400:
                # A VCALENDAR without any component breaks RFC 5545 (1*component) and the
                # one-component rule of RFC 4791 4.1 alike: either precondition names it.
                allowed = {qname("C:valid-calendar-data")}
                if name == "kosong.ics":
                    allowed.add(qname("C:valid-calendar-object-resource"))
                self.assertTrue(allowed & error_elements(body), name + ": " + self.describe(status, body))
            self.assertEqual(404, self.req("GET", CAL + name, user="bupati")[0])

    def test_event_without_uid_or_dtstart(self):
        no_uid = vcalendar("BEGIN:VEVENT\nDTSTAMP:20240101T000000Z\nDTSTART:20240610T030000Z\nSUMMARY:x\nEND:VEVENT")
        status, _h, body = self.put(CAL + "tanpa-uid.ics", no_uid)
        self.assertIn(status, (400, 403), self.describe(status, body))
        if status == 403:
            self.assertTrue({qname("C:valid-calendar-data"), qname("C:valid-calendar-object-resource")}
                            & error_elements(body), self.describe(status, body))
        self.assertEqual(404, self.req("GET", CAL + "tanpa-uid.ics", user="bupati")[0])

    def test_two_uids_in_one_resource(self):
        ics = vcalendar(vevent("dua-a"), vevent("dua-b"))
        self.assertError(self.put(CAL + "dua-uid.ics", ics), (403,), "C:valid-calendar-object-resource")
        self.assertEqual(404, self.req("GET", CAL + "dua-uid.ics", user="bupati")[0])

    def test_mixed_component_types_in_one_resource(self):
        todo = "BEGIN:VTODO\nUID:campur\nDTSTAMP:20240101T000000Z\nSUMMARY:t\nEND:VTODO"
        ics = vcalendar(vevent("campur"), todo)
        self.assertError(self.put("/dav/calendars/bupati/agenda/campur.ics", ics), (403,),
                         "C:valid-calendar-object-resource")

    def test_method_property_refused(self):
        # RFC 4791 4.1: calendar object resources MUST NOT specify the METHOD property.
        ics = event_ics("metode-1").replace(b"VERSION:2.0\r\n", b"VERSION:2.0\r\nMETHOD:REQUEST\r\n")
        self.assertError(self.put(CAL + "metode.ics", ics), (403,), "C:valid-calendar-object-resource")

    def test_uid_conflict(self):
        first = CAL + "uid-asli.ics"
        self.assertEqual(201, self.put(first, event_ics("uid-sama"))[0])
        status, _h, body = answer = self.put(CAL + "uid-kembar.ics", event_ics("uid-sama", summary="kembar"))
        self.assertError(answer, (403,), "C:no-uid-conflict")
        conflict = ET.fromstring(body).find(qname("C:no-uid-conflict"))
        hrefs = [normalize_href(h.text) for h in conflict.findall("{DAV:}href")]
        self.assertEqual([first], hrefs, "no-uid-conflict must name the existing resource")
        self.assertEqual(404, self.req("GET", CAL + "uid-kembar.ics", user="bupati")[0])

    def test_same_uid_in_another_calendar_is_fine(self):
        self.assertEqual(201, self.put(CAL + "lintas.ics", event_ics("uid-lintas"))[0])
        self.assertEqual(201, self.put("/dav/calendars/bupati/acara/lintas.ics", event_ics("uid-lintas"))[0])

    def test_changing_uid_of_existing_resource(self):
        path = CAL + "ubah-uid.ics"
        self.assertEqual(201, self.put(path, event_ics("uid-awal"))[0])
        # RFC 4791 5.3.2.1: a PUT may not change the UID of an existing resource (no-uid-conflict).
        self.assertError(self.put(path, event_ics("uid-lain")), (403,), "C:no-uid-conflict")

    def test_vtodo_in_vevent_only_calendar(self):
        todo = vcalendar("BEGIN:VTODO\nUID:tugas-1\nDTSTAMP:20240101T000000Z\nSUMMARY:Tugas\nEND:VTODO")
        self.assertError(self.put("/dav/calendars/bupati/acara/tugas.ics", todo), (403,),
                         "C:supported-calendar-component")
        self.assertEqual(404, self.req("GET", "/dav/calendars/bupati/acara/tugas.ics", user="bupati")[0])

    def test_wrong_content_type(self):
        status, _h, body = answer = self.req("PUT", CAL + "teks.ics", event_ics("teks-1"),
                                             {"Content-Type": "text/plain"}, "bupati")
        self.assertIn(status, (403, 415), self.describe(status, body))
        if status == 403:
            self.assertError(answer, (403,), "C:supported-calendar-data")
        self.assertEqual(404, self.req("GET", CAL + "teks.ics", user="bupati")[0])

    def test_put_on_collection_path_refused(self):
        status, _h, body = self.put(CAL, event_ics("koleksi-1"))
        self.assertIn(status, (403, 405, 409), self.describe(status, body))

    def test_put_into_missing_calendar(self):
        status, _h, body = self.put("/dav/calendars/bupati/tidak-ada/a.ics", event_ics("hilang-1"))
        self.assertIn(status, (404, 409), self.describe(status, body))

    # --- access -------------------------------------------------------------------------------------

    def test_read_share_can_read_not_write(self):
        path = CAL + "berbagi.ics"
        self.assertEqual(201, self.put(path, event_ics("berbagi-1", summary="Rapat Berbagi"))[0])
        alias = "/dav/calendars/pembaca/bupati~agenda/berbagi.ics"
        status, _h, body = self.req("GET", alias, user="pembaca")
        self.assertEqual(200, status, self.describe(status, body))
        self.assertIn(b"Rapat Berbagi", body)
        self.assertEqual(403, self.put(alias, event_ics("berbagi-1", summary="X"), user="pembaca")[0])
        self.assertEqual(403, self.put(alias.replace("berbagi.ics", "baru.ics"), event_ics("pembaca-baru"),
                                       user="pembaca")[0])
        self.assertEqual(403, self.req("DELETE", alias, user="pembaca")[0])
        self.assertIn(b"Rapat Berbagi", self.req("GET", path, user="bupati")[2])
        self.assertEqual(404, self.req("GET", CAL + "baru.ics", user="bupati")[0])

    def test_read_share_direct_path_write_refused(self):
        self.assertEqual(403, self.put(CAL + "langsung.ics", event_ics("langsung-1"), user="pembaca")[0])
        self.assertEqual(404, self.req("GET", CAL + "langsung.ics", user="bupati")[0])

    def test_write_share_can_write(self):
        alias = "/dav/calendars/penulis/bupati~agenda/dari-penulis.ics"
        status, _h, body = self.put(alias, event_ics("penulis-1", summary="Dari penulis"), user="penulis")
        self.assertEqual(201, status, self.describe(status, body))
        status, _h, body = self.req("GET", CAL + "dari-penulis.ics", user="bupati")
        self.assertEqual(200, status, "a write through the alias lands in the owner's calendar")
        self.assertIn(b"Dari penulis", body)

    def test_protokol_writes_leader_agenda(self):
        alias = "/dav/calendars/protokol1/wakil~agenda/dari-protokol.ics"
        status, _h, body = self.put(alias, event_ics("protokol-1", summary="Audiensi"), user="protokol1")
        self.assertEqual(201, status, self.describe(status, body))
        self.assertIn(b"Audiensi", self.req("GET", "/dav/calendars/wakil/agenda/dari-protokol.ics", user="wakil")[2])

    def test_ajudan_reads_but_cannot_write(self):
        self.assertEqual(201, self.put(CAL + "ajudan-baca.ics", event_ics("ajudan-baca"))[0])
        alias = "/dav/calendars/ajudan1/bupati~agenda/ajudan-baca.ics"
        self.assertEqual(200, self.req("GET", alias, user="ajudan1")[0])
        self.assertEqual(403, self.put(alias, event_ics("ajudan-baca", summary="X"), user="ajudan1")[0])
        self.assertEqual(403, self.req("DELETE", alias, user="ajudan1")[0])
        self.assertEqual(200, self.req("GET", CAL + "ajudan-baca.ics", user="bupati")[0])
        status, _h, body = self.req("PROPFIND", "/dav/calendars/wakil/agenda/", propfind_body("D:displayname"),
                                    dict(XML_HEADERS, Depth="0"), "ajudan1")
        self.assertIn(status, (403, 404), "an aide sees only the assigned leader: " + self.describe(status, body))

    def test_invisible_calendar_never_leaks(self):
        self.assertEqual(201, self.put(CAL + "rahasia.ics", event_ics("rahasia-1", summary="Pertemuan Tertutup"))[0])
        for path in (CAL + "rahasia.ics", "/dav/calendars/orang/bupati~agenda/rahasia.ics"):
            status, _h, body = self.req("GET", path, user="orang")
            self.assertIn(status, (403, 404), path + ": " + self.describe(status, body))
            self.assertNotIn(b"Pertemuan Tertutup", body)
        status, _h, body = self.req("PROPFIND", CAL, propfind_body("D:getetag"), dict(XML_HEADERS, Depth="1"),
                                    "orang")
        self.assertIn(status, (403, 404), self.describe(status, body))
        self.assertNotIn(b"rahasia.ics", body)
        report = ('<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
                  '<D:prop><C:calendar-data/></D:prop><C:filter><C:comp-filter name="VCALENDAR"/></C:filter>'
                  '</C:calendar-query>')
        status, _h, body = self.req("REPORT", CAL, report, dict(XML_HEADERS, Depth="1"), "orang")
        self.assertIn(status, (403, 404), self.describe(status, body))
        self.assertNotIn(b"Pertemuan Tertutup", body)
        status, _h, body = self.put(CAL + "susup.ics", event_ics("susup-1"), user="orang")
        self.assertIn(status, (403, 404), self.describe(status, body))
        self.assertEqual(404, self.req("GET", CAL + "susup.ics", user="bupati")[0])
        status, _h, body = self.req("DELETE", CAL + "rahasia.ics", user="orang")
        self.assertIn(status, (403, 404), self.describe(status, body))
        self.assertEqual(200, self.req("GET", CAL + "rahasia.ics", user="bupati")[0])

    def test_leader_cannot_read_other_leader(self):
        status, _h, body = self.req("GET", "/dav/calendars/wakil/agenda/dari-protokol.ics", user="bupati")
        self.assertIn(status, (403, 404), self.describe(status, body))
        self.assertNotIn(b"Audiensi", body)


class ObjectSizeTest(ServerTestCase):
    USERS = (("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),)

    def test_object_over_resource_limit(self):
        # Larger than the 1 MiB object limit, smaller than the 10 MiB body limit.
        # One DESCRIPTION folded over many lines (RFC 5545 allows it only once per VEVENT).
        description = "DESCRIPTION:" + "x" * 60 + ("\n " + "x" * 70) * 16000
        ics = vcalendar(vevent("besar-1", extra=description))
        self.assertGreater(len(ics), 1 << 20)
        status, _h, body = self.req("PUT", CAL + "besar.ics", ics, ICS_HEADERS, "bupati")
        self.assertIn(status, (403, 413), self.describe(status, body))
        if status == 403:
            self.assertError((status, _h, body), (403,), "C:max-resource-size")
        self.assertEqual(404, self.req("GET", CAL + "besar.ics", user="bupati")[0])

    def test_object_under_limit_accepted(self):
        ics = vcalendar(vevent("sedang-1", extra="DESCRIPTION:" + "y" * 60 + ("\n " + "y" * 70) * 100))
        self.assertEqual(201, self.req("PUT", CAL + "sedang.ics", ics, ICS_HEADERS, "bupati")[0])

    def test_max_resource_size_property(self):
        ms = self.propfind(CAL, "bupati", "C:max-resource-size")
        status = ms.get(CAL).prop_status("C:max-resource-size")
        self.assertIn(status, (200, 404))
        if status == 200:
            self.assertGreaterEqual(int(ms.get(CAL).text("C:max-resource-size")), 1 << 16)


if __name__ == "__main__":
    unittest.main()

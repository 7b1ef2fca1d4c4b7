"""The staff agenda (/staf/agenda) with its WhatsApp text, the same text for scripts
(/staf/agenda.txt, a session or HTTP Basic) and the printable PDF (/staf/agenda.pdf),
on events entered in a calendar client (PUT as Thunderbird writes them). The public
agenda is in test_agenda_public.py."""

import datetime
import re
import unittest
import urllib.parse

from agenda_fixtures import REGION, SIGNATURE, AgendaTestCase, day_ahead, day_name
from jadwal_requests import activity_day, credentials, valid_fields
from jadwal_server import WebSession

DAY = day_ahead(30)
OTHER_DAY = day_ahead(31)


class StaffAgendaTest(AgendaTestCase):

    @classmethod
    def setup_data(cls):
        cls.put("bupati", DAY, "08:00", None, summary="Apel Gabungan ASN",
                location="Halaman Kantor Bupati, Indralaya",
                description="Pakaian: PDH\nKet.: Sambutan\nNarahubung: Budi, 0812 3456 7890")
        cls.put("bupati", DAY, "10:00", "11:30", summary="Rapat Koordinasi Pengendalian Inflasi",
                location="Ruang Rapat Bupati", description="Diwakili oleh: Sekretaris Daerah")
        cls.put("bupati", DAY, "13:00", "14:00", summary="Rapat rahasia anggaran", location="Ruang tertutup",
                extra=["CLASS:PRIVATE"])
        cls.put("bupati", DAY, "15:00", "16:00", summary="Kunjungan yang belum pasti", location="Desa Tanjung",
                extra=["STATUS:TENTATIVE"])
        cls.put("bupati", DAY, "19:00", "21:00", summary="Acara yang dibatalkan", extra=["STATUS:CANCELLED"])
        cls.put("sekda", DAY, "09:00", "10:00", summary="Rapat Sekda dengan OPD", location="Ruang Sekda")
        cls.put("wabup", OTHER_DAY, "09:00", "12:00", summary="Kunjungan Wakil Bupati", location="Kecamatan Pemulutan")

    def agenda(self, user="protokol", query=None):
        query = {"tanggal": DAY.isoformat()} if query is None else query
        return self.staff(user).get("/staf/agenda?" + urllib.parse.urlencode(query))

    def textarea(self, page):
        areas = page.elements("textarea", id="teks-wa")
        self.assertEqual(1, len(areas), page.describe())
        return areas[0].raw_text.replace("\r\n", "\n")

    # -- the page ------------------------------------------------------------------------

    def test_needs_a_login_and_comes_back_to_the_same_day(self):
        page = self.web().get("/staf/agenda?tanggal=" + DAY.isoformat())
        self.assertEqual(303, page.status, page.describe())
        target = urllib.parse.urlsplit(page.location)
        self.assertEqual("/staf/masuk", target.path)
        lanjut = urllib.parse.parse_qs(target.query)["lanjut"][0]
        self.assertEqual("/staf/agenda?tanggal=" + DAY.isoformat(), lanjut)
        web = WebSession(self.srv).login(*credentials("protokol"), lanjut=lanjut)
        self.assertEqual(200, web.get(lanjut).status)

    def test_staff_navigation_links_the_agenda(self):
        page = self.staff().get("/staf")
        self.assertIn("/staf/agenda", page.links())

    def test_the_page_shows_every_field_of_the_day(self):
        page = self.agenda()
        self.assertEqual(200, page.status, page.describe())
        text = page.visible_text
        self.assertIn(day_name(DAY), text)
        for expected in ("BUPATI OGAN ILIR", "SEKRETARIS DAERAH", "WAKIL BUPATI OGAN ILIR", "Tidak ada agenda",
                         "08.00 WIB s.d. selesai", "Apel Gabungan ASN", "Halaman Kantor Bupati, Indralaya", "PDH",
                         "Sambutan", "Budi, 0812 3456 7890", "10.00–11.30 WIB",
                         "Rapat Koordinasi Pengendalian Inflasi", "Diwakili oleh", "Sekretaris Daerah",
                         "Rapat Sekda dengan OPD", "Acara internal"):
            self.assertIn(expected, text)
        for absent in ("Rapat rahasia anggaran", "Ruang tertutup", "Acara yang dibatalkan",
                       "Kunjungan yang belum pasti", "Kunjungan Wakil Bupati"):
            self.assertNotIn(absent, text)
        # Leaders in the configured order.
        headings = [h.text for h in page.elements("h3")]
        self.assertEqual(["BUPATI OGAN ILIR", "WAKIL BUPATI OGAN ILIR", "SEKRETARIS DAERAH"], headings)

    def test_tentative_holds_only_when_asked_and_marked(self):
        page = self.agenda(query={"tanggal": DAY.isoformat(), "tentatif": "1"})
        self.assertEqual(200, page.status, page.describe())
        self.assertIn("Kunjungan yang belum pasti", page.visible_text)
        self.assertIn("belum pasti", self.textarea(page))
        self.assertIn("checked", page.elements("input", name="tentatif")[0].attrs)

    def test_a_pending_requests_hold_shows_under_its_leader_only_when_asked(self):
        day = activity_day()
        self.submit(valid_fields(nama_kegiatan="Peresmian Laboratorium Bahasa"))
        query = {"tanggal": day.isoformat(), "pimpinan": "bupati"}
        self.assertNotIn("Peresmian Laboratorium Bahasa", self.agenda(query=query).visible_text)
        page = self.agenda(query=dict(query, tentatif="1"))
        self.assertEqual(200, page.status, page.describe())
        self.assertIn("Peresmian Laboratorium Bahasa", page.visible_text)
        self.assertNotIn("[Permohonan]", page.visible_text)
        self.assertIn("belum pasti", self.textarea(page))
        # The aide may not read the staff hold calendar; the public never sees holds.
        aide = self.agenda(user="ajudan.bupati", query=dict(query, tentatif="1"))
        self.assertEqual(200, aide.status, aide.describe())
        self.assertNotIn("Peresmian Laboratorium Bahasa", aide.visible_text)
        public = self.web().get("/agenda?tentatif=1&tanggal=" + day.isoformat())
        self.assertEqual(200, public.status, public.describe())
        self.assertNotIn("Peresmian Laboratorium Bahasa", public.visible_text)

    def test_whatsapp_text_copy_and_share(self):
        page = self.agenda()
        text = self.textarea(page)
        self.assertIn("*AGENDA PIMPINAN %s*" % REGION, text)
        self.assertIn("*%s*" % day_name(DAY), text)
        self.assertIn("*BUPATI OGAN ILIR*", text)
        self.assertRegex(text, r"1\. 08\.00 WIB s\.d\. selesai")
        self.assertRegex(text, r"Tempat\s*: Halaman Kantor Bupati, Indralaya")
        self.assertRegex(text, r"Diwakili oleh\s*: Sekretaris Daerah")
        self.assertIn("_%s_" % SIGNATURE, text)
        self.assertNotIn("&amp;", text)
        self.assertNotIn("<", text)
        copy = page.by_id("salin")
        self.assertIsNotNone(copy, "a copy button")
        self.assertEqual("teks-wa", copy.get("data-sumber"))
        self.assertEqual("Tersalin", copy.get("data-tersalin"))
        self.assertIn("/static/agenda.js", [s.get("src") for s in page.elements("script")])
        script = self.web().get("/static/agenda.js")
        self.assertEqual(200, script.status)
        self.assertIn("clipboard", script.text)
        self.assertIn("execCommand", script.text)
        share = urllib.parse.urlsplit(page.by_id("bagikan").get("href"))
        self.assertEqual(("https", "wa.me", "/"), (share.scheme, share.netloc, share.path))
        self.assertEqual(text.strip("\n"), urllib.parse.parse_qs(share.query)["text"][0].strip("\n"))

    def test_links_to_the_pdf_and_the_text_keep_the_parameters(self):
        page = self.agenda(query={"tanggal": DAY.isoformat(), "pimpinan": "bupati", "tentatif": "1"})
        links = page.links()
        for path in ("/staf/agenda.pdf", "/staf/agenda.txt"):
            found = [l for l in links if urllib.parse.urlsplit(l).path == path]
            self.assertEqual(1, len(found), links)
            params = urllib.parse.parse_qs(urllib.parse.urlsplit(found[0]).query)
            self.assertEqual({"tanggal": [DAY.isoformat()], "pimpinan": ["bupati"], "tentatif": ["1"]}, params)

    def test_previous_and_next_day(self):
        page = self.agenda()
        prev_link = [e.get("href") for e in page.elements("a") if e.get("rel") == "prev"]
        next_link = [e.get("href") for e in page.elements("a") if e.get("rel") == "next"]
        self.assertEqual(["/staf/agenda?tanggal=" + (DAY - datetime.timedelta(days=1)).isoformat()], prev_link)
        self.assertEqual(["/staf/agenda?tanggal=" + OTHER_DAY.isoformat()], next_link)
        following = self.staff().get(next_link[0])
        self.assertIn("Kunjungan Wakil Bupati", following.visible_text)

    def test_today_by_default(self):
        today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7))).date()
        page = self.staff().get("/staf/agenda")
        self.assertEqual(200, page.status, page.describe())
        self.assertEqual(today.isoformat(), page.field("tanggal", "/staf/agenda"))

    def test_a_range_of_days(self):
        page = self.agenda(query={"tanggal": DAY.isoformat(), "sampai": OTHER_DAY.isoformat()})
        self.assertEqual(200, page.status, page.describe())
        self.assertEqual([day_name(DAY), day_name(OTHER_DAY)], [h.text for h in page.elements("h2")][:2])
        text = self.textarea(page)
        self.assertIn("*%s*" % day_name(OTHER_DAY), text)
        self.assertIn("Kunjungan Wakil Bupati", text)

    def test_one_leader(self):
        page = self.agenda(query={"tanggal": DAY.isoformat(), "pimpinan": "sekda"})
        self.assertEqual(200, page.status, page.describe())
        self.assertEqual(["SEKRETARIS DAERAH"], [h.text for h in page.elements("h3")])
        self.assertNotIn("Apel Gabungan ASN", self.textarea(page))
        self.assertIn("Rapat Sekda dengan OPD", self.textarea(page))

    def test_bad_parameters_are_refused_and_the_form_keeps_them(self):
        cases = [({"tanggal": "2023-02-30"}, "Tanggal tidak dikenali"),
                 ({"tanggal": "besok"}, "Tanggal tidak dikenali"),
                 ({"tanggal": DAY.isoformat(), "sampai": "kemarin"}, "Tanggal akhir tidak dikenali"),
                 ({"tanggal": OTHER_DAY.isoformat(), "sampai": DAY.isoformat()}, "tidak boleh sebelum"),
                 ({"tanggal": DAY.isoformat(), "sampai": (DAY + datetime.timedelta(days=31)).isoformat()},
                  "paling lama 31 hari")]
        for query, message in cases:
            query = dict(query, pimpinan="sekda", tentatif="1")
            with self.subTest(query=query):
                page = self.agenda(query=query)
                self.assertEqual(400, page.status, page.describe())
                self.assertIn(message, page.visible_text)
                self.assertEqual(query["tanggal"], page.field("tanggal", "/staf/agenda"))
                self.assertEqual(query.get("sampai", ""), page.field("sampai", "/staf/agenda") or "")
                self.assertEqual("sekda", page.field("pimpinan", "/staf/agenda"))
                self.assertIn("checked", page.elements("input", name="tentatif")[0].attrs)
                text = self.staff().get("/staf/agenda.txt?" + urllib.parse.urlencode(query))
                self.assertEqual(400, text.status)
                self.assertIn(message, text.text)
        thirty_one = self.agenda(query={"tanggal": DAY.isoformat(),
                                        "sampai": (DAY + datetime.timedelta(days=30)).isoformat()})
        self.assertEqual(200, thirty_one.status, "31 days are allowed")

    def test_a_leader_one_may_not_read_answers_as_an_unknown_one(self):
        unknown = self.agenda("wabup", {"tanggal": DAY.isoformat(), "pimpinan": "tidak.ada"})
        foreign = self.agenda("wabup", {"tanggal": DAY.isoformat(), "pimpinan": "bupati"})
        self.assertEqual(404, unknown.status, unknown.describe())
        self.assertEqual(404, foreign.status, foreign.describe())
        self.assertEqual(unknown.visible_text.replace("tidak.ada", "bupati"), foreign.visible_text)
        self.assertNotIn("Apel Gabungan ASN", foreign.body.decode())

    def test_each_role_sees_only_the_leaders_it_may_read(self):
        expected = {"protokol": {"BUPATI OGAN ILIR", "WAKIL BUPATI OGAN ILIR", "SEKRETARIS DAERAH"},
                    "admin": {"BUPATI OGAN ILIR", "WAKIL BUPATI OGAN ILIR", "SEKRETARIS DAERAH"},
                    "ajudan.bupati": {"BUPATI OGAN ILIR"},
                    "bupati": {"BUPATI OGAN ILIR"},
                    "wabup": {"WAKIL BUPATI OGAN ILIR"},
                    "humas": set()}
        for user, leaders in expected.items():
            with self.subTest(user=user):
                page = self.agenda(user)
                self.assertEqual(200, page.status, page.describe())
                self.assertEqual(leaders, {h.text for h in page.elements("h3")})
                options = {o.get("value") for o in page.elements("option")} - {""}
                self.assertEqual(len(leaders), len(options))
                if "BUPATI OGAN ILIR" not in leaders:
                    self.assertNotIn("Apel Gabungan ASN", page.body.decode())

    # -- the text for scripts ------------------------------------------------------------

    def test_text_with_a_session_is_the_page_text(self):
        page = self.agenda()
        text = self.staff().get("/staf/agenda.txt?tanggal=" + DAY.isoformat())
        self.assertEqual(200, text.status, text.describe())
        self.assertEqual("text/plain; charset=utf-8", text.headers["content-type"])
        self.assertEqual(self.textarea(page).strip("\n"), text.text.strip("\n"))
        self.assertIn("private", text.headers.get("cache-control", ""))

    def test_text_with_basic_credentials(self):
        path = "/staf/agenda.txt?tanggal=" + DAY.isoformat()
        status, headers, body = self.srv.request("GET", path, user=credentials("ajudan.bupati"))
        self.assertEqual(200, status, body[:300])
        self.assertIn("Apel Gabungan ASN", body.decode())
        self.assertNotIn("Rapat Sekda dengan OPD", body.decode(), "the aide reads the Bupati only")
        status, headers, body = self.srv.request("GET", path, user=("ajudan.bupati", "salah"))
        self.assertEqual(401, status)
        self.assertIn("basic", headers.get("www-authenticate", "").lower())
        self.assertNotIn("Apel", body.decode())
        status, headers, body = self.srv.request("GET", path)
        self.assertEqual(401, status)
        self.assertIn("basic", headers.get("www-authenticate", "").lower())

    def test_the_page_and_the_pdf_take_no_basic_credentials(self):
        # Only the text is meant for scripts; the page is a browser's.
        status, headers, _ = self.srv.request("GET", "/staf/agenda", user=credentials("protokol"))
        self.assertEqual(303, status)

    def test_only_get(self):
        for path in ("/staf/agenda", "/staf/agenda.txt", "/staf/agenda.pdf"):
            with self.subTest(path=path):
                page = self.staff().post_form(path, {"tanggal": DAY.isoformat()})
                self.assertEqual(405, page.status, page.describe())

    # -- the PDF -------------------------------------------------------------------------

    def test_pdf_of_the_day(self):
        answer = self.staff().get("/staf/agenda.pdf?tanggal=" + DAY.isoformat())
        self.assertEqual(200, answer.status, answer.describe())
        self.assertEqual("application/pdf", answer.headers["content-type"])
        self.assertTrue(answer.body.startswith(b"%PDF"))
        self.assertEqual('inline; filename="agenda-%s.pdf"' % DAY.isoformat(),
                         answer.headers["content-disposition"])
        bad = self.staff().get("/staf/agenda.pdf?tanggal=" + DAY.isoformat() + "&sampai=x")
        self.assertEqual(400, bad.status)


if __name__ == "__main__":
    unittest.main()

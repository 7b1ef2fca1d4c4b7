"""The public agenda: /agenda (day and week), /agenda.json and /agenda.ics. Only published
entries and of them only the public fields; a marker string in every other field of every
kind of event (and of a request made through the public form) must never come out. The
answers are the same for everyone and answer conditional GETs with 304."""

import datetime
import json
import re
import time
import unittest
import urllib.parse

import icalendar

from agenda_fixtures import REGION, AgendaTestCase, day_ahead, day_name
from jadwal_requests import HOLD_OWNER, HOLD_SLUG, credentials, letter, valid_fields

DAY = day_ahead(40)
WEEK_DAY = day_ahead(41)
MARKER_DAY = day_ahead(42)

# Private fields: none of these may appear in any public answer.
MARKERS = ("MRKPAKAIAN", "MRKKET", "MRKNARAHUBUNG", "MRKCATATAN", "MRKLAMPIRAN", "MRKATTACHURL", "MRKXPROP",
           "MRKORGCN", "mrkorganizer", "MRKATTCN", "mrkattendee", "MRKCOMMENT", "MRKCATEGORY", "MRKURL", "MRKUID",
           "MRKPRIVATE", "MRKPRIVLOC", "MRKCONFIDENTIAL", "MRKNOTPUBLIC", "MRKTENTATIVE", "MRKCANCELLED",
           "MRKHOLD", "MRKPEMOHON", "MRKJABATAN", "MRKINSTANSI", "98765432", "9876-5432", "mrkpemohon",
           "MRKSURAT", "MRKPERIHAL", "MRKUNDANGAN", "MRKREQNARAHUBUNG", "MRKREQLAMPIRAN", "MRKCONTACT",
           "MRKDECISION", "MRKPAKAIANREQ", "permohonan-", "X-JADWAL", "/lampiran/", "/staf/")


class PublicAgendaTest(AgendaTestCase):

    @classmethod
    def setup_data(cls):
        cls.put("bupati", DAY, "08:00", None, summary="Apel Gabungan ASN", location="Halaman Kantor Bupati",
                description="Pakaian: PDH\nKet.: Sambutan\nNarahubung: Budi, 0812 1111")
        cls.put("bupati", DAY, "10:00", "11:30", summary="Rapat Koordinasi Inflasi", location="Ruang Rapat Bupati",
                description="Diwakili oleh: Sekretaris Daerah")
        cls.put("wabup", WEEK_DAY, "09:00", "10:00", summary="Peninjauan Banjir", location="Desa Sungai Rambutan")
        # Every field of every kind of event, with a marker where it must stay private.
        cls.put("bupati", MARKER_DAY, "09:00", "11:00", summary="Peresmian Pasar Rakyat",
                location="Pasar Indralaya", uid="MRKUID-1",
                description="Pakaian: MRKPAKAIAN\nKet.: MRKKET\nNarahubung: MRKNARAHUBUNG 0812\n"
                            "Diwakili oleh: Kepala Dinas Perdagangan\nMRKCATATAN di baris bebas",
                extra=["ATTACH;FMTTYPE=application/pdf;FILENAME=MRKLAMPIRAN.pdf:https://example.org/MRKATTACHURL.pdf",
                       "X-JADWAL-CATATAN:MRKXPROP", "X-MOZ-GENERATION:1",
                       "ORGANIZER;CN=MRKORGCN:mailto:mrkorganizer@example.org",
                       "ATTENDEE;CN=MRKATTCN;PARTSTAT=ACCEPTED:mailto:mrkattendee@example.org",
                       "COMMENT:MRKCOMMENT", "CATEGORIES:MRKCATEGORY", "URL:https://example.org/MRKURL",
                       "CONTACT:MRKCONTACT"])
        cls.put("bupati", MARKER_DAY, "12:00", "13:00", summary="MRKPRIVATE", location="MRKPRIVLOC",
                extra=["CLASS:PRIVATE"])
        cls.put("bupati", MARKER_DAY, "13:00", "14:00", summary="MRKCONFIDENTIAL", extra=["CLASS:CONFIDENTIAL"])
        cls.put("bupati", MARKER_DAY, "14:00", "15:00", summary="MRKNOTPUBLIC", description="Publik: tidak")
        cls.put("bupati", MARKER_DAY, "15:00", "16:00", summary="MRKTENTATIVE", extra=["STATUS:TENTATIVE"])
        cls.put("bupati", MARKER_DAY, "16:00", "17:00", summary="MRKCANCELLED", extra=["STATUS:CANCELLED"])
        cls.put(HOLD_OWNER, MARKER_DAY, "07:00", "08:00", slug=HOLD_SLUG, summary="MRKHOLD")

    @classmethod
    def approved_request(cls, case):
        """A request through the public form with markers in its private fields, approved for the Bupati."""
        fields = valid_fields(nama="Mrkpemohon Satu", jabatan="MRKJABATAN", instansi="MRKINSTANSI",
                              whatsapp="0812-9876-5432", email="mrkpemohon@example.org",
                              nomor_surat="421/MRKSURAT/2030", perihal="MRKPERIHAL undangan",
                              nama_kegiatan="Lomba Perahu Bidar", tanggal=MARKER_DAY.isoformat(),
                              jam_mulai="18:00", jam_selesai="20:00", tempat="Sungai Ogan",
                              alamat="Tanjung Raja", undangan_lain="MRKUNDANGAN", pakaian="MRKPAKAIANREQ",
                              narahubung="MRKREQNARAHUBUNG (0813-1111-2222)")
        code = case.submit(fields, [letter("MRKREQLAMPIRAN.pdf")])
        request_id = case.request_id(code)
        case.decide(request_id, "verify")
        case.decide(request_id, "approve", pimpinan="bupati", catatan="MRKDECISION catatan staf")
        return code

    def public(self, path, **headers):
        return self.web(**headers).get(path)

    # -- the page ------------------------------------------------------------------------

    def test_day_page(self):
        page = self.public("/agenda?tanggal=" + DAY.isoformat())
        self.assertEqual(200, page.status, page.describe())
        text = page.visible_text
        for expected in (REGION, day_name(DAY), "BUPATI OGAN ILIR", "08.00 WIB s.d. selesai", "Apel Gabungan ASN",
                         "Halaman Kantor Bupati", "10.00–11.30 WIB", "Rapat Koordinasi Inflasi", "Diwakili oleh",
                         "Sekretaris Daerah", "Tidak ada agenda"):
            self.assertIn(expected, text)
        for private in ("PDH", "Sambutan", "Budi", "0812", "Pakaian", "Narahubung"):
            self.assertNotIn(private, text)
        self.assertEqual([], page.elements("form", method="post"), "no forms that post, no CSRF tokens")
        self.assertEqual([], page.elements("nav", class_="navigasi"), "no staff navigation")
        links = page.links()
        self.assertIn("/agenda?tanggal=" + (DAY - datetime.timedelta(days=1)).isoformat(), links)
        self.assertIn("/agenda?tanggal=" + (DAY + datetime.timedelta(days=1)).isoformat(), links)
        self.assertIn("/agenda.json?tanggal=" + DAY.isoformat(), links)
        self.assertIn("/agenda.ics?tanggal=" + DAY.isoformat(), links)

    def test_today_by_default_and_the_day_picker(self):
        page = self.public("/agenda")
        self.assertEqual(200, page.status, page.describe())
        today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7))).date()
        self.assertEqual(today.isoformat(), page.field("tanggal", "/agenda"))
        self.assertEqual("date", page.elements("input", name="tanggal")[0].get("type"))
        self.assertEqual("get", page.form("/agenda").get("method"))

    def test_week_page_runs_monday_to_sunday(self):
        page = self.public("/agenda?minggu=" + WEEK_DAY.isoformat())
        self.assertEqual(200, page.status, page.describe())
        monday = WEEK_DAY - datetime.timedelta(days=WEEK_DAY.weekday())
        days = [monday + datetime.timedelta(days=i) for i in range(7)]
        self.assertEqual([day_name(d) for d in days], [h.text for h in page.elements("h2")])
        self.assertIn("Peninjauan Banjir", page.visible_text)
        links = page.links()
        self.assertIn("/agenda?minggu=" + (monday - datetime.timedelta(days=7)).isoformat(), links)
        self.assertIn("/agenda?minggu=" + (monday + datetime.timedelta(days=7)).isoformat(), links)

    # -- the data ------------------------------------------------------------------------

    def test_json(self):
        answer = self.public("/agenda.json?tanggal=%s&sampai=%s" % (DAY.isoformat(), WEEK_DAY.isoformat()))
        self.assertEqual(200, answer.status, answer.describe())
        self.assertEqual("application/json; charset=utf-8", answer.headers["content-type"])
        data = json.loads(answer.body)
        self.assertEqual((DAY.isoformat(), WEEK_DAY.isoformat()), (data["from"], data["to"]))
        self.assertEqual([DAY.isoformat(), WEEK_DAY.isoformat()], [d["date"] for d in data["days"]])
        first = data["days"][0]
        self.assertEqual(["BUPATI OGAN ILIR", "WAKIL BUPATI OGAN ILIR", "SEKRETARIS DAERAH"],
                         [leader["title"] for leader in first["leaders"]])
        apel, rapat = first["leaders"][0]["entries"]
        self.assertEqual({"start", "end", "open_end", "all_day", "activity", "place", "represented_by"}, set(apel))
        self.assertEqual("%sT08:00:00+07:00" % DAY.isoformat(), apel["start"])
        self.assertEqual((None, True, False), (apel["end"], apel["open_end"], apel["all_day"]))
        self.assertEqual(("Apel Gabungan ASN", "Halaman Kantor Bupati", ""),
                         (apel["activity"], apel["place"], apel["represented_by"]))
        self.assertEqual("%sT11:30:00+07:00" % DAY.isoformat(), rapat["end"])
        self.assertEqual("Sekretaris Daerah", rapat["represented_by"])
        self.assertEqual("Peninjauan Banjir", data["days"][1]["leaders"][1]["entries"][0]["activity"])

    def test_ics_parses_and_carries_the_public_fields(self):
        answer = self.public("/agenda.ics?tanggal=" + DAY.isoformat())
        self.assertEqual(200, answer.status, answer.describe())
        self.assertEqual("text/calendar; charset=utf-8", answer.headers["content-type"])
        calendar = icalendar.Calendar.from_ical(answer.body)
        events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))
        self.assertEqual(["Apel Gabungan ASN", "Rapat Koordinasi Inflasi"], [str(e["SUMMARY"]) for e in events])
        wib = datetime.timezone(datetime.timedelta(hours=7))
        apel, rapat = events
        self.assertEqual(datetime.datetime.combine(DAY, datetime.time(8), wib), apel.decoded("DTSTART"))
        self.assertNotIn("DTEND", apel, "an open end has no DTEND")
        self.assertEqual(datetime.datetime.combine(DAY, datetime.time(11, 30), wib), rapat.decoded("DTEND"))
        self.assertEqual("Ruang Rapat Bupati", str(rapat["LOCATION"]))
        self.assertIn("Diwakili oleh: Sekretaris Daerah", str(rapat["DESCRIPTION"]))
        for event in events:
            for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
                self.assertIn(name, event)
        self.assertEqual(2, len({str(e["UID"]) for e in events}))
        for line in answer.body.split(b"\r\n"):
            self.assertLessEqual(len(line), 75, line)

    # -- nothing private -------------------------------------------------------------------

    def test_no_private_field_in_any_public_answer(self):
        code = self.approved_request(self)
        # The request's event is on the Bupati's agenda and public there.
        staff_text = self.staff().get("/staf/agenda.txt?tanggal=" + MARKER_DAY.isoformat()).text
        self.assertIn("Lomba Perahu Bidar", staff_text)
        for private in ("MRKREQNARAHUBUNG", "MRKPAKAIAN", "MRKKET", "MRKNARAHUBUNG"):
            self.assertIn(private, staff_text, "staff see it: the markers are read, and kept from the public")
        answers = {}
        for path in ("/agenda?tanggal=%s", "/agenda?minggu=%s", "/agenda.json?tanggal=%s", "/agenda.ics?tanggal=%s",
                     "/agenda.json?minggu=%s", "/agenda.ics?minggu=%s", "/agenda?tanggal=%s&tentatif=1"):
            url = path % MARKER_DAY.isoformat()
            answer = self.public(url)
            self.assertEqual(200, answer.status, url + ": " + answer.describe())
            # Unfolded, so that no folded line can split a marker out of sight.
            answers[url] = answer.text.replace("\r\n ", "").replace("\r\n\t", "")
        for url, body in answers.items():
            # What is public does come out.
            for public in ("Peresmian Pasar Rakyat", "Pasar Indralaya", "Kepala Dinas Perdagangan",
                           "Lomba Perahu Bidar", "Sungai Ogan"):
                self.assertIn(public, body, url)
            for marker in MARKERS + (code,):
                with self.subTest(url=url, marker=marker):
                    self.assertNotIn(marker.lower(), body.lower())
        ics = icalendar.Calendar.from_ical(answers["/agenda.ics?tanggal=%s" % MARKER_DAY.isoformat()])
        self.assertEqual({"Peresmian Pasar Rakyat", "Lomba Perahu Bidar"},
                         {str(e["SUMMARY"]) for e in ics.walk("VEVENT")})
        self.assertNotIn("Acara internal", answers["/agenda?tanggal=%s" % MARKER_DAY.isoformat()],
                         "internal events are not even shown as such")

    # -- conditional GET and caching --------------------------------------------------------

    def test_conditional_get(self):
        for path in ("/agenda?tanggal=%s", "/agenda.json?tanggal=%s", "/agenda.ics?tanggal=%s"):
            url = path % DAY.isoformat()
            with self.subTest(url=url):
                first = self.public(url)
                self.assertEqual(200, first.status)
                etag, modified = first.headers.get("etag"), first.headers.get("last-modified")
                self.assertTrue(etag and etag.startswith('"'), first.headers)
                self.assertTrue(modified, first.headers)
                self.assertEqual("public, max-age=60", first.headers.get("cache-control"))
                self.assertNotIn("cookie", first.headers.get("vary", "").lower())
                self.assertEqual([], first.set_cookies)
                again = self.public(url, **{"If-None-Match": etag})
                self.assertEqual(304, again.status)
                self.assertEqual(b"", again.body)
                self.assertEqual(etag, again.headers.get("etag"))
                since = self.public(url, **{"If-Modified-Since": modified})
                self.assertEqual(304, since.status)
                older = self.public(url, **{"If-None-Match": '"anders"'})
                self.assertEqual(200, older.status)
                # The same answer for a logged-in browser: it does not vary on cookies.
                staff = self.staff().get(url, headers={"If-None-Match": etag})
                self.assertEqual(304, staff.status)
        # Choosing a language sets no cookie on an answer shared caches may keep.
        english = self.public("/agenda?lang=en&tanggal=" + DAY.isoformat())
        self.assertEqual(200, english.status)
        self.assertEqual([], english.set_cookies)
        other_view = self.public("/agenda.json?tanggal=" + DAY.isoformat())
        self.assertNotEqual(other_view.headers["etag"], self.public("/agenda?tanggal=" + DAY.isoformat()).headers["etag"])

    def test_a_change_gives_a_new_etag(self):
        day = day_ahead(50)
        url = "/agenda.json?tanggal=" + day.isoformat()
        first = self.public(url)
        self.put("sekda", day, "09:00", "10:00", summary="Rapat Mendadak", location="Kantor Bupati")
        second = self.public(url, **{"If-None-Match": first.headers["etag"]})
        self.assertEqual(200, second.status)
        self.assertIn("Rapat Mendadak", second.text)
        self.assertNotEqual(first.headers["etag"], second.headers["etag"])

    def test_a_deletion_is_not_hidden_from_if_modified_since(self):
        # Nothing newer is left after a deletion: Last-Modified must still move.
        day = day_ahead(51)
        url = "/agenda?tanggal=" + day.isoformat()
        path = self.put("wabup", day, "09:00", "10:00", summary="Rapat Dihapus", location="Kantor Bupati")
        first = self.public(url)
        self.assertIn("Rapat Dihapus", first.text)
        time.sleep(1.1)  # HTTP dates count whole seconds
        status, _, body = self.srv.request("DELETE", path, user=credentials("protokol"))
        self.assertEqual(204, status, body[:300])
        since = self.public(url, **{"If-Modified-Since": first.headers["last-modified"]})
        self.assertEqual(200, since.status)
        self.assertNotIn("Rapat Dihapus", since.text)

    # -- bad parameters -------------------------------------------------------------------

    def test_bad_parameters(self):
        long_range = "tanggal=%s&sampai=%s" % (DAY.isoformat(), (DAY + datetime.timedelta(days=40)).isoformat())
        for query in ("tanggal=2030-13-01", "tanggal=kemarin", "minggu=pekan-depan", long_range,
                      "tanggal=%s&sampai=%s" % (WEEK_DAY.isoformat(), DAY.isoformat())):
            for path in ("/agenda.json", "/agenda.ics"):
                with self.subTest(path=path, query=query):
                    answer = self.public(path + "?" + query)
                    self.assertEqual(400, answer.status, answer.describe())
        page = self.public("/agenda?tanggal=kemarin")
        self.assertEqual(400, page.status)
        self.assertIn("Tanggal tidak dikenali", page.visible_text)
        self.assertEqual("kemarin", page.field("tanggal", "/agenda"))
        for path in ("/agenda", "/agenda.json", "/agenda.ics"):
            with self.subTest(path=path, method="POST"):
                self.assertEqual(405, self.web().post_form(path, {"tanggal": DAY.isoformat()}).status)


if __name__ == "__main__":
    unittest.main()

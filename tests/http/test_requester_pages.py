"""What a requester meets after sending the form (issue 10, findings 6-10):
the receipt keeps the code whole with copy and WhatsApp buttons, withdrawing
asks first, mails name the leader as the office writes them, a returned
request is corrected in the fields staff asked about with the change in the
history, the history speaks in words, and unknown pages answer in the
site's layout and the visitor's language."""

import time
import unittest
import urllib.parse

import sample_files
import smtp_sink
from jadwal_requests import RequestTestCase, activity_day, valid_fields

SENDER = "agenda@ogan-ilir.example"


class ReceiptAndWithdrawalTest(RequestTestCase):
    def test_receipt_keeps_the_code_whole_with_copy_and_whatsapp(self):
        web = self.web()
        code = self.submit(session=web)
        page = web.get("/permohonan/%s/tanda-terima" % code)
        self.assertEqual(200, page.status, page.describe())
        shown = page.by_id("kode-lacak")
        self.assertIsNotNone(shown, "the code sits in one element")
        self.assertEqual(code, shown.text.strip())
        self.assertIn("kode-lacak", shown.get("class", ""))
        button = page.by_id("salin-kode")
        self.assertIsNotNone(button, "a copy button")
        self.assertEqual("kode-lacak", button.get("data-sumber"))
        self.assertIn("Salin kode", page.body.decode())
        self.assertIn('src="/static/tanda_terima.js"', page.body.decode())
        share = [l for l in page.links() if l.startswith("https://wa.me/?text=")]
        self.assertEqual(1, len(share), page.links())
        text = urllib.parse.parse_qs(urllib.parse.urlsplit(share[0]).query)["text"][0]
        self.assertIn(code, text)
        self.assertIn(self.srv.base_url + "/permohonan/" + code, text)
        self.assertIn("Bagikan ke WhatsApp", page.visible_text)
        self.assertIn("/permohonan/cek", page.links(), "Cek status is on the receipt")
        script = web.get("/static/tanda_terima.js")
        self.assertEqual(200, script.status)
        self.assertIn("clipboard", script.body.decode())
        css = web.get("/static/jadwal.css").body.decode()
        rule = css[css.index(".kode-lacak {"):]
        rule = rule[:rule.index("}")]
        self.assertIn("white-space: nowrap", rule, "the code never breaks")
        self.assertNotIn("break-all", rule)

    def test_the_form_page_leads_to_the_status_check(self):
        page = self.web().get("/permohonan")
        self.assertIn("/permohonan/cek", page.links())
        self.assertIn("Cek status", page.visible_text)

    def test_withdrawing_asks_first_naming_the_activity(self):
        code = self.submit(valid_fields(nama_kegiatan="Pelepasan Kontingen MTQ"))
        web = self.web()
        page = self.status_page(code, web)
        action = "/permohonan/%s/tarik" % code
        asked = web.post_form(action, page.form_values(action))
        self.assertEqual(200, asked.status, asked.describe())
        self.assertIn("Yakin menarik permohonan ini?", asked.visible_text)
        self.assertIn("Pelepasan Kontingen MTQ", asked.visible_text)
        self.assertIn("/permohonan/" + code, asked.links(), "a way back without withdrawing")
        self.assertIn("Diajukan", self.status_page(code).visible_text)
        done = web.post_form(action, asked.form_values(action))
        self.assertEqual(303, done.status, done.describe())
        self.assertIn("Ditarik", self.status_page(code).visible_text)


class ErrorPagesTest(RequestTestCase):
    def test_unknown_pages_use_the_layout_in_the_visitors_language(self):
        for path in ("/tidak-ada", "/agenda/x", "/permohonan/cek/lain/x"):
            page = self.web().get(path)
            self.assertEqual(404, page.status, path)
            self.assertTrue(page.headers.get("content-type", "").startswith("text/html"), path)
            self.assertIn("Halaman tidak ditemukan", page.visible_text, path)
            self.assertIn('<html lang="id"', page.body.decode(), path)
            self.assertIn('href="/static/jadwal.css"', page.body.decode(), path)
            english = self.web().get(path + "?lang=en")
            self.assertEqual(404, english.status)
            self.assertIn("Page not found", english.visible_text, path)
            self.assertIn('<html lang="en"', english.body.decode())
            by_header = self.web(**{"Accept-Language": "en-GB,en;q=0.9"}).get(path)
            self.assertIn("Page not found", by_header.visible_text)

    def test_a_malformed_query_is_a_page_too(self):
        page = self.web().get("/agenda?x=%zz")
        self.assertEqual(400, page.status, page.describe())
        self.assertIn("Permintaan tidak terbaca", page.visible_text)
        self.assertNotIn("malformed", page.body.decode())

    def test_a_link_cut_short_is_a_page_too(self):
        # A chat app dropping the end of a link leaves a "%" that decodes to nothing.
        page = self.web().get("/permohonan/JDW-ABCD-%")
        self.assertEqual(400, page.status, page.describe())
        self.assertTrue(page.headers.get("content-type", "").startswith("text/html"))
        self.assertIn("Permintaan tidak terbaca", page.visible_text)
        english = self.web(**{"Accept-Language": "en"}).get("/permohonan/JDW-ABCD-%")
        self.assertIn('<html lang="en"', english.body.decode())
        status, _, body = self.srv.request("GET", "/dav/calendars/%", user=("bupati", "rahasia-bupati"))
        self.assertEqual(400, status)
        self.assertNotIn(b"<html", body, "CalDAV clients keep the plain answer")

    def test_caldav_clients_keep_plain_answers(self):
        status, headers, body = self.srv.request("GET", "/dav/tidak-ada/x", user=("bupati", "rahasia-bupati"))
        self.assertIn(status, (403, 404))
        self.assertNotIn(b"<html", body)
        status, headers, body = self.srv.request("PROPFIND", "/tidak-ada", "", {"Depth": "0"})
        self.assertEqual(404, status)
        self.assertNotIn(b"<html", body)
        self.assertEqual(404, self.web().request("DELETE", "/tidak-ada").status)


class CorrectionTest(RequestTestCase):
    def decide_return(self, request_id, fields, note):
        session = self.staff()
        page = session.get("/staf/permohonan/%d" % request_id)
        self.assertIn('name="perbaiki" value="tempat"', page.body.decode(), "staff tick the fields to correct")
        pairs = [("csrf", page.csrf()), ("versi", page.field("versi")), ("aksi", "return"), ("catatan", note)]
        pairs += [("perbaiki", f) for f in fields]
        answer = session.post_form("/staf/permohonan/%d/keputusan" % request_id, pairs)
        self.assertEqual(303, answer.status, answer.describe())

    def test_a_refused_return_keeps_the_ticked_fields(self):
        _, request_id = self.new_request()
        session = self.staff()
        page = session.get("/staf/permohonan/%d" % request_id)
        pairs = [("csrf", page.csrf()), ("versi", page.field("versi")), ("aksi", "return"), ("catatan", "")]
        pairs += [("perbaiki", "tempat"), ("perbaiki", "jam_mulai")]
        refused = session.post_form("/staf/permohonan/%d/keputusan" % request_id, pairs)
        self.assertEqual(400, refused.status, "a return needs its reason")
        body = refused.body.decode()
        for field in ("tempat", "jam_mulai"):
            self.assertIn('name="perbaiki" value="%s" checked' % field, body, "the ticks survive the refusal")
        self.assertNotIn('name="perbaiki" value="alamat" checked', body)

    def test_correction_round_trip_with_history(self):
        code, request_id = self.new_request()
        self.decide_return(request_id, ["tempat", "jam_mulai"], "Tempat dan jam mulai keliru")
        web = self.web()
        page = self.status_page(code, web)
        action = "/permohonan/%s/revisi" % code
        values = dict(page.form_values(action))
        self.assertEqual("Aula SMA Negeri 1 Indralaya", values.get("tempat"), "pre-filled")
        self.assertEqual("09:00", values.get("jam_mulai"))
        self.assertNotIn("nama_kegiatan", values, "only the fields asked")
        self.assertIn("Tempat dan jam mulai keliru", page.visible_text)
        self.assertNotIn('id="surat" name="surat" type="file" accept="application/pdf,.pdf" required',
                         page.body.decode(), "the letter is optional when fields were asked")

        # A field staff did not ask about is refused, and nothing changes.
        forged = [(k, v) for k, v in page.form_values(action)] + [("nama_kegiatan", "Acara Lain")]
        refused = web.post_multipart(action, forged, [])
        self.assertEqual(400, refused.status, refused.describe())
        self.assertIn("Dikembalikan", self.status_page(code).visible_text)
        self.assertNotIn("Acara Lain", self.request_page(request_id).visible_text, "the activity is unchanged")

        # A bad value is judged by the form's rules and shown beside its field.
        bad = [(k, ("" if k == "tempat" else v)) for k, v in page.form_values(action)]
        wrong = web.post_multipart(action, bad, [])
        self.assertEqual(400, wrong.status, wrong.describe())
        self.assertIsNotNone(wrong.by_id("galat-tempat"), wrong.describe())

        fields = [(k, {"tempat": "Gedung Serbaguna Indralaya", "jam_mulai": "10:00"}.get(k, v))
                  for k, v in page.form_values(action) if k != "catatan"] + [("catatan", "Sudah diperbaiki")]
        answer = web.post_multipart(action, fields, [])
        self.assertEqual(303, answer.status, answer.describe())
        status = self.status_page(code)
        self.assertIn("Diajukan", status.visible_text)
        self.assertIn("Gedung Serbaguna Indralaya", status.visible_text)
        self.assertIn("10.00", status.visible_text)
        history = status.visible_text
        self.assertIn("Aula SMA Negeri 1 Indralaya", history, "old -> new in the history")
        self.assertIn("Isian diperbaiki", history)
        self.assertIn("Diminta memperbaiki: Jam mulai, Tempat", history)
        self.assertNotIn('{"code"', status.body.decode())
        staff = self.request_page(request_id)
        self.assertIn("Tempat dari \u201cAula SMA Negeri 1 Indralaya\u201d menjadi \u201cGedung Serbaguna Indralaya\u201d",
                      staff.visible_text)
        # The hold moved as a reschedule moves it.
        hold = self.event_of(code, "protokol", "tentatif", user="protokol")
        self.assertIsNotNone(hold)
        self.assertIn("T100000", hold.value("DTSTART") or hold.text)

    def test_without_fields_asked_the_letter_is_still_required(self):
        code, request_id = self.new_request()
        self.decide(request_id, "return", catatan="Surat belum ditandatangani")
        web = self.web()
        page = self.status_page(code, web)
        action = "/permohonan/%s/revisi" % code
        self.assertNotIn("tempat", dict(page.form_values(action)))
        answer = web.post_multipart(action, page.form_values(action), [])
        self.assertEqual(400, answer.status, answer.describe())
        answer = web.post_multipart(action, page.form_values(action) + [("tempat", "Lain")],
                                    [("surat", "r.pdf", sample_files.pdf())])
        self.assertEqual(400, answer.status, "a field nobody asked about: " + answer.describe())
        self.assertIn("Dikembalikan", self.status_page(code).visible_text)


class HistoryWordsTest(RequestTestCase):
    def test_history_shows_no_file_names(self):
        code, request_id = self.new_request("disetujui")
        page = self.request_page(request_id)
        entries = [li.text for li in page.within(page.by_id("riwayat"), "li")]
        text = " ".join(entries)
        self.assertNotIn(".ics", text, entries)
        self.assertIn("acara dicatat di agenda bupati ogan ilir", text.lower(), entries)
        english = self.staff().get("/staf/permohonan/%d?lang=en" % request_id)
        self.assertIn("event recorded in the agenda of bupati ogan ilir", english.visible_text.lower())
        self.staff().get("/staf/permohonan/%d?lang=id" % request_id)
        public = self.status_page(code)
        self.assertNotIn(".ics", public.visible_text)


@unittest.skipIf(smtp_sink.Controller is None, smtp_sink.MISSING)
class OfficeMailTest(smtp_sink.SinkFixture, RequestTestCase):
    @classmethod
    def server_options(cls):
        return {"smtp_host": "127.0.0.1", "smtp_port": cls.sink.port, "smtp_from": SENDER,
                "submissions_per_hour": 1000}

    def mail_about(self, code, to, count):
        deadline = time.monotonic() + 15
        while True:
            found = self.sink.received(lambda m: to in m.to and code in (m.subject + m.body))
            if len(found) >= count or time.monotonic() > deadline:
                self.assertGreaterEqual(len(found), count, "mails for %s: %r" % (code, self.sink.received()))
                return found
            time.sleep(0.1)

    def test_approval_names_the_leader_role_dress_and_contact(self):
        email = "kantor@example.org"
        code, request_id = self.new_request("disetujui", fields=valid_fields(email=email))
        approved = self.mail_about(code, email, 2)[-1]
        body = approved.body
        self.assertIn("Dengan hormat,", body)
        self.assertIn("Bupati Ogan Ilir dijadwalkan hadir", body)
        self.assertNotIn("Pimpinan dijadwalkan", body)
        self.assertIn("Ket.: Sambutan", body)
        self.assertIn("Pakaian: PDH", body)
        self.assertIn("Narahubung: Budi (0813-1111-2222)", body)
        self.assertIn("09.00\u201311.00 WIB", body)
        self.assertIn("Peresmian Laboratorium Komputer", body)

    def test_representation_names_both(self):
        email = "wakil@example.org"
        code, request_id = self.new_request("diverifikasi", fields=valid_fields(email=email))
        self.decide(request_id, "represent", pimpinan="bupati", wakil_user="sekda")
        mail = self.mail_about(code, email, 2)[-1]
        self.assertIn("Bupati Ogan Ilir berhalangan hadir dan akan diwakili oleh Sekretaris Daerah", mail.body)
        self.assertIn("Kehadiran Bupati Ogan Ilir diwakilkan", mail.subject)

    def test_english_requester_reads_english(self):
        email = "office.en@example.org"
        code = self.submit(valid_fields(email=email), session=self.web(**{"Accept-Language": "en"}))
        request_id = self.request_id(code)
        self.decide(request_id, "verify")
        self.decide(request_id, "approve", pimpinan="bupati")
        mail = self.mail_about(code, email, 2)[-1]
        self.assertIn("the Bupati Ogan Ilir is scheduled to attend", mail.body)
        self.assertIn("Dress code: PDH", mail.body)
        self.assertIn("Contact person: Budi", mail.body)
        self.assertNotIn("Dengan hormat", mail.body)


if __name__ == "__main__":
    unittest.main()

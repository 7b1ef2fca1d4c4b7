"""The public request form, receipt and status pages (/permohonan), as a requester's
browser uses them: multipart posts with real files, CSRF, validation, kept uploads,
withdrawal and revision; and the TENTATIVE hold a new request puts on the staff
calendar."""

import datetime
import unittest

import sample_files
from jadwal_requests import (CODE_PATTERN, HOLD_OWNER, HOLD_SLUG, RequestTestCase, activity_day, letter,
                             props, unescape_text, valid_fields)

FIELDS = ("nama", "jabatan", "instansi", "whatsapp", "email", "nomor_surat", "tanggal_surat", "perihal",
          "jenis_surat", "nama_kegiatan", "tanggal", "jam_mulai", "jam_selesai", "sampai_selesai", "tempat", "alamat",
          "pakaian", "peran", "undangan_lain", "narahubung", "pimpinan", "boleh_diwakilkan")
REQUIRED = ("nama", "instansi", "whatsapp", "perihal", "nama_kegiatan", "tanggal", "jam_mulai", "tempat", "peran",
            "pimpinan")


class PublicFormTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 1000, "max_file_bytes": 100000}

    def assertFieldError(self, page, field):
        self.assertEqual(400, page.status, page.describe())
        error = page.by_id("galat-" + field)
        self.assertIsNotNone(error, "no element galat-%s: %s" % (field, page.describe()))
        self.assertIn("galat", error.get("class", "").split(), "galat-%s has class galat" % field)
        self.assertTrue(error.text, "galat-%s says what is wrong" % field)
        return error

    def assertNoFieldError(self, page, field):
        error = page.by_id("galat-" + field)
        self.assertTrue(error is None or not error.text, "unexpected error on %s: %r" % (field, error))

    # -- the form -----------------------------------------------------------------

    def test_form_has_every_field_in_indonesian(self):
        page = self.web().get("/permohonan")
        self.assertEqual(200, page.status, page.describe())
        self.assertIn("text/html", page.headers.get("content-type", ""))
        form = page.form("/permohonan")
        self.assertEqual("post", form.get("method", "").lower())
        self.assertEqual("multipart/form-data", form.get("enctype", "").lower())
        names = {e.get("name") for e in page.elements() if e.form is form and e.get("name")}
        for field in FIELDS + ("surat", "pendukung", "csrf"):
            self.assertIn(field, names, "form field %s" % field)
        self.assertEqual("file", page.elements("input", name="surat")[0].get("type"))
        leaders = {e.get("value") for e in page.elements("input", name="pimpinan")}
        self.assertEqual({"bupati", "wabup", "sekda"}, leaders, "the leaders offered are the pimpinan users")
        self.assertIn("Bupati Ogan Ilir", page.visible_text, "leaders are shown by display name")
        for word in ("Nama", "Instansi", "Tempat", "Pakaian"):
            self.assertIn(word, page.visible_text)
        self.assertIn(page.elements("html")[0].get("lang", "id"), ("id", "id-ID"))

    def test_form_in_english_when_asked(self):
        indonesian = self.web().get("/permohonan")
        english_query = self.web().get("/permohonan?lang=en")
        english_header = self.web(**{"Accept-Language": "en-US,en;q=0.9,id;q=0.5"}).get("/permohonan")
        prefers_id = self.web(**{"Accept-Language": "id-ID,id;q=0.9,en;q=0.5"}).get("/permohonan")
        for page in (english_query, english_header, prefers_id):
            self.assertEqual(200, page.status, page.describe())
        self.assertIn("Name", english_query.visible_text)
        self.assertNotEqual(indonesian.visible_text, english_query.visible_text)
        self.assertEqual(english_query.visible_text, english_header.visible_text)
        self.assertEqual(indonesian.visible_text, prefers_id.visible_text)

    # -- a valid request ----------------------------------------------------------

    def test_submit_gives_receipt_status_page_and_hold(self):
        web = self.web()
        code = self.submit(session=web)
        self.assertRegex(code, CODE_PATTERN)
        receipt = web.get("/permohonan/%s/tanda-terima" % code)
        self.assertEqual(200, receipt.status, receipt.describe())
        self.assertIn(code, receipt.visible_text)
        self.assertIn("/permohonan/" + code, receipt.links())

        status = self.status_page(code)
        self.assertIn("Diajukan", status.visible_text)
        self.assertIn("Peresmian Laboratorium Komputer", status.visible_text)

        hold = self.event_of(code, HOLD_OWNER, HOLD_SLUG, user="protokol")
        self.assertIsNotNone(hold, "a pending request holds its slot on the staff calendar")
        self.assertEqual("TENTATIVE", hold.value("STATUS"))
        start = props(hold.event, "DTSTART")[0]
        self.assertEqual("Asia/Jakarta", start[0].get("TZID"))
        self.assertEqual(activity_day().strftime("%Y%m%d") + "T090000", start[1])
        self.assertIn("Peresmian Laboratorium Komputer", hold.value("SUMMARY"))

    def test_until_done_needs_no_end(self):
        code = self.submit(valid_fields(jam_selesai=None, sampai_selesai="1"))
        hold = self.event_of(code, HOLD_OWNER, HOLD_SLUG, user="protokol")
        self.assertIsNotNone(hold)
        # A phone shows the assumed two hours (workflow.open_end_assumed_minutes), the text says it is open.
        self.assertEqual(activity_day().strftime("%Y%m%d") + "T110000", props(hold.event, "DTEND")[0][1],
                         "an open-ended activity lasts the assumed duration on a calendar")
        self.assertIn("s.d. selesai", unescape_text(hold.value("DESCRIPTION")))
        self.assertIn("selesai", self.status_page(code).visible_text)

    def test_empty_end_is_an_open_end(self):
        # "Jam selesai (opsional)": left empty without ticking "s.d. selesai" it is an open end.
        code = self.submit(valid_fields(jam_selesai=""))
        hold = self.event_of(code, HOLD_OWNER, HOLD_SLUG, user="protokol")
        self.assertIsNotNone(hold)
        # As with the box ticked: the assumed two hours on a calendar, "s.d. selesai" in words.
        self.assertEqual(activity_day().strftime("%Y%m%d") + "T110000", props(hold.event, "DTEND")[0][1])
        self.assertIn("s.d. selesai", unescape_text(hold.value("DESCRIPTION")))
        self.assertIn("selesai", self.status_page(code).visible_text)
        self.assertFieldError(self.submit_page(valid_fields(jam_selesai="25:00")), "jam_selesai")

    def test_supporting_files_accepted(self):
        files = [letter(), ("pendukung", "denah.png", sample_files.png(), "image/png"),
                 ("pendukung", "foto.jpg", sample_files.jpeg(), "image/jpeg"),
                 ("pendukung", "proposal.pdf", sample_files.pdf("Proposal"), "application/pdf")]
        code = self.submit(files=files)
        page = self.request_page(self.request_id(code))
        for name in ("surat-permohonan.pdf", "denah.png", "foto.jpg", "proposal.pdf"):
            self.assertTrue(any(l.startswith("/lampiran/") and l.endswith("/" + name) for l in page.links()),
                            "link to %s on the staff page: %r" % (name, page.links()))

    # -- bad input ----------------------------------------------------------------

    def test_each_required_field(self):
        for field in REQUIRED:
            with self.subTest(field=field):
                page = self.submit_page(valid_fields(**{field: None}))
                self.assertFieldError(page, field)
                kept = dict(page.form_values("/permohonan"))
                for other, value in valid_fields():
                    if other not in (field, "pimpinan"):
                        self.assertEqual(value, kept.get(other), "%s kept when %s is missing" % (other, field))

    def test_letter_required(self):
        page = self.submit_page(files=[])
        self.assertFieldError(page, "surat")

    def test_values_kept_exactly(self):
        fields = valid_fields(nama=None, pimpinan=["bupati", "sekda"], undangan_lain="Camat <b>&</b> \"Lurah\"",
                              jenis_surat="audiensi", peran="pengarahan")
        page = self.submit_page(fields)
        self.assertFieldError(page, "nama")
        kept = page.form_values("/permohonan")
        self.assertEqual(["bupati", "sekda"], sorted(v for k, v in kept if k == "pimpinan"))
        values = dict(kept)
        self.assertEqual("Camat <b>&</b> \"Lurah\"", values.get("undangan_lain"), "text kept and escaped")
        self.assertEqual("audiensi", values.get("jenis_surat"))
        self.assertEqual("pengarahan", values.get("peran"))
        self.assertEqual("1", values.get("boleh_diwakilkan"))
        self.assertNotIn("<b>&</b>", page.text, "user text is escaped in the page")

    def test_letter_checked_by_content(self):
        page = self.submit_page(files=[("surat", "surat.pdf", sample_files.png(), "application/pdf")])
        self.assertFieldError(page, "surat")
        page = self.submit_page(files=[("surat", "surat.pdf", b"%PDF-1.4 truncated", "application/pdf")])
        self.assertFieldError(page, "surat")
        page = self.submit_page(files=[letter(), ("pendukung", "foto.png", b"just text, not an image", "image/png")])
        self.assertFieldError(page, "pendukung")

    def test_file_over_the_limit(self):
        big = sample_files.pdf(padding=150000)
        page = self.submit_page(files=[("surat", "besar.pdf", big, "application/pdf")])
        self.assertIn(page.status, (400, 413), page.describe())
        if page.status == 400:
            self.assertFieldError(page, "surat")
        else:
            self.assertTrue(page.visible_text, "413 explained in a page")

    def test_date_in_the_past(self):
        yesterday = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7))).date() \
            - datetime.timedelta(days=1)
        self.assertFieldError(self.submit_page(valid_fields(tanggal=yesterday.isoformat())), "tanggal")
        self.assertFieldError(self.submit_page(valid_fields(tanggal="2025-02-30")), "tanggal")

    def test_end_before_start(self):
        self.assertFieldError(self.submit_page(valid_fields(jam_mulai="10:00", jam_selesai="08:00")), "jam_selesai")
        self.assertFieldError(self.submit_page(valid_fields(jam_mulai="25:00")), "jam_mulai")

    def test_bad_email_and_whatsapp(self):
        self.assertFieldError(self.submit_page(valid_fields(email="siti@")), "email")
        self.assertFieldError(self.submit_page(valid_fields(whatsapp="12345")), "whatsapp")
        self.assertFieldError(self.submit_page(valid_fields(whatsapp="0812-abc")), "whatsapp")
        # email is optional
        self.submit(valid_fields(email=""))

    def test_unknown_leader_and_choice(self):
        self.assertFieldError(self.submit_page(valid_fields(pimpinan=["protokol"])), "pimpinan")
        self.assertFieldError(self.submit_page(valid_fields(peran="menari")), "peran")

    def test_kept_letter_need_not_be_uploaded_again(self):
        web = self.web()
        text = "Surat yang disimpan"
        page = self.submit_page(valid_fields(nama=None), files=[("surat", "surat-asli.pdf", sample_files.pdf(text))],
                                session=web)
        self.assertFieldError(page, "nama")
        self.assertIn("surat-asli.pdf", page.visible_text, "the kept letter is shown by name")
        fields = [(k, v) for k, v in page.form_values("/permohonan") if k != "nama"] + [("nama", "Siti Rahmawati")]
        again = web.post_multipart("/permohonan", fields, [])
        self.assertEqual(303, again.status, "resubmitted without uploading again: " + again.describe())
        code = CODE_PATTERN.search(again.location).group(0)
        staff_page = self.request_page(self.request_id(code))
        links = [l for l in staff_page.links() if l.startswith("/lampiran/") and l.endswith("/surat-asli.pdf")]
        self.assertEqual(1, len(links), staff_page.describe())
        status, headers, body = self.srv.request("GET", links[0], user=("protokol", "rahasia-protokol"))
        self.assertEqual(200, status)
        self.assertEqual(sample_files.pdf(text), body)

    def test_forged_kept_file_refused(self):
        web = self.web()
        page = self.submit_page(valid_fields(nama=None), session=web)
        self.assertFieldError(page, "nama")
        typed = {k for k, _ in valid_fields()} | {"csrf"}
        carried = [(k, v) for k, v in page.form_values("/permohonan") if k not in typed]
        self.assertTrue(carried, "the kept letter travels in hidden fields")
        forged = [(k, v) for k, v in page.form_values("/permohonan") if k in typed and k != "nama"]
        forged += [("nama", "Siti")]
        # a different (existing-looking) blob: every carried value altered
        forged += [(k, (v[:-1] + ("0" if v[-1:] != "0" else "1")) if v else v) for k, v in carried]
        answer = web.post_multipart("/permohonan", forged, [])
        self.assertIn(answer.status, (400, 403), "a forged kept file is refused: " + answer.describe())

    def test_csrf_required(self):
        web = self.web()
        self.assertEqual(403, self.submit_page(session=web, with_csrf=False).status)
        page = web.post_multipart("/permohonan", [("csrf", "bukan-token")] + valid_fields(), [letter()])
        self.assertEqual(403, page.status, page.describe())
        self.assertIn("text/html", page.headers.get("content-type", ""))

    # -- the status page ------------------------------------------------------------

    def test_unknown_code(self):
        page = self.web().get("/permohonan/JDW-AAAA-BBBB")
        self.assertEqual(404, page.status, page.describe())
        self.assertIn("text/html", page.headers.get("content-type", ""))
        self.assertEqual(404, self.web().get("/permohonan/JDW-AAAA-BBBB/tanda-terima").status)

    def test_lookup_by_typed_code(self):
        code = self.submit()
        typed = code.lower().replace("-", " ")
        page = self.web().get("/permohonan/cek?kode=" + typed.replace(" ", "+"))
        self.assertEqual(303, page.status, page.describe())
        self.assertEqual("/permohonan/" + code, page.location_path)
        bad = self.web().get("/permohonan/cek?kode=xyz")
        self.assertNotEqual(303, bad.status)
        self.assertLess(bad.status, 500)

    def test_withdraw(self):
        code = self.submit()
        web = self.web()
        page = self.status_page(code, web)
        action = "/permohonan/%s/tarik" % code
        fields = [(k, v) for k, v in page.form_values(action) if k != "catatan"] + [("catatan", "Acara ditunda")]
        asked = web.post_form(action, fields)
        self.assertEqual(200, asked.status, asked.describe())
        self.assertIn("Yakin menarik permohonan ini?", asked.visible_text)
        self.assertIn("Diajukan", self.status_page(code).visible_text, "nothing happens before the confirmation")
        answer = web.post_form(action, asked.form_values(action))
        self.assertEqual(303, answer.status, answer.describe())
        self.assertEqual("/permohonan/" + code, answer.location_path)
        page = self.status_page(code, web)
        self.assertIn("Ditarik", page.visible_text)
        self.assertNotIn(action, [f.get("action") for f in page.forms()], "nothing to withdraw any more")
        self.assertIsNone(self.event_of(code, HOLD_OWNER, HOLD_SLUG, user="protokol"), "the hold is released")
        again = web.post_form(action, fields)
        self.assertIn(again.status, (400, 409), again.describe())
        # without CSRF
        other = self.submit()
        self.assertEqual(403, self.web().post_form("/permohonan/%s/tarik" % other, {"catatan": "x"}).status)
        self.assertIn("Diajukan", self.status_page(other).visible_text)

    def test_returned_then_revised(self):
        code, request_id = self.new_request()
        self.decide(request_id, "return", catatan="Surat belum ditandatangani")
        web = self.web()
        page = self.status_page(code, web)
        self.assertIn("Dikembalikan", page.visible_text)
        self.assertIn("Surat belum ditandatangani", page.visible_text)
        action = "/permohonan/%s/revisi" % code
        fields = [(k, v) for k, v in page.form_values(action) if k != "catatan"] + [("catatan", "Sudah ditandatangani")]
        wrong = web.post_multipart(action, fields, [("surat", "revisi.pdf", sample_files.png(), "application/pdf")])
        self.assertEqual(400, wrong.status, "a PNG is no letter: " + wrong.describe())
        self.assertIn("Dikembalikan", self.status_page(code).visible_text)
        answer = web.post_multipart(action, fields, [("surat", "surat-revisi.pdf", sample_files.pdf("Revisi"))])
        self.assertEqual(303, answer.status, answer.describe())
        self.assertEqual("/permohonan/" + code, answer.location_path)
        self.assertIn("Diajukan", self.status_page(code).visible_text)
        staff_page = self.request_page(request_id)
        self.assertTrue(any(l.endswith("/surat-revisi.pdf") for l in staff_page.links()), staff_page.describe())
        self.assertTrue(any(l.endswith("/surat-permohonan.pdf") for l in staff_page.links()), "first letter kept")

    def test_revision_only_when_returned(self):
        code = self.submit()
        web = self.web()
        token = self.status_page(code, web).csrf()
        answer = web.post_multipart("/permohonan/%s/revisi" % code, [("csrf", token), ("catatan", "x")], [letter()])
        self.assertEqual(409, answer.status, answer.describe())


class RateLimitTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 2}

    def test_too_many_submissions_from_one_address(self):
        self.submit()
        self.submit()
        page = self.submit_page()
        self.assertEqual(429, page.status, page.describe())
        self.assertIn("text/html", page.headers.get("content-type", ""))
        self.assertTrue(page.visible_text)


class CodeLookupLimitTest(RequestTestCase):
    """Unknown tracking codes looked up from one address are limited; a code
    that exists is never counted."""

    SERVER_OPTIONS = {"workflow.code_misses_per_hour": 5}

    def test_guessing_codes_is_refused_but_the_own_code_never_counts(self):
        code = self.submit()
        web = self.web()
        for _ in range(20):
            self.assertEqual(200, web.get("/permohonan/" + code).status)
            self.assertEqual(303, web.get("/permohonan/cek?kode=" + code).status)
        guesses = ["JDW-2345-67%s9" % c for c in "ABCDEFGH"]
        for guess in guesses[:5]:
            self.assertEqual(404, web.get("/permohonan/" + guess).status)
        refused = web.get("/permohonan/cek?kode=" + guesses[5])
        self.assertEqual(429, refused.status, refused.describe())
        self.assertEqual("3600", refused.headers.get("retry-after"))
        self.assertIn("Terlalu banyak kode permohonan", refused.visible_text)
        # Now a real code gets the same answer: nothing tells a guesser it exists.
        self.assertEqual(429, web.get("/permohonan/" + code).status)


if __name__ == "__main__":
    unittest.main()

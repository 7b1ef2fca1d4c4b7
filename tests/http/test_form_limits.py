"""The public form's size limits as it states them (per file and for all files
together), and its errors: every way a submission can be refused gives the
requester the form back as they filled it (finding 1 of issue 10)."""

import re
import sqlite3
import unittest

import sample_files
from jadwal_requests import RequestTestCase, letter, valid_fields

MB = 1000 * 1000
MIB = 1024 * 1024


def pdf_of(size, text):
    """A real PDF of about `size` bytes."""
    return sample_files.pdf(text, padding=size)


class StatedLimitsTest(RequestTestCase):
    """With the limits an installation has by default: 10 MB per file, 30 MB in all."""

    SERVER_OPTIONS = {"submissions_per_hour": 1000}

    def request_count(self):
        with sqlite3.connect("file:%s?mode=ro" % self.srv.db_path, uri=True) as db:
            return db.execute("SELECT COUNT(*) FROM requests").fetchone()[0]

    def test_the_form_states_both_limits(self):
        page = self.web().get("/permohonan")
        stated = page.by_id("batas-ukuran")
        self.assertIsNotNone(stated, page.describe())
        self.assertIn("10 MB per berkas", stated.text)
        self.assertIn("30 MB semua berkas bersama", stated.text)
        form = page.form("/permohonan")
        self.assertEqual(str(10 * MIB), form.get("data-maks-berkas"))
        self.assertEqual(str(30 * MIB), form.get("data-maks-total"))
        self.assertIn("/static/permohonan.js", [e.get("src") for e in page.elements("script")])
        script = self.web().get("/static/permohonan.js")
        self.assertEqual(200, script.status)
        self.assertIn("javascript", script.headers.get("content-type", ""))

    def test_a_6_mb_letter_with_a_5_mb_supporting_file_is_taken(self):
        before = self.request_count()
        files = [("surat", "surat-6mb.pdf", pdf_of(6 * MB, "Surat"), "application/pdf"),
                 ("pendukung", "proposal-5mb.pdf", pdf_of(5 * MB, "Proposal"), "application/pdf")]
        code = self.submit(files=files)
        self.assertEqual(before + 1, self.request_count())
        page = self.request_page(self.request_id(code))
        for name in ("surat-6mb.pdf", "proposal-5mb.pdf"):
            self.assertTrue(any(link.endswith("/" + name) for link in page.links()), page.links())


class TotalLimitTest(RequestTestCase):
    """Small limits, so that a total can be passed within the body limit."""

    SERVER_OPTIONS = {"submissions_per_hour": 1000, "max_file_bytes": 100000,
                      "max_upload_total_bytes": 250000, "max_body_bytes": 250000 + 32768 + 100000}

    def test_files_over_the_total_come_back_with_the_form_filled(self):
        files = [("surat", "surat.pdf", pdf_of(90000, "Surat"), "application/pdf"),
                 ("pendukung", "satu.pdf", pdf_of(90000, "Satu"), "application/pdf"),
                 ("pendukung", "dua.pdf", pdf_of(90000, "Dua"), "application/pdf")]
        session = self.web()
        page = self.submit_page(valid_fields(), files, session=session)
        self.assertEqual(400, page.status, page.describe())
        error = page.by_id("galat-pendukung")
        self.assertIsNotNone(error, page.describe())
        self.assertIn("melebihi batas", error.text)
        self.assertIn("semua berkas bersama: 0.3 MB", error.text)
        values = dict(page.form_values("/permohonan"))
        for name, value in valid_fields():
            if name != "pimpinan":
                self.assertEqual(value, values.get(name), name)
        # The letter and the file within the total are kept; the one beyond is not.
        kept = page.form_values("/permohonan")
        self.assertEqual(["surat", "pendukung"], [v for k, v in kept if k == "simpan_jenis"])
        self.assertEqual(["surat.pdf", "satu.pdf"], [v for k, v in kept if k == "simpan_nama"])
        # Sent again as the page stands, without the file beyond the total: taken.
        again = session.post_multipart("/permohonan", kept, [])
        self.assertEqual(303, again.status, again.describe())


class RefusalsKeepTheFormTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 1000, "max_file_bytes": 100000}

    def assertFilled(self, page, status):
        self.assertEqual(status, page.status, page.describe())
        values = dict(page.form_values("/permohonan"))
        for name, value in valid_fields():
            if name != "pimpinan":
                self.assertEqual(value, values.get(name), "%s kept" % name)
        self.assertEqual(["bupati"], [v for k, v in page.form_values("/permohonan") if k == "pimpinan"])
        self.assertTrue(values.get("csrf"), "a fresh CSRF token to send it again")
        self.assertTrue(values.get("token_kirim"), "a one-time token to send it again")
        self.assertIsNotNone(page.by_id("masalah-formulir"), "the problem is said above the form")
        return values

    def test_an_expired_form_comes_back_filled(self):
        session = self.web()
        form = session.get("/permohonan")
        self.assertEqual(200, form.status)
        # A token of another day: as if the page had been left open too long.
        expired = "1000000000." + "0" * 24 + "." + "0" * 64
        session.cookies["jadwal_formulir"] = expired
        pairs = [("csrf", expired)] + list(valid_fields())
        page = session.post_multipart("/permohonan", pairs, [letter()])
        values = self.assertFilled(page, 403)
        self.assertIn("kedaluwarsa", page.by_id("masalah-formulir").text)
        # The re-shown form, sent as it stands with the letter again, is taken.
        again = session.post_multipart("/permohonan", page.form_values("/permohonan"), [letter()])
        self.assertEqual(303, again.status, again.describe())
        self.assertNotEqual(expired, values["csrf"])

    def test_a_form_without_its_cookie_comes_back_filled(self):
        session = self.web()
        form = session.get("/permohonan")
        pairs = [("csrf", form.csrf("/permohonan"))] + list(valid_fields())
        session.cookies.clear()
        page = session.post_multipart("/permohonan", pairs, [letter()])
        self.assertFilled(page, 403)

    def test_an_unreadable_form_gives_the_form_not_a_dead_end(self):
        session = self.web()
        session.get("/permohonan")
        page = session.request("POST", "/permohonan", b"--x\r\nno headers here",
                               {"Content-Type": "multipart/form-data; boundary=x"})
        self.assertEqual(400, page.status, page.describe())
        self.assertIsNotNone(page.by_id("masalah-formulir"), page.describe())
        self.assertTrue(page.csrf("/permohonan"))


class RateLimitKeepsTheFormTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 1}

    def test_the_hourly_limit_gives_the_form_back_filled(self):
        self.submit()
        page = self.submit_page(valid_fields(nama="Rudi Hartono"))
        self.assertEqual(429, page.status, page.describe())
        self.assertEqual("3600", page.headers.get("retry-after"))
        self.assertEqual("Rudi Hartono", page.field("nama", "/permohonan"))
        self.assertEqual("Peresmian Laboratorium Komputer", page.field("nama_kegiatan", "/permohonan"))
        self.assertIn("masih ada", page.by_id("masalah-formulir").text)


if __name__ == "__main__":
    unittest.main()

"""The work report (/staf/rekap): the page of a month and of a year with its
chart and tables, refused periods, the CSV read back as a spreadsheet would
(python's csv module), the JSON for scripts, and both with HTTP Basic. The
requests are submitted now, so they count in the current month (WIB)."""

import csv
import datetime
import io
import json
import re
import unittest

from jadwal_requests import WIB, RequestTestCase, credentials, valid_fields

CSV_HEADER = ["Kode", "Tanggal masuk", "Instansi", "Pemohon", "Nomor surat", "Tanggal surat", "Jenis surat",
              "Kegiatan", "Waktu kegiatan (WIB)", "Tempat", "Pimpinan yang diundang", "Pimpinan yang ditugaskan",
              "Status", "Tanggal keputusan", "Diwakili oleh", "Catatan keputusan"]


def this_month():
    return datetime.datetime.now(WIB).strftime("%Y-%m")


class RecapTest(RequestTestCase):

    @classmethod
    def setup_data(cls):
        test = cls("run")
        cls.approved_code, cls.approved_id = test.new_request(
            "disetujui", valid_fields(instansi="Dinas Pendidikan", nomor_surat="005/77/DISDIK/2025",
                                      nama_kegiatan="Pembukaan Lomba, \"Sekolah Sehat\""))
        cls.wabup_code, cls.wabup_id = test.new_request(
            "diajukan", valid_fields(instansi="=Kecamatan Indralaya", pimpinan=["wabup"],
                                     nama_kegiatan="Kunjungan kerja Wakil Bupati"))
        cls.rejected_code, cls.rejected_id = test.new_request("diajukan")
        test.decide(cls.rejected_id, "reject", catatan="Jadwal penuh")

    def recap_file(self, path, user="protokol", basic=True, session_user=None):
        if basic:
            return self.srv.request("GET", path, user=credentials(user) if user else None)
        page = self.staff(session_user or user).get(path)
        return page.status, page.headers, page.body

    # -- the page ------------------------------------------------------------------------

    def test_the_month_page_shows_totals_leaders_institutions_and_the_chart(self):
        page = self.staff().get("/staf/rekap")
        self.assertEqual(200, page.status, page.describe())
        text = page.visible_text
        for expected in ("Rekap Kegiatan", "Jumlah permohonan", "Per pimpinan", "Bupati Ogan Ilir",
                         "Wakil Bupati Ogan Ilir", "Per instansi", "Dinas Pendidikan", "=Kecamatan Indralaya",
                         "Per jenis surat", "Undangan", "Median", "Lama sampai keputusan"):
            self.assertIn(expected, text)
        body = page.body.decode("utf-8")
        self.assertIn("<svg", body)
        self.assertRegex(body, r'<svg[^>]*role="img"')
        self.assertIn("<title id=\"grafik-judul\">Permohonan per pimpinan", body)
        self.assertIn("<desc id=\"grafik-uraian\">", body)
        self.assertNotIn("<script", body.split("<svg", 1)[1].split("</svg>", 1)[0])
        self.assertNotIn("style=", body)
        self.assertIn('value="%s"' % this_month(), body)  # the current month by default
        links = page.links()
        for link in ("/staf/rekap.csv?bulan=" + this_month(), "/staf/rekap.json?bulan=" + this_month(),
                     "/staf/rekap.xlsx?bulan=" + this_month()):
            self.assertIn(link, links)

    def test_the_year_page_has_a_bar_per_month(self):
        year = datetime.datetime.now(WIB).year
        page = self.staff().get("/staf/rekap?tahun=%d" % year)
        self.assertEqual(200, page.status, page.describe())
        body = page.body.decode("utf-8")
        self.assertIn("Tahun %d" % year, page.visible_text)
        self.assertIn("Permohonan per bulan", body)
        chart = body.split("<svg", 1)[1].split("</svg>", 1)[0]
        for month in ("Januari", "Juni", "Desember"):
            self.assertIn(month, chart)

    def test_the_staff_navigation_links_the_report(self):
        self.assertIn("/staf/rekap", self.staff().get("/staf").links())

    def test_a_bad_period_answers_400_with_the_form_and_a_message(self):
        for query, message in (("bulan=2026-13", "Bulan tidak dikenali"), ("bulan=2026-1", "Bulan tidak dikenali"),
                               ("tahun=abc", "Tahun tidak dikenali"), ("tahun=20255", "Tahun tidak dikenali"),
                               ("bulan=2026-01&tahun=2026", "jangan keduanya")):
            page = self.staff().get("/staf/rekap?" + query)
            self.assertEqual(400, page.status, query)
            self.assertIn(message, page.visible_text, query)
            self.assertTrue(page.elements("form"), query)
            status, _, body = self.recap_file("/staf/rekap.csv?" + query)
            self.assertEqual(400, status, query)
            self.assertIn(message, body.decode("utf-8"), query)

    def test_a_login_is_needed_and_a_viewer_is_refused(self):
        page = self.web().get("/staf/rekap?bulan=2026-01")
        self.assertEqual(303, page.status)
        self.assertIn("/staf/masuk", page.location)
        self.assertEqual(403, self.staff("humas").get("/staf/rekap").status)

    # -- CSV -----------------------------------------------------------------------------

    def rows(self, body):
        self.assertTrue(body.startswith(b"\xef\xbb\xbf"), body[:10])  # the BOM Excel looks for
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))

    def test_the_csv_has_a_header_and_a_row_per_request(self):
        status, headers, body = self.recap_file("/staf/rekap.csv")
        self.assertEqual(200, status, body[:300])
        self.assertTrue(headers["content-type"].startswith("text/csv"), headers)
        self.assertIn("attachment", headers.get("content-disposition", ""))
        self.assertIn(b"\r\n", body)
        rows = self.rows(body)
        self.assertEqual(CSV_HEADER, rows[0])
        by_code = {row[0]: row for row in rows[1:]}
        for code in (self.approved_code, self.wabup_code, self.rejected_code):
            self.assertIn(code, by_code)
        row = dict(zip(CSV_HEADER, by_code[self.approved_code]))
        self.assertEqual("Dinas Pendidikan", row["Instansi"])
        self.assertEqual("005/77/DISDIK/2025", row["Nomor surat"])
        self.assertEqual("Pembukaan Lomba, \"Sekolah Sehat\"", row["Kegiatan"])  # quoted per RFC 4180
        self.assertEqual("Disetujui", row["Status"])
        self.assertEqual("Undangan", row["Jenis surat"])
        self.assertEqual("Bupati Ogan Ilir", row["Pimpinan yang diundang"])
        self.assertEqual("Bupati Ogan Ilir", row["Pimpinan yang ditugaskan"])
        self.assertRegex(row["Waktu kegiatan (WIB)"], r"^\d{4}-\d\d-\d\d 09:00$")
        self.assertRegex(row["Tanggal keputusan"], r"^\d{4}-\d\d-\d\d \d\d:\d\d$")
        self.assertTrue(row["Tanggal masuk"].startswith(datetime.datetime.now(WIB).strftime("%Y-%m")))
        rejected = dict(zip(CSV_HEADER, by_code[self.rejected_code]))
        self.assertEqual("Ditolak", rejected["Status"])
        self.assertEqual("Jadwal penuh", rejected["Catatan keputusan"])
        # A cell a spreadsheet would run as a formula is shown as text.
        self.assertEqual("'=Kecamatan Indralaya", by_code[self.wabup_code][2])

    def test_the_summary_csv_holds_the_numbers_per_part(self):
        status, headers, body = self.recap_file("/staf/rekap.csv?isi=ringkasan")
        self.assertEqual(200, status, body[:300])
        self.assertIn("-ringkasan.csv", headers.get("content-disposition", ""))
        rows = self.rows(body)
        header = rows[0]
        self.assertEqual(["Bagian", "Nama", "Masuk", "Menunggu", "Disetujui", "Diwakilkan", "Ditolak"], header[:7])
        lines = {(row[0], row[1]): dict(zip(header, row)) for row in rows[1:]}
        total = lines[("Jumlah permohonan", datetime.datetime.now(WIB).strftime("%Y-%m"))]
        self.assertEqual("3", total["Masuk"])
        self.assertEqual("1", total["Menunggu"])
        self.assertEqual("1", total["Disetujui"])
        self.assertEqual("1", total["Ditolak"])
        self.assertEqual("2", total["Sudah diputuskan"])
        bupati = lines[("Pimpinan", "Bupati Ogan Ilir")]
        self.assertEqual("1", bupati["Disetujui"])
        self.assertRegex(bupati["Median jam sampai keputusan"], r"^\d+\.\d\d$")
        self.assertIn(("Instansi", "Dinas Pendidikan"), lines)
        self.assertIn(("Jenis", "Undangan"), lines)
        # An aide's summary names their leader only.
        _, _, aide = self.recap_file("/staf/rekap.csv?isi=ringkasan", user="ajudan.bupati")
        self.assertFalse([row for row in self.rows(aide)[1:] if row[0] == "Pimpinan" and row[1] != "Bupati Ogan Ilir"])

    def test_the_csv_of_an_aide_holds_their_leader_only_and_no_codes(self):
        status, _, body = self.recap_file("/staf/rekap.csv", user="ajudan.bupati")
        self.assertEqual(200, status)
        rows = self.rows(body)
        self.assertEqual(CSV_HEADER, rows[0])
        self.assertTrue(rows[1:])
        self.assertNotIn(b"JDW-", body)
        self.assertNotIn("Kunjungan kerja Wakil Bupati", body.decode("utf-8"))

    # -- JSON ----------------------------------------------------------------------------

    def test_the_json_has_the_documented_fields(self):
        status, headers, body = self.recap_file("/staf/rekap.json?bulan=" + this_month())
        self.assertEqual(200, status, body[:300])
        self.assertTrue(headers["content-type"].startswith("application/json"))
        recap = json.loads(body)
        period = recap["period"]
        self.assertEqual(int(this_month()[:4]), period["year"])
        self.assertEqual(int(this_month()[5:]), period["month"])
        self.assertRegex(period["from"], r"^\d{4}-\d\d-01T00:00:00\+07:00$")
        self.assertEqual("Asia/Jakarta", period["timezone"])
        for key in ("received", "pending", "approved", "represented", "rejected", "withdrawn", "cancelled", "held",
                    "not_held"):
            self.assertIn(key, recap["total"])
        self.assertGreaterEqual(recap["total"]["received"], 3)
        self.assertGreaterEqual(recap["decision_times"]["decided"], 2)
        self.assertIsInstance(recap["decision_times"]["median_hours"], (int, float))
        self.assertEqual(1, len(recap["months"]))
        self.assertIn("Dinas Pendidikan", recap["by_institution"])
        self.assertIn("undangan", recap["by_letter_type"])
        leaders = {leader["user"]: leader for leader in recap["leaders"]}
        self.assertEqual("Bupati Ogan Ilir", leaders["bupati"]["name"])
        self.assertGreaterEqual(leaders["bupati"]["events_from_requests"], 0)
        requests = {request["code"]: request for request in recap["requests"]}
        approved = requests[self.approved_code]
        self.assertEqual("disetujui", approved["state"])
        self.assertRegex(approved["submitted"], r"\+07:00$")
        self.assertRegex(approved["decided"], r"\+07:00$")
        self.assertEqual(["bupati"], approved["leaders_asked"])
        self.assertIsNone(requests[self.wabup_code]["decided"])
        self.assertFalse(recap["agenda_incomplete"])
        self.assertFalse(recap["requests_incomplete"])

    def test_the_files_take_basic_auth_or_a_session(self):
        for path in ("/staf/rekap.csv", "/staf/rekap.json"):
            status, headers, _ = self.srv.request("GET", path)
            self.assertEqual(401, status, path)
            self.assertIn("Basic", headers.get("www-authenticate", ""))
            status, _, _ = self.srv.request("GET", path, user=("protokol", "salah"))
            self.assertEqual(401, status, path)
            self.assertEqual(200, self.recap_file(path, basic=False)[0], path)
            self.assertEqual(403, self.recap_file(path, user="humas")[0], path)

    def test_a_leader_sees_their_own_requests(self):
        status, _, body = self.recap_file("/staf/rekap.json", user="wabup")
        self.assertEqual(200, status)
        recap = json.loads(body)
        self.assertEqual(["wabup"], [leader["user"] for leader in recap["leaders"]])
        self.assertEqual(["Kunjungan kerja Wakil Bupati"], [r["activity"] for r in recap["requests"]])
        self.assertEqual("", recap["requests"][0]["code"])


if __name__ == "__main__":
    unittest.main()

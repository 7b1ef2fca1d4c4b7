"""The work report as an Excel workbook (/staf/rekap.xlsx), downloaded by staff
with a session, by a script with HTTP Basic and by a leader, and read back
with a real reader (python3-openpyxl): the sheet names, each header row, a
known request's row with its dates as datetime values and its state, a
leader's agenda rows (one from a request, one entered over CalDAV), and the
scope (a leader sees only their own; a viewer nothing). The requests are
submitted now, so they count in the current month (WIB); their activities
lie two weeks ahead, in the month the agenda sheets are read for."""

import datetime
import io
import unittest

from jadwal_requests import WIB, RequestTestCase, activity_day, credentials, valid_fields

# A real reader, installed by scripts/install-deps.sh --tests: without it
# this test fails rather than pass without reading a workbook.
import openpyxl

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SUMMARY_HEADER = ["Bagian", "Nama", "Diterima", "Menunggu", "Disetujui", "Diwakilkan", "Ditolak", "Ditarik",
                  "Dibatalkan", "Terlaksana", "Tidak terlaksana", "Diputuskan", "Median waktu keputusan (jam)",
                  "P90 waktu keputusan (jam)", "Acara dari permohonan", "Acara langsung", "Diwakili oleh"]
REQUEST_HEADER = ["Kode", "Diajukan", "Instansi", "Pemohon", "Nomor surat", "Tanggal surat", "Jenis surat",
                  "Kegiatan", "Tanggal kegiatan", "Mulai", "Selesai", "Tempat", "Pimpinan diminta",
                  "Pimpinan ditugaskan", "Status", "Tanggal keputusan", "Diwakili oleh", "Catatan keputusan"]
AGENDA_HEADER = ["Tanggal", "Mulai", "Selesai", "Kegiatan", "Tempat", "Ket.", "Diwakili oleh", "Sumber"]
LEADER_SHEETS = ["Agenda Bupati Ogan Ilir", "Agenda Sekretaris Daerah", "Agenda Wakil Bupati Ogan Ilir"]

DIRECT_EVENT = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Jadwal tests//EN
BEGIN:VEVENT
UID:rekap-langsung@example.go.id
DTSTAMP:20250101T000000Z
DTSTART:{start}
DTEND:{end}
SUMMARY:Silaturahmi dengan Tokoh Masyarakat
LOCATION:Pendopo Rumah Dinas
DESCRIPTION:Diwakili oleh: Sekretaris Daerah
END:VEVENT
END:VCALENDAR
"""


def this_month():
    return datetime.datetime.now(WIB).strftime("%Y-%m")


def rows_of(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def header_row(sheet):
    """The index and cells of the bold header row (the first on every sheet but the summary)."""
    for index, row in enumerate(rows_of(sheet)):
        if row and row[0] in ("Bagian", "Kode", "Tanggal"):
            return index, row
    raise AssertionError("no header row on " + sheet.title)


def records(sheet):
    index, header = header_row(sheet)
    return [dict(zip(header, row)) for row in rows_of(sheet)[index + 1:] if any(cell is not None for cell in row)]


class RecapWorkbookTest(RequestTestCase):

    @classmethod
    def setup_data(cls):
        test = cls("run")
        cls.day = activity_day()
        cls.approved_code, cls.approved_id = test.new_request(
            "disetujui", valid_fields(instansi="Dinas Pendidikan", nama="Siti Rahmawati",
                                      nomor_surat="005/77/DISDIK/2025", nama_kegiatan="Peresmian Perpustakaan Daerah"))
        cls.wabup_code, cls.wabup_id = test.new_request(
            "diajukan", valid_fields(instansi="Kecamatan Indralaya", pimpinan=["wabup"],
                                     nama_kegiatan="Kunjungan kerja Wakil Bupati"))
        # An event the Bupati's phone enters itself: 19.00-21.00 WIB on the same day.
        start = datetime.datetime.combine(cls.day, datetime.time(12, 0), datetime.timezone.utc)
        text = DIRECT_EVENT.format(start=start.strftime("%Y%m%dT%H%M%SZ"),
                                   end=(start + datetime.timedelta(hours=2)).strftime("%Y%m%dT%H%M%SZ"))
        status, _, body = cls.srv.request("PUT", "/dav/calendars/bupati/agenda/rekap-langsung.ics",
                                          text.replace("\n", "\r\n"), {"Content-Type": "text/calendar"},
                                          user=credentials("bupati"))
        assert status == 201, (status, body)

    def workbook(self, query="bulan=" + this_month(), user="protokol", basic=False):
        path = "/staf/rekap.xlsx?" + query
        if basic:
            status, headers, body = self.srv.request("GET", path, user=credentials(user))
        else:
            page = self.staff(user).get(path)
            status, headers, body = page.status, page.headers, page.body
        self.assertEqual(200, status, body[:500])
        self.assertEqual(XLSX, headers.get("content-type"))
        self.assertIn("private", headers.get("cache-control", ""))
        self.assertEqual(b"PK\x03\x04", body[:4], "a zip")
        return openpyxl.load_workbook(io.BytesIO(body)), headers

    def request_record(self, book, activity):
        found = [r for r in records(book["Permohonan"]) if r["Kegiatan"] == activity]
        self.assertEqual(1, len(found), [r["Kegiatan"] for r in records(book["Permohonan"])])
        return found[0]

    # -- the sheets ------------------------------------------------------------------------------

    def test_sheets_and_their_headers(self):
        book, headers = self.workbook()
        self.assertEqual('attachment; filename="rekap-%s.xlsx"' % this_month(), headers.get("content-disposition"))
        self.assertEqual(["Ringkasan", "Permohonan"] + LEADER_SHEETS, book.sheetnames)
        index, header = header_row(book["Ringkasan"])
        self.assertEqual(SUMMARY_HEADER, header)
        self.assertEqual("A%d" % (index + 2), book["Ringkasan"].freeze_panes, "the header row is frozen")
        self.assertEqual(REQUEST_HEADER, rows_of(book["Permohonan"])[0])
        for name in LEADER_SHEETS:
            self.assertEqual(AGENDA_HEADER, rows_of(book[name])[0], name)
        for sheet in book:
            self.assertTrue(sheet.auto_filter.ref, sheet.title + " has an autofilter")
            _, row = header_row(sheet)
            first = sheet.cell(row=header_row(sheet)[0] + 1, column=1)
            self.assertTrue(first.font.b, sheet.title + ": the header is bold")
            self.assertGreater(sheet.column_dimensions["A"].width, 8, sheet.title + ": column widths set")
        self.assertEqual("A2", book["Permohonan"].freeze_panes)
        self.assertTrue(book["Permohonan"].auto_filter.ref.startswith("A1:R"), book["Permohonan"].auto_filter.ref)

    def test_a_known_request_row(self):
        book, _ = self.workbook()
        row = self.request_record(book, "Peresmian Perpustakaan Daerah")
        self.assertEqual(self.approved_code, row["Kode"])
        now = datetime.datetime.now(WIB).replace(tzinfo=None)
        self.assertIsInstance(row["Diajukan"], datetime.datetime, "a real date, not text")
        self.assertLess(abs((now - row["Diajukan"]).total_seconds()), 900, "submitted just now, in WIB")
        self.assertEqual("Dinas Pendidikan", row["Instansi"])
        self.assertEqual("Siti Rahmawati", row["Pemohon"])
        self.assertEqual("005/77/DISDIK/2025", row["Nomor surat"])
        self.assertEqual(datetime.datetime.combine(self.day - datetime.timedelta(days=20), datetime.time()),
                         row["Tanggal surat"])
        self.assertEqual("Undangan", row["Jenis surat"])
        self.assertEqual(datetime.datetime.combine(self.day, datetime.time()), row["Tanggal kegiatan"])
        self.assertEqual(datetime.time(9, 0), row["Mulai"])
        self.assertEqual(datetime.time(11, 0), row["Selesai"])
        self.assertEqual("Aula SMA Negeri 1 Indralaya", row["Tempat"])
        self.assertEqual("Bupati Ogan Ilir", row["Pimpinan diminta"])
        self.assertEqual("Bupati Ogan Ilir", row["Pimpinan ditugaskan"])
        self.assertEqual("Disetujui", row["Status"])
        self.assertIsInstance(row["Tanggal keputusan"], datetime.datetime)
        self.assertGreaterEqual(row["Tanggal keputusan"], row["Diajukan"])

        waiting = self.request_record(book, "Kunjungan kerja Wakil Bupati")
        self.assertEqual(self.wabup_code, waiting["Kode"])
        self.assertEqual("Diajukan", waiting["Status"])
        self.assertEqual("Wakil Bupati Ogan Ilir", waiting["Pimpinan diminta"])
        self.assertIsNone(waiting["Tanggal keputusan"])

        summary = {(r["Bagian"], r["Nama"]): r for r in records(book["Ringkasan"])}
        self.assertEqual(2, summary[("Total", "Semua permohonan")]["Diterima"])
        self.assertEqual(1, summary[("Pimpinan", "Bupati Ogan Ilir")]["Disetujui"])
        self.assertEqual(1, summary[("Pimpinan", "Wakil Bupati Ogan Ilir")]["Menunggu"])
        self.assertEqual(1, summary[("Instansi", "Dinas Pendidikan")]["Diterima"])
        self.assertEqual(2, summary[("Jenis surat", "Undangan")]["Diterima"])

    def test_a_leaders_agenda_rows(self):
        book, _ = self.workbook("bulan=" + self.day.strftime("%Y-%m"))
        agenda = {r["Kegiatan"]: r for r in records(book["Agenda Bupati Ogan Ilir"])}
        from_request = agenda["Peresmian Perpustakaan Daerah"]
        self.assertEqual(datetime.datetime.combine(self.day, datetime.time()), from_request["Tanggal"])
        self.assertEqual(datetime.time(9, 0), from_request["Mulai"])
        self.assertEqual(datetime.time(11, 0), from_request["Selesai"])
        # The event's LOCATION: the place and its address.
        self.assertEqual("Aula SMA Negeri 1 Indralaya, Jl. Lintas Timur KM 35, Indralaya", from_request["Tempat"])
        self.assertEqual("Permohonan", from_request["Sumber"])
        direct = agenda["Silaturahmi dengan Tokoh Masyarakat"]
        self.assertEqual(datetime.time(19, 0), direct["Mulai"], "12.00 UTC is 19.00 WIB")
        self.assertEqual(datetime.time(21, 0), direct["Selesai"])
        self.assertEqual("Pendopo Rumah Dinas", direct["Tempat"])
        self.assertEqual("Sekretaris Daerah", direct["Diwakili oleh"])
        self.assertEqual("Langsung", direct["Sumber"])
        self.assertEqual([], records(book["Agenda Wakil Bupati Ogan Ilir"]), "nothing approved for the Wakil Bupati")

    def test_a_year(self):
        year = datetime.datetime.now(WIB).year
        book, headers = self.workbook("tahun=%d" % year)
        self.assertEqual('attachment; filename="rekap-%d.xlsx"' % year, headers.get("content-disposition"))
        months = [r["Nama"] for r in records(book["Ringkasan"]) if r["Bagian"] == "Bulan"]
        self.assertEqual(12, len(months), months)
        self.assertEqual("Januari %d" % year, months[0])
        self.assertTrue(self.request_record(book, "Peresmian Perpustakaan Daerah"))

    # -- who gets what ---------------------------------------------------------------------------

    def test_a_script_with_basic_credentials(self):
        book, _ = self.workbook(basic=True)
        self.assertEqual(self.approved_code, self.request_record(book, "Peresmian Perpustakaan Daerah")["Kode"])

    def test_a_leader_and_their_aide_see_only_their_own(self):
        for user, basic in (("bupati", False), ("ajudan.bupati", False), ("bupati", True)):
            book, _ = self.workbook(user=user, basic=basic)
            self.assertEqual(["Ringkasan", "Permohonan", "Agenda Bupati Ogan Ilir"], book.sheetnames, user)
            activities = [r["Kegiatan"] for r in records(book["Permohonan"])]
            self.assertEqual(["Peresmian Perpustakaan Daerah"], activities, user)
            row = self.request_record(book, "Peresmian Perpustakaan Daerah")
            self.assertIsNone(row["Kode"], "the tracking code is the requester's key, for staff only")
            cells = [str(cell) for sheet in book for r in rows_of(sheet) for cell in r if cell is not None]
            self.assertFalse([c for c in cells if self.approved_code in c or self.wabup_code in c])
            self.assertFalse([c for c in cells if "Wakil Bupati" in c], user)

    def test_a_viewer_and_strangers_are_refused(self):
        page = self.staff("humas").get("/staf/rekap.xlsx")
        self.assertEqual(403, page.status, page.describe())
        self.assertNotEqual(XLSX, page.headers.get("content-type"))
        status, headers, _ = self.srv.request("GET", "/staf/rekap.xlsx")
        self.assertEqual(401, status)
        self.assertIn("Basic", headers.get("www-authenticate", ""))
        status, _, _ = self.srv.request("GET", "/staf/rekap.xlsx", user=("protokol", "salah"))
        self.assertEqual(401, status)

    def test_a_bad_period_is_refused(self):
        for query in ("bulan=2025-13", "tahun=20x5", "bulan=2025-01&tahun=2025"):
            page = self.staff().get("/staf/rekap.xlsx?" + query)
            self.assertEqual(400, page.status, query + ": " + page.describe())
        status, _, _ = self.srv.request("POST", "/staf/rekap.xlsx", b"", user=credentials("protokol"))
        self.assertEqual(405, status)


class RecapWorkbookBoundTest(RequestTestCase):
    """Past the configured rows the workbook stops and says so."""

    SERVER_OPTIONS = {"agenda.recap_workbook_max_rows": 10}

    @classmethod
    def setup_data(cls):
        test = cls("run")
        for n in range(6):
            test.new_request("diajukan", valid_fields(nama_kegiatan="Rapat ke-%d" % n, instansi="Dinas Kesehatan"))

    def test_rows_past_the_bound_are_left_out_and_said(self):
        # Six summary lines (the total, three leaders, one institution, one
        # letter type) and four of the six requests make the ten rows.
        page = self.staff().get("/staf/rekap.xlsx?bulan=" + this_month())
        self.assertEqual(200, page.status, page.describe())
        book = openpyxl.load_workbook(io.BytesIO(page.body))
        notes = [str(r[0]) for r in rows_of(book["Ringkasan"]) if r[0]]
        self.assertIn("Buku kerja ini tidak lengkap: 2 baris tidak ditampilkan (batas 10 baris). "
                      "Pilih periode yang lebih pendek.", notes)
        self.assertEqual(6, len(records(book["Ringkasan"])))
        rows = records(book["Permohonan"])
        self.assertEqual(4, len([r for r in rows if r["Kegiatan"]]), rows)
        self.assertTrue(str(rows[-1]["Kode"]).startswith("2 baris lagi tidak ditampilkan"), rows[-1])

if __name__ == "__main__":
    unittest.main()

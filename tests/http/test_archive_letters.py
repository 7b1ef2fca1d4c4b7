"""The letters a database held before the archive read PDFs (an upgraded
database, or an import without their words) are read once in the background
after the server starts, and join the archive's index while it serves."""

import hashlib
import sqlite3
import time
import unittest

from jadwal_server import JadwalServer


def text_pdf(words):
    """A one-page PDF whose page says `words` in Helvetica."""
    content = b"BT /F1 12 Tf 50 750 Td (" + words.encode("ascii") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return pdf


class StoredLettersTest(unittest.TestCase):
    def test_a_letter_stored_before_is_read_at_start(self):
        with JadwalServer() as srv:
            pdf = text_pdf("Undangan Peresmian Jembatan Ampera")
            sha = hashlib.sha256(pdf).hexdigest()
            # As an older build left it: the request and its letter, no words.
            db = sqlite3.connect(srv.db_path, timeout=10)
            with db:
                db.execute("INSERT INTO blobs (sha256, size, bytes, stored_at) VALUES (?, ?, ?, 1)",
                           (sha, len(pdf), pdf))
                request_id = db.execute(
                    "INSERT INTO requests (code, state, version, event_name, start_at, created_at, updated_at) "
                    "VALUES ('JDW-LAMA-1', 'disetujui', 3, 'Rapat Lama', 1, 1, 1)").lastrowid
                db.execute("INSERT INTO request_files (request_id, kind, name, content_type, sha256, size, "
                           "uploaded_at) VALUES (?, 'surat', 'surat-lama.pdf', 'application/pdf', ?, ?, 1)",
                           (request_id, sha, len(pdf)))
            found = "SELECT rowid FROM archive_search WHERE archive_search MATCH '\"ampera\"*'"
            self.assertEqual([], db.execute(found).fetchall())

            srv.restart()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and "archive: read" not in srv.server_log():
                time.sleep(0.2)
            self.assertEqual([(request_id,)], db.execute(found).fetchall(), srv.server_log())
            self.assertIn("archive: read 1 stored letters, 1 with words", srv.server_log())
            db.close()

            # Read once: the next start has nothing left to read.
            srv.restart()
            status, _, _ = srv.request("GET", "/healthz")
            self.assertEqual(200, status)
            self.assertEqual(1, srv.server_log().count("archive: read"))


if __name__ == "__main__":
    unittest.main()

"""/lampiran/<id>/<name>: the letters, for those allowed to see them, by session
cookie or by HTTP Basic (a phone opening an ATTACH link has no session)."""

import re
import unittest

import sample_files
from jadwal_requests import RequestTestCase, credentials, submit_request, valid_fields


class AttachmentTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 1000}

    def letter_link(self, request_id, name="surat-permohonan.pdf"):
        page = self.request_page(request_id)
        links = [l for l in page.links() if re.fullmatch(r"/lampiran/\d+/" + re.escape(name), l)]
        self.assertEqual(1, len(links), page.links())
        return links[0]

    def test_who_may_open_the_letter(self):
        _, request_id = self.new_request()
        path = self.letter_link(request_id)
        for user in ("protokol", "admin", "bupati", "ajudan.bupati"):
            with self.subTest(user=user):
                status, headers, body = self.srv.request("GET", path, user=credentials(user))
                self.assertEqual(200, status, body[:300])
                self.assertEqual(sample_files.pdf("Surat Permohonan"), body)
                self.assertEqual("application/pdf", headers.get("content-type", "").split(";")[0])
                self.assertTrue(headers.get("content-disposition", "").startswith("inline"), headers)
                self.assertIn("surat-permohonan.pdf", headers.get("content-disposition", ""))
                self.assertEqual("nosniff", headers.get("x-content-type-options"))
                self.assertEqual("sandbox", headers.get("content-security-policy"))
        for user in ("sekda", "wabup", "humas"):
            with self.subTest(user=user):
                self.assertEqual(403, self.srv.request("GET", path, user=credentials(user))[0])
        status, headers, _ = self.srv.request("GET", path)
        self.assertEqual(401, status)
        self.assertEqual('Basic realm="Jadwal"', headers.get("www-authenticate", "").split(",")[0].strip())
        self.assertEqual(401, self.srv.request("GET", path, user=("bupati", "sandi-salah"))[0])

    def test_by_session_cookie(self):
        _, request_id = self.new_request()
        path = self.letter_link(request_id)
        page = self.staff("bupati").get(path)
        self.assertEqual(200, page.status)
        self.assertTrue(page.body.startswith(b"%PDF-"))
        self.assertEqual(403, self.staff("sekda").get(path).status)

    def test_unknown_or_mismatched(self):
        _, request_id = self.new_request()
        path = self.letter_link(request_id)
        file_id = path.split("/")[2]
        auth = credentials("protokol")
        self.assertEqual(404, self.srv.request("GET", "/lampiran/999999/surat-permohonan.pdf", user=auth)[0])
        self.assertEqual(404, self.srv.request("GET", "/lampiran/%s/lain.pdf" % file_id, user=auth)[0])
        self.assertEqual(404, self.srv.request("GET", "/lampiran/abc/surat-permohonan.pdf", user=auth)[0])
        self.assertEqual(404, self.srv.request("GET", "/lampiran/%s" % file_id, user=auth)[0])

    def test_bidi_override_is_dropped_from_the_name(self):
        code = submit_request(self.srv, valid_fields(),
                              [("surat", "invoice\u202egpj.pdf", sample_files.pdf("Tagihan"), "application/pdf")])
        link = self.letter_link(self.request_id(code), "invoicegpj.pdf")
        status, headers, _ = self.srv.request("GET", link, user=credentials("protokol"))
        self.assertEqual(200, status)
        self.assertIn("filename*=UTF-8''invoicegpj.pdf", headers.get("content-disposition", ""))
        self.assertEqual("sandbox", headers.get("content-security-policy"))

    def test_image_and_hostile_names(self):
        files = [("surat", "../../etc/Surat \"Resmi\".pdf", sample_files.pdf("Resmi"), "application/pdf"),
                 ("pendukung", "denah.pdf", sample_files.png(), "application/pdf")]
        # the supporting "denah.pdf" is a PNG: it is stored as what it is
        code = submit_request(self.srv, valid_fields(), files)
        request_id = self.request_id(code)
        page = self.request_page(request_id)
        links = [l for l in page.links() if l.startswith("/lampiran/")]
        self.assertEqual(2, len(links), links)
        for link in links:
            name = link.split("/", 3)[3]
            self.assertNotIn("..", name)
            self.assertNotIn("/", name)
            status, headers, body = self.srv.request("GET", link, user=credentials("protokol"))
            self.assertEqual(200, status, link)
            disposition = headers.get("content-disposition", "")
            self.assertNotIn("\n", disposition)
            if body.startswith(b"\x89PNG"):
                self.assertEqual("image/png", headers.get("content-type", "").split(";")[0])
                self.assertTrue(name.endswith(".png"), "the name follows the content: " + name)
            else:
                self.assertEqual("application/pdf", headers.get("content-type", "").split(";")[0])


if __name__ == "__main__":
    unittest.main()

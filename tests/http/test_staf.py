"""The staff and leader pages (/staf): login and sessions, the inbox per role, the
request page, every decision with its refusals, and dispositions by a leader and
by their aide. The calendar side of decisions is in test_workflow_calendar.py."""

import re
import unittest
import urllib.parse

import sample_files
from jadwal_requests import CODE_PATTERN, RequestTestCase, credentials, submit_request, valid_fields
from jadwal_server import WebSession


class LoginTest(RequestTestCase):

    def test_pages_need_a_session(self):
        for path in ("/staf", "/staf/permohonan/1", "/staf?status=diajukan"):
            with self.subTest(path=path):
                page = self.web().get(path)
                self.assertEqual(303, page.status, page.describe())
                target = urllib.parse.urlsplit(page.location)
                self.assertEqual("/staf/masuk", target.path)
                lanjut = urllib.parse.parse_qs(target.query).get("lanjut", [""])[0]
                self.assertEqual(urllib.parse.urlsplit(path).path, urllib.parse.urlsplit(lanjut).path)

    def test_wrong_credentials(self):
        for user, password in (("protokol", "salah-sandi"), ("tidak.ada", "rahasia-protokol"), ("protokol", "")):
            with self.subTest(user=user, password=password):
                web = self.web()
                form = web.get("/staf/masuk")
                self.assertEqual(200, form.status, form.describe())
                fields = [(k, v) for k, v in form.form_values("/staf/masuk") if k not in ("nama", "sandi")]
                page = web.post_form("/staf/masuk", fields + [("nama", user), ("sandi", password)])
                self.assertEqual(401, page.status, page.describe())
                self.assertIn("salah", page.visible_text, "the page says the credentials are wrong")
                self.assertNotIn("jadwal_sesi", web.cookies)
                self.assertEqual(303, web.get("/staf").status)

    def test_login_sets_a_safe_cookie(self):
        web = self.web()
        form = web.get("/staf/masuk")
        fields = [(k, v) for k, v in form.form_values("/staf/masuk") if k not in ("nama", "sandi")]
        page = web.post_form("/staf/masuk", fields + [("nama", "protokol"), ("sandi", "rahasia-protokol")])
        self.assertEqual(303, page.status, page.describe())
        self.assertEqual("/staf", page.location.rstrip("/") or "/staf")
        cookie = [c for c in page.set_cookies if c.startswith("jadwal_sesi=")]
        self.assertEqual(1, len(cookie), page.set_cookies)
        attributes = [a.strip().lower() for a in cookie[0].split(";")[1:]]
        self.assertIn("httponly", attributes)
        self.assertIn("samesite=lax", attributes)
        self.assertNotIn("secure", attributes, "no Secure flag on a plain-http public_url")
        self.assertGreaterEqual(len(web.cookies["jadwal_sesi"]), 32, "the session token is long and random")
        self.assertEqual(200, web.get("/staf").status)

    def test_login_goes_back_to_the_page_asked_only_when_local(self):
        web = WebSession(self.srv)
        web.login(*credentials("protokol"), lanjut="/staf?status=diverifikasi")
        self.assertEqual(200, web.get("/staf?status=diverifikasi").status)
        for evil in ("https://evil.example/staf", "//evil.example/staf", "/permohonan/../../x"):
            with self.subTest(lanjut=evil):
                web = self.web()
                form = web.get("/staf/masuk")
                fields = [(k, v) for k, v in form.form_values("/staf/masuk") if k not in ("nama", "sandi", "lanjut")]
                page = web.post_form("/staf/masuk", fields + [("nama", "protokol"), ("sandi", "rahasia-protokol"),
                                                              ("lanjut", evil)])
                self.assertEqual(303, page.status, page.describe())
                target = page.headers.get("location", "")
                self.assertNotIn("evil.example", target)
                self.assertTrue(urllib.parse.urlsplit(target).path.startswith("/staf"), target)

    def test_logout(self):
        web = WebSession(self.srv).login(*credentials("protokol"))
        old_cookie = web.cookies["jadwal_sesi"]
        inbox = web.get("/staf")
        self.assertEqual(403, web.post_form("/staf/keluar", {}).status, "logout needs the CSRF token")
        self.assertEqual(200, web.get("/staf").status)
        page = web.post_form("/staf/keluar", {"csrf": inbox.csrf()})
        self.assertEqual(303, page.status, page.describe())
        self.assertEqual("/staf/masuk", urllib.parse.urlsplit(page.location).path)
        replay = self.web(Cookie="jadwal_sesi=" + old_cookie).get("/staf")
        self.assertEqual(303, replay.status, "the old session is gone on the server too")

    def test_viewer_has_no_inbox(self):
        page = WebSession(self.srv).login(*credentials("humas")).get("/staf")
        self.assertEqual(403, page.status, page.describe())


class SecureCookieTest(RequestTestCase):
    @classmethod
    def server_options(cls):
        return {"public_url": "https://agenda.example.test"}

    def test_cookie_secure_under_https(self):
        web = self.web()
        form = web.get("/staf/masuk")
        fields = [(k, v) for k, v in form.form_values("/staf/masuk") if k not in ("nama", "sandi")]
        page = web.post_form("/staf/masuk", fields + [("nama", "protokol"), ("sandi", "rahasia-protokol")])
        self.assertEqual(303, page.status, page.describe())
        cookie = [c for c in page.set_cookies if c.startswith("jadwal_sesi=")][0]
        self.assertIn("secure", [a.strip().lower() for a in cookie.split(";")[1:]])


class LoginGuardTest(RequestTestCase):
    """Wrong passwords behind one address (an office NAT) lock that address
    out, but not a browser that logged in before; forms posted from other
    sites are refused."""

    SERVER_OPTIONS = {"auth.failures_per_address_and_user": 3, "auth.failures_per_address": 5, "cache_seconds": 0}

    def post_login(self, web, user, password):
        form = web.get("/staf/masuk")
        self.assertEqual(200, form.status, form.describe())
        fields = [(k, v) for k, v in form.form_values("/staf/masuk") if k not in ("nama", "sandi")]
        return web.post_form("/staf/masuk", fields + [("nama", user), ("sandi", password)])

    def test_a_known_browser_logs_in_where_its_address_is_locked_out(self):
        own = self.web()
        self.assertEqual(303, self.post_login(own, *credentials("admin")).status)
        self.assertIn("jadwal_perangkat", own.cookies)
        own.cookies.pop("jadwal_sesi")  # logged out, the device cookie kept

        guesser = self.web()
        for i in range(3):
            self.assertEqual(401, self.post_login(guesser, "admin", "tebakan-%d" % i).status)
        refused = self.post_login(self.web(), *credentials("admin"))
        self.assertEqual(429, refused.status, refused.describe())
        self.assertEqual("3600", refused.headers.get("retry-after"))

        again = self.post_login(own, *credentials("admin"))
        self.assertEqual(303, again.status, again.describe())
        self.assertEqual(200, own.get("/staf").status)

    def test_a_form_posted_from_another_site_is_refused(self):
        web = self.web()
        form = web.get("/staf/masuk")
        fields = [(k, v) for k, v in form.form_values("/staf/masuk") if k not in ("nama", "sandi")]
        page = web.post_form("/staf/masuk", fields + [("nama", "protokol"), ("sandi", "rahasia-protokol")],
                             headers={"Origin": "https://evil.example"})
        self.assertEqual(403, page.status, page.describe())
        self.assertIn("tidak dikirim dari situs kami", page.visible_text)
        self.assertNotIn("jadwal_sesi", web.cookies)
        page = web.post_form("/staf/masuk", fields + [("nama", "protokol"), ("sandi", "rahasia-protokol")],
                             headers={"Origin": self.srv.base_url})
        self.assertEqual(303, page.status, page.describe())

    def test_a_login_form_without_its_token_is_refused(self):
        web = self.web()
        page = web.post_form("/staf/masuk", [("nama", "protokol"), ("sandi", "rahasia-protokol")])
        self.assertEqual(403, page.status, page.describe())
        self.assertNotIn("jadwal_sesi", web.cookies)
        # The page shown carries a fresh token: sending it again works.
        fields = [(k, v) for k, v in page.form_values("/staf/masuk") if k not in ("nama", "sandi")]
        page = web.post_form("/staf/masuk", fields + [("nama", "protokol"), ("sandi", "rahasia-protokol")])
        self.assertEqual(303, page.status, page.describe())


class InboxTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 1000}

    @classmethod
    def setup_data(cls):
        cls.first = submit_request(cls.srv, valid_fields(nama_kegiatan="Pelantikan Pengurus Karang Taruna"))
        cls.second = submit_request(cls.srv, valid_fields(nama_kegiatan="Festival Songket Ogan Ilir",
                                                          instansi="Dinas Pariwisata"))
        cls.for_sekda = submit_request(cls.srv, valid_fields(nama_kegiatan="Rapat Koordinasi Inflasi",
                                                             pimpinan=["sekda"]))

    def test_inbox_newest_first(self):
        page = self.staff().get("/staf")
        self.assertEqual(200, page.status, page.describe())
        text = page.visible_text
        for code in (self.first, self.second, self.for_sekda):
            self.assertIn(code, text)
        self.assertLess(text.index(self.second), text.index(self.first), "newest first")
        self.assertLess(text.index(self.for_sekda), text.index(self.second), "newest first")
        self.assertIn("Festival Songket Ogan Ilir", text)
        self.assertIn("Dinas Pariwisata", text)

    def test_search_and_filter(self):
        page = self.staff().get("/staf?q=songket")
        self.assertIn(self.second, page.visible_text)
        self.assertNotIn(self.first, page.visible_text)
        verified_id = self.request_id(self.first)
        self.decide(verified_id, "verify")
        page = self.staff().get("/staf?status=diverifikasi")
        self.assertEqual(200, page.status)
        self.assertIn(self.first, page.visible_text)
        self.assertNotIn(self.second, page.visible_text)
        page = self.staff().get("/staf?status=diajukan")
        self.assertIn(self.second, page.visible_text)
        self.assertNotIn(self.first, page.visible_text)

    def test_paging(self):
        page = self.staff().get("/staf?hal=2")
        self.assertEqual(200, page.status, page.describe())
        self.assertLess(self.staff().get("/staf?hal=abc").status, 500)

    def test_leaders_and_aides_see_their_own(self):
        # Leaders and aides see requests by activity and number, never by tracking code.
        for user in ("bupati", "ajudan.bupati"):
            with self.subTest(user=user):
                page = self.staff(user).get("/staf")
                text = page.visible_text
                self.assertIn("Pelantikan Pengurus Karang Taruna", text)
                self.assertNotIn("Rapat Koordinasi Inflasi", text)
                self.assertIn("/staf/permohonan/%d" % self.request_id(self.first), page.links())
                self.assertIsNone(CODE_PATTERN.search(page.text), "no tracking code in the page")
        page = self.staff("sekda").get("/staf")
        self.assertIn("Rapat Koordinasi Inflasi", page.visible_text)
        self.assertNotIn("Pelantikan Pengurus Karang Taruna", page.visible_text)
        self.assertIsNone(CODE_PATTERN.search(page.text), "no tracking code in the page")
        other = self.staff("sekda").get("/staf/permohonan/%d" % self.request_id(self.first))
        self.assertEqual(403, other.status, "a leader not asked may not open the request")
        mine = self.staff("ajudan.bupati").get("/staf/permohonan/%d" % self.request_id(self.first))
        self.assertEqual(200, mine.status, mine.describe())

    def test_unknown_request(self):
        self.assertEqual(404, self.staff().get("/staf/permohonan/999999").status)


class DecisionTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 1000}

    def test_request_page_shows_everything(self):
        code, request_id = self.new_request()
        page = self.request_page(request_id)
        text = page.visible_text
        for _, value in valid_fields():
            if value not in ("1", "bupati", "undangan", "sambutan") and ":" not in value and "-" not in value[:5]:
                self.assertIn(value, text, "field value %r on the request page" % value)
        self.assertIn(code, text)
        self.assertIn("siti@example.org", text)
        self.assertIn("0812", text.replace("+62 ", "0").replace("+6281", "081").replace("6281", "081"))
        self.assertIn("Bupati Ogan Ilir", text)
        letters = [l for l in page.links() if re.fullmatch(r"/lampiran/\d+/surat-permohonan\.pdf", l)]
        self.assertEqual(1, len(letters), page.links())
        self.assertIn("Pemohon", text, "the history names the requester as the one who submitted")
        actions = {v for e in page.elements(name="aksi") for v in [e.get("value")] if v}
        self.assertIn("verify", actions, "verify is offered on a submitted request")
        self.assertNotIn("cancel", actions, "cancel is not offered before approval")

    def test_decisions_through_the_lifecycle(self):
        code, request_id = self.new_request()
        self.decide(request_id, "verify")
        self.assertIn("Diverifikasi", self.status_page(code).visible_text)

        missing = self.decide_page(request_id, "return", catatan="")
        self.assertEqual(400, missing.status, missing.describe())
        self.assertIn("Diverifikasi", self.status_page(code).visible_text, "nothing changed")
        self.decide(request_id, "return", catatan="Nomor surat tidak terbaca")
        page = self.request_page(request_id)
        self.assertIn("Nomor surat tidak terbaca", page.visible_text, "the note is in the history")

        web = self.web()
        status = self.status_page(code, web)
        action = "/permohonan/%s/revisi" % code
        answer = web.post_multipart(action, status.form_values(action), [("surat", "surat-baru.pdf",
                                                                           sample_files.pdf("Baru"))])
        self.assertEqual(303, answer.status, answer.describe())

        self.decide(request_id, "verify")
        self.decide(request_id, "approve", pimpinan="bupati")
        self.assertIn("Disetujui", self.status_page(code).visible_text)
        self.assertIn("Disetujui", self.request_page(request_id).visible_text)

        self.decide(request_id, "reschedule", tanggal=dict(valid_fields())["tanggal"],
                    jam_mulai="13:00", jam_selesai="15:00")
        self.assertIn("13.00", self.request_page(request_id).visible_text)

        missing = self.decide_page(request_id, "cancel", catatan="")
        self.assertEqual(400, missing.status, missing.describe())
        versi = int(self.request_page(request_id).field("versi"))
        self.decide(request_id, "cancel", catatan="Bupati dinas luar kota")
        status = self.status_page(code)
        self.assertIn("Dibatalkan", status.visible_text)
        self.assertIn("Bupati dinas luar kota", status.visible_text, "the reason is shown to the requester")
        self.assertNotIn("versi", {e.get("name") for e in self.request_page(request_id).elements("input")},
                         "no decision forms on a final request")
        refused = self.decide_page(request_id, "approve", versi=versi + 1, pimpinan="bupati")
        self.assertEqual(409, refused.status, "a cancelled request is final: " + refused.describe())

    def test_reject_needs_a_reason(self):
        code, request_id = self.new_request()
        self.assertEqual(400, self.decide_page(request_id, "reject", catatan="").status)
        self.decide(request_id, "reject", catatan="Jadwal Bupati penuh")
        status = self.status_page(code)
        self.assertIn("Ditolak", status.visible_text)
        self.assertIn("Jadwal Bupati penuh", status.visible_text)

    def test_transition_not_allowed(self):
        _, request_id = self.new_request()
        for aksi, extra in (("cancel", {"catatan": "x"}), ("reschedule", {"jam_mulai": "10:00"}),
                            ("held", {}), ("approve", {"pimpinan": "bupati"})):
            with self.subTest(aksi=aksi):
                page = self.decide_page(request_id, aksi, **extra)
                self.assertEqual(409, page.status, page.describe())
        self.assertEqual(400, self.decide_page(request_id, "menari").status, "an unknown action")

    def test_held_only_after_the_date(self):
        _, request_id = self.new_request("disetujui")
        page = self.decide_page(request_id, "held")
        self.assertIn(page.status, (400, 409), page.describe())
        self.assertIn("Disetujui", self.request_page(request_id).visible_text)

    def test_stale_version(self):
        code, request_id = self.new_request()
        versi = self.request_page(request_id).field("versi")
        self.decide(request_id, "verify")
        page = self.decide_page(request_id, "reject", versi=versi, catatan="Tidak relevan")
        self.assertEqual(409, page.status, page.describe())
        self.assertIn("Diverifikasi", self.status_page(code).visible_text, "the stale decision changed nothing")

    def test_leader_cannot_decide(self):
        _, request_id = self.new_request()
        for user in ("bupati", "ajudan.bupati"):
            with self.subTest(user=user):
                page = self.request_page(request_id, user)
                answer = self.staff(user).post_form("/staf/permohonan/%d/keputusan" % request_id, {
                    "csrf": page.csrf(), "versi": self.request_page(request_id).field("versi"), "aksi": "verify"})
                self.assertEqual(403, answer.status, answer.describe())
        self.assertNotIn("Diverifikasi", self.request_page(request_id).visible_text)

    def test_csrf_required(self):
        _, request_id = self.new_request()
        self.assertEqual(403, self.decide_page(request_id, "verify", csrf=False).status)
        answer = self.staff().post_form("/staf/permohonan/%d/keputusan" % request_id,
                                        {"csrf": "palsu", "versi": "1", "aksi": "verify"})
        self.assertEqual(403, answer.status)
        self.assertNotIn("Diverifikasi", self.request_page(request_id).visible_text)
        # a token of another user's session does not work either
        other = self.request_page(request_id, "admin").csrf()
        answer = self.staff().post_form("/staf/permohonan/%d/keputusan" % request_id,
                                        {"csrf": other, "versi": self.request_page(request_id).field("versi"),
                                         "aksi": "verify"})
        self.assertEqual(403, answer.status)

    def test_represent_by_name(self):
        code, request_id = self.new_request("diverifikasi")
        self.decide(request_id, "represent", pimpinan="bupati", wakil_nama="Drs. Ahmad Yani",
                    wakil_jabatan="Kepala Dinas Pendidikan")
        self.assertIn("Diwakilkan", self.status_page(code).visible_text)
        self.assertIn("Ahmad Yani", self.request_page(request_id).visible_text)

    def code_of(self, request_id):
        return re.search(r"JDW-[A-Z0-9]{4}-[A-Z0-9]{4}", self.request_page(request_id).visible_text).group(0)

    def test_only_staff_see_the_tracking_code(self):
        code, request_id = self.new_request()
        self.assertIn(code, self.request_page(request_id, "protokol").visible_text,
                      "staff read the code out to a requester on the phone")
        self.assertIn(code, self.request_page(request_id, "admin").visible_text)
        for user in ("bupati", "ajudan.bupati"):
            with self.subTest(user=user):
                page = self.request_page(request_id, user)
                self.assertNotIn(code, page.text, "the code is the requester's key, not the leader's")
                self.assertIn("#%d" % request_id, page.visible_text, "the request goes by its number")

    def test_only_other_leaders_may_represent(self):
        _, request_id = self.new_request("diverifikasi")
        page = self.request_page(request_id)
        select = page.by_id("represent-wakil-user")
        self.assertIsNotNone(select, page.describe())
        offered = {o.get("value") for o in page.within(select, "option")} - {""}
        self.assertEqual({"wabup", "sekda"}, offered, "only the other enabled leaders are offered")
        for user in ("ajudan.bupati", "humas", "protokol", "admin", "bupati"):
            with self.subTest(user=user):
                answer = self.decide_page(request_id, "represent", pimpinan="bupati", wakil_user=user)
                self.assertEqual(400, answer.status, answer.describe())
                self.assertIsNotNone(answer.by_id("galat-wakil_user"), "the error is at the field")
        self.assertIn("Diverifikasi", self.request_page(request_id).visible_text, "nothing changed")
        self.decide(request_id, "represent", pimpinan="bupati", wakil_user="sekda")
        self.assertIn("Diwakilkan", self.request_page(request_id).visible_text)

    def test_actions_with_a_code_by_a_logged_in_user_are_recorded_as_that_user(self):
        code, request_id = self.new_request()
        aide = self.staff("ajudan.bupati")
        status = self.status_page(code, aide)
        action = "/permohonan/%s/tarik" % code
        fields = [(k, v) for k, v in status.form_values(action) if k != "catatan"] + [("catatan", "Tidak jadi")]
        asked = aide.post_form(action, fields)
        self.assertEqual(200, asked.status, "withdrawing asks first: " + asked.describe())
        answer = aide.post_form(action, asked.form_values(action))
        self.assertEqual(303, answer.status, "the code still works: " + answer.describe())
        self.assertIn("Ditarik", self.status_page(code).visible_text)
        page = self.request_page(request_id)
        entries = [li.text for li in page.within(page.by_id("riwayat"), "li")]
        withdrawn = [e for e in entries if "Permohonan ditarik" in e]
        self.assertEqual(1, len(withdrawn), entries)
        self.assertIn("Ajudan Bupati (dengan kode pelacakan)", withdrawn[0])
        self.assertNotIn("Pemohon", withdrawn[0], "an aide is not the requester")

        code, request_id = self.new_request()
        self.decide(request_id, "return", catatan="Surat belum ditandatangani")
        officer = self.staff("protokol")
        status = self.status_page(code, officer)
        action = "/permohonan/%s/revisi" % code
        answer = officer.post_multipart(action, status.form_values(action),
                                        [("surat", "surat-revisi.pdf", sample_files.pdf("Revisi"))])
        self.assertEqual(303, answer.status, answer.describe())
        page = self.request_page(request_id)
        revised = [li.text for li in page.within(page.by_id("riwayat"), "li") if "Surat perbaikan" in li.text]
        self.assertEqual(1, len(revised), revised)
        self.assertIn("Staf Protokol (dengan kode pelacakan)", revised[0])

    def test_dispositions(self):
        _, request_id = self.new_request()
        page = self.request_page(request_id, "bupati")
        answer = self.staff("bupati").post_form("/staf/permohonan/%d/disposisi" % request_id, {
            "csrf": page.csrf(), "pimpinan": "bupati", "pilihan": "hadir", "catatan": "Saya hadir langsung"})
        self.assertEqual(303, answer.status, answer.describe())
        self.assertIn("Saya hadir langsung", self.request_page(request_id).visible_text)

        page = self.request_page(request_id, "ajudan.bupati")
        answer = self.staff("ajudan.bupati").post_form("/staf/permohonan/%d/disposisi" % request_id, {
            "csrf": page.csrf(), "pimpinan": "bupati", "pilihan": "diwakilkan", "wakil": "Camat Indralaya",
            "catatan": "Bupati rapat di Palembang"})
        self.assertEqual(303, answer.status, answer.describe())
        staff_text = self.request_page(request_id).visible_text
        self.assertIn("Camat Indralaya", staff_text)
        self.assertIn("Bupati rapat di Palembang", staff_text)
        public = self.status_page(self.code_of(request_id)).visible_text
        self.assertNotIn("Bupati rapat di Palembang", public, "a leader's disposition is internal")
        self.assertNotIn("Camat Indralaya", public)

        page = self.request_page(request_id, "protokol")
        answer = self.staff("protokol").post_form("/staf/permohonan/%d/disposisi" % request_id, {
            "csrf": page.csrf(), "pimpinan": "bupati", "pilihan": "menari", "catatan": ""})
        self.assertEqual(400, answer.status, "an unknown choice: " + answer.describe())
        answer = self.staff("bupati").post_form("/staf/permohonan/%d/disposisi" % request_id, {
            "pimpinan": "bupati", "pilihan": "hadir"})
        self.assertEqual(403, answer.status, "disposition without CSRF")

    def test_disposition_refused_to_others(self):
        _, request_id = self.new_request()
        page = self.staff("sekda").get("/staf/permohonan/%d" % request_id)
        self.assertEqual(403, page.status)
        token = self.staff("sekda").get("/staf").csrf() if self.staff("sekda").get("/staf").field("csrf") else ""
        answer = self.staff("sekda").post_form("/staf/permohonan/%d/disposisi" % request_id, {
            "csrf": token, "pimpinan": "bupati", "pilihan": "hadir"})
        self.assertEqual(403, answer.status, answer.describe())


if __name__ == "__main__":
    unittest.main()

"""User administration at /staf/admin: creating a user with a one-time
password that must be replaced at the first login, a password reset,
disabling and enabling (web and CalDAV), assigning an aide, sharing a
calendar, the last login, refused input, the last enabled admin, and the
audit of every change (the command line's too)."""

import sqlite3
import time
import unittest

from jadwal_requests import RequestTestCase, credentials
from jadwal_server import WebSession

PROPFIND = ('<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:displayname/>'
            '</D:prop></D:propfind>')
EVENT = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//admin//EN\r\nBEGIN:VEVENT\r\nUID:%s\r\n"
         "DTSTAMP:20230101T000000Z\r\nDTSTART:20300101T020000Z\r\nDTEND:20300101T030000Z\r\nSUMMARY:Uji\r\n"
         "END:VEVENT\r\nEND:VCALENDAR\r\n")


class UserAdminTestCase(RequestTestCase):
    SERVER_OPTIONS = {"cache_seconds": 600, "auth.last_login_interval_seconds": 300}
    counter = 0

    def fresh(self, prefix="uji"):
        type(self).counter += 1
        return "%s%d" % (prefix, type(self).counter)

    def admin(self):
        if "admin" not in self._sessions:
            self._sessions["admin"] = WebSession(self.srv).login(*credentials("admin"))
        return self._sessions["admin"]

    def post(self, path, fields, session=None):
        session = session or self.admin()
        token = session.get("/staf/admin").csrf()
        return session.post_form(path, [("csrf", token)] + list(fields))

    def create(self, name, role="protokol", display="Pengguna Uji"):
        return self.post("/staf/admin/pengguna", [("nama", name), ("nama_tampilan", display), ("peran", role)])

    def one_time_password(self, page):
        shown = page.by_id("sandi-sekali-nilai")
        self.assertIsNotNone(shown, page.describe())
        return shown.text

    def cli_user(self, role="protokol", password="rahasia-uji"):
        name = self.fresh()
        self.srv.add_user(name, role, "Pengguna CLI", password)
        return name, password

    def dav(self, method, path, user, body=None, headers=None):
        all_headers = {"Depth": "0", "Content-Type": "application/xml; charset=utf-8"}
        all_headers.update(headers or {})
        return self.srv.request(method, path, body if body is not None else PROPFIND, all_headers, user=user)[0]

    def db(self):
        return sqlite3.connect("file:%s?mode=ro" % self.srv.db_path, uri=True, timeout=10)

    def audit_of(self, name):
        with self.db() as conn:
            return conn.execute("SELECT actor, action, detail FROM user_audit WHERE target = ? ORDER BY id",
                                (name,)).fetchall()

    def login_status(self, name, password):
        session = WebSession(self.srv)
        form = session.get("/staf/masuk")
        page = session.post_form("/staf/masuk", [("csrf", form.csrf("/staf/masuk")), ("nama", name),
                                                 ("sandi", password)])
        return page.status, session


class CreateAndResetTest(UserAdminTestCase):
    def test_a_new_user_gets_a_one_time_password_shown_once_and_must_replace_it(self):
        name = self.fresh("baru")
        page = self.create(name, "protokol", "Staf Baru")
        self.assertEqual(200, page.status, page.describe())
        self.assertIn("no-store", page.headers.get("cache-control", ""))
        password = self.one_time_password(page)
        self.assertGreaterEqual(len(password), 12)
        again = self.admin().get("/staf/admin/pengguna/" + name)
        self.assertEqual(200, again.status)
        self.assertNotIn(password, again.text, "the one-time password is shown again")

        status, session = self.login_status(name, password)
        self.assertEqual(303, status)
        for path in ("/staf", "/staf/agenda", "/staf/admin", "/staf/akun"):
            page = session.get(path)
            self.assertEqual((303, "/staf/sandi-baru"), (page.status, page.location_path), path)
        form = session.get("/staf/sandi-baru")
        self.assertEqual(200, form.status)
        token = form.csrf("/staf/sandi-baru")
        short = session.post_form("/staf/sandi-baru", [("csrf", token), ("sandi", "pendek"), ("ulangi", "pendek")])
        self.assertEqual(400, short.status)
        self.assertIn("minimal 8 karakter", short.text)
        differ = session.post_form("/staf/sandi-baru", [("csrf", token), ("sandi", "sandi-sendiri-1"),
                                                        ("ulangi", "sandi-sendiri-2")])
        self.assertEqual(400, differ.status)
        no_csrf = session.post_form("/staf/sandi-baru", [("sandi", "sandi-sendiri-1"), ("ulangi", "sandi-sendiri-1")])
        self.assertEqual(403, no_csrf.status)
        done = session.post_form("/staf/sandi-baru", [("csrf", token), ("sandi", "sandi-sendiri-1"),
                                                      ("ulangi", "sandi-sendiri-1")])
        self.assertEqual(303, done.status, done.describe())
        self.assertEqual(200, session.get("/staf").status)
        # The one-time password worked once; the user's own works from now on.
        self.assertEqual(401, self.login_status(name, password)[0])
        self.assertEqual(303, self.login_status(name, "sandi-sendiri-1")[0])
        self.assertEqual([("admin", "create", "protokol"), (name, "password_chosen", "")], self.audit_of(name))

    def test_a_leader_made_in_the_browser_has_an_agenda(self):
        name = self.fresh("pimpinan")
        self.assertEqual(200, self.create(name, "pimpinan", "Kepala Dinas").status)
        with self.db() as conn:
            self.assertEqual(1, conn.execute("SELECT COUNT(*) FROM calendars c JOIN users u ON u.id = c.owner_id "
                                             "WHERE u.name = ? AND c.slug = 'agenda'", (name,)).fetchone()[0])

    def test_a_reset_ends_sessions_and_forces_a_new_password(self):
        name, old = self.cli_user()
        status, session = self.login_status(name, old)
        self.assertEqual(303, status)
        self.assertEqual(200, session.get("/staf").status)
        page = self.post("/staf/admin/pengguna/%s/sandi" % name, [])
        self.assertEqual(200, page.status, page.describe())
        password = self.one_time_password(page)
        self.assertEqual("/staf/masuk", session.get("/staf").location_path, "the old session lives on")
        self.assertEqual(401, self.login_status(name, old)[0])
        self.assertEqual(401, self.dav("PROPFIND", "/dav/principals/%s/" % name, (name, old)))
        status, session = self.login_status(name, password)
        self.assertEqual(303, status)
        self.assertEqual("/staf/sandi-baru", session.get("/staf").location_path)
        self.assertIn(("admin", "reset_password", ""), self.audit_of(name))


class DisableAndAccessTest(UserAdminTestCase):
    def test_disabling_ends_the_session_and_calendar_access_enabling_restores_them(self):
        name, password = self.cli_user("pimpinan")
        status, session = self.login_status(name, password)
        self.assertEqual(303, status)
        # Warm the credential cache: a disabled user must be refused in spite of it.
        self.assertEqual(207, self.dav("PROPFIND", "/dav/principals/%s/" % name, (name, password)))
        page = self.post("/staf/admin/pengguna/%s/nonaktifkan" % name, [])
        self.assertEqual(200, page.status, page.describe())
        self.assertEqual("/staf/masuk", session.get("/staf").location_path)
        self.assertEqual(401, self.login_status(name, password)[0])
        self.assertEqual(401, self.dav("PROPFIND", "/dav/principals/%s/" % name, (name, password)))
        page = self.post("/staf/admin/pengguna/%s/aktifkan" % name, [])
        self.assertEqual(200, page.status, page.describe())
        self.assertEqual(207, self.dav("PROPFIND", "/dav/principals/%s/" % name, (name, password)))
        self.assertEqual(303, self.login_status(name, password)[0])
        self.assertEqual([("admin", "disable", ""), ("admin", "enable", "")], self.audit_of(name)[-2:])

    def test_an_assigned_aide_reads_the_leaders_calendar(self):
        aide, password = self.cli_user("ajudan")
        agenda = "/dav/calendars/wabup/agenda/"
        self.assertEqual(403, self.dav("PROPFIND", agenda, (aide, password)))
        page = self.post("/staf/admin/pengguna/%s/ajudan" % aide, [("pimpinan", "wabup")])
        self.assertEqual(200, page.status, page.describe())
        self.assertEqual(207, self.dav("PROPFIND", agenda, (aide, password)))
        page = self.post("/staf/admin/pengguna/%s/ajudan/lepas" % aide, [("pimpinan", "wabup")])
        self.assertEqual(200, page.status, page.describe())
        self.assertEqual(403, self.dav("PROPFIND", agenda, (aide, password)))
        self.assertEqual([("command line", "create", "ajudan"), ("admin", "assign", "wabup"),
                          ("admin", "unassign", "wabup")], self.audit_of(aide))
        # Only aides are assigned, and only to leaders.
        staff, _ = self.cli_user("protokol")
        refused = self.post("/staf/admin/pengguna/%s/ajudan" % staff, [("pimpinan", "wabup")])
        self.assertEqual(400, refused.status)
        refused = self.post("/staf/admin/pengguna/%s/ajudan" % aide, [("pimpinan", "protokol")])
        self.assertEqual(400, refused.status)
        self.assertIn("Pilih pimpinan yang ada", refused.text)

    def test_a_share_read_then_write_then_none(self):
        viewer, password = self.cli_user("viewer")
        agenda = "/dav/calendars/sekda/agenda/"
        user = (viewer, password)
        self.assertEqual(403, self.dav("PROPFIND", agenda, user))
        page = self.admin().get("/staf/admin/pengguna/" + viewer)
        self.assertIn("sekda/agenda", [o.get("value") for o in page.elements("option")])
        self.assertEqual(200, self.post("/staf/admin/pengguna/%s/bagi" % viewer,
                                        [("kalender", "sekda/agenda"), ("akses", "baca")]).status)
        self.assertEqual(207, self.dav("PROPFIND", agenda, user))
        put = {"Content-Type": "text/calendar; charset=utf-8"}
        self.assertEqual(403, self.dav("PUT", agenda + "baca.ics", user, EVENT % "baca", put))
        self.assertEqual(200, self.post("/staf/admin/pengguna/%s/bagi" % viewer,
                                        [("kalender", "sekda/agenda"), ("akses", "tulis")]).status)
        self.assertEqual(201, self.dav("PUT", agenda + "tulis.ics", user, EVENT % "tulis", put))
        self.assertEqual(200, self.post("/staf/admin/pengguna/%s/bagi/hapus" % viewer,
                                        [("kalender", "sekda/agenda")]).status)
        self.assertEqual(403, self.dav("PROPFIND", agenda, user))
        self.assertEqual([("command line", "create", "viewer"), ("admin", "share_read", "sekda/agenda"),
                          ("admin", "share_write", "sekda/agenda"),
                          ("admin", "unshare", "sekda/agenda")], self.audit_of(viewer))
        refused = self.post("/staf/admin/pengguna/%s/bagi" % viewer, [("kalender", "tidak/ada"), ("akses", "baca")])
        self.assertEqual(400, refused.status)
        refused = self.post("/staf/admin/pengguna/%s/bagi" % viewer,
                            [("kalender", "sekda/agenda"), ("akses", "semua")])
        self.assertEqual(400, refused.status)


class LastLoginTest(UserAdminTestCase):
    def last_login(self, name):
        with self.db() as conn:
            row = conn.execute("SELECT l.at FROM user_logins l JOIN users u ON u.id = l.user_id WHERE u.name = ?",
                               (name,)).fetchone()
        return row[0] if row else 0

    def test_web_and_calendar_logins_are_shown_and_written_at_most_once_per_interval(self):
        web_user, web_password = self.cli_user()
        dav_user, dav_password = self.cli_user()
        shown = self.admin().get("/staf/admin/pengguna/" + web_user).by_id("masuk-terakhir")
        self.assertEqual("Belum pernah", shown.text)
        self.assertEqual(303, self.login_status(web_user, web_password)[0])
        self.assertEqual(207, self.dav("PROPFIND", "/dav/principals/%s/" % dav_user, (dav_user, dav_password)))
        first = self.last_login(dav_user)
        self.assertGreater(first, 0)
        self.assertGreater(self.last_login(web_user), 0)
        time.sleep(1.2)
        for _ in range(3):
            self.assertEqual(207, self.dav("PROPFIND", "/dav/principals/%s/" % dav_user, (dav_user, dav_password)))
        self.assertEqual(first, self.last_login(dav_user), "written again within the interval")
        for name in (web_user, dav_user):
            shown = self.admin().get("/staf/admin/pengguna/" + name).by_id("masuk-terakhir")
            self.assertRegex(shown.text, r"\d{4}, \d{2}\.\d{2} WIB$", name)
        listing = self.admin().get("/staf/admin").visible_text
        self.assertIn(dav_user, listing)


class RefusalsTest(UserAdminTestCase):
    def test_bad_input_is_refused_with_the_form_kept_in_indonesian(self):
        taken = self.create("bupati", "pimpinan", "Nama Dipertahankan")
        self.assertEqual(400, taken.status)
        self.assertIn("Nama pengguna ini sudah dipakai.", taken.text)
        self.assertEqual("Nama Dipertahankan", taken.field("nama_tampilan", "/staf/admin/pengguna"))
        self.assertEqual("pimpinan", taken.field("peran", "/staf/admin/pengguna"))
        role = self.create(self.fresh(), "raja", "Peran Salah")
        self.assertEqual(400, role.status)
        self.assertIn("Pilih salah satu peran yang tersedia.", role.text)
        long_name = self.create("a" * 65, "viewer", "Nama Panjang")
        self.assertEqual(400, long_name.status)
        self.assertIn("paling banyak 64 karakter", long_name.text)
        self.assertEqual("a" * 65, long_name.field("nama", "/staf/admin/pengguna"))
        bad_name = self.create("Bukan Nama", "viewer", "Nama Salah")
        self.assertEqual(400, bad_name.status)
        self.assertIn("huruf kecil", bad_name.text)
        long_display = self.create(self.fresh(), "viewer", "é" * 101)
        self.assertEqual(400, long_display.status)
        self.assertIn("Nama tampilan paling banyak 100 karakter.", long_display.text)
        self.assertEqual(200, self.create(self.fresh(), "viewer", "é" * 100).status)
        empty = self.create(self.fresh(), "viewer", "   ")
        self.assertEqual(400, empty.status)
        self.assertIn("Nama tampilan wajib diisi.", empty.text)

    def test_the_last_enabled_admin_stays(self):
        page = self.post("/staf/admin/pengguna/admin/nonaktifkan", [])
        self.assertEqual(409, page.status)
        self.assertIn("setidaknya satu administrator", page.text)
        self.assertIn('href="/staf/admin/pengguna/admin"', page.text)
        page = self.post("/staf/admin/pengguna/admin/ubah", [("peran", "protokol"), ("nama_tampilan", "Admin")])
        self.assertEqual(409, page.status)
        with self.db() as conn:
            self.assertEqual(("admin", 0), conn.execute("SELECT role, disabled FROM users WHERE name = 'admin'")
                             .fetchone())
        # With a second admin, the first may step down.
        other = self.fresh("admin")
        self.assertEqual(200, self.create(other, "admin", "Admin Kedua").status)
        page = self.post("/staf/admin/pengguna/%s/ubah" % other, [("peran", "protokol"),
                                                                  ("nama_tampilan", "Admin Kedua")])
        self.assertEqual(200, page.status)
        self.assertIn(("admin", "role", "protokol"), self.audit_of(other))

    def test_other_roles_get_a_page_with_a_way_back(self):
        session = WebSession(self.srv).login(*credentials("protokol"))
        page = session.get("/staf/admin")
        self.assertEqual(403, page.status)
        self.assertIn("hanya untuk administrator", page.text)
        self.assertIn("/staf", page.links())
        self.assertNotIn('href="/staf/admin"', session.get("/staf/akun").text, "the link shows for non-admins")
        self.assertIn('href="/staf/admin"', self.admin().get("/staf/akun").text)

    def test_a_post_without_its_token_changes_nothing(self):
        name, _ = self.cli_user()
        page = self.admin().post_form("/staf/admin/pengguna/%s/nonaktifkan" % name, [])
        self.assertEqual(403, page.status)
        with self.db() as conn:
            self.assertEqual(0, conn.execute("SELECT disabled FROM users WHERE name = ?", (name,)).fetchone()[0])


class AuditTest(UserAdminTestCase):
    def test_changes_are_listed_latest_first_with_the_command_lines(self):
        name, _ = self.cli_user("viewer")
        self.srv.cli("user", "disable", name)
        self.assertEqual(200, self.post("/staf/admin/pengguna/%s/aktifkan" % name, []).status)
        self.assertEqual([("command line", "create", "viewer"), ("command line", "disable", ""),
                          ("admin", "enable", "")], self.audit_of(name))
        page = self.admin().get("/staf/admin/audit")
        self.assertEqual(200, page.status)
        text = page.visible_text
        enabled = text.index("Diaktifkan")
        disabled = text.index("Dinonaktifkan")
        self.assertLess(enabled, disabled, "not latest first")
        self.assertIn("baris perintah", text)
        listing = self.admin().get("/staf/admin")
        self.assertIn("/staf/admin/audit", listing.links())

    def test_the_lists_are_paged(self):
        for _ in range(55):
            self.srv.cli("share", "bupati/agenda", "humas", "read")
        first = self.admin().get("/staf/admin/audit")
        listed = first.elements("ol", class_="admin-audit")[0]
        self.assertEqual(50, len([e for e in first.within(listed, "li") if e.parent is listed]))
        self.assertIn("/staf/admin/audit?halaman=2", first.links())
        second = self.admin().get("/staf/admin/audit?halaman=2")
        self.assertEqual(200, second.status)
        self.assertIn("/staf/admin/audit?halaman=1", second.links())

if __name__ == "__main__":
    unittest.main()

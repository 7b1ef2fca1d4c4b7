"""The operator CLI (users, shares, aides, calendars, import) seen through
its exit codes and through what CalDAV clients then see."""

import os
import tempfile
import unittest

from caldav_http import (ICS_HEADERS, XML_HEADERS, XMLNS, ServerTestCase, components, event_ics, prop_values,
                         propfind_body, qname, vcalendar, vevent)


class OpsTest(ServerTestCase):
    USERS = (
        ("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),
        ("wakil", "pimpinan", "Wakil Bupati", "rahasia-wakil"),
        ("admin", "admin", "Administrator", "rahasia-admin"),
        ("staf", "protokol", "Staf Protokol", "rahasia-staf"),
    )

    def fails(self, *args, input=None):
        result = self.srv.cli(*args, input=input, check=False)
        self.assertNotEqual(0, result.returncode, "expected failure: %s\nstdout: %s" % (args, result.stdout))
        self.assertTrue(result.stderr.strip(), "a failure explains itself on stderr: %s" % (args,))
        return result

    def can_login(self, user, password):
        status = self.req("PROPFIND", "/dav/", propfind_body("D:current-user-principal"),
                          dict(XML_HEADERS, Depth="0"), (user, password))[0]
        self.assertIn(status, (207, 401))
        return status == 207

    def calendars_of(self, user, password):
        ms = self.multistatus(self.req("PROPFIND", "/dav/calendars/%s/" % user, propfind_body("D:resourcetype"),
                                       dict(XML_HEADERS, Depth="1"), (user, password)))
        return {r.href for r in ms.responses
                if r.prop("D:resourcetype") is not None and r.prop("D:resourcetype").find(qname("C:calendar"))
                is not None}

    # --- the process --------------------------------------------------------------------

    def test_a_second_server_on_the_same_port_refuses_to_start(self):
        # Two servers sharing a port would split the connections silently.
        import subprocess
        result = subprocess.run([self.srv.binary, "--config", self.srv.config_path], capture_output=True,
                                text=True, timeout=30)
        self.assertNotEqual(0, result.returncode)
        self.assertIn("cannot listen", result.stderr)
        self.assertEqual(200, self.req("GET", "/healthz")[0])

    # --- users --------------------------------------------------------------------------

    def test_user_list(self):
        out = self.srv.cli("user", "list").stdout
        for name, role, display, _pw in self.USERS:
            line = next((l for l in out.splitlines() if l.split() and l.split()[0] == name), None)
            self.assertIsNotNone(line, "user %s missing from:\n%s" % (name, out))
            self.assertIn(role, line)
            self.assertIn(display, line)

    def test_pimpinan_gets_agenda(self):
        self.srv.add_user("asisten1", "pimpinan", "Asisten Pemerintahan", "rahasia-asisten")
        self.assertEqual({"/dav/calendars/asisten1/agenda/"}, self.calendars_of("asisten1", "rahasia-asisten"))
        ms = self.propfind("/dav/calendars/asisten1/agenda/", ("asisten1", "rahasia-asisten"), "D:displayname")
        self.assertEqual("Agenda Asisten Pemerintahan",
                         ms.get("/dav/calendars/asisten1/agenda/").text("D:displayname"))

    def test_other_roles_get_no_calendar(self):
        self.srv.add_user("pengamat", "viewer", "Pengamat", "rahasia-pengamat")
        self.assertEqual(set(), self.calendars_of("pengamat", "rahasia-pengamat"))

    def test_user_add_errors(self):
        self.fails("user", "add", "salahperan", "--role", "raja", "--name", "X", input="rahasia-panjang\n")
        self.fails("user", "add", "pendek", "--role", "viewer", "--name", "X", input="pendek\n")
        self.fails("user", "add", "kosong", "--role", "viewer", "--name", "X", input="")
        self.fails("user", "add", "bupati", "--role", "viewer", "--name", "Duplikat", input="rahasia-panjang\n")
        self.fails("user", "add", "Nama Salah!", "--role", "viewer", "--name", "X", input="rahasia-panjang\n")
        self.fails("user", "add", "tanpaperan", "--name", "X", input="rahasia-panjang\n")
        out = self.srv.cli("user", "list").stdout
        for name in ("salahperan", "pendek", "kosong", "Nama", "tanpaperan"):
            self.assertNotIn(name, out)
        self.assertFalse(self.can_login("pendek", "pendek"))
        self.assertTrue(self.can_login("bupati", "rahasia-bupati"), "a refused duplicate must not touch the user")

    def test_usage_errors_exit_2(self):
        for args in (("tidak-ada-perintah",), ("user",), ("share", "bupati/agenda"), ("user", "add")):
            with self.subTest(args=args):
                result = self.srv.cli(*args, check=False)
                self.assertEqual(2, result.returncode, result.stderr)
                self.assertTrue(result.stderr.strip())

    def test_unknown_user_exit_1(self):
        for args in (("user", "disable", "hantu"), ("user", "enable", "hantu"), ("share", "bupati/agenda", "hantu",
                                                                                  "read")):
            with self.subTest(args=args):
                result = self.srv.cli(*args, check=False)
                self.assertEqual(1, result.returncode, result.stderr)
                self.assertTrue(result.stderr.strip())
        self.assertNotEqual(0, self.srv.cli("user", "passwd", "hantu", input="rahasia-baru\n", check=False)
                            .returncode)

    def test_passwd_too_short_keeps_old(self):
        self.srv.add_user("tetap", "viewer", "Tetap", "sandi-tetap-1")
        self.fails("user", "passwd", "tetap", input="pendek\n")
        self.assertTrue(self.can_login("tetap", "sandi-tetap-1"))

    def list_line(self, name):
        lines = self.srv.cli("user", "list").stdout.splitlines()
        return next(l for l in lines if l.split() and l.split()[0] == name)

    def test_disable_enable(self):
        self.srv.add_user("cuti", "viewer", "Sedang Cuti", "rahasia-cuti")
        self.srv.cli("user", "disable", "cuti")
        self.assertFalse(self.can_login("cuti", "rahasia-cuti"))
        line = self.list_line("cuti")
        self.srv.cli("user", "enable", "cuti")
        self.assertTrue(self.can_login("cuti", "rahasia-cuti"))
        line2 = self.list_line("cuti")
        self.assertNotEqual(line, line2, "user list shows the disabled state")

    # --- shares and aides --------------------------------------------------------------------

    def test_share_and_unshare(self):
        self.srv.add_user("tamu", "viewer", "Tamu", "rahasia-tamu")
        alias = "/dav/calendars/tamu/wakil~agenda/"
        self.assertEqual(set(), self.calendars_of("tamu", "rahasia-tamu"))
        self.srv.share("wakil/agenda", "tamu", "write")
        self.assertEqual({alias}, self.calendars_of("tamu", "rahasia-tamu"))
        self.assertEqual(201, self.req("PUT", alias + "tamu.ics", event_ics("tamu-1"), ICS_HEADERS,
                                       ("tamu", "rahasia-tamu"))[0])
        self.srv.share("wakil/agenda", "tamu", "read")  # replaces the write share
        self.assertEqual(403, self.req("PUT", alias + "tamu2.ics", event_ics("tamu-2"), ICS_HEADERS,
                                       ("tamu", "rahasia-tamu"))[0])
        self.srv.cli("unshare", "wakil/agenda", "tamu")
        self.assertEqual(set(), self.calendars_of("tamu", "rahasia-tamu"))
        status, _h, body = self.req("GET", alias + "tamu.ics", user=("tamu", "rahasia-tamu"))
        self.assertIn(status, (403, 404))
        self.assertEqual(200, self.req("GET", "/dav/calendars/wakil/agenda/tamu.ics", user="wakil")[0])

    def test_share_errors(self):
        self.fails("share", "bupati/tidak-ada", "staf", "read")
        self.fails("share", "hantu/agenda", "staf", "read")
        self.fails("share", "bupati/agenda", "staf", "baca-tulis")
        self.fails("share", "bupati-agenda", "staf", "read")

    def test_assign_aide(self):
        self.srv.add_user("ajudan2", "ajudan", "Ajudan Wakil", "rahasia-ajudan2")
        self.assertEqual(set(), self.calendars_of("ajudan2", "rahasia-ajudan2"))
        self.srv.assign("ajudan2", "wakil")
        self.assertEqual({"/dav/calendars/ajudan2/wakil~agenda/"}, self.calendars_of("ajudan2", "rahasia-ajudan2"))
        self.srv.cli("unassign", "ajudan2", "wakil")
        self.assertEqual(set(), self.calendars_of("ajudan2", "rahasia-ajudan2"))
        self.fails("assign", "ajudan2", "hantu")
        self.fails("assign", "hantu", "wakil")

    def test_admin_and_protokol_see_leaders(self):
        for user, pw in (("staf", "rahasia-staf"),):
            cals = self.calendars_of(user, pw)
            self.assertIn("/dav/calendars/%s/bupati~agenda/" % user, cals)
            self.assertIn("/dav/calendars/%s/wakil~agenda/" % user, cals)
        # admin may do everything: reading a leader's calendar directly works
        status, _h, body = self.req("PROPFIND", "/dav/calendars/bupati/agenda/", propfind_body("D:displayname"),
                                    dict(XML_HEADERS, Depth="0"), ("admin", "rahasia-admin"))
        self.assertEqual(207, status, self.describe(status, body))

    # --- calendars and import ------------------------------------------------------------------

    def test_calendar_add(self):
        self.srv.cli("calendar", "add", "staf/tentatif", "--name", "Slot Sementara")
        path = "/dav/calendars/staf/tentatif/"
        self.assertIn(path, self.calendars_of("staf", "rahasia-staf"))
        ms = self.propfind(path, ("staf", "rahasia-staf"), "D:displayname")
        self.assertEqual("Slot Sementara", ms.get(path).text("D:displayname"))
        self.fails("calendar", "add", "staf/tentatif", "--name", "Lagi")
        self.fails("calendar", "add", "hantu/kal", "--name", "X")

    def write_ics(self, data):
        fd, path = tempfile.mkstemp(suffix=".ics")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        self.addCleanup(os.remove, path)
        return path

    def test_import(self):
        self.srv.cli("calendar", "add", "bupati/impor", "--name", "Impor")
        cal = "/dav/calendars/bupati/impor/"
        data = vcalendar(
            vevent("imp-seri@jadwal", start="DTSTART;TZID=Asia/Jakarta:20240101T080000",
                   end="DTEND;TZID=Asia/Jakarta:20240101T090000", summary="Apel Pagi", extra="RRULE:FREQ=WEEKLY"),
            vevent("imp-tunggal", start="20240612T020000Z", end="20240612T030000Z", summary="Rapat Inflasi"),
            vevent("imp-seri@jadwal", start="DTSTART;TZID=Asia/Jakarta:20240109T080000",
                   end="DTEND;TZID=Asia/Jakarta:20240109T090000", summary="Apel Pagi (Selasa)",
                   extra="RECURRENCE-ID;TZID=Asia/Jakarta:20240108T080000"),
            # a VEVENT without DTSTART is invalid: reported and skipped
            "BEGIN:VEVENT\nUID:imp-rusak\nDTSTAMP:20240101T000000Z\nSUMMARY:Rusak\nEND:VEVENT",
            vevent("imp-ketiga", start="DTSTART;VALUE=DATE:20240614", end="DTEND;VALUE=DATE:20240615",
                   summary="Hari Jadi"),
            timezone=True)
        result = self.srv.cli("import", "bupati/impor", self.write_ics(data), check=False)
        output = result.stdout + result.stderr
        self.assertIn("3", result.stdout, output)
        self.assertIn("imp-rusak", output)

        ms = self.propfind(cal, "bupati", "D:getetag", depth="1")
        objects = [h for h in ms.hrefs() if h.rstrip("/") != cal.rstrip("/")]
        self.assertEqual(3, len(objects), objects)

        body = ('<?xml version="1.0"?><C:calendar-multiget %s><D:prop><C:calendar-data/></D:prop>%s'
                '</C:calendar-multiget>' % (XMLNS, "".join("<D:href>%s</D:href>" % h for h in objects)))
        ms = self.multistatus(self.req("REPORT", cal, body, dict(XML_HEADERS, Depth="1"), "bupati"))
        by_uid = {}
        for r in ms.responses:
            data_text = r.text("C:calendar-data")
            uids = {v for ev in components(data_text, "VEVENT") for v in prop_values(ev, "UID")}
            self.assertEqual(1, len(uids), data_text)
            by_uid[uids.pop()] = data_text
        self.assertEqual({"imp-seri@jadwal", "imp-tunggal", "imp-ketiga"}, set(by_uid))
        series = by_uid["imp-seri@jadwal"]
        self.assertEqual(2, len(components(series, "VEVENT")), "master and override stay together:\n" + series)
        self.assertEqual(1, len(components(series, "VTIMEZONE")), "the zone it uses comes along:\n" + series)
        self.assertEqual(0, len(components(by_uid["imp-tunggal"], "VTIMEZONE")))

        # imported objects are indexed: the override is found in its week
        query = ('<?xml version="1.0"?><C:calendar-query %s><D:prop><D:getetag/></D:prop><C:filter>'
                 '<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:time-range start="20240109T000000Z"'
                 ' end="20240110T000000Z"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>' % XMLNS)
        ms = self.multistatus(self.req("REPORT", cal, query, dict(XML_HEADERS, Depth="1"), "bupati"))
        self.assertEqual(1, len(ms.responses), ms.hrefs())

    def test_import_bumps_sync_token(self):
        cal = "/dav/calendars/wakil/agenda/"
        before = self.propfind(cal, "wakil", "D:sync-token", "CS:getctag").get(cal)
        self.srv.cli("import", "wakil/agenda", self.write_ics(event_ics("impor-wakil")))
        after = self.propfind(cal, "wakil", "D:sync-token", "CS:getctag").get(cal)
        self.assertNotEqual(before.text("D:sync-token"), after.text("D:sync-token"))
        self.assertNotEqual(before.text("CS:getctag"), after.text("CS:getctag"))

    def test_import_errors(self):
        self.fails("import", "bupati/tidak-ada", self.write_ics(event_ics("x")))
        self.fails("import", "bupati/agenda", "/tidak/ada/berkas.ics")
        self.fails("import", "bupati/agenda", self.write_ics(b"bukan kalender"))


if __name__ == "__main__":
    unittest.main()

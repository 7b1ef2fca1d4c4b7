"""The morning mail through a real SMTP server (a local aiosmtpd sink): a user opts
in on /staf/akun/agenda-pagi, the day's agenda arrives by mail once, and a restarted
server does not send it again. The page's refusals keep what was typed."""

import datetime
import time
import unittest
import uuid

import smtp_sink
from jadwal_requests import WIB, RequestTestCase, credentials

SENDER = "agenda@ogan-ilir.example"
PAGE = "/staf/akun/agenda-pagi"
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")


def event_today(summary, location):
    day = datetime.datetime.now(WIB).date().strftime("%Y%m%d")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", "BEGIN:VEVENT", "UID:" + str(uuid.uuid4()),
             "DTSTAMP:20231120T010000Z", "DTSTART;TZID=Asia/Jakarta:%sT233000" % day,
             "DTEND;TZID=Asia/Jakarta:%sT235900" % day, "SUMMARY:" + summary, "LOCATION:" + location,
             "END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


@unittest.skipIf(smtp_sink.Controller is None, smtp_sink.MISSING)
class MorningMailTest(smtp_sink.SinkFixture, RequestTestCase):
    @classmethod
    def server_options(cls):
        # Due from midnight, checked every second: the mail goes out as soon as someone opts in.
        return {"smtp_host": "127.0.0.1", "smtp_port": cls.sink.port, "smtp_from": SENDER,
                "agenda.region": "KABUPATEN OGAN ILIR", "agenda.morning_mail_time": "00:00",
                "agenda.morning_mail_check_seconds": 1}

    @classmethod
    def setup_data(cls):
        status, _, body = cls.srv.request(
            "PUT", "/dav/calendars/bupati/agenda/pagi.ics", event_today("Rapat Evaluasi Pagi", "Ruang Bende Seguguk"),
            {"Content-Type": "text/calendar; charset=utf-8"}, user=credentials("protokol"))
        if status not in (201, 204):
            raise AssertionError("PUT: %s %r" % (status, body[:400]))

    @staticmethod
    def box_checked(page):
        boxes = page.elements("input", name="aktif")
        if len(boxes) != 1:
            raise AssertionError("one box aktif expected: %r" % boxes)
        return boxes[0].get("checked") is not None

    def logged_in(self, user):
        web = self.web()
        web.login(user, credentials(user)[1])
        return web

    def save(self, web, fields):
        page = web.get(PAGE)
        self.assertEqual(200, page.status, page.describe())
        return web.post_form(PAGE, [("csrf", page.csrf(PAGE))] + fields)

    def test_opt_in_mail_once_and_not_again_after_a_restart(self):
        address = "protokol.pagi@example.go.id"
        web = self.logged_in("protokol")
        saved = self.save(web, [("aktif", "1"), ("surel", address)])
        self.assertEqual(303, saved.status, saved.describe())
        self.assertEqual(PAGE + "?pesan=tersimpan", saved.location)
        page = web.get(saved.location)
        self.assertIn("tersimpan", page.visible_text)
        self.assertEqual(address, page.field("surel"))
        self.assertTrue(self.box_checked(page))

        mail = self.sink.wait_for(lambda m: address in m.to, timeout=20)
        today = datetime.datetime.now(WIB).date()
        day_name = "%s, %d %s %d" % (DAYS[today.weekday()], today.day, MONTHS[today.month - 1], today.year)
        self.assertEqual("Agenda pimpinan " + day_name, mail.subject)
        self.assertIn(SENDER, str(mail.message["From"]))
        self.assertEqual("text/plain", mail.content_type)
        self.assertIn("*AGENDA PIMPINAN KABUPATEN OGAN ILIR*", mail.body)
        self.assertIn("*" + day_name + "*", mail.body)
        self.assertIn("Rapat Evaluasi Pagi", mail.body)
        self.assertIn("Ruang Bende Seguguk", mail.body)

        self.srv.restart()
        time.sleep(4)  # several checks of the restarted server
        self.assertEqual(1, len(self.sink.received(lambda m: address in m.to)), self.sink.received())

    def test_refusals_keep_what_was_typed(self):
        web = self.logged_in("humas")
        for fields, expected in (([("aktif", "1"), ("surel", "")], "Isi alamat surel"),
                                 ([("aktif", "1"), ("surel", "bukan alamat")], "tidak valid"),
                                 ([("surel", "tanpa-at.example.go.id")], "tidak valid")):
            with self.subTest(fields=fields):
                page = self.save(web, fields)
                self.assertEqual(400, page.status, page.describe())
                self.assertIn(expected, page.visible_text)
                self.assertEqual(dict(fields)["surel"], page.field("surel"))
                self.assertEqual(dict(fields).get("aktif") == "1", self.box_checked(page))
                self.assertEqual("galat-surel", page.elements("input", name="surel")[0].get("aria-describedby"))
        # Nothing was stored: the page shows an empty choice.
        page = web.get(PAGE)
        self.assertEqual("", page.field("surel"))
        self.assertFalse(self.box_checked(page))

    def test_switching_off_is_kept(self):
        web = self.logged_in("sekda")
        self.assertEqual(303, self.save(web, [("surel", "sekda@example.go.id")]).status)
        page = web.get(PAGE)
        self.assertEqual("sekda@example.go.id", page.field("surel"))
        self.assertFalse(self.box_checked(page))
        time.sleep(2.5)
        self.assertEqual([], self.sink.received(lambda m: "sekda@example.go.id" in m.to))

    def test_the_page_needs_a_session_and_its_token(self):
        anonymous = self.web().get(PAGE)
        self.assertEqual(303, anonymous.status)
        self.assertEqual("/staf/masuk", anonymous.location_path)
        web = self.logged_in("wabup")
        refused = web.post_form(PAGE, [("aktif", "1"), ("surel", "wabup@example.go.id")])
        self.assertEqual(403, refused.status, refused.describe())
        self.assertEqual("", web.get(PAGE).field("surel"))


if __name__ == "__main__":
    unittest.main()

"""Read-only calendar feeds (/ics/<token>.ics) and the account page that makes
them (/staf/akun): creation through the page with its refusals, what a feed
holds (the window, VTIMEZONE, overrides), conditional GETs, revocation, a
share removed or a user disabled, and the token kept out of the logs."""

import datetime
import re
import unittest
import urllib.parse
import uuid

from jadwal_requests import WIB, RequestTestCase, credentials

FEED_URL = re.compile(r"^http://127\.0\.0\.1:\d+/ics/([0-9a-f]{64})\.ics$")
ZONE = ("BEGIN:VTIMEZONE\r\nTZID:Asia/Jakarta\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0700\r\nTZOFFSETTO:+0700\r\n"
        "TZNAME:WIB\r\nDTSTART:19700101T000000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")


def local_day(days):
    return datetime.datetime.now(WIB).date() + datetime.timedelta(days=days)


def stamp(day, hour):
    return "%sT%02d0000" % (day.strftime("%Y%m%d"), hour)


def event(uid, summary, day, extra=""):
    return ("BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20230101T000000Z\r\nDTSTART;TZID=Asia/Jakarta:%s\r\n"
            "DTEND;TZID=Asia/Jakarta:%s\r\nSUMMARY:%s\r\n%sEND:VEVENT\r\n"
            % (uid, stamp(day, 9), stamp(day, 10), summary, extra))


def calendar(*components):
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//feeds//EN\r\n" + ZONE + "".join(components) + \
        "END:VCALENDAR\r\n"


class FeedTestCase(RequestTestCase):
    SERVER_OPTIONS = {"agenda.max_feeds_per_user": 3}

    @classmethod
    def setup_data(cls):
        cls.srv.share("bupati/agenda", "humas", "read")
        cls.srv.share("wabup/agenda", "humas", "read")
        cls.put("bupati", "dalam.ics", calendar(event("dalam", "Rapat Dalam Jendela", local_day(3))))
        cls.put("bupati", "lalu.ics", calendar(event("lalu", "Acara Lama Sekali", local_day(-200))))
        cls.put("bupati", "jauh.ics", calendar(event("jauh", "Acara Jauh Di Depan", local_day(400))))
        weekly = event("mingguan", "Apel Mingguan", local_day(-7), "RRULE:FREQ=WEEKLY;COUNT=5\r\n")
        moved = event("mingguan", "Apel Dipindah", local_day(1),
                      "RECURRENCE-ID;TZID=Asia/Jakarta:%s\r\n" % stamp(local_day(0), 9))
        cls.put("bupati", "mingguan.ics", calendar(weekly, moved))
        todo = ("BEGIN:VTODO\r\nUID:tugas\r\nDTSTAMP:20230101T000000Z\r\nDUE;TZID=Asia/Jakarta:%s\r\n"
                "SUMMARY:Tugas Bukan Acara\r\nEND:VTODO\r\n" % stamp(local_day(2), 9))
        cls.put("bupati", "tugas.ics", calendar(todo))
        cls.put("wabup", "wabup.ics", calendar(event("wabup-1", "Kunjungan Wakil Bupati", local_day(5))))

    @classmethod
    def put(cls, owner, name, body):
        status, _, data = cls.srv.request("PUT", "/dav/calendars/%s/agenda/%s" % (owner, name), body,
                                          {"Content-Type": "text/calendar; charset=utf-8"}, user=credentials(owner))
        if status not in (201, 204):
            raise AssertionError("PUT %s/%s: %d %r" % (owner, name, status, data[:300]))

    # -- helpers ----------------------------------------------------------------

    def account(self, user):
        page = self.staff(user).get("/staf/akun")
        self.assertEqual(200, page.status, page.describe())
        return page

    def calendar_ids(self, page):
        """{"bupati/agenda": "12", ...}: the calendar checkboxes of the create form."""
        ids = {}
        for box in page.elements("input", name="kalender"):
            found = re.search(r"\(([^()]+/[^()]+)\)", box.parent.text)
            self.assertIsNotNone(found, box.parent.text)
            ids[found.group(1)] = box.get("value")
        return ids

    def post(self, user, fields, with_csrf=True):
        session = self.staff(user)
        page = self.account(user)
        pairs = list(fields)
        if with_csrf:
            pairs.append(("csrf", page.csrf("/staf/akun")))
        return session.post_form("/staf/akun", pairs)

    def create_page(self, user, name, calendars):
        ids = self.calendar_ids(self.account(user))
        return self.post(user, [("aksi", "buat"), ("nama", name)] + [("kalender", ids[c]) for c in calendars])

    def create(self, user, name, calendars):
        """Creates a feed through the page; returns its https URL as the page shows it once."""
        page = self.create_page(user, name, calendars)
        self.assertEqual(200, page.status, page.describe())
        https = page.by_id("alamat-https").get("value")
        webcal = page.by_id("alamat-webcal").get("value")
        self.assertRegex(https, FEED_URL)
        self.assertEqual("webcal" + https[len("http"):], webcal)
        return https

    def fetch(self, url, headers=None, method="GET"):
        return self.srv.request(method, urllib.parse.urlsplit(url).path, headers=headers)


class FeedContentTest(FeedTestCase):

    def test_a_feed_holds_the_windows_events_as_valid_icalendar(self):
        url = self.create("humas", "Outlook Humas", ["bupati/agenda", "wabup/agenda"])
        status, headers, body = self.fetch(url)
        self.assertEqual(200, status, body[:300])
        self.assertEqual("text/calendar; charset=utf-8", headers.get("content-type"))
        self.assertEqual("private, max-age=300", headers.get("cache-control"))
        self.assertTrue(headers.get("etag", "").startswith('"'), headers)
        self.assertIn("last-modified", headers)
        text = body.decode("utf-8")
        self.assertTrue(text.startswith("BEGIN:VCALENDAR\r\n"))
        self.assertTrue(text.endswith("END:VCALENDAR\r\n"))
        self.assertIn("X-WR-CALNAME:Outlook Humas", text)
        for inside in ("Rapat Dalam Jendela", "Apel Mingguan", "Apel Dipindah", "Kunjungan Wakil Bupati"):
            self.assertIn("SUMMARY:" + inside, text)
        for outside in ("Acara Lama Sekali", "Acara Jauh Di Depan", "Tugas Bukan Acara"):
            self.assertNotIn(outside, text)
        self.assertNotIn("BEGIN:VTODO", text)
        self.assertEqual(1, text.count("BEGIN:VTIMEZONE"), "each zone once")
        self.assertEqual(1, text.count("RECURRENCE-ID"), "the override is a VEVENT of its own")
        self.assertEqual(4, text.count("BEGIN:VEVENT"), "the two in the window, the weekly one and its override")

        # HEAD: the same headers, no body.
        status, head_headers, head_body = self.fetch(url, method="HEAD")
        self.assertEqual(200, status)
        self.assertEqual(b"", head_body)
        self.assertEqual(headers["etag"], head_headers.get("etag"))

    def test_conditional_gets_answer_304_until_something_changes(self):
        url = self.create("humas", "Bersyarat", ["wabup/agenda"])
        status, headers, _ = self.fetch(url)
        self.assertEqual(200, status)
        etag, modified = headers["etag"], headers["last-modified"]
        status, again, body = self.fetch(url, {"If-None-Match": etag})
        self.assertEqual(304, status)
        self.assertEqual(b"", body)
        self.assertEqual(etag, again.get("etag"))
        self.assertEqual(304, self.fetch(url, {"If-Modified-Since": modified})[0])
        self.assertEqual(200, self.fetch(url, {"If-None-Match": '"lain"'})[0])

        self.put("wabup", "baru.ics", calendar(event("wabup-2", "Peresmian Pasar", local_day(6))))
        status, changed, body = self.fetch(url, {"If-None-Match": etag})
        self.assertEqual(200, status, "a write to a calendar of the feed changes its ETag")
        self.assertNotEqual(etag, changed["etag"])
        self.assertIn(b"Peresmian Pasar", body)

    def test_unknown_and_malformed_tokens_get_the_same_404(self):
        _, _, not_found = self.srv.request("GET", "/ics/%s.ics" % ("f" * 64))
        for path in ("/ics/", "/ics/abc.ics", "/ics/%s.ics" % ("A" * 64), "/ics/%s.ics" % (uuid.uuid4().hex * 2),
                     "/ics/%s.ics" % ("0" * 64), "/ics/%s" % ("0" * 64), "/ics/%s.ics/x" % ("0" * 64)):
            with self.subTest(path=path):
                status, headers, body = self.srv.request("GET", path)
                self.assertEqual(404, status)
                self.assertEqual(not_found, body)
        status, headers, _ = self.srv.request("POST", "/ics/%s.ics" % ("0" * 64), "")
        self.assertEqual(405, status)


class FeedAccessTest(FeedTestCase):

    def test_a_revoked_feed_answers_404_at_once(self):
        url = self.create("humas", "Dicabut", ["bupati/agenda"])
        self.assertEqual(200, self.fetch(url)[0])
        page = self.account("humas")
        self.assertIn("Dicabut", page.visible_text)
        forms = [e.form for e in page.elements("input", name="aksi", value="cabut")]
        self.assertTrue(forms)
        target = [f for f in forms if "Dicabut" in f.parent.text]
        self.assertEqual(1, len(target), page.describe())
        fields = [(e.get("name"), e.get("value")) for e in page.within(target[0], "input")]
        answer = self.staff("humas").post_form("/staf/akun", fields)
        self.assertEqual(303, answer.status, answer.describe())
        self.assertEqual(404, self.fetch(url)[0])
        after = self.staff("humas").get(answer.location)
        self.assertIn("dicabut", after.visible_text)
        self.assertNotIn("Dicabut", " ".join(e.text for e in after.elements("p", class_="judul-baris")))

    def test_only_its_owner_may_revoke_a_feed(self):
        url = self.create("humas", "Bukan Milikmu", ["bupati/agenda"])
        page = self.account("humas")
        ids = [e.get("value") for e in page.elements("input", name="umpan")]
        for feed_id in ids:
            answer = self.post("protokol", [("aksi", "cabut"), ("umpan", feed_id)])
            self.assertEqual(404, answer.status, answer.describe())
        self.assertEqual(200, self.fetch(url)[0])

    def test_a_feed_of_only_lost_calendars_is_refused(self):
        self.srv.share("wabup/agenda", "sekda", "read")
        url = self.create("sekda", "Hanya Wabup", ["wabup/agenda"])
        self.assertEqual(200, self.fetch(url)[0])
        self.srv.cli("unshare", "wabup/agenda", "sekda")
        status, _, body = self.fetch(url)
        self.assertEqual(404, status, body[:300])
        self.assertNotIn(b"Kunjungan Wakil Bupati", body)
        self.srv.share("wabup/agenda", "sekda", "read")
        self.assertEqual(200, self.fetch(url)[0], "readable again, served again")
        self.srv.cli("unshare", "wabup/agenda", "sekda")

    def test_a_calendar_whose_share_is_removed_leaves_the_feed_at_once(self):
        url = self.create("humas", "Berbagi", ["bupati/agenda", "wabup/agenda"])
        _, headers, body = self.fetch(url)
        self.assertIn(b"Kunjungan Wakil Bupati", body)
        self.srv.cli("unshare", "wabup/agenda", "humas")
        try:
            status, after, body = self.fetch(url, {"If-None-Match": headers["etag"]})
            self.assertEqual(200, status, "the feed changed: not 304")
            self.assertNotIn(b"Kunjungan Wakil Bupati", body)
            self.assertIn(b"Rapat Dalam Jendela", body)
            page = self.account("humas")
            self.assertIn("tidak dapat dibaca lagi", page.visible_text)
        finally:
            self.srv.share("wabup/agenda", "humas", "read")
        self.assertIn(b"Kunjungan Wakil Bupati", self.fetch(url)[2])

    def test_a_disabled_users_feeds_answer_404(self):
        url = self.create("ajudan.bupati", "Ajudan", ["bupati/agenda"])
        self.assertEqual(200, self.fetch(url)[0])
        self.srv.cli("user", "disable", "ajudan.bupati")
        try:
            self.assertEqual(404, self.fetch(url)[0])
        finally:
            self.srv.cli("user", "enable", "ajudan.bupati")
        self.assertEqual(200, self.fetch(url)[0])

    def test_the_token_stays_out_of_the_access_log(self):
        url = self.create("humas", "Log", ["bupati/agenda"])
        token = FEED_URL.match(url).group(1)
        self.assertEqual(200, self.fetch(url)[0])
        self.srv.request("GET", "/%69cs/" + token + ".ics")  # decodes to the feed's path
        self.assertEqual(404, self.srv.request("GET", "/ICS/" + token + ".ics")[0])
        log = self.srv.access_log()
        self.assertIn("/ics/***", log)
        self.assertNotIn(token, log)
        self.assertNotIn(token, self.srv.server_log())


class AccountPageTest(FeedTestCase):

    def test_the_page_needs_a_login_and_is_linked_from_the_navigation(self):
        page = self.web().get("/staf/akun")
        self.assertEqual(303, page.status)
        self.assertEqual("/staf/masuk", page.location_path)
        inbox = self.staff("protokol").get("/staf")
        self.assertIn("/staf/akun", inbox.links())
        account = self.account("humas")
        self.assertIn("/staf/akun/agenda-pagi", account.links())
        self.assertIn("Outlook", account.visible_text)
        self.assertEqual({"bupati/agenda", "wabup/agenda"}, set(self.calendar_ids(account)),
                         "only the calendars the user may read are offered")

    def test_bad_input_is_refused_with_the_form_kept(self):
        ids = self.calendar_ids(self.account("humas"))
        cases = [
            ([("nama", "  "), ("kalender", ids["bupati/agenda"])], 400, "Isi nama umpan"),
            ([("nama", "x" * 101), ("kalender", ids["bupati/agenda"])], 400, "paling banyak 100 karakter"),
            ([("nama", "Tanpa Kalender")], 400, "Pilih paling sedikit satu kalender"),
        ]
        for fields, status, message in cases:
            with self.subTest(message=message):
                page = self.post("humas", [("aksi", "buat")] + fields)
                self.assertEqual(status, page.status, page.describe())
                self.assertIn(message, page.by_id("galat-umpan").text)
                typed = dict(fields)["nama"]
                self.assertEqual(typed.strip(), page.by_id("nama-umpan").get("value"))
                checked = [e.get("value") for e in page.elements("input", name="kalender") if "checked" in e.attrs]
                self.assertEqual([v for k, v in fields if k == "kalender"], checked)
                self.assertIsNone(page.by_id("alamat-https"))

        # A calendar the user may not read (the Sekda's), even with a readable one.
        sekda = self.calendar_ids(self.account("protokol"))["sekda/agenda"]
        page = self.post("humas", [("aksi", "buat"), ("nama", "Curang"), ("kalender", ids["bupati/agenda"]),
                                   ("kalender", sekda)])
        self.assertEqual(403, page.status, page.describe())
        self.assertIn("tidak boleh membaca", page.by_id("galat-umpan").text)
        self.assertEqual("Curang", page.by_id("nama-umpan").get("value"))
        self.assertNotIn("Curang", " ".join(e.text for e in page.elements("p", class_="judul-baris")))

    def test_one_feed_over_the_limit_is_refused(self):
        for i in range(3):
            self.create("protokol", "Umpan %d" % i, ["bupati/agenda"])
        page = self.create_page("protokol", "Satu Lagi", ["bupati/agenda"])
        self.assertEqual(409, page.status, page.describe())
        self.assertIn("sudah memiliki 3 umpan", page.by_id("galat-umpan").text)
        self.assertEqual("Satu Lagi", page.by_id("nama-umpan").get("value"))
        self.assertIsNone(page.by_id("alamat-https"))

    def test_a_post_without_the_csrf_token_is_refused(self):
        ids = self.calendar_ids(self.account("wabup"))
        page = self.post("wabup", [("aksi", "buat"), ("nama", "Tanpa Token"), ("kalender", ids["wabup/agenda"])],
                         with_csrf=False)
        self.assertEqual(403, page.status, page.describe())
        self.assertNotIn("Tanpa Token", self.account("wabup").visible_text)


class FeedSizeTest(FeedTestCase):
    """A feed is bounded like a CalDAV report ([caldav] max_answer_bytes)."""

    SERVER_OPTIONS = {"agenda.max_feeds_per_user": 3, "max_answer_bytes": 65536}

    def test_a_feed_larger_than_one_answer_may_be_is_refused_with_507(self):
        small = self.create("protokol", "Kecil", ["bupati/agenda"])
        self.assertEqual(200, self.fetch(small)[0])
        # About 80 KB of events in the window: more than the 64 KB one answer may hold.
        for i in range(40):
            self.put("wabup", "besar-%d.ics" % i, calendar(
                event("besar-%d" % i, "Acara Besar %d" % i, local_day(i % 20 + 1),
                      "DESCRIPTION:%s\r\n" % ("Uraian panjang " * 140))))
        status, headers, body = self.fetch(self.create("protokol", "Besar", ["wabup/agenda"]))
        self.assertEqual(507, status, body[:300])
        self.assertIn("terlalu besar", body.decode())
        self.assertEqual(200, self.fetch(small)[0], "other feeds are served as before")


if __name__ == "__main__":
    unittest.main()

"""Jadwal against a real CalDAV client library: Debian's python3-caldav.

Every step goes through the client's own discovery (server root -> principal ->
calendar home -> calendars), as an application using the library would.
"""

import datetime
import unittest
import urllib.parse

import caldav
from caldav.lib import error

from jadwal_server import ServerTestCase

USERS = {
    # name: (role, display name, password)
    "bupati": ("pimpinan", "Bupati Ogan", "rahasia-bupati"),
    "wabup": ("pimpinan", "Wakil Bupati Ogan", "rahasia-wabup"),
    "protokol": ("protokol", "Staf Protokol", "rahasia-protokol"),
    "ajudan": ("ajudan", "Ajudan Bupati", "rahasia-ajudan"),
    "humas": ("viewer", "Bagian Humas", "rahasia-humas"),
    "tamu": ("viewer", "Tamu Tanpa Akses", "rahasia-tamu"),
}

WIB = datetime.timezone(datetime.timedelta(hours=7))

VTIMEZONE_WIB = """BEGIN:VTIMEZONE
TZID:Asia/Jakarta
BEGIN:STANDARD
DTSTART:19700101T000000
TZOFFSETFROM:+0700
TZOFFSETTO:+0700
TZNAME:WIB
END:STANDARD
END:VTIMEZONE"""


def event_ics(uid, summary, start, end, extra=""):
    """A VCALENDAR with one VEVENT whose times are local times in Asia/Jakarta."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Jadwal tests//python-caldav//ID",
        VTIMEZONE_WIB,
        "BEGIN:VEVENT",
        "UID:" + uid,
        "DTSTAMP:20250101T000000Z",
        "DTSTART;TZID=Asia/Jakarta:" + start.strftime("%Y%m%dT%H%M%S"),
        "DTEND;TZID=Asia/Jakarta:" + end.strftime("%Y%m%dT%H%M%S"),
        "SUMMARY:" + summary,
    ]
    if extra:
        lines.append(extra)
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"


def at(day, hour, minute=0):
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=WIB)


class PythonCaldavTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for name, (role, display, password) in USERS.items():
            cls.srv.add_user(name, role, display, password)
        cls.srv.assign("ajudan", "bupati")
        cls.srv.share("bupati/agenda", "humas", "read")

    # -- helpers -----------------------------------------------------------

    def client(self, user):
        return caldav.DAVClient(url=self.srv.base_url + "/", username=user, password=USERS[user][2])

    def calendars_of(self, user):
        """{path: Calendar} as the client discovers them from the server root."""
        principal = self.client(user).principal()
        return {urllib.parse.urlparse(str(c.url)).path: c for c in principal.calendars()}

    def calendar(self, user, path):
        calendars = self.calendars_of(user)
        self.assertIn(path, calendars, "%s does not see %s" % (user, path))
        return calendars[path]

    def uids(self, objects):
        return sorted(str(o.vobject_instance.vevent.uid.value) for o in objects)

    # -- discovery and access ----------------------------------------------

    def test_principal_and_home_are_discovered_from_the_root(self):
        principal = self.client("bupati").principal()
        self.assertEqual(urllib.parse.urlparse(str(principal.url)).path, "/dav/principals/bupati/")
        home = principal.calendar_home_set
        self.assertEqual(urllib.parse.urlparse(str(home.url)).path, "/dav/calendars/bupati/")

    def test_wrong_password_is_refused(self):
        client = caldav.DAVClient(url=self.srv.base_url + "/", username="bupati", password="salah-sandi")
        with self.assertRaises(error.AuthorizationError):
            client.principal()

    def test_leader_sees_own_agenda_only(self):
        self.assertEqual(sorted(self.calendars_of("bupati")), ["/dav/calendars/bupati/agenda/"])
        self.assertEqual(sorted(self.calendars_of("wabup")), ["/dav/calendars/wabup/agenda/"])

    def test_protokol_sees_every_leaders_agenda(self):
        self.assertEqual(
            sorted(self.calendars_of("protokol")),
            ["/dav/calendars/protokol/bupati~agenda/", "/dav/calendars/protokol/wabup~agenda/"],
        )

    def test_ajudan_sees_the_assigned_leaders_agenda_only(self):
        self.assertEqual(sorted(self.calendars_of("ajudan")), ["/dav/calendars/ajudan/bupati~agenda/"])

    def test_viewer_sees_only_what_is_shared(self):
        self.assertEqual(sorted(self.calendars_of("humas")), ["/dav/calendars/humas/bupati~agenda/"])
        self.assertEqual(self.calendars_of("tamu"), {})

    def test_read_share_reads_but_cannot_write(self):
        day = datetime.date(2025, 3, 4)
        own = self.calendar("bupati", "/dav/calendars/bupati/agenda/")
        own.save_event(event_ics("share-read@test", "Rapat Staf", at(day, 9), at(day, 10)))
        for reader in ("humas", "ajudan"):
            with self.subTest(reader=reader):
                shared = self.calendar(reader, "/dav/calendars/%s/bupati~agenda/" % reader)
                found = shared.date_search(at(day, 0), at(day, 23))
                self.assertIn("share-read@test", self.uids(found))
                # 403: python-caldav reports it as AuthorizationError.
                with self.assertRaises((error.AuthorizationError, error.PutError)):
                    shared.save_event(event_ics("by-%s@test" % reader, "Tidak boleh", at(day, 11), at(day, 12)))
                with self.assertRaises(error.NotFoundError):
                    own.event_by_uid("by-%s@test" % reader)

    def test_protokol_writes_into_a_leaders_agenda(self):
        day = datetime.date(2025, 3, 5)
        through_protokol = self.calendar("protokol", "/dav/calendars/protokol/wabup~agenda/")
        through_protokol.save_event(
            event_ics("protokol-writes@test", "Audiensi KONI", at(day, 13, 30), at(day, 14, 30))
        )
        own = self.calendar("wabup", "/dav/calendars/wabup/agenda/")
        event = own.event_by_uid("protokol-writes@test")
        self.assertEqual(event.vobject_instance.vevent.summary.value, "Audiensi KONI")

    # -- event life cycle --------------------------------------------------

    def test_create_search_update_delete(self):
        day = datetime.date(2025, 4, 15)
        agenda = self.calendar("bupati", "/dav/calendars/bupati/agenda/")
        event = agenda.save_event(
            event_ics("rakor-inflasi@test", "Rapat Koordinasi Inflasi", at(day, 10), at(day, 11, 30))
        )

        in_week = agenda.date_search(at(day, 0) - datetime.timedelta(days=1), at(day, 0) + datetime.timedelta(days=6))
        self.assertIn("rakor-inflasi@test", self.uids(in_week))
        next_week = agenda.date_search(at(day, 0) + datetime.timedelta(days=7), at(day, 0) + datetime.timedelta(days=14))
        self.assertNotIn("rakor-inflasi@test", self.uids(next_week))
        # The event ends at 11.30 WIB = 04.30Z: a range starting then does not overlap it.
        after_end = agenda.search(start=at(day, 11, 30), end=at(day, 18), event=True)
        self.assertNotIn("rakor-inflasi@test", self.uids(after_end))
        last_minute = agenda.search(start=at(day, 11, 29), end=at(day, 18), event=True)
        self.assertIn("rakor-inflasi@test", self.uids(last_minute))

        event.vobject_instance.vevent.summary.value = "Rapat Koordinasi Pengendalian Inflasi"
        event.vobject_instance.vevent.add("location").value = "Ruang Rapat Bupati"
        event.save()
        reloaded = agenda.event_by_uid("rakor-inflasi@test")
        self.assertEqual(reloaded.vobject_instance.vevent.summary.value, "Rapat Koordinasi Pengendalian Inflasi")
        self.assertEqual(reloaded.vobject_instance.vevent.location.value, "Ruang Rapat Bupati")
        self.assertEqual(len(agenda.date_search(at(day, 0), at(day, 23))), 1, "the update must not add a second object")

        reloaded.delete()
        with self.assertRaises(error.NotFoundError):
            agenda.event_by_uid("rakor-inflasi@test")
        self.assertNotIn("rakor-inflasi@test", self.uids(agenda.date_search(at(day, 0), at(day, 23))))

    def test_invalid_calendar_data_is_refused(self):
        agenda = self.calendar("bupati", "/dav/calendars/bupati/agenda/")
        broken = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:tanpa UID\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        with self.assertRaises(error.PutError):
            caldav.Event(agenda.client, url=agenda.url.join("broken.ics"), data=broken, parent=agenda)._put(False)

    def test_recurring_event_is_found_in_a_later_week(self):
        # Apel pagi every Monday 07.30-08.30 WIB from Monday 6 January 2025.
        first = datetime.date(2025, 1, 6)
        agenda = self.calendar("wabup", "/dav/calendars/wabup/agenda/")
        agenda.save_event(
            event_ics("apel-pagi@test", "Apel Pagi", at(first, 7, 30), at(first, 8, 30), "RRULE:FREQ=WEEKLY;BYDAY=MO")
        )
        week_start = at(datetime.date(2025, 2, 10), 0)  # six weeks later, a Monday
        week_end = week_start + datetime.timedelta(days=7)

        expanded = agenda.date_search(week_start, week_end, expand=True)
        instances = [o for o in expanded if o.vobject_instance.vevent.uid.value == "apel-pagi@test"]
        self.assertEqual(len(instances), 1)
        instance = instances[0].vobject_instance.vevent
        self.assertFalse(hasattr(instance, "rrule"), "an expanded instance carries no RRULE")
        self.assertEqual(instance.dtstart.value.astimezone(datetime.timezone.utc),
                         datetime.datetime(2025, 2, 10, 0, 30, tzinfo=datetime.timezone.utc))
        self.assertEqual(instance.recurrence_id.value.astimezone(datetime.timezone.utc),
                         datetime.datetime(2025, 2, 10, 0, 30, tzinfo=datetime.timezone.utc))

        # The client expands by itself when a server does not: check the server's own answer.
        query, _ = agenda.build_search_xml_query(start=week_start, end=week_end, event=True, expand=True)
        _, raw = agenda._request_report_build_resultlist(query, caldav.Event)
        raw = [o.data for o in raw if "apel-pagi@test" in o.data]
        self.assertEqual(len(raw), 1)
        self.assertNotIn("RRULE", raw[0], "the server did not expand the recurrence")
        self.assertIn("RECURRENCE-ID", raw[0])

        master = agenda.search(start=week_start, end=week_end, event=True, expand=False)
        masters = [o for o in master if o.vobject_instance.vevent.uid.value == "apel-pagi@test"]
        self.assertEqual(len(masters), 1)
        self.assertIn("RRULE:FREQ=WEEKLY;BYDAY=MO", masters[0].data)

        # A Tuesday-to-Sunday range of that week holds no instance.
        self.assertNotIn(
            "apel-pagi@test",
            self.uids(agenda.date_search(week_start + datetime.timedelta(days=1), week_end, expand=False)),
        )
        # Before the first instance there is nothing either.
        self.assertNotIn(
            "apel-pagi@test",
            self.uids(agenda.date_search(at(datetime.date(2024, 12, 30), 0), at(datetime.date(2025, 1, 6), 7))),
        )


if __name__ == "__main__":
    unittest.main()

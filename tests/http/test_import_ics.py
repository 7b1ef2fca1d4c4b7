"""jadwald import-ics OWNER/CAL FILE with a Google Calendar export
(tests/data/google_calendar_export.ics): a weekly event with a moved and a
cancelled override and an EXDATE, an all-day event, events in UTC, one event
without UID and one UID given twice. Checks the report (what was imported,
what was skipped and why) and that CalDAV answers the overridden week with the
moved occurrence."""

import os
import unittest

from caldav_http import XML_HEADERS, XMLNS, Multistatus, ServerTestCase, components, prop_values

SAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "google_calendar_export.ics")
CAL = "/dav/calendars/bupati/agenda/"
WEEKLY_UID = "5k2j8q1v0h3m7n9p4r6s8t0u2w@google.com"


def expand_query(start, end):
    return ('<?xml version="1.0" encoding="utf-8"?><C:calendar-query %s><D:prop><D:getetag/>'
            '<C:calendar-data><C:expand start="%s" end="%s"/></C:calendar-data></D:prop>'
            '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
            '<C:time-range start="%s" end="%s"/></C:comp-filter></C:comp-filter></C:filter>'
            '</C:calendar-query>' % (XMLNS, start, end, start, end))


def expanded_events(body):
    """Every VEVENT of every calendar-data in a calendar-query answer."""
    events = []
    for response in Multistatus(body).responses:
        events += components(response.text("C:calendar-data") or "", "VEVENT")
    return events


class ImportIcsTest(ServerTestCase):
    USERS = (("bupati", "pimpinan", "Bupati Ogan Ilir", "rahasia-bupati"),)

    @classmethod
    def setup_data(cls):
        cls.first = cls.srv.cli("import-ics", "bupati/agenda", SAMPLE)

    def test_report_counts_and_reasons(self):
        self.assertEqual("imported 12 objects into bupati/agenda, skipped 2\n", self.first.stdout, self.first.stderr)
        err = self.first.stderr
        self.assertIn("import: skipped a component: VEVENT without UID", err)
        self.assertIn("import: skipped UID kunjungan-gubernur@google.com: duplicate UID", err)
        self.assertIn("import: 1 skipped: VEVENT without UID", err)
        self.assertEqual(2, sum(1 for line in err.splitlines() if line.startswith("import: skipped ")), err)
        print("\nimport-ics of the Google Calendar sample: %s%s" % (self.first.stdout, err), end="")

    def objects(self):
        body = ('<?xml version="1.0" encoding="utf-8"?><C:calendar-query %s><D:prop><C:calendar-data/></D:prop>'
                '<C:filter><C:comp-filter name="VCALENDAR"/></C:filter></C:calendar-query>' % XMLNS)
        status, _, answer = self.req("REPORT", CAL, body, dict(XML_HEADERS, Depth="1"), "bupati")
        self.assertEqual(207, status, answer[:500])
        return answer.decode("utf-8")

    def test_overrides_grouped_with_their_master(self):
        status, _, body = self.req("GET", CAL + WEEKLY_UID + ".ics", user="bupati")
        self.assertEqual(200, status, body[:300])
        text = body.decode("utf-8")
        events = components(text, "VEVENT")
        self.assertEqual(3, len(events), text)  # the master and its two overrides, one object
        self.assertEqual(1, len(components(text, "VTIMEZONE")), "the shared VTIMEZONE goes with it:\n" + text)
        self.assertIn("Asia/Jakarta", text)
        # The duplicate kept the first copy.
        status, _, body = self.req("GET", CAL + "kunjungan-gubernur@google.com.ics", user="bupati")
        self.assertEqual(200, status)
        self.assertNotIn("(salinan)", body.decode("utf-8"))

    def test_the_overridden_week_shows_the_moved_occurrence(self):
        # Monday 16 November 2026 08.00 WIB was moved to Wednesday 18 November 10.00 WIB.
        status, _, body = self.req("REPORT", CAL, expand_query("20261115T170000Z", "20261122T170000Z"),
                                   dict(XML_HEADERS, Depth="1"), "bupati")
        self.assertEqual(207, status, body[:500])
        text = body.decode("utf-8")
        weekly = [ev for ev in expanded_events(body) if prop_values(ev, "UID") == [WEEKLY_UID]]
        self.assertEqual(1, len(weekly), text)
        self.assertEqual(["20261118T030000Z"], prop_values(weekly[0], "DTSTART"), text)
        self.assertEqual(["20261116T010000Z"], prop_values(weekly[0], "RECURRENCE-ID"), text)
        self.assertEqual(["Rapat Staf Mingguan (dipindah)"], prop_values(weekly[0], "SUMMARY"))
        # The all-day event of the same week is there too.
        self.assertTrue(any(prop_values(ev, "UID") == ["hari-jadi-kabupaten-2026@google.com"]
                            for ev in expanded_events(body)), text)

    def test_the_cancelled_occurrence_is_cancelled(self):
        # Monday 23 November's occurrence is overridden with STATUS:CANCELLED.
        status, _, body = self.req("REPORT", CAL, expand_query("20261122T170000Z", "20261129T170000Z"),
                                   dict(XML_HEADERS, Depth="1"), "bupati")
        self.assertEqual(207, status, body[:500])
        weekly = [ev for ev in expanded_events(body) if prop_values(ev, "UID") == [WEEKLY_UID]]
        self.assertTrue(all(prop_values(ev, "STATUS") == ["CANCELLED"] for ev in weekly), weekly)

    def test_the_excluded_week_has_no_occurrence(self):
        # Monday 30 November is in EXDATE.
        status, _, body = self.req("REPORT", CAL, expand_query("20261129T170000Z", "20261206T170000Z"),
                                   dict(XML_HEADERS, Depth="1"), "bupati")
        self.assertEqual(207, status, body[:500])
        weekly = [ev for ev in expanded_events(body) if prop_values(ev, "UID") == [WEEKLY_UID]]
        self.assertEqual([], weekly)

    def test_the_old_form_still_imports_and_updates_in_place(self):
        again = self.srv.cli("import", "bupati/agenda", SAMPLE)
        self.assertEqual("imported 12 objects into bupati/agenda, skipped 2\n", again.stdout, again.stderr)
        self.assertEqual(12, self.objects().count("BEGIN:VCALENDAR"))

    def test_not_icalendar(self):
        result = self.srv.cli("import-ics", "bupati/agenda", os.path.abspath(__file__), check=False)
        self.assertEqual(1, result.returncode)
        self.assertIn("is not an iCalendar file", result.stderr)


if __name__ == "__main__":
    unittest.main()

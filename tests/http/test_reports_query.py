"""REPORTs of RFC 4791: calendar-query (time ranges over recurrences,
overrides, EXDATEs, all-day and zoned events, text-match, is-not-defined,
VTODO), calendar-data with expand and limit-recurrence-set,
calendar-multiget and free-busy-query."""

import datetime
import unittest

from caldav_http import (ICS_HEADERS, XML_HEADERS, XMLNS, Multistatus, ServerTestCase, components, prop_values,
                         vcalendar, vevent)

CAL = "/dav/calendars/bupati/agenda/"
TASKS = "/dav/calendars/bupati/tugas/"
WEEK = ("20240610T000000Z", "20240617T000000Z")  # Monday 10 June 2024 to Monday 17 June, UTC

JKT = {"timezone": True}

# name -> (ics, in the week?)
EVENTS = {
    # weekly on Mondays 08.00 WIB since January: the 10 June instance (01:00Z) is in the week
    "mingguan": (vcalendar(vevent("mingguan", start="DTSTART;TZID=Asia/Jakarta:20240101T080000",
                                  end="DTEND;TZID=Asia/Jakarta:20240101T090000", summary="Rapat Koordinasi Mingguan",
                                  extra="RRULE:FREQ=WEEKLY;BYDAY=MO\nLOCATION:Ruang Rapat Bupati"), **JKT), True),
    # weekly on Tuesdays; the 11 June instance was moved to 20 June
    "dipindah": (vcalendar(vevent("dipindah", start="20240102T090000Z", end="20240102T100000Z",
                                  summary="RAPAT Staf", extra="RRULE:FREQ=WEEKLY\nLOCATION:Aula"),
                           vevent("dipindah", start="20240620T090000Z", end="20240620T100000Z",
                                  summary="RAPAT Staf (dipindah)",
                                  extra="RECURRENCE-ID:20240611T090000Z\nLOCATION:Aula")), False),
    # weekly on Wednesdays; the 12 June instance is excluded
    "dikecualikan": (vcalendar(vevent("dikecualikan", start="20240103T100000Z", end="20240103T110000Z",
                                      summary="Senam Pagi", extra="RRULE:FREQ=WEEKLY\nEXDATE:20240612T100000Z")),
                     False),
    # weekly on Thursdays, five times in May; the last instance moved into the week
    "masuk": (vcalendar(vevent("masuk", start="20240502T100000Z", end="20240502T110000Z", summary="Audiensi",
                               extra="RRULE:FREQ=WEEKLY;COUNT=5"),
                        vevent("masuk", start="20240613T100000Z", end="20240613T110000Z", summary="Audiensi (pindah)",
                               extra="RECURRENCE-ID:20240530T100000Z")), True),
    # three Mondays in May only
    "habis": (vcalendar(vevent("habis", start="20240506T020000Z", end="20240506T030000Z", summary="Pelatihan",
                               extra="RRULE:FREQ=WEEKLY;COUNT=3")), False),
    "seharian": (vcalendar(vevent("seharian", start="DTSTART;VALUE=DATE:20240614", end="DTEND;VALUE=DATE:20240615",
                                  summary="Hari Jadi Kabupaten")), True),
    "seharian-luar": (vcalendar(vevent("seharian-luar", start="DTSTART;VALUE=DATE:20240620",
                                       end="DTEND;VALUE=DATE:20240621", summary="Cuti Bersama")), False),
    # 06.30 WIB on Monday 17 June is 23:30Z on Sunday 16 June: inside the week
    "tengah-malam": (vcalendar(vevent("tengah-malam", start="DTSTART;TZID=Asia/Jakarta:20240617T063000",
                                      end="DTEND;TZID=Asia/Jakarta:20240617T064500", summary="Apel Pagi"), **JKT),
                     True),
    # 06.00 WIB on Monday 10 June is 23:00Z on Sunday 9 June: before the week
    "pagi-buta": (vcalendar(vevent("pagi-buta", start="DTSTART;TZID=Asia/Jakarta:20240610T060000",
                                   end="DTEND;TZID=Asia/Jakarta:20240610T063000", summary="Olahraga"), **JKT), False),
    "juli": (vcalendar(vevent("juli", start="20240701T030000Z", end="20240701T040000Z", summary="Kunjungan Kerja",
                              extra="LOCATION:Kecamatan Tanjung Raja")), False),
    "durasi": (vcalendar(vevent("durasi", start="20240616T230000Z", end="DURATION:PT2H", summary="Ronda")), True),
    "lintas": (vcalendar(vevent("lintas", start="20240605T000000Z", end="20240610T003000Z",
                                summary="Pameran Pembangunan")), True),
    "batas-akhir": (vcalendar(vevent("batas-akhir", start="20240609T230000Z", end="20240610T000000Z",
                                     summary="Berakhir tepat di awal")), False),
    "batas-awal": (vcalendar(vevent("batas-awal", start="20240617T000000Z", end="20240617T010000Z",
                                    summary="Mulai tepat di akhir")), False),
    "transparan": (vcalendar(vevent("transparan", start="20240612T050000Z", end="20240612T060000Z",
                                    summary="Pengingat", extra="TRANSP:TRANSPARENT")), True),
}

TODOS = {
    "tugas-minggu-ini": ("BEGIN:VTODO\nUID:tugas-minggu-ini\nDTSTAMP:20240101T000000Z\nDTSTART:20240611T010000Z\n"
                         "DUE:20240612T100000Z\nSUMMARY:Siapkan sambutan\nEND:VTODO", True),
    "tugas-agustus": ("BEGIN:VTODO\nUID:tugas-agustus\nDTSTAMP:20240101T000000Z\nDTSTART:20240801T010000Z\n"
                      "DUE:20240802T100000Z\nSUMMARY:Laporan bulanan\nEND:VTODO", False),
    # neither DTSTART nor DUE: matches any time range (RFC 4791 9.9)
    "tugas-lepas": ("BEGIN:VTODO\nUID:tugas-lepas\nDTSTAMP:20240101T000000Z\nSUMMARY:Arsipkan surat\nEND:VTODO", True),
}


def query_body(filter_xml, prop_xml="<D:getetag/>"):
    return ('<?xml version="1.0" encoding="utf-8"?><C:calendar-query %s><D:prop>%s</D:prop><C:filter>%s</C:filter>'
            '</C:calendar-query>' % (XMLNS, prop_xml, filter_xml))


def event_filter(inner=""):
    return '<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">%s</C:comp-filter></C:comp-filter>' % inner


def time_range(start=WEEK[0], end=WEEK[1]):
    attrs = ""
    if start:
        attrs += ' start="%s"' % start
    if end:
        attrs += ' end="%s"' % end
    return "<C:time-range%s/>" % attrs


def parse_utc(value):
    return datetime.datetime.strptime(value, "%Y%m%dT%H%M%SZ")


def parse_duration(value):
    # enough of RFC 5545 durations for periods: PnDTnHnMnS, PnW
    sign = -1 if value.startswith("-") else 1
    value = value.lstrip("+-")[1:]
    days = hours = minutes = seconds = weeks = 0
    date, _, time = value.partition("T")
    num = ""
    for ch in date:
        if ch.isdigit():
            num += ch
        elif ch == "D":
            days, num = int(num), ""
        elif ch == "W":
            weeks, num = int(num), ""
    for ch in time:
        if ch.isdigit():
            num += ch
        else:
            if ch == "H":
                hours = int(num)
            elif ch == "M":
                minutes = int(num)
            elif ch == "S":
                seconds = int(num)
            num = ""
    return sign * datetime.timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)


class QueryTest(ServerTestCase):
    USERS = (
        ("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),
        ("pembaca", "viewer", "Pembaca", "rahasia-pembaca"),
        ("orang", "viewer", "Orang Lain", "rahasia-orang"),
    )

    @classmethod
    def setup_data(cls):
        cls.srv.share("bupati/agenda", "pembaca", "read")
        cls.etags = {}
        for name, (ics, _in_week) in EVENTS.items():
            status, headers, body = cls.req("PUT", CAL + name + ".ics", ics, ICS_HEADERS, "bupati")
            if status != 201:
                raise AssertionError("PUT %s: %s %r" % (name, status, body[:800]))
            cls.etags[name] = headers.get("etag")
        status, _h, body = cls.req("MKCALENDAR", TASKS, None, {}, "bupati")
        if status != 201:
            raise AssertionError("MKCALENDAR tugas: %s %r" % (status, body[:500]))
        for name, (todo, _in_week) in TODOS.items():
            status, _h, body = cls.req("PUT", TASKS + name + ".ics", vcalendar(todo), ICS_HEADERS, "bupati")
            if status != 201:
                raise AssertionError("PUT %s: %s %r" % (name, status, body[:800]))
        status, _h, body = cls.req("PUT", TASKS + "acara.ics", vcalendar(vevent("acara-di-tugas")), ICS_HEADERS,
                                   "bupati")
        if status != 201:
            raise AssertionError("PUT acara: %s %r" % (status, body[:800]))

    def report(self, path, body, user="bupati", depth="1"):
        return self.req("REPORT", path, body, dict(XML_HEADERS, Depth=depth), user)

    def query_names(self, filter_xml, path=CAL, user="bupati"):
        ms = self.multistatus(self.report(path, query_body(filter_xml), user))
        names = set()
        for r in ms.responses:
            self.assertTrue(r.href.startswith(path), "href %s outside %s" % (r.href, path))
            self.assertIsNotNone(r.prop("D:getetag"), "matched %s without getetag" % r.href)
            names.add(r.href[len(path):].removesuffix(".ics"))
        return names

    # --- time ranges -------------------------------------------------------------------------------

    def test_time_range_week(self):
        expected = {name for name, (_ics, in_week) in EVENTS.items() if in_week}
        self.assertEqual(expected, self.query_names(event_filter(time_range())))

    def test_time_range_each_event(self):
        # One name at a time so a failure names the event the server got wrong.
        got = self.query_names(event_filter(time_range()))
        for name, (_ics, in_week) in EVENTS.items():
            with self.subTest(event=name):
                self.assertEqual(in_week, name in got)

    def test_time_range_open_end(self):
        got = self.query_names(event_filter(time_range(start="20240616T000000Z", end=None)))
        for name in ("mingguan", "dipindah", "dikecualikan", "durasi", "juli", "batas-awal", "seharian-luar",
                     "tengah-malam"):
            self.assertIn(name, got)
        for name in ("habis", "masuk", "batas-akhir", "lintas", "pagi-buta"):
            self.assertNotIn(name, got)

    def test_time_range_far_future_recurrence(self):
        # the Monday series has no end: an instance in 2030 still matches
        got = self.query_names(event_filter(time_range("20300107T000000Z", "20300108T000000Z")))
        self.assertEqual({"mingguan"}, got - {"dipindah", "dikecualikan"})
        self.assertIn("mingguan", got)

    def test_without_filter_children_matches_all_events(self):
        self.assertEqual(set(EVENTS), self.query_names(event_filter()))

    def test_vcalendar_only_matches_everything(self):
        got = self.query_names('<C:comp-filter name="VCALENDAR"/>')
        self.assertEqual(set(EVENTS), got)

    def test_calendar_data_returned(self):
        ms = self.multistatus(self.report(CAL, query_body(event_filter(time_range("20240614T000000Z",
                                                                                 "20240614T120000Z")),
                                                          "<D:getetag/><C:calendar-data/>")))
        r = ms.get(CAL + "seharian.ics")
        self.assertIsNotNone(r, ms.hrefs())
        self.assertEqual(self.etags["seharian"], r.text("D:getetag"))
        data = r.text("C:calendar-data")
        self.assertIn("UID:seharian", data)
        self.assertEqual(EVENTS["seharian"][0].decode().replace("\r\n", "\n"), data.replace("\r\n", "\n"))

    def test_query_through_shared_alias(self):
        alias = "/dav/calendars/pembaca/bupati~agenda/"
        expected = {name for name, (_ics, in_week) in EVENTS.items() if in_week}
        self.assertEqual(expected, self.query_names(event_filter(time_range()), path=alias, user="pembaca"))

    def test_query_invisible_calendar(self):
        status, _h, body = self.report(CAL, query_body(event_filter()), user="orang")
        self.assertIn(status, (403, 404), self.describe(status, body))
        self.assertNotIn(b".ics", body)

    # --- text-match, is-not-defined ----------------------------------------------------------------------------

    def test_text_match_casemap(self):
        tm = ('<C:prop-filter name="SUMMARY"><C:text-match collation="i;ascii-casemap">rapat</C:text-match>'
              '</C:prop-filter>')
        self.assertEqual({"mingguan", "dipindah"}, self.query_names(event_filter(tm)))

    def test_text_match_default_collation_is_casemap(self):
        tm = '<C:prop-filter name="SUMMARY"><C:text-match>KOORDINASI</C:text-match></C:prop-filter>'
        self.assertEqual({"mingguan"}, self.query_names(event_filter(tm)))

    def test_text_match_octet_is_case_sensitive(self):
        tm = ('<C:prop-filter name="SUMMARY"><C:text-match collation="i;octet">Rapat</C:text-match>'
              '</C:prop-filter>')
        self.assertEqual({"mingguan"}, self.query_names(event_filter(tm)))

    def test_text_match_negated(self):
        tm = ('<C:prop-filter name="SUMMARY"><C:text-match negate-condition="yes">rapat</C:text-match>'
              '</C:prop-filter>')
        self.assertEqual(set(EVENTS) - {"mingguan", "dipindah"}, self.query_names(event_filter(tm)))

    def test_text_match_with_time_range(self):
        tm = ('<C:prop-filter name="SUMMARY"><C:text-match>rapat</C:text-match></C:prop-filter>')
        self.assertEqual({"mingguan"}, self.query_names(event_filter(time_range() + tm)))

    def test_unsupported_collation(self):
        tm = ('<C:prop-filter name="SUMMARY"><C:text-match collation="x;tidak-ada">rapat</C:text-match>'
              '</C:prop-filter>')
        self.assertError(self.report(CAL, query_body(event_filter(tm))), (403,), "C:supported-collation")

    def test_prop_filter_is_not_defined(self):
        f = event_filter('<C:prop-filter name="LOCATION"><C:is-not-defined/></C:prop-filter>')
        self.assertEqual(set(EVENTS) - {"mingguan", "dipindah", "juli"}, self.query_names(f))

    def test_prop_filter_defined(self):
        f = event_filter('<C:prop-filter name="LOCATION"/>')
        self.assertEqual({"mingguan", "dipindah", "juli"}, self.query_names(f))

    def test_comp_filter_is_not_defined(self):
        f = '<C:comp-filter name="VCALENDAR"><C:comp-filter name="VTODO"><C:is-not-defined/></C:comp-filter>' \
            '</C:comp-filter>'
        self.assertEqual({"acara"}, self.query_names(f, path=TASKS))

    # --- VTODO ----------------------------------------------------------------------------------------

    def test_vtodo_query_lists_only_todos(self):
        f = '<C:comp-filter name="VCALENDAR"><C:comp-filter name="VTODO"/></C:comp-filter>'
        self.assertEqual(set(TODOS), self.query_names(f, path=TASKS))

    def test_vtodo_time_range(self):
        f = '<C:comp-filter name="VCALENDAR"><C:comp-filter name="VTODO">%s</C:comp-filter></C:comp-filter>' \
            % time_range()
        self.assertEqual({name for name, (_t, in_week) in TODOS.items() if in_week}, self.query_names(f, path=TASKS))

    def test_vevent_query_on_task_calendar(self):
        self.assertEqual({"acara"}, self.query_names(event_filter(), path=TASKS))

    # --- bad filters ---------------------------------------------------------------------------------------

    def test_bad_filters(self):
        bad = {
            "top level not VCALENDAR": '<C:comp-filter name="VEVENT"/>',
            "time-range not a date-time": event_filter('<C:time-range start="besok" end="lusa"/>'),
            "time-range without start and end": event_filter("<C:time-range/>"),
            "time-range not in UTC": event_filter('<C:time-range start="20240610T000000" end="20240617T000000"/>'),
        }
        for reason, f in bad.items():
            with self.subTest(reason):
                self.assertError(self.report(CAL, query_body(f)), (403,), "C:valid-filter")

    def test_query_without_filter(self):
        body = '<?xml version="1.0"?><C:calendar-query %s><D:prop><D:getetag/></D:prop></C:calendar-query>' % XMLNS
        status, _h, resp = self.report(CAL, body)
        self.assertIn(status, (400, 403), self.describe(status, resp))
        if status == 403:
            self.assertError((status, _h, resp), (403,), "C:valid-filter")

    def test_unknown_report(self):
        body = '<?xml version="1.0"?><X:laporan-aneh xmlns:X="urn:example:x"/>'
        status, _h, resp = self.report(CAL, body)
        self.assertIn(status, (403, 501), self.describe(status, resp))
        if status == 403:
            self.assertError((status, _h, resp), (403,), "D:supported-report")

    # --- expand and limit-recurrence-set ---------------------------------------------------------------------

    def query_data(self, name, data_xml, start=WEEK[0], end=WEEK[1]):
        f = event_filter(time_range(start, end))
        ms = self.multistatus(self.report(CAL, query_body(f, "<D:getetag/>" + data_xml)))
        r = ms.get(CAL + name + ".ics")
        self.assertIsNotNone(r, "%s not found; got %s" % (name, ms.hrefs()))
        data = r.text("C:calendar-data")
        self.assertTrue(data, "no calendar-data for " + name)
        return data

    def expand_xml(self, start=WEEK[0], end=WEEK[1]):
        return '<C:calendar-data><C:expand start="%s" end="%s"/></C:calendar-data>' % (start, end)

    def test_expand_weekly_series(self):
        data = self.query_data("mingguan", self.expand_xml())
        events = components(data, "VEVENT")
        self.assertEqual(1, len(events), data)
        ev = events[0]
        self.assertEqual(["20240610T010000Z"], prop_values(ev, "RECURRENCE-ID"), data)
        self.assertEqual(["20240610T010000Z"], prop_values(ev, "DTSTART"), data)
        self.assertFalse(prop_values(ev, "RRULE"), "expanded instances carry no RRULE:\n" + data)
        self.assertFalse(prop_values(ev, "EXDATE"))
        for line in ev:
            if line.split(":")[0].split(";")[0] in ("DTSTART", "DTEND", "RECURRENCE-ID"):
                self.assertNotIn("TZID", line, "expanded times are in UTC: " + line)
        self.assertEqual(["Rapat Koordinasi Mingguan"], prop_values(ev, "SUMMARY"))

    def test_expand_over_two_weeks(self):
        data = self.query_data("mingguan", self.expand_xml(WEEK[0], "20240624T000000Z"))
        rids = sorted(v for ev in components(data, "VEVENT") for v in prop_values(ev, "RECURRENCE-ID"))
        self.assertEqual(["20240610T010000Z", "20240617T010000Z"], rids, data)

    def test_expand_moved_instance(self):
        data = self.query_data("masuk", self.expand_xml())
        events = components(data, "VEVENT")
        self.assertEqual(1, len(events), data)
        self.assertEqual(["20240530T100000Z"], prop_values(events[0], "RECURRENCE-ID"))
        self.assertEqual(["20240613T100000Z"], prop_values(events[0], "DTSTART"))
        self.assertEqual(["Audiensi (pindah)"], prop_values(events[0], "SUMMARY"))

    def test_expand_respects_exdate_and_override(self):
        data = self.query_data("dikecualikan", self.expand_xml("20240601T000000Z", "20240630T000000Z"),
                               "20240601T000000Z", "20240630T000000Z")
        rids = sorted(v for ev in components(data, "VEVENT") for v in prop_values(ev, "RECURRENCE-ID"))
        self.assertEqual(["20240605T100000Z", "20240619T100000Z", "20240626T100000Z"], rids, data)
        data = self.query_data("dipindah", self.expand_xml("20240601T000000Z", "20240630T000000Z"),
                               "20240601T000000Z", "20240630T000000Z")
        starts = sorted(v for ev in components(data, "VEVENT") for v in prop_values(ev, "DTSTART"))
        self.assertEqual(["20240604T090000Z", "20240618T090000Z", "20240620T090000Z", "20240625T090000Z"], starts,
                         data)

    def test_limit_recurrence_set(self):
        xml = '<C:calendar-data><C:limit-recurrence-set start="%s" end="%s"/></C:calendar-data>'
        data = self.query_data("dipindah", xml % (WEEK[0], "20240621T000000Z"), WEEK[0], "20240621T000000Z")
        events = components(data, "VEVENT")
        self.assertEqual(2, len(events), data)
        master = [e for e in events if not prop_values(e, "RECURRENCE-ID")]
        self.assertEqual(1, len(master))
        self.assertTrue(prop_values(master[0], "RRULE"), "the master keeps its RRULE")
        data = self.query_data("dipindah", xml % ("20240301T000000Z", "20240308T000000Z"),
                               "20240301T000000Z", "20240308T000000Z")
        events = components(data, "VEVENT")
        self.assertEqual(1, len(events), "an override outside the range is left out:\n" + data)
        self.assertFalse(prop_values(events[0], "RECURRENCE-ID"))

    def test_calendar_data_comp_selection(self):
        xml = ('<C:calendar-data><C:comp name="VCALENDAR"><C:allprop/><C:comp name="VEVENT">'
               '<C:prop name="UID"/><C:prop name="SUMMARY"/></C:comp></C:comp></C:calendar-data>')
        data = self.query_data("juli", xml, "20240701T000000Z", "20240702T000000Z")
        ev = components(data, "VEVENT")[0]
        self.assertEqual(["juli"], prop_values(ev, "UID"))
        self.assertEqual(["Kunjungan Kerja"], prop_values(ev, "SUMMARY"))
        self.assertFalse(prop_values(ev, "LOCATION"), data)

    # --- calendar-multiget ---------------------------------------------------------------------------------------

    def test_multiget(self):
        hrefs = [CAL + "mingguan.ics", CAL + "seharian.ics", CAL + "tidak-ada.ics"]
        body = ('<?xml version="1.0"?><C:calendar-multiget %s><D:prop><D:getetag/><C:calendar-data/></D:prop>%s'
                '</C:calendar-multiget>' % (XMLNS, "".join("<D:href>%s</D:href>" % h for h in hrefs)))
        ms = self.multistatus(self.report(CAL, body))
        for name in ("mingguan", "seharian"):
            r = ms.get(CAL + name + ".ics")
            self.assertIsNotNone(r, ms.hrefs())
            self.assertEqual(self.etags[name], r.text("D:getetag"))
            self.assertEqual(EVENTS[name][0].decode().replace("\r\n", "\n"),
                             r.text("C:calendar-data").replace("\r\n", "\n"))
        missing = ms.get(CAL + "tidak-ada.ics")
        self.assertIsNotNone(missing, "a missing href must still get a response")
        self.assertEqual(404, missing.status)
        self.assertEqual(3, len(ms.responses))

    def test_multiget_absolute_url_href(self):
        body = ('<?xml version="1.0"?><C:calendar-multiget %s><D:prop><D:getetag/></D:prop>'
                '<D:href>%s%sjuli.ics</D:href></C:calendar-multiget>' % (XMLNS, self.srv.base_url, CAL))
        ms = self.multistatus(self.report(CAL, body))
        self.assertEqual(self.etags["juli"], ms.get(CAL + "juli.ics").text("D:getetag"))

    def test_multiget_href_outside_visible_calendars(self):
        self.srv.add_user("wakil", "pimpinan", "Wakil Bupati", "rahasia-wakil")
        status, _h, _b = self.req("PUT", "/dav/calendars/wakil/agenda/w.ics",
                                  vcalendar(vevent("wakil-rahasia", summary="Rahasia Wakil")), ICS_HEADERS,
                                  ("wakil", "rahasia-wakil"))
        self.assertEqual(201, status)
        body = ('<?xml version="1.0"?><C:calendar-multiget %s><D:prop><C:calendar-data/></D:prop>'
                '<D:href>/dav/calendars/wakil/agenda/w.ics</D:href></C:calendar-multiget>' % XMLNS)
        status, _h, resp = self.report(CAL, body)
        self.assertNotIn(b"Rahasia Wakil", resp)
        if status == 207:
            r = Multistatus(resp).responses[0]
            self.assertIn(r.status, (403, 404))

    # --- free-busy-query ---------------------------------------------------------------------------------------

    def free_busy(self):
        body = ('<?xml version="1.0"?><C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav">%s'
                '</C:free-busy-query>' % time_range())
        status, headers, resp = self.report(CAL, body)
        self.assertEqual(200, status, self.describe(status, resp))
        self.assertTrue(headers.get("content-type", "").startswith("text/calendar"), headers)
        fbs = components(resp, "VFREEBUSY")
        self.assertEqual(1, len(fbs), resp)
        return fbs[0]

    def busy_periods(self, fb):
        periods = []
        for line in fb:
            head, _, value = line.partition(":")
            if head.split(";")[0] != "FREEBUSY":
                continue
            if "FBTYPE=FREE" in head.upper():
                continue
            for period in value.split(","):
                start, _, end = period.partition("/")
                s = parse_utc(start)
                e = s + parse_duration(end) if end.startswith(("P", "+P", "-P")) else parse_utc(end)
                periods.append((s, e))
        return periods

    def test_free_busy(self):
        fb = self.free_busy()
        self.assertEqual([WEEK[0]], prop_values(fb, "DTSTART"))
        self.assertEqual([WEEK[1]], prop_values(fb, "DTEND"))
        periods = self.busy_periods(fb)
        lo, hi = parse_utc(WEEK[0]), parse_utc(WEEK[1])
        for s, e in periods:
            self.assertTrue(lo <= s < e <= hi, "period %s..%s outside the range" % (s, e))

        def busy(instant):
            t = parse_utc(instant)
            return any(s <= t < e for s, e in periods)

        for instant, why in (("20240610T013000Z", "weekly Monday instance"),
                             ("20240610T001500Z", "event begun before the range"),
                             ("20240613T103000Z", "instance moved into the week"),
                             ("20240614T120000Z", "all-day event"),
                             ("20240616T233000Z", "duration event")):
            self.assertTrue(busy(instant), "%s (%s) should be busy: %s" % (instant, why, periods))
        for instant, why in (("20240611T093000Z", "instance moved out of the week"),
                             ("20240612T103000Z", "EXDATE'd instance"),
                             ("20240612T053000Z", "transparent event"),
                             ("20240615T120000Z", "nothing scheduled")):
            self.assertFalse(busy(instant), "%s (%s) should be free: %s" % (instant, why, periods))

    def test_free_busy_without_time_range(self):
        body = '<?xml version="1.0"?><C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav"/>'
        status, _h, resp = self.report(CAL, body)
        self.assertIn(status, (400, 403), self.describe(status, resp))

    def test_free_busy_for_reader(self):
        body = ('<?xml version="1.0"?><C:free-busy-query xmlns:C="urn:ietf:params:xml:ns:caldav">%s'
                '</C:free-busy-query>' % time_range())
        status, _h, resp = self.report("/dav/calendars/pembaca/bupati~agenda/", body, user="pembaca")
        self.assertEqual(200, status, self.describe(status, resp))
        self.assertIn(b"BEGIN:VFREEBUSY", resp)
        status, _h, resp = self.report(CAL, body, user="orang")
        self.assertIn(status, (403, 404), self.describe(status, resp))
        self.assertNotIn(b"FREEBUSY:", resp)


if __name__ == "__main__":
    unittest.main()

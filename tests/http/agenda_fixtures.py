"""Fixed agenda data for the agenda page tests (test_agenda_pages.py, test_agenda_public.py):
events PUT into the leaders' calendars over CalDAV the way Thunderbird writes them,
with the description convention lines (Pakaian:, Ket.:, Diwakili oleh:, Narahubung:,
Publik:), and the Indonesian names the pages show for a day."""

import datetime
import uuid

from jadwal_requests import WIB, RequestTestCase, credentials

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")  # Monday first, as date.weekday()
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")
REGION = "KABUPATEN OGAN ILIR"
SIGNATURE = "Bagian Protokol dan Komunikasi Pimpinan Kabupaten Ogan Ilir"


def day_ahead(days):
    return (datetime.datetime.now(WIB) + datetime.timedelta(days=days)).date()


def day_name(day):
    """"Rabu, 22 November 2023"."""
    return "%s, %d %s %d" % (DAYS[day.weekday()], day.day, MONTHS[day.month - 1], day.year)


def ics_text(value):
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def thunderbird_event(day, start, end=None, summary="Kegiatan", location=None, description=None, extra=(),
                      uid=None, all_day=False):
    """A VCALENDAR as Thunderbird writes one event: a VTIMEZONE, TZID times, DESCRIPTION lines.
    start/end: "HH:MM" (end None: no DTEND, the end is open); extra: raw content lines."""
    uid = uid or str(uuid.uuid4())
    stamp = "20231120T010000Z"
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN", "VERSION:2.0",
             "BEGIN:VTIMEZONE", "TZID:Asia/Jakarta", "BEGIN:STANDARD", "TZOFFSETFROM:+0700", "TZOFFSETTO:+0700",
             "TZNAME:WIB", "DTSTART:19700101T000000", "END:STANDARD", "END:VTIMEZONE",
             "BEGIN:VEVENT", "CREATED:" + stamp, "LAST-MODIFIED:" + stamp, "DTSTAMP:" + stamp, "UID:" + uid,
             "SUMMARY:" + ics_text(summary)]
    if all_day:
        lines.append("DTSTART;VALUE=DATE:" + day.strftime("%Y%m%d"))
        lines.append("DTEND;VALUE=DATE:" + (day + datetime.timedelta(days=1)).strftime("%Y%m%d"))
    else:
        lines.append("DTSTART;TZID=Asia/Jakarta:%sT%s00" % (day.strftime("%Y%m%d"), start.replace(":", "")))
        if end:
            lines.append("DTEND;TZID=Asia/Jakarta:%sT%s00" % (day.strftime("%Y%m%d"), end.replace(":", "")))
    if location:
        lines.append("LOCATION:" + ics_text(location))
    if description:
        lines.append("DESCRIPTION:" + ics_text(description))
    lines += list(extra)
    lines += ["TRANSP:OPAQUE", "END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


class AgendaTestCase(RequestTestCase):
    """A jadwald with the request fixtures' users and the [agenda] settings of an office."""

    SERVER_OPTIONS = {"agenda.region": REGION, "agenda.leaders": "bupati, wabup, sekda",
                      "agenda.signature": SIGNATURE}

    @classmethod
    def put(cls, owner, day, start, end=None, slug="agenda", user="protokol", **fields):
        """PUTs a new event into /dav/calendars/<owner>/<slug>/ as `user`; returns its path."""
        path = "/dav/calendars/%s/%s/%s.ics" % (owner, slug, uuid.uuid4())
        status, _, body = cls.srv.request("PUT", path, thunderbird_event(day, start, end, **fields),
                                          {"Content-Type": "text/calendar; charset=utf-8"}, user=credentials(user))
        if status not in (201, 204):
            raise AssertionError("PUT %s: %s %r" % (path, status, body[:400]))
        return path

    def title(self, user):
        from jadwal_requests import USERS
        return USERS[user][1].upper()

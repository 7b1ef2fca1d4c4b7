"""Fixtures for the activity-request tests (tests/http/test_permohonan.py and
friends, tests/browser): a jadwald with leaders, staff, an aide and a viewer; a
valid request form; submitting it; staff sessions and decisions; and reading the
events the workflow writes, over CalDAV as a client would."""

import datetime
import re
import sys
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

import sample_files
from jadwal_server import JadwalServer, WebSession

WIB = datetime.timezone(datetime.timedelta(hours=7))

# name: (role, display name, password)
USERS = {
    "admin": ("admin", "Administrator", "rahasia-admin"),
    "protokol": ("protokol", "Staf Protokol", "rahasia-protokol"),
    "bupati": ("pimpinan", "Bupati Ogan Ilir", "rahasia-bupati"),
    "wabup": ("pimpinan", "Wakil Bupati Ogan Ilir", "rahasia-wabup"),
    "sekda": ("pimpinan", "Sekretaris Daerah", "rahasia-sekda"),
    "ajudan.bupati": ("ajudan", "Ajudan Bupati", "rahasia-ajudan"),
    "humas": ("viewer", "Bagian Humas", "rahasia-humas"),
}
HOLD_OWNER, HOLD_SLUG = "protokol", "tentatif"
HOLD_CALENDAR = HOLD_OWNER + "/" + HOLD_SLUG
CODE_PATTERN = re.compile(r"JDW-[A-Z0-9]{4}-[A-Z0-9]{4}")
REQUEST_LINK = re.compile(r"/staf/permohonan/(\d+)")


def credentials(user):
    return (user, USERS[user][2])


def activity_day(days_ahead=14):
    return (datetime.datetime.now(WIB) + datetime.timedelta(days=days_ahead)).date()


def valid_fields(**overrides):
    """A complete, valid request form as (name, value) pairs. Overrides replace a
    field (None removes it); pimpinan may be a list."""
    day = activity_day()
    fields = {
        "nama": "Siti Rahmawati",
        "jabatan": "Kepala Sekolah",
        "instansi": "SMA Negeri 1 Indralaya",
        "whatsapp": "0812-3456-7890",
        "email": "siti@example.org",
        "nomor_surat": "421/045/SMAN1/2025",
        "tanggal_surat": (day - datetime.timedelta(days=20)).isoformat(),
        "perihal": "Permohonan sambutan Bupati",
        "jenis_surat": "undangan",
        "nama_kegiatan": "Peresmian Laboratorium Komputer",
        "tanggal": day.isoformat(),
        "jam_mulai": "09:00",
        "jam_selesai": "11:00",
        "tempat": "Aula SMA Negeri 1 Indralaya",
        "alamat": "Jl. Lintas Timur KM 35, Indralaya",
        "pakaian": "PDH",
        "peran": "sambutan",
        "undangan_lain": "Kepala Dinas Pendidikan",
        "narahubung": "Budi (0813-1111-2222)",
        "pimpinan": ["bupati"],
        "boleh_diwakilkan": "1",
    }
    for key, value in overrides.items():
        if value is None:
            fields.pop(key, None)
        else:
            fields[key] = value
    pairs = []
    for key, value in fields.items():
        for item in (value if isinstance(value, list) else [value]):
            pairs.append((key, item))
    return pairs


def letter(name="surat-permohonan.pdf", text="Surat Permohonan"):
    return ("surat", name, sample_files.pdf(text), "application/pdf")


def submit_request(srv, fields=None, files=None):
    """Submits a request as a fresh browser would; returns its tracking code."""
    web = WebSession(srv)
    form = web.get("/permohonan")
    pairs = [("csrf", form.csrf("/permohonan"))] + list(valid_fields() if fields is None else fields)
    page = web.post_multipart("/permohonan", pairs, [letter()] if files is None else files)
    match = CODE_PATTERN.search(page.location) if page.status == 303 else None
    if not match:
        raise AssertionError("submission refused: " + page.describe())
    return match.group(0)


# -- iCalendar ------------------------------------------------------------------

def unfold(text):
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    return text.replace("\r\n", "\n").replace("\n ", "").replace("\n\t", "").split("\n")


def vevents(text):
    """Each VEVENT of an iCalendar text as its list of unfolded content lines."""
    events, current, depth = [], None, 0
    for line in unfold(text):
        if line == "BEGIN:VEVENT":
            current, depth = [], 0
        elif current is not None and line.startswith("BEGIN:"):
            depth += 1
        elif current is not None and line.startswith("END:") and depth:
            depth -= 1
        elif line == "END:VEVENT" and current is not None:
            events.append(current)
            current = None
        elif current is not None and depth == 0:
            current.append(line)
    return events


def props(lines, name):
    """(parameters, value) of each property NAME in an event's lines."""
    out = []
    for line in lines:
        head, _, value = line.partition(":")
        parts = head.split(";")
        if parts[0].upper() == name:
            params = {}
            for p in parts[1:]:
                k, _, v = p.partition("=")
                params[k.upper()] = v.strip('"')
            out.append((params, value))
    return out


def prop(lines, name):
    found = props(lines, name)
    return found[0][1] if found else None


def unescape_text(value):
    return (value or "").replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",").replace("\\;", ";") \
        .replace("\\\\", "\\")


CALENDAR_QUERY = ('<?xml version="1.0" encoding="utf-8"?>'
                  '<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
                  '<D:prop><D:getetag/><C:calendar-data/></D:prop>'
                  '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter></C:filter>'
                  '</C:calendar-query>')


class CalendarObject:
    def __init__(self, href, etag, text):
        self.href, self.etag, self.text = href, etag, text
        events = vevents(text)
        self.event = events[0] if events else []

    def value(self, name):
        return prop(self.event, name)


# -- the test case ----------------------------------------------------------------

class RequestTestCase(unittest.TestCase):
    """One jadwald per test class, with USERS, the aide assigned to the Bupati, and
    the staff hold calendar created by the server at start (it is restarted once the
    users exist). SERVER_OPTIONS adds config keys."""

    SERVER_OPTIONS = {}

    @classmethod
    def setUpClass(cls):
        cls._any_failed = False
        options = {"hold_calendar": HOLD_CALENDAR}
        options.update(cls.server_options())
        cls.server = JadwalServer(**options)
        cls.srv = cls.server.start()
        try:
            for name, (role, display, password) in USERS.items():
                cls.srv.add_user(name, role, display, password)
            cls.srv.assign("ajudan.bupati", "bupati")
            cls.srv.restart()
            cls._sessions = {}
            cls.setup_data()
        except BaseException:
            cls.server.stop(failed=True)
            raise

    @classmethod
    def server_options(cls):
        return dict(cls.SERVER_OPTIONS)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop(failed=cls._any_failed)

    @classmethod
    def setup_data(cls):
        pass

    def run(self, result=None):
        def problems(r):
            return len(r.failures) + len(r.errors) + len(getattr(r, "unexpectedSuccesses", []))
        before = problems(result) if result is not None else 0
        result = super().run(result)
        if result is not None and problems(result) > before:
            type(self)._any_failed = True
        return result

    # -- requester side ---------------------------------------------------------

    def web(self, **headers):
        return WebSession(self.srv, headers=headers)

    def submit_page(self, fields=None, files=None, session=None, with_csrf=True):
        """GETs the form (for its CSRF token and cookie), then POSTs; returns the answer."""
        session = session or self.web()
        form = session.get("/permohonan")
        self.assertEqual(200, form.status, form.describe())
        pairs = list(valid_fields() if fields is None else fields)
        if with_csrf:
            pairs = [("csrf", form.csrf("/permohonan"))] + [(k, v) for k, v in pairs if k != "csrf"]
        return session.post_multipart("/permohonan", pairs, [letter()] if files is None else files)

    def submit(self, fields=None, files=None, session=None):
        """A valid submission; returns the tracking code."""
        page = self.submit_page(fields, files, session)
        self.assertEqual(303, page.status, page.describe())
        match = re.fullmatch(r"/permohonan/(JDW-[A-Z0-9]{4}-[A-Z0-9]{4})/tanda-terima", page.location_path)
        self.assertIsNotNone(match, "receipt redirect: " + page.describe())
        return match.group(1)

    def status_page(self, code, session=None):
        page = (session or self.web()).get("/permohonan/" + code)
        self.assertEqual(200, page.status, page.describe())
        return page

    # -- staff side -------------------------------------------------------------

    def staff(self, user="protokol"):
        """A logged-in WebSession of `user`, kept for the class."""
        if user not in self._sessions:
            self._sessions[user] = WebSession(self.srv).login(*credentials(user))
        return self._sessions[user]

    def request_id(self, code):
        """The request's id, found through the staff inbox's search."""
        page = self.staff("protokol").get("/staf?q=" + code)
        self.assertEqual(200, page.status, page.describe())
        ids = {int(m.group(1)) for m in REQUEST_LINK.finditer(" ".join(page.links()))}
        self.assertEqual(1, len(ids), "inbox search for %s should link one request: %s" % (code, page.describe()))
        return ids.pop()

    def request_page(self, request_id, user="protokol"):
        page = self.staff(user).get("/staf/permohonan/%d" % request_id)
        self.assertEqual(200, page.status, page.describe())
        return page

    def decide_page(self, request_id, aksi, user="protokol", versi=None, csrf=True, **fields):
        """POSTs a decision the way the request page's form would; returns the answer."""
        session = self.staff(user)
        page = session.get("/staf/permohonan/%d" % request_id)
        self.assertEqual(200, page.status, page.describe())
        pairs = []
        if csrf:
            pairs.append(("csrf", page.csrf()))
        if versi is None:
            versi = page.field("versi")
            self.assertTrue(versi, "the request page carries the version in a versi field: " + page.describe())
        pairs += [("versi", str(versi)), ("aksi", aksi)]
        pairs += [(k, v) for k, v in fields.items()]
        return session.post_form("/staf/permohonan/%d/keputusan" % request_id, pairs)

    def decide(self, request_id, aksi, user="protokol", confirm_conflicts=True, **fields):
        """A decision taken (303). The requests of a class share one slot unless a test sets
        another (valid_fields), so an approval may meet an earlier one's event: with
        `confirm_conflicts` it is confirmed on the page "Jadwal bentrok" as staff would
        (tests/http/test_conflict_confirm.py tests the question itself)."""
        answer = self.decide_page(request_id, aksi, user, **fields)
        if confirm_conflicts and answer.status == 409 and answer.field("konfirmasi_bentrok") == "1":
            action = "/staf/permohonan/%d/keputusan" % request_id
            answer = self.staff(user).post_form(action, answer.form_values(action))
        self.assertEqual(303, answer.status, "%s: %s" % (aksi, answer.describe()))
        self.assertTrue(answer.location.startswith("/staf/permohonan/%d" % request_id), answer.describe())
        return answer

    def new_request(self, upto="diajukan", fields=None):
        """A submitted request taken to `upto` (diajukan, diverifikasi, disetujui); returns (code, id)."""
        code = self.submit(fields)
        request_id = self.request_id(code)
        if upto in ("diverifikasi", "disetujui"):
            self.decide(request_id, "verify")
        if upto == "disetujui":
            self.decide(request_id, "approve", pimpinan="bupati")
        return code, request_id

    # -- CalDAV -----------------------------------------------------------------

    def calendar_objects(self, owner, slug="agenda", user=None):
        path = "/dav/calendars/%s/%s/" % (owner, slug)
        status, _, body = self.srv.request("REPORT", path, CALENDAR_QUERY,
                                           {"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
                                           user=credentials(user or owner))
        self.assertEqual(207, status, "REPORT %s: %s" % (path, body[:800]))
        objects = []
        for response in ET.fromstring(body).findall("{DAV:}response"):
            href = response.findtext("{DAV:}href") or ""
            etag = response.findtext(".//{DAV:}getetag")
            data = response.findtext(".//{urn:ietf:params:xml:ns:caldav}calendar-data")
            if data:
                objects.append(CalendarObject(href, etag, data))
        return objects

    def event_of(self, code, owner, slug="agenda", user=None):
        """The calendar object for request `code` on owner/slug, or None. Events name the request by
        its number (X-JADWAL-REQUEST), never by its tracking code: that is checked on every object."""
        number = str(self.request_id(code))
        objects = self.calendar_objects(owner, slug, user)
        for o in objects:
            self.assertNotIn(code, o.href + o.text, "the tracking code is in no calendar object")
        found = [o for o in objects if o.value("X-JADWAL-REQUEST") == number]
        self.assertLessEqual(len(found), 1, "one object per request and calendar: %r" % [o.href for o in found])
        return found[0] if found else None

    def put_event(self, event, text, user, if_match=True):
        """PUTs `text` over `event` as a client of `user` would; returns the status."""
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        if if_match:
            headers["If-Match"] = event.etag
        path = urllib.parse.urlsplit(event.href).path
        status, _, body = self.srv.request("PUT", path, text.replace("\r\n", "\n").replace("\n", "\r\n"), headers,
                                           user=credentials(user))
        self.assertIn(status, (201, 204), "PUT %s as %s: %s" % (path, user, body[:500]))
        return status

    def delete_event(self, event, user):
        path = urllib.parse.urlsplit(event.href).path
        status, _, body = self.srv.request("DELETE", path, user=credentials(user))
        self.assertEqual(204, status, "DELETE %s as %s: %s" % (path, user, body[:300]))

    def sync_token(self, owner, slug="agenda"):
        body = ('<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:sync-token/>'
                '</D:prop></D:propfind>')
        status, _, answer = self.srv.request("PROPFIND", "/dav/calendars/%s/%s/" % (owner, slug), body,
                                             {"Depth": "0", "Content-Type": "application/xml"},
                                             user=credentials(owner))
        self.assertEqual(207, status, answer[:500])
        return ET.fromstring(answer).findtext(".//{DAV:}sync-token")


def main():
    unittest.main(argv=sys.argv)

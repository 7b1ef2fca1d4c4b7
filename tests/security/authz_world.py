"""The world the authorisation matrix runs in, and how each role performs each
case of tests/security/authz_matrix.py against it.

One jadwald with the users of jadwal_requests.USERS; the aide assigned to the
Bupati; a staff calendar shared read with the viewer and write with the other
leader; an event on the Bupati's agenda; and a request for the Bupati that the
Sekda represents. A cell that may change something gets data of its own (a
request, an event, a calendar); refused cells of a row share theirs. Effects are
read from the database file (read-only, beside the running server).
"""

import datetime
import re
import sqlite3
import urllib.parse
import xml.etree.ElementTree as ET

from jadwal_requests import CODE_PATTERN, USERS, credentials, letter, submit_request, valid_fields
from jadwal_server import WebSession

import authz_matrix as M
from authz_admin import AdminCases
from authz_agenda import AgendaCases
from authz_archive import ArchiveCases
from authz_feeds import FeedCases
from authz_home import HomeCases
from authz_recap import RecapCases

SHARED = ("protokol", "rapat-internal")
OBJECT = "matriks.ics"
UNKNOWN_CODE = "JDW-AAAA-AAAA"
XML = {"Content-Type": "application/xml; charset=utf-8"}
ICS = {"Content-Type": "text/calendar; charset=utf-8"}
PROPFIND = ('<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:displayname/>'
            '<D:resourcetype/></D:prop></D:propfind>')
PROPPATCH = ('<?xml version="1.0" encoding="utf-8"?><D:propertyupdate xmlns:D="DAV:" xmlns:X="urn:example:matriks">'
             '<D:set><D:prop><%s>Diubah oleh matriks</%s></D:prop></D:set></D:propertyupdate>')
MULTIGET = ('<?xml version="1.0" encoding="utf-8"?><C:calendar-multiget xmlns:D="DAV:" '
            'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop><D:href>%s</D:href>'
            '</C:calendar-multiget>')
QUERY = ('<?xml version="1.0" encoding="utf-8"?><C:calendar-query xmlns:D="DAV:" '
         'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop><C:filter>'
         '<C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter></C:filter>'
         '</C:calendar-query>')
LONG_VENUE = "Gedung " + "Serbaguna " * 202  # 2,027 characters; the form allows 300
# The state each decision starts from, the state it leads to, and its form fields.
DECISIONS = {
    "verify": ("diajukan", "diverifikasi", {}),
    "return": ("diajukan", "dikembalikan", {"catatan": "Mohon dilengkapi"}),
    "reject": ("diajukan", "ditolak", {"catatan": "Tidak dapat dipenuhi"}),
    "approve": ("diverifikasi", "disetujui", {"pimpinan": "bupati"}),
    "represent": ("diverifikasi", "diwakilkan", {"pimpinan": "bupati", "wakil_user": "wabup"}),
    "reschedule": ("disetujui", "disetujui", {"jam_mulai": "13:00", "jam_selesai": "14:00"}),
    "cancel": ("disetujui", "dibatalkan", {"catatan": "Acara dibatalkan"}),
    "held": ("disetujui", "terlaksana", {}),
    "not-held": ("disetujui", "tidak_terlaksana", {}),
}


def event(uid, start="20300610T030000Z", end="20300610T040000Z", summary="Rapat matriks"):
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Jadwal tests//EN", "BEGIN:VEVENT", "UID:" + uid,
                        "DTSTAMP:20240101T000000Z", "DTSTART:" + start, "DTEND:" + end, "SUMMARY:" + summary,
                        "END:VEVENT", "END:VCALENDAR", ""])


def shifted(ical, hours):
    """The iCalendar text with its DTSTART and DTEND moved by `hours`."""
    def move(match):
        stamp = datetime.datetime.strptime(match.group(2), "%Y%m%dT%H%M%S") + datetime.timedelta(hours=hours)
        return match.group(1) + stamp.strftime("%Y%m%dT%H%M%S")
    return re.sub(r"((?:DTSTART|DTEND)[^:\r\n]*:)(\d{8}T\d{6})", move, ical)


def with_property(ical, name, value):
    """The text with property `name` of the event set to `value` (folding aside)."""
    lines = ical.replace("\r\n ", "").split("\r\n")
    lines = [l for l in lines if not re.match(name + r"[;:]", l)]
    at = lines.index("END:VEVENT")
    return "\r\n".join(lines[:at] + ["%s:%s" % (name, value)] + lines[at:])


def codes_in(body):
    return set(CODE_PATTERN.findall(body if isinstance(body, str) else body.decode("utf-8", "replace")))


class Answer:
    """A case's answer; `effective` is the status judged (a PROPPATCH 207 counts as its property's)."""

    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body
        self.effective = status
        self.location = urllib.parse.urlsplit(headers.get("location", "")).path

    def describe(self):
        return "status %s (judged %s), location %r, body: %s" % (
            self.status, self.effective, self.location, self.body[:600].decode("utf-8", "replace"))


class Scene:
    """What a case acted on, as it was before: the request row and its events' ETags."""

    def __init__(self, world, code=None, request_id=None, path=None):
        self.code, self.request_id, self.path = code, request_id, path
        self.before = world.request_row(request_id) if request_id else None
        self.events = world.event_etags(self.before) if self.before else {}
        self.dispositions = world.dispositions(request_id) if request_id else []


class World(AdminCases, AgendaCases, ArchiveCases, FeedCases, HomeCases, RecapCases):
    def __init__(self, srv):
        self.srv = srv
        self.sessions = {}
        self.shared = {}
        self.counter = 0

    def build(self):
        self.srv.cli("calendar", "add", "%s/%s" % SHARED, "--name", "Rapat Internal")
        self.srv.share("%s/%s" % SHARED, "humas", "read")
        self.srv.share("%s/%s" % SHARED, "wabup", "write")
        self.put_as("admin", "/dav/calendars/bupati/agenda/" + OBJECT, event("matriks-objek"))
        # What the read cases look at: a request asked of the Bupati, represented by the Sekda.
        self.main_code, self.main_id = self.request_in("diwakilkan")
        with self.db() as conn:
            self.main_file = conn.execute("SELECT id, name FROM request_files WHERE request_id = ? ORDER BY id",
                                          (self.main_id,)).fetchone()

    def fresh(self, prefix):
        self.counter += 1
        return "%s-%d" % (prefix, self.counter)

    def put_as(self, user, path, body):
        status, _, answer = self.srv.request("PUT", path, body, ICS, user=credentials(user))
        if status not in (201, 204):
            raise AssertionError("PUT %s as %s: %s %r" % (path, user, status, answer[:300]))

    # -- requests, through the web as staff would --------------------------------------

    def request_in(self, state):
        """A new request for the Bupati taken to `state`: (code, id)."""
        code = submit_request(self.srv, valid_fields(nama_kegiatan=self.fresh("Kegiatan matriks")))
        with self.db() as conn:
            request_id = conn.execute("SELECT id FROM requests WHERE code = ?", (code,)).fetchone()[0]
        steps = {"diajukan": [], "diverifikasi": ["verify"], "dikembalikan": ["return"],
                 "disetujui": ["verify", "approve"], "diwakilkan": ["verify", "represent"]}[state]
        for action in steps:
            fields = dict(DECISIONS[action][2])
            if action == "represent":
                fields["wakil_user"] = "sekda"
            answer = self.decide("protokol", request_id, action, fields)
            if answer.status != 303:
                raise AssertionError("%s of request %d: %s" % (action, request_id, answer.describe()))
        return code, request_id

    def decide(self, role, request_id, action, fields):
        session = self.web(role)
        token = self.csrf(session, request_id)
        pairs = [("csrf", token), ("versi", str(self.request_row(request_id)["version"])), ("aksi", action)]
        pairs += list(fields.items())
        page = self.confirmed(session, session.post_form("/staf/permohonan/%d/keputusan" % request_id, pairs))
        return Answer(page.status, page.headers, page.body)

    @staticmethod
    def confirmed(session, page):
        """The answer once a double booking the page asks about is confirmed: the world's requests
        share one slot, and who may decide may confirm (tests/http/test_conflict_confirm.py)."""
        if page.status != 409 or page.field("konfirmasi_bentrok") != "1":
            return page
        form = page.forms()[-1]
        for candidate in page.forms():
            if candidate.get("action", "").endswith(("/keputusan", "/disposisi")):
                form = candidate
        action = form.get("action")
        return session.post_form(action, page.form_values(action))

    def csrf(self, session, request_id):
        """The session's CSRF token, from the request page or, when that is refused, the inbox."""
        for path in ("/staf/permohonan/%d" % request_id, "/staf"):
            token = session.get(path).field("csrf")
            if token:
                return token
        return ""

    def scene(self, row, cell, state):
        """A request in `state` for this cell: its own when the cell may change it, else the row's."""
        if cell.pending or any(s < 400 for s in cell.statuses) or cell.redirect == "done":
            return Scene(self, *self.request_in(state))
        key = (row.target, row.method)
        if key not in self.shared:
            self.shared[key] = self.request_in(state)
        return Scene(self, *self.shared[key])

    # -- the database ----------------------------------------------------------------------

    def db(self):
        return sqlite3.connect("file:%s?mode=ro" % self.srv.db_path, uri=True, timeout=10)

    def request_row(self, request_id):
        with self.db() as conn:
            conn.row_factory = sqlite3.Row
            return dict(conn.execute("SELECT * FROM requests WHERE id = ?", (request_id,)).fetchone())

    def last_audit(self, request_id, action):
        """(actor id, actor name) of the request's latest audit entry for `action`, or None."""
        with self.db() as conn:
            return conn.execute("SELECT actor_id, actor_name FROM audit WHERE request_id = ? AND action = ? "
                                "ORDER BY id DESC LIMIT 1", (request_id, action)).fetchone()

    def dispositions(self, request_id):
        with self.db() as conn:
            return conn.execute("SELECT leader_id, choice, by_user_id, at FROM dispositions WHERE request_id = ? "
                                "ORDER BY leader_id", (request_id,)).fetchall()

    def user_id(self, name):
        with self.db() as conn:
            return conn.execute("SELECT id FROM users WHERE name = ?", (name,)).fetchone()[0]

    def event_etags(self, row):
        """ETag (or None) of the request's hold, leader event and representative copy."""
        out = {}
        with self.db() as conn:
            for kind in ("hold", "event", "representative"):
                found = conn.execute("SELECT etag FROM objects WHERE calendar_id = ? AND name = ?",
                                     (row[kind + "_calendar_id"], row[kind + "_object_name"])).fetchone()
                out[kind] = found[0] if found else None
        return out

    def event_of(self, row, kind):
        """(CalDAV path, iCalendar text) of a request's event: hold, event or representative."""
        with self.db() as conn:
            owner, slug, ical = conn.execute(
                "SELECT u.name, c.slug, o.ical FROM objects o JOIN calendars c ON c.id = o.calendar_id "
                "JOIN users u ON u.id = c.owner_id WHERE o.calendar_id = ? AND o.name = ?",
                (row[kind + "_calendar_id"], row[kind + "_object_name"])).fetchone()
        return "/dav/calendars/%s/%s/%s" % (owner, slug, row[kind + "_object_name"]), ical

    # -- acting as a role ---------------------------------------------------------------

    def caldav(self, role, method, path, body=None, headers=None, depth="0"):
        user = M.ROLE_USERS[role]
        all_headers = dict(headers or {})
        if method in ("PROPFIND", "REPORT"):
            all_headers.setdefault("Depth", depth)
        return Answer(*self.srv.request(method, path, body, all_headers, user=credentials(user) if user else None))

    def web(self, role):
        """The role's browser: logged in for accounts, without a session otherwise."""
        user = M.ROLE_USERS[role]
        if user is None:
            return WebSession(self.srv)
        if role not in self.sessions:
            self.sessions[role] = WebSession(self.srv).login(*credentials(user))
        return self.sessions[role]

    def run(self, row, role, cell):
        """Performs one cell; returns (Answer, Scene)."""
        if row.family == "caldav":
            return self.run_caldav(row.target, row.method, role), Scene(self)
        return getattr(self, "case_" + row.target.replace("-", "_"))(row, role, cell)

    # -- CalDAV ------------------------------------------------------------------------------

    def target_path(self, target, role):
        me = M.ROLE_USERS[role] or "bupati"
        return {
            "principal-own": "/dav/principals/%s/" % me,
            "principal-leader": "/dav/principals/bupati/",
            "home-own": "/dav/calendars/%s/" % me,
            "home-leader": "/dav/calendars/bupati/",
            "agenda-leader": "/dav/calendars/bupati/agenda/",
            "agenda-other": "/dav/calendars/wabup/agenda/",
            "calendar-shared": "/dav/calendars/%s/%s/" % SHARED,
            "object-leader": "/dav/calendars/bupati/agenda/" + OBJECT,
        }[target]

    def throwaway_calendar(self, target):
        """A new calendar with the target's owner and shares, for DELETE."""
        owner = {"agenda-leader": "bupati", "agenda-other": "wabup", "calendar-shared": SHARED[0]}[target]
        slug = self.fresh("buang")
        path = "/dav/calendars/%s/%s/" % (owner, slug)
        status, _, body = self.srv.request("MKCALENDAR", path, None, {}, user=credentials("admin"))
        if status != 201:
            raise AssertionError("MKCALENDAR %s as admin: %s %r" % (path, status, body[:300]))
        if target == "calendar-shared":
            self.srv.share("%s/%s" % (owner, slug), "humas", "read")
            self.srv.share("%s/%s" % (owner, slug), "wabup", "write")
        return path

    def run_caldav(self, target, method, role):
        path = self.target_path(target, role)
        calendar = target.startswith(("agenda-", "calendar-"))
        prop = "X:catatan" if target == "object-leader" else "D:displayname"  # an event has no display name
        body, headers = {"PROPFIND": (PROPFIND, XML), "PROPPATCH": (PROPPATCH % (prop, prop), XML),
                         "REPORT": (QUERY, XML)}.get(method, (None, {}))
        multiget = method == "REPORT" and target.startswith(("home-", "principal-"))
        if multiget:
            body = MULTIGET % self.target_path("object-leader", role)  # judged by the event's own status
        if method == "PUT":
            body, headers = event("matriks-objek" if target == "object-leader" else self.fresh("matriks-put")), ICS
            if calendar:
                path += self.fresh("baru") + ".ics"
        elif method == "DELETE" and calendar:
            path = self.throwaway_calendar(target)
        elif method == "DELETE" and target == "object-leader":
            path = "/dav/calendars/bupati/agenda/%s.ics" % self.fresh("hapus")
            self.put_as("admin", path, event(self.fresh("matriks-hapus")))
        elif method == "MKCALENDAR" and target.startswith("home-"):
            path += self.fresh("kal") + "/"
        answer = self.caldav(role, method, path, body, headers, "1" if method == "REPORT" and calendar else "0")
        if method == "PROPPATCH" and answer.status == 207:
            answer.effective = propstat_status(answer.body, "{%s}%s" % (
                ("urn:example:matriks", "catatan") if target == "object-leader" else ("DAV:", "displayname")))
        elif multiget and answer.status == 207:
            answer.effective = response_status(answer.body)
        return answer

    # -- web pages -----------------------------------------------------------------------------

    def case_form(self, row, role, cell):
        page = self.web(role).get("/permohonan")
        return Answer(page.status, page.headers, page.body), Scene(self)

    def case_status(self, row, role, cell):
        code = UNKNOWN_CODE if role == "anonymous" else self.main_code
        page = self.web(role).get("/permohonan/" + code)
        return Answer(page.status, page.headers, page.body), Scene(self)

    def code_action(self, row, role, cell, state, what, files=()):
        scene = self.scene(row, cell, state)
        code = UNKNOWN_CODE if role == "anonymous" else scene.code
        session = self.web(role)
        token = session.get("/permohonan/" + code).field("csrf") or session.get("/permohonan").csrf("/permohonan")
        fields = [("csrf", token), ("catatan", "Dari matriks")]
        if what == "tarik":
            fields.append(("yakin", "ya"))  # the confirmed post: the first one only asks
        page = session.post_multipart("/permohonan/%s/%s" % (code, what), fields, files)
        return Answer(page.status, page.headers, page.body), scene

    def case_withdraw(self, row, role, cell):
        return self.code_action(row, role, cell, "diajukan", "tarik")

    def case_revise(self, row, role, cell):
        return self.code_action(row, role, cell, "dikembalikan", "revisi", [letter("surat-revisi.pdf", "Revisi")])

    def case_login(self, row, role, cell):
        user = M.ROLE_USERS[role]
        name, password = credentials(user) if user else ("tamu", "bukan-sandi-siapa-pun")
        session = WebSession(self.srv)
        form = session.get("/staf/masuk")
        fields = [(k, v) for k, v in form.form_values("/staf/masuk") if k not in ("nama", "sandi")]
        page = session.post_form("/staf/masuk", fields + [("nama", name), ("sandi", password)])
        return Answer(page.status, page.headers, page.body), Scene(self)

    def case_login_foreign(self, row, role, cell):
        user = M.ROLE_USERS[role]
        name, password = credentials(user) if user else ("tamu", "bukan-sandi-siapa-pun")
        page = WebSession(self.srv).post_form("/staf/masuk", [("nama", name), ("sandi", password)],
                                               headers={"Origin": "https://penyerang.example"})
        return Answer(page.status, page.headers, page.body), Scene(self)

    def case_inbox(self, row, role, cell):
        page = self.web(role).get("/staf/permohonan")
        return Answer(page.status, page.headers, page.body), Scene(self)

    def case_request_page(self, row, role, cell):
        page = self.web(role).get("/staf/permohonan/%d" % self.main_id)
        return Answer(page.status, page.headers, page.body), Scene(self)

    def case_decision(self, row, role, cell):
        action = row.method.split()[1]
        from_state, _, fields = DECISIONS[action]
        scene = self.scene(row, cell, from_state)
        fields = dict(fields)
        if action == "reschedule":
            start = datetime.datetime.fromtimestamp(scene.before["start_at"]) + datetime.timedelta(days=1)
            fields["tanggal"] = start.date().isoformat()
        return self.decide(role, scene.request_id, action, fields), scene

    def case_disposition(self, row, role, cell):
        scene = Scene(self, self.main_code, self.main_id)
        session = self.web(role)
        pairs = [("csrf", self.csrf(session, self.main_id)), ("pimpinan", "bupati"), ("pilihan", "hadir"),
                 ("catatan", "Dari matriks")]
        page = self.confirmed(session, session.post_form("/staf/permohonan/%d/disposisi" % self.main_id, pairs))
        return Answer(page.status, page.headers, page.body), scene

    def letter_path(self):
        return "/lampiran/%d/%s" % (self.main_file[0], urllib.parse.quote(self.main_file[1]))

    def case_letter(self, row, role, cell):
        user = M.ROLE_USERS[role]
        return Answer(*self.srv.request("GET", self.letter_path(), user=credentials(user) if user else None)), \
            Scene(self)

    def case_letter_session(self, row, role, cell):
        page = self.web(role).get(self.letter_path())
        return Answer(page.status, page.headers, page.body), Scene(self)

    def case_healthz(self, row, role, cell):
        page = self.web(role).get("/healthz")
        return Answer(page.status, page.headers, page.body), Scene(self)

    def case_metrics(self, row, role, cell):
        page = self.web(role).get("/metrics")
        return Answer(page.status, page.headers, page.body), Scene(self)

    # -- indirect paths ---------------------------------------------------------------------------

    def edit_event(self, row, role, cell, state, kind, change):
        scene = self.scene(row, cell, state)
        path, ical = self.event_of(scene.before, kind)
        if change is None:
            return self.caldav(role, "DELETE", path), scene
        return self.caldav(role, "PUT", path, change(ical), ICS), scene

    def case_move_leader_event(self, row, role, cell):
        return self.edit_event(row, role, cell, "disetujui", "event", lambda ical: shifted(ical, 2))

    def case_cancel_leader_event(self, row, role, cell):
        return self.edit_event(row, role, cell, "disetujui", "event",
                               lambda ical: with_property(ical, "STATUS", "CANCELLED"))

    def case_delete_leader_event(self, row, role, cell):
        return self.edit_event(row, role, cell, "disetujui", "event", None)

    def case_move_copy(self, row, role, cell):
        return self.edit_event(row, role, cell, "diwakilkan", "representative", lambda ical: shifted(ical, 2))

    def case_delete_copy(self, row, role, cell):
        return self.edit_event(row, role, cell, "diwakilkan", "representative", None)

    def case_long_venue(self, row, role, cell):
        return self.edit_event(row, role, cell, "disetujui", "event",
                               lambda ical: with_property(ical, "LOCATION", LONG_VENUE))

    def case_delete_hold(self, row, role, cell):
        return self.edit_event(row, role, cell, "diajukan", "hold", None)

    def case_delete_leader_calendar(self, row, role, cell):
        scene = self.scene(row, cell, "disetujui")
        return self.caldav(role, "DELETE", "/dav/calendars/bupati/agenda/"), scene

    def case_represent_viewer(self, row, role, cell):
        scene = self.scene(row, cell, "diverifikasi")
        return self.decide(role, scene.request_id, "represent", {"pimpinan": "bupati", "wakil_user": "humas"}), scene

    def case_read_leader_event(self, row, role, cell):
        path, _ = self.event_of(self.request_row(self.main_id), "event")
        return self.caldav(role, "GET", path), Scene(self)

    def case_read_copy(self, row, role, cell):
        path, _ = self.event_of(self.request_row(self.main_id), "representative")
        return self.caldav(role, "GET", path), Scene(self)

    def case_read_request_page(self, row, role, cell):
        return self.case_request_page(row, role, cell)

    def case_read_inbox(self, row, role, cell):
        return self.case_inbox(row, role, cell)

    # -- effects ---------------------------------------------------------------------------------

    def verify(self, effect, scene, role, answer, row):
        """Raises AssertionError when `effect` does not hold after the cell."""
        check = getattr(self, "effect_" + effect.replace("-", "_"))
        check(scene, role, answer, row)

    def now(self, scene):
        return self.request_row(scene.request_id)

    def effect_unchanged(self, scene, role, answer, row):
        if scene.request_id is None:
            return
        after = self.now(scene)
        assert after == scene.before, "the request changed: %s" % diff(scene.before, after)
        events = self.event_etags(after)
        assert events == scene.events, "its events changed: %r -> %r" % (scene.events, events)
        dispositions = self.dispositions(scene.request_id)
        assert dispositions == scene.dispositions, "dispositions changed: %r" % dispositions

    def effect_request_unchanged(self, scene, role, answer, row):
        after = self.now(scene)
        keys = ("state", "start_at", "end_at", "venue", "address")
        assert all(after[k] == scene.before[k] for k in keys), "the request changed: %s" % diff(scene.before, after)

    def effect_request_moved(self, scene, role, answer, row):
        after = self.now(scene)
        assert after["start_at"] == scene.before["start_at"] + 7200, diff(scene.before, after)
        assert after["state"] == scene.before["state"], diff(scene.before, after)

    def effect_request_cancelled(self, scene, role, answer, row):
        after = self.now(scene)
        assert after["state"] == "dibatalkan", diff(scene.before, after)

    def effect_copy_only(self, scene, role, answer, row):
        self.effect_request_unchanged(scene, role, answer, row)
        after = self.event_etags(self.now(scene))
        assert after["event"] == scene.events["event"], "the leader's event changed"

    def effect_venue_bounded(self, scene, role, answer, row):
        venue = self.now(scene)["venue"]
        assert len(venue) <= 300, "the request's venue has %d characters" % len(venue)

    def effect_calendar_kept(self, scene, role, answer, row):
        self.effect_unchanged(scene, role, answer, row)
        with self.db() as conn:
            kept = conn.execute("SELECT COUNT(*) FROM calendars WHERE id = ?",
                                (scene.before["event_calendar_id"],)).fetchone()[0]
        assert kept == 1, "the calendar is gone"

    def effect_pending_kept(self, scene, role, answer, row):
        assert self.now(scene)["state"] == scene.before["state"] == "diajukan", diff(scene.before, self.now(scene))

    def effect_decided(self, scene, role, answer, row):
        action = row.method.split()[1]
        after = self.now(scene)
        assert after["state"] == DECISIONS[action][1], diff(scene.before, after)
        if action == "reschedule":
            assert after["start_at"] != scene.before["start_at"], diff(scene.before, after)
        actor = self.last_audit(scene.request_id, action)
        assert actor and actor[0] == self.user_id(M.ROLE_USERS[role]), "recorded as %r" % (actor,)

    def effect_disposition(self, scene, role, answer, row):
        by = {d[0]: d[2] for d in self.dispositions(scene.request_id)}
        assert by.get(self.user_id("bupati")) == self.user_id(M.ROLE_USERS[role]), by

    def effect_withdrawn(self, scene, role, answer, row):
        self.by_requester(scene, "ditarik", "withdraw")

    def effect_resubmitted(self, scene, role, answer, row):
        self.by_requester(scene, "diajukan", "resubmit")

    def by_requester(self, scene, state, action):
        after = self.now(scene)
        assert after["state"] == state, diff(scene.before, after)
        actor = self.last_audit(scene.request_id, action)
        assert actor and actor[0] is None, "recorded as %r" % (actor,)

    def effect_acted_as_user(self, scene, role, answer, row):
        actor = self.last_audit(scene.request_id, "withdraw" if row.target == "withdraw" else "resubmit")
        assert actor and actor[0] == self.user_id(M.ROLE_USERS[role]), \
            "recorded as %r, not as %s" % (actor, M.ROLE_USERS[role])

    def effect_no_code(self, scene, role, answer, row):
        assert not codes_in(answer.body), "shows tracking codes %s" % sorted(codes_in(answer.body))


def diff(before, after):
    return ", ".join("%s: %r -> %r" % (k, before[k], after[k]) for k in before if before[k] != after.get(k)) or "none"


def response_status(body):
    """The status of the one response of a multiget: its own, or its getetag's."""
    response = ET.fromstring(body).find("{DAV:}response")
    status = response.findtext("{DAV:}status") or propstat_status(body, "{DAV:}getetag", text=True)
    return int(status.split()[1])


def propstat_status(body, tag, text=False):
    for propstat in ET.fromstring(body).iter("{DAV:}propstat"):
        if propstat.find("{DAV:}prop/" + tag) is not None:
            status = propstat.findtext("{DAV:}status")
            return status if text else int(status.split()[1])
    raise AssertionError("no propstat for %s in %r" % (tag, body[:500]))


assert set(M.ROLE_USERS.values()) - {None} <= set(USERS)

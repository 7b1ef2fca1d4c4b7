"""What the crash rounds do while jadwald is killed, and what they check after.

Workers write at once: CalDAV clients creating, updating and deleting events,
requesters submitting the public form, staff approving and cancelling. Each
records every operation as acknowledged (its 2xx/303 arrived before the kill)
or in doubt (sent, no answer). The checks read the database file while the
server is down (integrity, links between requests and events, files and their
bytes) and the calendar over CalDAV after the restart.
"""

import http.client
import re
import sqlite3
import threading
import urllib.parse
import xml.etree.ElementTree as ET

from jadwal_requests import CODE_PATTERN, credentials, valid_fields, letter
from jadwal_server import WebSession

CAL = "/dav/calendars/bupati/agenda/"
ICS = {"Content-Type": "text/calendar; charset=utf-8"}
XML = {"Content-Type": "application/xml; charset=utf-8"}
BUPATI = credentials("bupati")
SYNC = ('<?xml version="1.0" encoding="utf-8"?><D:sync-collection xmlns:D="DAV:"><D:sync-token>%s</D:sync-token>'
        '<D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop></D:sync-collection>')
LISTING = '<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>'
EVENT_NAME = re.compile(r"^permohonan-(\d+)-(acara|tentatif|wakil)\.ics$")
# Where a decision leads, and what its form carries.
TARGET = {"approve": "disetujui", "represent": "diwakilkan", "cancel": "dibatalkan"}
FIELDS = {"approve": {"pimpinan": "bupati"}, "represent": {"pimpinan": "bupati", "wakil_user": "sekda"},
          "cancel": {"catatan": "Batal karena uji"}}


def event(uid, summary):
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Jadwal crash//EN", "BEGIN:VEVENT", "UID:" + uid,
                        "DTSTAMP:20240101T000000Z", "DTSTART:20300610T030000Z", "DTEND:20300610T040000Z",
                        "SUMMARY:" + summary, "END:VEVENT", "END:VCALENDAR", ""])


class Ledger:
    """Operations and their outcome, shared by the workers."""

    def __init__(self):
        self.lock = threading.Lock()
        self.ops = []
        self.stop = threading.Event()

    def record(self, **op):
        with self.lock:
            self.ops.append(op)

    def of(self, kind):
        with self.lock:
            return [op for op in self.ops if op["kind"] == kind]


def attempt(ledger, kind, send, **details):
    """Runs one operation; records it acknowledged (with its answer) or in doubt."""
    if ledger.stop.is_set():
        return None
    try:
        answer = send()
    except (OSError, http.client.HTTPException) as e:
        ledger.record(kind=kind, outcome="doubt", error=repr(e), **details)
        ledger.stop.set()  # the server is gone: every worker ends
        return None
    ledger.record(kind=kind, outcome="ack", answer=answer, **details)
    return answer


# --- workers ------------------------------------------------------------------------------


def creator(srv, ledger, prefix):
    """PUTs new events under new names."""
    for i in range(10000):
        name = "%s-%d.ics" % (prefix, i)
        answer = attempt(ledger, "create", lambda: srv.request("PUT", CAL + name, event(prefix + str(i), "Baru %d" % i),
                                                                ICS, user=BUPATI, timeout=10), name=name)
        if answer is None:
            return
        if answer[0] != 201:
            raise AssertionError("PUT %s: %s %r" % (name, answer[0], answer[2][:300]))


def editor(srv, ledger, names):
    """Updates the even-numbered of `names`, deletes the others, one operation each."""
    for i, name in enumerate(names):
        if i % 2 == 0:
            uid = name[:-4]
            answer = attempt(ledger, "update", lambda: srv.request("PUT", CAL + name, event(uid, "Diubah " + uid), ICS,
                                                                    user=BUPATI, timeout=10), name=name,
                             summary="Diubah " + uid)
        else:
            answer = attempt(ledger, "delete", lambda: srv.request("DELETE", CAL + name, user=BUPATI, timeout=10),
                             name=name)
        if answer is None:
            return
        if answer[0] != 204:
            raise AssertionError("%s: %s %r" % (name, answer[0], answer[2][:300]))


def submitter(srv, ledger):
    """Submits the public form again and again."""
    for i in range(10000):
        web = WebSession(srv)
        try:
            form = web.get("/permohonan")
        except (OSError, http.client.HTTPException):
            return
        pairs = [("csrf", form.csrf("/permohonan"))] + valid_fields(nama_kegiatan="Kegiatan saat mati %d" % i)
        page = attempt(ledger, "submit", lambda: web.post_multipart("/permohonan", pairs, [letter()]))
        if page is None:
            return
        if page.status != 303 or not CODE_PATTERN.search(page.location):
            raise AssertionError("submission: " + page.describe())


def decider(srv, ledger, session, action, request_ids):
    """Takes `action` on each request once, through the request page's form."""
    for request_id in request_ids:
        if not decide(ledger, session, request_id, action):
            return


def cycler(srv, ledger, session, request_ids):
    """Moves approved requests to representation and back, over and over: every
    step rewrites the events on two calendars."""
    state = {request_id: "disetujui" for request_id in request_ids}
    while not ledger.stop.is_set():
        for request_id in request_ids:
            action = "represent" if state[request_id] == "disetujui" else "approve"
            if not decide(ledger, session, request_id, action):
                return
            state[request_id] = TARGET[action]


def decide(ledger, session, request_id, action):
    """One decision; False when the server is gone."""
    try:
        page = session.get("/staf/permohonan/%d" % request_id)
    except (OSError, http.client.HTTPException):
        return False
    pairs = [("csrf", page.csrf()), ("versi", page.field("versi")), ("aksi", action)] + list(FIELDS[action].items())
    answer = attempt(ledger, "decide", lambda: session.post_form("/staf/permohonan/%d/keputusan" % request_id, pairs),
                     request_id=request_id, action=action)
    if answer is None:
        return False
    for _ in range(5):
        if answer.status != 409 or answer.field("konfirmasi_bentrok") != "1":
            break
        # The requests share one slot: staff confirm the double booking, as on the page "Jadwal bentrok"
        # (asked again when other workers booked the slot meanwhile).
        path = "/staf/permohonan/%d/keputusan" % request_id
        confirmation = answer.form_values(path)
        answer = attempt(ledger, "decide", lambda: session.post_form(path, confirmation), request_id=request_id,
                         action=action)
        if answer is None:
            return False
    if answer.status != 303:
        raise AssertionError("%s %d: %s" % (action, request_id, answer.describe()))
    return True


# --- CalDAV reading -------------------------------------------------------------------------


def multistatus(answer):
    status, _, body = answer
    if status != 207:
        raise AssertionError("expected 207, got %s: %r" % (status, body[:400]))
    return ET.fromstring(body)


def listing(srv):
    """{name: etag} of the calendar's objects, by PROPFIND."""
    root = multistatus(srv.request("PROPFIND", CAL, LISTING, dict(XML, Depth="1"), user=BUPATI))
    out = {}
    for response in root.findall("{DAV:}response"):
        href = urllib.parse.unquote(response.findtext("{DAV:}href"))
        etag = response.findtext(".//{DAV:}getetag")
        if not href.rstrip("/").endswith("/agenda"):
            out[href.rsplit("/", 1)[1]] = etag
    return out


def sync(srv, token=""):
    """(new token, {name: etag or None when removed}) of a sync-collection from `token`."""
    root = multistatus(srv.request("REPORT", CAL, SYNC % token, XML, user=BUPATI))
    changes = {}
    for response in root.findall("{DAV:}response"):
        name = urllib.parse.unquote(response.findtext("{DAV:}href")).rsplit("/", 1)[1]
        status = response.findtext("{DAV:}status") or ""
        changes[name] = None if " 404 " in status else response.findtext(".//{DAV:}getetag")
    return root.findtext("{DAV:}sync-token"), changes


def summary_of(srv, name):
    status, _, body = srv.request("GET", CAL + name, user=BUPATI)
    if status == 404:
        return None
    match = re.search(r"^SUMMARY:(.*)$", body.decode("utf-8"), re.M)
    return match.group(1).strip() if match else ""


# --- the database while the server is down -----------------------------------------------------


def offline_problems(db_path, agreement=False):
    """What is wrong in the database file: integrity, foreign keys, files without
    bytes, sync bookkeeping; with `agreement`, also links to missing events,
    requests whose state and events disagree and events no request links. An
    empty list when all is well."""
    problems = []
    conn = sqlite3.connect(db_path, timeout=10)  # read-write: it replays the write-ahead log as a restart would
    try:
        conn.row_factory = sqlite3.Row
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append("integrity_check: %r" % integrity[:5])
        keys = conn.execute("PRAGMA foreign_key_check").fetchall()
        if keys:
            problems.append("foreign_key_check: %r" % [tuple(k) for k in keys[:5]])
        for row in conn.execute("SELECT f.id, f.sha256, f.size, length(b.bytes) AS stored FROM request_files f "
                                "LEFT JOIN blobs b ON b.sha256 = f.sha256"):
            if row["stored"] != row["size"]:
                problems.append("file %d: %s bytes stored for %d" % (row["id"], row["stored"], row["size"]))
        for row in conn.execute("SELECT sha256, size, length(bytes) AS stored FROM blobs WHERE size != length(bytes)"):
            problems.append("blob %s: %d bytes for size %d" % (row["sha256"], row["stored"], row["size"]))
        for row in conn.execute("SELECT c.id, c.sync_seq, MAX(ch.seq) AS last FROM calendars c JOIN changes ch "
                                "ON ch.calendar_id = c.id GROUP BY c.id HAVING MAX(ch.seq) > c.sync_seq"):
            problems.append("calendar %d: change %d beyond its sync sequence %d" % tuple(row))
        for row in conn.execute("SELECT o.calendar_id, o.name FROM objects o LEFT JOIN changes ch ON "
                                "ch.calendar_id = o.calendar_id AND ch.name = o.name AND ch.deleted = 0 "
                                "WHERE ch.name IS NULL"):
            problems.append("object %d/%s has no change row: a client would never sync it" % tuple(row))
        problems += _request_problems(conn, agreement)
    finally:
        conn.close()
    return problems


def _request_problems(conn, agreement):
    problems = []
    objects = {(r["calendar_id"], r["name"]): r["ical"] for r in conn.execute("SELECT calendar_id, name, ical "
                                                                               "FROM objects")}
    linked = set()
    for r in conn.execute("SELECT * FROM requests"):
        where = "request %s (%s)" % (r["code"], r["state"])
        for kind in ("hold", "event", "representative"):
            key = (r[kind + "_calendar_id"], r[kind + "_object_name"])
            if key[0]:
                linked.add(key)
                if agreement and key not in objects:
                    problems.append("%s: its %s link names a missing object %s" % (where, kind, key[1]))
        if not agreement:
            continue
        event = objects.get((r["event_calendar_id"], r["event_object_name"]))
        hold = objects.get((r["hold_calendar_id"], r["hold_object_name"]))
        state = r["state"]
        if state in ("diajukan", "diverifikasi", "dikembalikan") and hold is None:
            problems.append("%s: pending without its hold" % where)
        if state in ("disetujui", "diwakilkan") and (event is None or "STATUS:CONFIRMED" not in event):
            problems.append("%s: scheduled without a confirmed event on the leader's agenda" % where)
        copy = objects.get((r["representative_calendar_id"], r["representative_object_name"]))
        if state == "diwakilkan" and r["representative_user"] and copy is None:
            problems.append("%s: represented without the representative's event" % where)
        if state == "disetujui" and copy is not None:
            problems.append("%s: approved, yet the representative's event is still there" % where)
        if state == "dibatalkan" and event is not None and "STATUS:CANCELLED" not in event:
            problems.append("%s: cancelled but its event is not" % where)
        if state in ("ditolak", "ditarik", "disetujui", "diwakilkan", "dibatalkan") and hold is not None:
            problems.append("%s: still holds its slot" % where)
    for key in objects if agreement else ():
        if EVENT_NAME.match(key[1]) and key not in linked:
            problems.append("event %s is linked from no request" % key[1])
    return problems


def request_states(db_path):
    conn = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True, timeout=10)
    try:
        return {row[0]: (row[1], row[2]) for row in conn.execute("SELECT id, state, code FROM requests")}
    finally:
        conn.close()

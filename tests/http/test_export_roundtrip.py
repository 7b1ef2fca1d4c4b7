"""jadwald export / import: the round trip (export, import into a fresh
database, export again gives the same content) on the demo data plus
requests in every state with letters, revisions, dispositions and audit
trails, a recurring event with overrides, shared calendars and WebDAV
properties; and the export's snapshot while the server keeps writing."""

import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import threading
import unittest

import export_data
from jadwal_requests import HOLD_CALENDAR, RequestTestCase, credentials
from jadwal_server import JadwalServer, WebSession

ALL_STATES = {"diajukan", "diverifikasi", "disetujui", "dikembalikan", "ditolak", "diwakilkan", "ditarik",
              "dibatalkan", "terlaksana", "tidak_terlaksana"}


def check_manifest(case, members, db_path=None):
    """The manifest matches the archive: every member's size and sum, every table's row count."""
    manifest = export_data.manifest_of(members)
    case.assertEqual("jadwal-archive", manifest["format"])
    case.assertEqual(1, manifest["format_version"])
    listed = {m["name"]: m for m in manifest["members"]}
    case.assertEqual(set(members) - {"manifest.json"}, set(listed))
    for name, entry in listed.items():
        case.assertEqual(entry["size"], len(members[name]), name)
        case.assertEqual(entry["sha256"], hashlib.sha256(members[name]).hexdigest(), name)
    for table in manifest["tables"]:
        lines = members[table + ".jsonl"].decode("utf-8").splitlines()
        case.assertEqual(manifest["counts"][table], len(lines), table)
    case.assertEqual(manifest["counts"]["files"], sum(1 for n in members if n.startswith("files/")))
    case.assertEqual(manifest["counts"]["calendar_files"], sum(1 for n in members if n.startswith("calendars/")))
    for name in members:
        if name.startswith("files/"):
            case.assertEqual(name[6:], hashlib.sha256(members[name]).hexdigest(), name)
    if db_path:
        with sqlite3.connect(db_path) as db:
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                               "AND name NOT LIKE 'sqlite_%'")}
        known = set(manifest["tables"]) | set(manifest["excluded_tables"]) | set(manifest["derived_tables"])
        case.assertEqual(set(), tables - known, "every table is archived, or left out on purpose")
        # Derived means the search index, and the instance table made again
        # from the objects' text: any other table left out would be lost data.
        for table in manifest["derived_tables"]:
            case.assertRegex(table, r"^(archive_search(_[a-z]+)?|object_instances)$")
    return manifest


def rows(members, table):
    return [json.loads(line) for line in members[table + ".jsonl"].decode("utf-8").splitlines()]


class ArchiveRoundTripTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 1000}

    @classmethod
    def setup_data(cls):
        cls.tmp = tempfile.mkdtemp(prefix="jadwal-archive-")
        case = cls("_helper")
        export_data.load_demo(case, cls.tmp)
        cls.states = export_data.load_requests(case)
        export_data.set_properties(case)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()

    def _helper(self):
        pass

    def test_every_state_is_there(self):
        with sqlite3.connect(self.srv.db_path) as db:
            states = {r[0] for r in db.execute("SELECT DISTINCT state FROM requests")}
        self.assertEqual(ALL_STATES, states)

    def test_round_trip(self):
        first = os.path.join(self.tmp, "first.tar")
        exported = self.srv.cli("export", first)
        self.assertIn("exported " + first, exported.stdout)
        self.assertEqual(0o600, os.stat(first).st_mode & 0o777, "the archive holds password hashes")
        self.assertFalse(os.path.exists(first + ".tmp"))
        members = export_data.read_archive(first)
        manifest = check_manifest(self, members, self.srv.db_path)
        counts = manifest["counts"]
        print("\nround trip: %d requests, %d events (calendar objects), %d letters (%d files), %d audit rows, "
              "%d dispositions, %d calendars, %d users" % (
                  counts["requests"], counts["objects"], counts["request_files"], counts["files"], counts["audit"],
                  counts["dispositions"], counts["calendars"], counts["users"]))
        self.assertEqual(ALL_STATES, {r["state"] for r in rows(members, "requests")})
        self.assertTrue(any(f["kind"] == "revisi" for f in rows(members, "request_files")), "a revised letter")
        self.assertTrue(any(f["content_type"] == "image/png" for f in rows(members, "request_files")))
        self.assertGreaterEqual(counts["dispositions"], 1)
        self.assertGreaterEqual(counts["shares"], 3)
        self.assertGreaterEqual(counts["dead_props"], 1)
        self.assertGreaterEqual(counts["user_props"], 1)
        self.assertTrue(any("RECURRENCE-ID" in o["ical"] and "RRULE" in o["ical"] for o in rows(members, "objects")))
        self.assertIn("calendars/bupati/google.ics", members)
        self.assertNotIn("sessions.jsonl", members)
        self.assertNotIn("secrets.jsonl", members)
        self.assertTrue(all(u["password_hash"].startswith("$argon2id$") for u in rows(members, "users")))

        other = JadwalServer(hold_calendar=HOLD_CALENDAR)
        other.start()
        try:
            restored = other.cli("import", first)
            self.assertIn("restored " + first, restored.stdout)
            self.assertIn("requests: %d" % counts["requests"], restored.stdout)
            self.assertIn("audit: %d" % counts["audit"], restored.stdout)
            second = os.path.join(self.tmp, "second.tar")
            other.cli("export", second)
            again = export_data.read_archive(second)
            check_manifest(self, again, other.db_path)
            self.assertEqual(sorted(members), sorted(again))
            for name in members:
                if name != "manifest.json":
                    self.assertEqual(members[name], again[name], name)
            second_manifest = export_data.manifest_of(again)
            for key in ("created_at",):
                manifest.pop(key)
                second_manifest.pop(key)
            self.assertEqual(manifest, second_manifest)

            # The restored server lets people in with their passwords and serves the data.
            other.restart()
            status, _, body = other.request("PROPFIND", "/dav/calendars/bupati/google/", headers={"Depth": "1"},
                                            user=credentials("bupati"))
            self.assertEqual(207, status, body[:300])
            self.assertIn(b"/5k2j8q1v0h3m7n9p4r6s8t0u2w%40google.com.ics", body)
            status, _, _ = other.request("PROPFIND", "/dav/calendars/bupati/agenda/", headers={"Depth": "0"},
                                         user=credentials("humas"))
            self.assertEqual(207, status, "the share came back")

            # Time ranges find the same events once the instance table is made again at start.
            query = ('<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
                     '<D:prop><D:getetag/></D:prop><C:filter><C:comp-filter name="VCALENDAR">'
                     '<C:comp-filter name="VEVENT"><C:time-range start="20000101T000000Z" end="20990101T000000Z"/>'
                     '</C:comp-filter></C:comp-filter></C:filter></C:calendar-query>')
            answers = []
            for server in (self.srv, other):
                status, _, body = server.request("REPORT", "/dav/calendars/bupati/google/", body=query,
                                                 headers={"Depth": "1", "Content-Type": "application/xml"},
                                                 user=credentials("bupati"))
                self.assertEqual(207, status, body[:300])
                answers.append(sorted(re.findall(rb"<(?:[A-Za-z]+:)?href>([^<]+)</", body)))
            self.assertTrue(answers[0])
            self.assertEqual(answers[0], answers[1])

            # The archive search's index is rebuilt from the restored rows:
            # the same words find the same requests, letters' words included.
            words = {"perbaikan"} | {r["event_name"].split()[0] for r in rows(members, "requests") if r["event_name"]}

            def found(db_path):
                with sqlite3.connect(db_path) as db:
                    total = db.execute("SELECT COUNT(*) FROM archive_search").fetchone()[0]
                    return total, {w: sorted(r[0] for r in db.execute(
                        "SELECT rowid FROM archive_search WHERE archive_search MATCH ?", ('"%s"' % w,)))
                        for w in words}

            original = found(self.srv.db_path)
            self.assertEqual(counts["requests"], original[0])
            self.assertTrue(original[1]["perbaikan"], "a revised letter's words are indexed")
            self.assertEqual(original, found(other.db_path))
            staff = WebSession(other).login(*credentials("protokol"))
            page = staff.get("/staf/arsip?q=perbaikan")
            self.assertEqual(200, page.status)
            self.assertIn("<mark>", page.text)
        finally:
            other.stop()

    def test_export_while_the_server_writes(self):
        stop = threading.Event()
        written = []
        failures = []

        def writer():
            number = 0
            while not stop.is_set():
                number += 1
                uid = "tulis-%d" % number
                text = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//T//EN\r\nBEGIN:VEVENT\r\nUID:%s\r\n"
                        "DTSTAMP:20261101T000000Z\r\nDTSTART:20261201T0%d0000Z\r\nSUMMARY:Tulis %d\r\n"
                        "END:VEVENT\r\nEND:VCALENDAR\r\n" % (uid, number % 10, number))
                status, _, _ = self.srv.request("PUT", "/dav/calendars/sekda/agenda/%s.ics" % uid, text,
                                                {"Content-Type": "text/calendar"}, user=credentials("sekda"))
                (written if status == 201 else failures).append(status)

        def check(path):
            members = export_data.read_archive(path)
            manifest = check_manifest(self, members)
            # One snapshot: every object has its change row, no change is newer than its calendar.
            changes = {(c["calendar_id"], c["name"]): c for c in rows(members, "changes")}
            sync = {c["id"]: c["sync_seq"] for c in rows(members, "calendars")}
            for obj in rows(members, "objects"):
                change = changes.get((obj["calendar_id"], obj["name"]))
                self.assertIsNotNone(change, obj["name"])
                self.assertEqual(0, change["deleted"])
            for change in changes.values():
                self.assertLessEqual(change["seq"], sync[change["calendar_id"]])
            sekda = [u["id"] for u in rows(members, "users") if u["name"] == "sekda"][0]
            agenda = [c["id"] for c in rows(members, "calendars") if c["slug"] == "agenda" and c["owner_id"] == sekda][0]
            written_rows = [o for o in rows(members, "objects") if o["calendar_id"] == agenda and o["uid"].startswith("tulis-")]
            in_file = members["calendars/sekda/agenda.ics"].decode("utf-8").count("UID:tulis-")
            self.assertEqual(len(written_rows), in_file, "the calendar file shows the same snapshot")
            return manifest["counts"]["objects"]

        thread = threading.Thread(target=writer)
        thread.start()
        seen = []
        try:
            # Export again and again until writes have landed between two exports (bounded).
            for round_number in range(40):
                path = os.path.join(self.tmp, "during-%d.tar" % round_number)
                self.srv.cli("export", path)
                seen.append(check(path))
                if len(seen) >= 3 and seen[-1] > seen[0] + 2:
                    break
        finally:
            stop.set()
            thread.join()
        self.assertEqual([], failures)
        self.assertGreater(len(written), 0)
        self.assertEqual(sorted(seen), seen)
        self.assertLess(seen[0] + 2, seen[-1], "the writes went on during the exports")
        print("\nexports during writes saw %s objects; %d events written meanwhile" % (seen, len(written)))


if __name__ == "__main__":
    unittest.main()

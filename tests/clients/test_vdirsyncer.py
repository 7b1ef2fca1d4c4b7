"""Jadwal against vdirsyncer (Debian package): a leader's agenda synchronised
with a local folder of .ics files, changes made on each side in turn."""

import os
import shutil
import subprocess
import tempfile
import textwrap
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

from jadwal_server import ServerTestCase

LEADER = ("bupati", "rahasia-bupati")
DAV = "{DAV:}"


def event_ics(uid, summary, day="20250505", start="090000", end="100000"):
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Jadwal tests//vdirsyncer//ID\r\n"
        "BEGIN:VTIMEZONE\r\nTZID:Asia/Jakarta\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        "TZOFFSETFROM:+0700\r\nTZOFFSETTO:+0700\r\nTZNAME:WIB\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20250101T000000Z\r\n"
        "DTSTART;TZID=Asia/Jakarta:%sT%s\r\nDTEND;TZID=Asia/Jakarta:%sT%s\r\n"
        "SUMMARY:%s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" % (uid, day, start, day, end, summary)
    )


def unfolded_property(ics, name):
    """The value of the first property NAME of the VEVENT (or, for UID, of any component)."""
    text = ics.replace("\r\n", "\n").replace("\n ", "").replace("\n\t", "")
    in_event = False
    for line in text.split("\n"):
        key, _, value = line.partition(":")
        key = key.split(";")[0].upper()
        if key in ("BEGIN", "END"):
            in_event = key == "BEGIN" and value.upper() == "VEVENT"
        elif key == name and in_event:
            return value
    return None


@unittest.skipUnless(shutil.which("vdirsyncer"), "vdirsyncer is not installed")
class VdirsyncerTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.srv.add_user(LEADER[0], "pimpinan", "Bupati Ogan", LEADER[1])

    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="jadwal-vdirsyncer-")
        self.addCleanup(shutil.rmtree, self.workdir, True)
        self.local_root = os.path.join(self.workdir, "local")
        self.local = os.path.join(self.local_root, "agenda")
        self.config = os.path.join(self.workdir, "config")
        with open(self.config, "w", encoding="utf-8") as f:
            f.write(
                textwrap.dedent(
                    """\
                    [general]
                    status_path = "{status}"

                    [pair agenda]
                    a = "agenda_local"
                    b = "agenda_server"
                    collections = ["agenda"]

                    [storage agenda_local]
                    type = "filesystem"
                    path = "{local}"
                    fileext = ".ics"

                    [storage agenda_server]
                    type = "caldav"
                    url = "{url}/"
                    username = "{user}"
                    password = "{password}"
                    """
                ).format(
                    status=os.path.join(self.workdir, "status"),
                    local=self.local_root,
                    url=self.srv.base_url,
                    user=LEADER[0],
                    password=LEADER[1],
                )
            )

    # -- helpers -----------------------------------------------------------

    def vdirsyncer(self, *args):
        result = subprocess.run(
            ["vdirsyncer", "-c", self.config] + list(args),
            input="y\n" * 10,  # discover asks before creating the local collection
            capture_output=True,
            text=True,
            timeout=120,
        )
        output = result.stdout + result.stderr
        print("$ vdirsyncer %s\n%s" % (" ".join(args), output))
        self.assertEqual(result.returncode, 0, "vdirsyncer %s failed:\n%s" % (" ".join(args), output))
        self.assertNotIn("error:", output.lower(), output)
        return output

    def server_objects(self):
        """{UID: (href, ics text)} of the agenda, read with PROPFIND and GET."""
        path = "/dav/calendars/bupati/agenda/"
        body = '<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>'
        status, _, data = self.srv.request("PROPFIND", path, body=body, headers={"Depth": "1"}, user=LEADER)
        self.assertEqual(status, 207, data)
        objects = {}
        for response in ET.fromstring(data).iter(DAV + "response"):
            href = urllib.parse.unquote(urllib.parse.urlparse(response.find(DAV + "href").text).path)
            if href.rstrip("/") == path.rstrip("/"):
                continue
            status, _, ics = self.srv.request("GET", href, user=LEADER)
            self.assertEqual(status, 200, href)
            ics = ics.decode("utf-8")
            objects[unfolded_property(ics, "UID")] = (href, ics)
        return objects

    def local_objects(self):
        """{UID: (file path, ics text)} of the local folder."""
        objects = {}
        for name in sorted(os.listdir(self.local)):
            path = os.path.join(self.local, name)
            with open(path, encoding="utf-8") as f:
                ics = f.read()
            objects[unfolded_property(ics, "UID")] = (path, ics)
        return objects

    def put_on_server(self, name, ics, etag=None):
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        if etag:
            headers["If-Match"] = etag
        status, _, body = self.srv.request(
            "PUT", "/dav/calendars/bupati/agenda/" + name, body=ics, headers=headers, user=LEADER
        )
        self.assertIn(status, (201, 204), body)

    # -- the test ----------------------------------------------------------

    def test_discover_and_sync_both_ways(self):
        self.put_on_server("apel-pagi.ics", event_ics("apel-pagi@test", "Apel Pagi"))
        # Stays on both sides: vdirsyncer refuses to sync a side that was emptied completely.
        self.put_on_server("paripurna.ics", event_ics("paripurna@test", "Rapat Paripurna", day="20250506"))

        output = self.vdirsyncer("discover", "agenda")
        self.assertIn("agenda", output)
        self.assertTrue(os.path.isdir(self.local), "discover did not create the local collection")

        # Server -> folder.
        self.vdirsyncer("sync")
        local = self.local_objects()
        self.assertEqual(sorted(local), ["apel-pagi@test", "paripurna@test"])
        self.assertEqual(unfolded_property(local["apel-pagi@test"][1], "SUMMARY"), "Apel Pagi")

        # New file in the folder -> server.
        with open(os.path.join(self.local, "audiensi.ics"), "w", encoding="utf-8") as f:
            f.write(event_ics("audiensi@test", "Audiensi KONI", start="133000", end="143000"))
        self.vdirsyncer("sync")
        server = self.server_objects()
        self.assertEqual(sorted(server), ["apel-pagi@test", "audiensi@test", "paripurna@test"])
        self.assertEqual(unfolded_property(server["audiensi@test"][1], "SUMMARY"), "Audiensi KONI")

        # Edit in the folder -> server.
        path, ics = self.local_objects()["apel-pagi@test"]
        with open(path, "w", encoding="utf-8") as f:
            f.write(ics.replace("SUMMARY:Apel Pagi", "SUMMARY:Apel Pagi Gabungan ASN"))
        self.vdirsyncer("sync")
        self.assertEqual(
            unfolded_property(self.server_objects()["apel-pagi@test"][1], "SUMMARY"), "Apel Pagi Gabungan ASN"
        )

        # Edit on the server -> folder.
        href, _ = self.server_objects()["audiensi@test"]
        status, headers, _ = self.srv.request("GET", href, user=LEADER)
        self.assertEqual(status, 200)
        self.put_on_server(
            href.rsplit("/", 1)[1],
            event_ics("audiensi@test", "Audiensi Pengurus KONI", start="140000", end="150000"),
            etag=headers["etag"],
        )
        self.vdirsyncer("sync")
        local = self.local_objects()
        self.assertEqual(unfolded_property(local["audiensi@test"][1], "SUMMARY"), "Audiensi Pengurus KONI")
        self.assertIn("T140000", unfolded_property(local["audiensi@test"][1], "DTSTART"))

        # Delete in the folder -> deleted on the server.
        os.remove(local["apel-pagi@test"][0])
        self.vdirsyncer("sync")
        server = self.server_objects()
        self.assertEqual(sorted(server), ["audiensi@test", "paripurna@test"])

        # Delete on the server -> deleted in the folder.
        status, _, body = self.srv.request("DELETE", server["audiensi@test"][0], user=LEADER)
        self.assertEqual(status, 204, body)
        self.vdirsyncer("sync")
        self.assertEqual(sorted(self.local_objects()), ["paripurna@test"])
        self.assertEqual(sorted(self.server_objects()), ["paripurna@test"])

        # Nothing changed: a further sync copies and deletes nothing.
        output = self.vdirsyncer("sync")
        self.assertNotIn("Copying", output)
        self.assertNotIn("Deleting", output)
        self.assertEqual(sorted(self.local_objects()), ["paripurna@test"])
        self.assertEqual(
            unfolded_property(self.server_objects()["paripurna@test"][1], "SUMMARY"), "Rapat Paripurna"
        )


if __name__ == "__main__":
    unittest.main()

"""A feed (/ics/<token>.ics) read by a real subscription client: vdirsyncer's
read-only "http" storage syncs it into a folder of .ics files, one per event,
and a later sync follows an event added on the server."""

import datetime
import os
import re
import shutil
import subprocess
import tempfile
import textwrap
import unittest
import urllib.parse

from jadwal_server import ServerTestCase, WebSession

LEADER = ("bupati", "rahasia-bupati")
WIB = datetime.timezone(datetime.timedelta(hours=7))


def event_ics(uid, summary, days_ahead, extra=""):
    day = (datetime.datetime.now(WIB).date() + datetime.timedelta(days=days_ahead)).strftime("%Y%m%d")
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Jadwal tests//feed//ID\r\n"
        "BEGIN:VTIMEZONE\r\nTZID:Asia/Jakarta\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        "TZOFFSETFROM:+0700\r\nTZOFFSETTO:+0700\r\nTZNAME:WIB\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20250101T000000Z\r\n"
        "DTSTART;TZID=Asia/Jakarta:%sT090000\r\nDTEND;TZID=Asia/Jakarta:%sT100000\r\n"
        "SUMMARY:%s\r\n%sEND:VEVENT\r\nEND:VCALENDAR\r\n" % (uid, day, day, summary, extra)
    )


@unittest.skipUnless(shutil.which("vdirsyncer"), "vdirsyncer is not installed")
class VdirsyncerFeedTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.srv.add_user(LEADER[0], "pimpinan", "Bupati Ogan", LEADER[1])

    def put(self, name, ics):
        status, _, body = self.srv.request("PUT", "/dav/calendars/bupati/agenda/" + name, body=ics,
                                           headers={"Content-Type": "text/calendar; charset=utf-8"}, user=LEADER)
        self.assertIn(status, (201, 204), body)

    def create_feed(self):
        web = WebSession(self.srv).login(*LEADER)
        page = web.get("/staf/akun")
        self.assertEqual(200, page.status, page.describe())
        boxes = page.elements("input", name="kalender")
        self.assertEqual(1, len(boxes), page.describe())
        answer = web.post_form("/staf/akun", [("csrf", page.csrf("/staf/akun")), ("aksi", "buat"),
                                              ("nama", "Sinkron"), ("kalender", boxes[0].get("value"))])
        self.assertEqual(200, answer.status, answer.describe())
        url = answer.by_id("alamat-https").get("value")
        self.assertRegex(url, r"/ics/[0-9a-f]{64}\.ics$")
        return url

    def vdirsyncer(self, config, *args):
        result = subprocess.run(["vdirsyncer", "-c", config] + list(args), input="y\n" * 10, capture_output=True,
                                text=True, timeout=120)
        output = result.stdout + result.stderr
        print("$ vdirsyncer %s\n%s" % (" ".join(args), output))
        self.assertEqual(result.returncode, 0, output)
        self.assertNotIn("error:", output.lower(), output)
        return output

    def local_summaries(self, folder):
        """The SUMMARY lines of each file. The http storage gives every item its
        hash as UID (vdirsyncer's HttpStorage._ignore_uids), so items are told
        apart by what they say."""
        found = []
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            self.assertEqual(1, text.count("BEGIN:VCALENDAR"), name)
            found.append(tuple(re.findall(r"^SUMMARY:(.*?)\r?$", text, re.M)))
        return sorted(found)

    def test_the_http_storage_syncs_the_feed_into_a_folder(self):
        self.put("apel.ics", event_ics("apel@test", "Apel Pagi", 2))
        self.put("rapat.ics", event_ics("rapat@test", "Rapat Mingguan", -1, "RRULE:FREQ=WEEKLY;COUNT=3\r\n"))
        url = self.create_feed()
        self.assertEqual(self.srv.base_url, url[: len(self.srv.base_url)])

        workdir = tempfile.mkdtemp(prefix="jadwal-vdirsyncer-feed-")
        self.addCleanup(shutil.rmtree, workdir, True)
        local = os.path.join(workdir, "feed")
        os.makedirs(local)
        config = os.path.join(workdir, "config")
        with open(config, "w", encoding="utf-8") as f:
            f.write(textwrap.dedent("""\
                [general]
                status_path = "{status}"

                [pair feed]
                a = "feed_local"
                b = "feed_http"
                collections = null
                conflict_resolution = "b wins"

                [storage feed_local]
                type = "filesystem"
                path = "{local}"
                fileext = ".ics"

                [storage feed_http]
                type = "http"
                url = "{url}"
                """).format(status=os.path.join(workdir, "status"), local=local, url=url))

        self.vdirsyncer(config, "discover", "feed")
        self.vdirsyncer(config, "sync", "feed")
        self.assertEqual([("Apel Pagi",), ("Rapat Mingguan",)], self.local_summaries(local))

        self.put("kunjungan.ics", event_ics("kunjungan@test", "Kunjungan Kerja", 4))
        self.vdirsyncer(config, "sync", "feed")
        self.assertEqual([("Apel Pagi",), ("Kunjungan Kerja",), ("Rapat Mingguan",)], self.local_summaries(local))
        self.assertTrue(all(n.endswith(".ics") for n in os.listdir(local)))
        # The token is the credential: nothing but the URL was configured.
        self.assertNotIn(urllib.parse.urlsplit(url).path.split("/")[-1][:-4], self.srv.access_log())


if __name__ == "__main__":
    unittest.main()

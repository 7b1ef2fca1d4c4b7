"""The server log of a real jadwald: levels per module from [log], and a bad
level refused at start."""

import re
import unittest

from jadwal_server import JadwalServer


class ModuleLevels(unittest.TestCase):
    def test_caldav_in_debug_while_the_rest_logs_warnings_only(self):
        with JadwalServer(**{"log.level": "warning", "log.levels": "caldav:debug"}) as srv:
            srv.add_user("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati")
            status, _, _ = srv.request("OPTIONS", "/dav/", user=("bupati", "rahasia-bupati"))
            self.assertEqual(200, status)
            log = srv.server_log()
        line = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z Debug jadwal\.caldav: bupati OPTIONS /dav/ \(Depth -\) -> 200$"
        self.assertRegex(log, re.compile(line, re.M))
        # The start is a notice of jadwal.server: below warning, so not shown.
        self.assertNotIn("listening on", log)

    def test_an_unknown_level_stops_the_start_with_the_key_named(self):
        with self.assertRaises(RuntimeError) as refused:
            JadwalServer(**{"log.level": "loud"}).start()
        self.assertIn("status 78", str(refused.exception))
        self.assertIn('config: log.level: "loud" is not a log level', str(refused.exception))


if __name__ == "__main__":
    unittest.main()

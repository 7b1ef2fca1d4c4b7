"""Many more idle and half-sent connections than the server has threads: a
normal request is still answered, the crowd costs no thread, and the server
closes the idle ones after keep_alive_seconds and the half-sent ones (408)
after header_timeout_seconds, not before. The crowd is held by the
benchmark's own bench/idle_connections.py, which this also keeps working."""

import json
import os
import subprocess
import sys
import time

from caldav_http import XML_HEADERS, ServerTestCase, propfind_body

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench", "idle_connections.py")
CAL = "/dav/calendars/bupati/agenda/"
IDLE, HALF = 500, 100
KEEP_ALIVE = 4
HEADER_TIMEOUT = 6


def threads_of(pid):
    with open("/proc/%d/status" % pid) as f:
        return int(next(line for line in f if line.startswith("Threads:")).split()[1])


class IdleCrowdTest(ServerTestCase):
    USERS = (("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),)
    SERVER_OPTIONS = {"threads": 4, "keep_alive_seconds": KEEP_ALIVE, "header_timeout_seconds": HEADER_TIMEOUT,
                      "max_connections": 2000, "max_connections_per_client": 1000}

    def test_a_crowd_of_idle_and_half_sent_connections(self):
        # A first request starts every thread the server keeps.
        self.assertEqual(207, self.req("PROPFIND", CAL, propfind_body("D:displayname"),
                                       dict(XML_HEADERS, Depth="0"), "bupati")[0])
        threads = threads_of(self.srv.process.pid)
        crowd = subprocess.Popen([sys.executable, SCRIPT, "--port", str(self.srv.port), "--idle", str(IDLE),
                                  "--half", str(HALF), "--hold", "1", "--expect-close", "30"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            opened = crowd.stderr.readline()
            self.assertIn("%d idle and %d half-sent open" % (IDLE, HALF), opened)
            # While they are all open: answers as usual, on the same threads.
            self.assertEqual(200, self.req("GET", "/healthz")[0])
            status, _h, body = self.req("PROPFIND", CAL, propfind_body("D:displayname"),
                                        dict(XML_HEADERS, Depth="0"), "bupati")
            self.assertEqual(207, status, body)
            self.assertEqual(threads, threads_of(self.srv.process.pid))
            output, errors = crowd.communicate(timeout=60)
        finally:
            if crowd.poll() is None:
                crowd.kill()
                crowd.communicate()
        result = json.loads(output.strip().splitlines()[-1])
        self.assertEqual(0, result["idle_failed"] + result["half_failed"], errors)
        # Each was closed by the server, after its deadline and not before.
        self.assertEqual(IDLE + HALF, result["closed_early"] + result["closed_after_hold"], result)
        self.assertEqual(0, result["still_open"], result)
        self.assertGreaterEqual(result["idle_closed_after_s"][0], KEEP_ALIVE - 0.5, result)
        self.assertGreaterEqual(result["half_closed_after_s"][0], HEADER_TIMEOUT - 0.5, result)
        # Closing them left the server as it was.
        self.assertEqual(200, self.req("GET", "/healthz")[0])


if __name__ == "__main__":
    import unittest
    unittest.main()

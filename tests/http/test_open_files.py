"""jadwald and the open-file limit: every connection is a descriptor, so it
raises its soft limit to the hard one at start, and refuses to start (exit 78,
one line naming the key) when [http] max_connections and its own descriptors
do not fit, instead of failing accepts and database opens under load."""

import os
import resource
import shutil
import subprocess
import tempfile
import time
import unittest
import urllib.request

from jadwal_server import _free_port, jadwald_binary

EXIT_CONFIG = 78
RESERVED = 320  # server/open_file_limit.h: kReservedDescriptors


class OpenFileLimitTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="jadwal-test-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        self.hard = 1024 if hard == resource.RLIM_INFINITY else min(1024, hard)

    def launch(self, soft, max_connections=None):
        port = _free_port()
        config = os.path.join(self.tmp, "jadwal.ini")
        with open(config, "w") as f:
            f.write("public_url = http://127.0.0.1:%d\n[http]\nport = %d\n%s[db]\nurl = sqlite:%s\n"
                    % (port, port, "max_connections = %d\n" % max_connections if max_connections else "",
                       os.path.join(self.tmp, "jadwal.db")))
        hard = self.hard
        process = subprocess.Popen([jadwald_binary(), "--config", config], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, cwd=self.tmp,
                                   preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard)))
        return process, port

    def test_too_many_connections_for_the_limit_stop_the_start(self):
        process, _ = self.launch(soft=256)  # the default max_connections is 10000
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            self.fail("jadwald started with too few open files for its connections")
        self.assertEqual(EXIT_CONFIG, process.returncode, output)
        self.assertIn(b"http.max_connections 10000 needs 10320 open files", output)
        self.assertIn(b"may open only %d" % self.hard, output)
        self.assertIn(b"LimitNOFILE", output)

    def test_the_soft_limit_is_raised_to_the_hard_one(self):
        process, port = self.launch(soft=self.hard - RESERVED - 100, max_connections=self.hard - RESERVED)
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    with urllib.request.urlopen("http://127.0.0.1:%d/healthz" % port, timeout=2) as answer:
                        self.assertEqual(200, answer.status)
                        break
                except OSError:
                    if process.poll() is not None:
                        self.fail("jadwald exited: %r" % process.stdout.read())
                    self.assertLess(time.monotonic(), deadline, "jadwald did not answer /healthz")
                    time.sleep(0.05)
            with open("/proc/%d/limits" % process.pid) as f:
                line = next(line for line in f if line.startswith("Max open files"))
            self.assertEqual([str(self.hard), str(self.hard)], line.split()[3:5])
        finally:
            process.terminate()
            process.communicate(timeout=20)


if __name__ == "__main__":
    unittest.main()

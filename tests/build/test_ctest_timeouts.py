"""Every CTest test carries a TIMEOUT, so a hanging test fails alone.

Run from the build directory (JADWAL_BUILD_DIR): asks ctest for the registered
tests and their properties, and names each test without a TIMEOUT.
"""

import json
import os
import subprocess
import unittest


class CTestTimeouts(unittest.TestCase):
    def test_every_test_has_a_timeout(self):
        build_dir = os.environ["JADWAL_BUILD_DIR"]
        listing = subprocess.run(
            [os.environ.get("JADWAL_CTEST", "ctest"), "--show-only=json-v1"],
            cwd=build_dir,
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        )
        tests = json.loads(listing.stdout)["tests"]
        self.assertGreater(len(tests), 1, "ctest lists no tests")
        missing = []
        for test in tests:
            names = {p["name"]: p["value"] for p in test.get("properties", [])}
            timeout = names.get("TIMEOUT")
            if timeout is None or float(timeout) <= 0:
                missing.append(test["name"])
        self.assertEqual(missing, [], "tests without a TIMEOUT")


if __name__ == "__main__":
    unittest.main()

"""A few seconds of bench/run on a small calendar, so the benchmark never rots: it
must complete against every peer installed, check every answer, find the one-week
answer exactly right and print its table. Never timed: the targets are the
benchmark's business, not the test's."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(REPO, "bench")
sys.path.insert(0, BENCH)
import peers  # noqa: E402
import scenarios  # noqa: E402

EVENTS = 200
TARGETS = ["jadwal", "nginx", "radicale", "xandikos"]


class BenchSmokeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        lacking = peers.missing(TARGETS)
        if lacking:
            raise unittest.SkipTest("the benchmark needs " + ", ".join(f"{prog} ({pkg})" for prog, pkg in lacking) +
                                    ": scripts/install-deps.sh --tests installs them")
        binary = os.environ.get("JADWAL_BIN") or os.path.join(REPO, "build", "jadwald")
        out = tempfile.NamedTemporaryFile(suffix=".json", delete=False)
        out.close()
        cls.json_path = out.name
        command = [sys.executable, os.path.join(BENCH, "run"), "--events", str(EVENTS), "--duration", "1",
                   "--connections", "4", "--timeout", "20", "--jadwald", binary, "--json", cls.json_path]
        cls.idle = os.path.exists(os.path.join(BENCH, "idle_connections.py"))
        if cls.idle:
            command += ["--idle", "40", "--half", "4"]
        cls.run_result = subprocess.run(command, capture_output=True, text=True, timeout=240)
        sys.stderr.write(cls.run_result.stderr[-6000:] + cls.run_result.stdout)
        with open(cls.json_path) as f:
            cls.report = json.load(f)
        os.unlink(cls.json_path)

    def test_completes_with_every_jadwal_answer_right(self):
        self.assertEqual(self.run_result.returncode, 0, self.run_result.stdout[-3000:])

    def test_every_scenario_ran_at_every_target(self):
        results = self.report["results"]
        for target in TARGETS:
            for name in scenarios.NAMES:
                if target == "nginx" and name not in scenarios.STATIC:
                    continue
                self.assertIn("rps", results[target].get(name, {}), f"{target} {name}: {results[target].get(name)}")
                # A slow peer may answer nothing within a second on a busy machine.
                if target in ("jadwal", "nginx"):
                    self.assertGreater(results[target][name]["requests"], 0, f"{target} {name}")

    def test_every_answer_checked(self):
        results = self.report["results"]
        for target in ("jadwal", "radicale", "xandikos"):
            self.assertEqual(sorted(results[target]["checks"]), sorted(scenarios.NAMES), target)
        for name, check in results["jadwal"]["checks"].items():
            self.assertTrue(check["ok"], f"jadwal {name}: {check['found']}")
            self.assertEqual(results["jadwal"][name]["non2xx"], 0, f"jadwal {name}")
            self.assertEqual(results["jadwal"][name]["errors"], 0, f"jadwal {name}")

    def test_week_answer_is_the_expected_set(self):
        check = self.report["results"]["jadwal"]["checks"]["query-week"]
        self.assertTrue(check["ok"])
        self.assertRegex(check["found"], r"^(\d+) of \1 expected events, 0 unexpected$")
        self.assertIn("query-week", self.run_result.stdout)

    def test_nginx_serves_jadwals_answers_as_they_are(self):
        results = self.report["results"]
        for name in scenarios.STATIC:
            self.assertEqual(results["nginx"][name]["non2xx"], 0, name)

    def test_table_targets_and_memory_printed(self):
        out = self.run_result.stdout
        header = next((line for line in out.splitlines() if line.startswith("scenario")), "")
        for column in TARGETS + ["jadwal/nginx", "jadwal/radicale", "jadwal/xandikos"]:
            self.assertIn(column, header)
        for name in scenarios.NAMES:
            self.assertRegex(out, rf"(?m)^{name} +[0-9.]+/s p99")
        self.assertIn("targets:", out)
        self.assertRegex(out, r"jadwald resident memory after the run: [0-9.]+ MB")
        self.assertIsNotNone(self.report["jadwald_rss_kib"])

    def test_idle_connections_ran_next_to_get_one(self):
        if not self.idle:
            self.skipTest("bench/idle_connections.py is not there")
        r = self.report["results"]["jadwal"]["get-one+idle"]
        self.assertIn("rps", r)
        self.assertEqual(r["idle"].get("idle_open"), 40, r["idle"])


if __name__ == "__main__":
    unittest.main()

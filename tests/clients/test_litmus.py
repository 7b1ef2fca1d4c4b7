"""Jadwal against litmus, the WebDAV conformance suite (Debian package), suites
basic, copymove and props, run inside a leader's calendar home.

litmus starts with MKCOL of a `litmus/` collection under the URL it is given. In
a calendar home a MKCOL creates a calendar collection, so litmus's own
collection is a calendar collection and every test runs against one.

A CalDAV server is not a general WebDAV file store: calendar collections hold
iCalendar objects only, and litmus writes plain-text files and plain
collections. The tests that fail for that reason are listed in
EXPECTED_FAILURES, each with its reason. This test passes when every other
litmus test passes, and fails when a listed test starts to pass, so the list
stays honest.
"""

import os
import re
import shutil
import subprocess
import tempfile
import unittest

from jadwal_server import ServerTestCase

LEADER = ("bupati", "rahasia-bupati")
SUITES = ("basic", "copymove", "props")

# "suite/test": why it fails against a CalDAV server. Tests that litmus skips
# because an earlier step failed are not listed (nothing to verify).
_PLAIN_TEXT = "litmus PUTs plain text; a calendar collection stores only iCalendar objects (RFC 4791 5.3.2)"
_NESTED_COLLECTION = "litmus MKCOLs a collection inside its calendar collection; CalDAV forbids collections there (405)"
EXPECTED_FAILURES = {
    "basic/put_get": _PLAIN_TEXT,
    "basic/put_get_utf8_segment": _PLAIN_TEXT,
    "basic/delete_fragment": _NESTED_COLLECTION,
    "basic/mkcol": _NESTED_COLLECTION,
    "basic/mkcol_with_body": "its MKCOL targets a place inside a calendar collection, refused (405) before the body is read",
    "copymove/copy_init": _PLAIN_TEXT,
    "copymove/copy_coll": _NESTED_COLLECTION,
    "copymove/copy_shallow": _NESTED_COLLECTION,
    "copymove/move": _PLAIN_TEXT,
    "copymove/move_coll": _NESTED_COLLECTION,
    "props/propinit": _PLAIN_TEXT,
    "props/propmanyns": "PROPPATCH on the resource propinit could not create (plain text), so 404",
}

_RESULT_LINE = re.compile(r"^\s*(\d+)\.\s+(\w+)\.*\s*(.*)$")
_SUMMARY_LINE = re.compile(r"<- summary for `(\w+)': of (\d+) tests run: (\d+) passed, (\d+) failed")


def parse_litmus(output):
    """([(suite, number, test, "pass"|"FAIL"|"SKIPPED")], {suite: tests run}) from litmus output.

    litmus rewrites each result line after a carriage return, and a WARNING
    puts the verdict on a continuation line starting with dots.
    """
    results, runs = [], {}
    suite, pending = None, None
    for line in output.splitlines():
        running = re.match(r"^-> running `(\w+)':", line)
        if running:
            suite, pending = running.group(1), None
            continue
        summary = _SUMMARY_LINE.search(line)
        if summary:
            runs[summary.group(1)] = int(summary.group(2))
            pending = None
            continue
        match = _RESULT_LINE.match(line)
        if match and suite:
            pending = (suite, int(match.group(1)), match.group(2))
            rest = match.group(3)
        elif pending and line.strip().startswith("..."):
            rest = line.strip().lstrip(".").strip()
        else:
            continue
        verdict = rest.split(" ", 1)[0] if rest else ""
        if verdict.upper() == "SKIPPED":
            verdict = "SKIPPED"
        if verdict in ("pass", "FAIL", "SKIPPED"):
            results.append(pending + (verdict,))
            pending = None
    return results, runs


def verdicts_by_name(results):
    """{"suite/test": verdict}; a name litmus runs more than once fails if any run fails."""
    merged = {}
    for suite, _, test, verdict in results:
        key = "%s/%s" % (suite, test)
        if merged.get(key) != "FAIL" and not (verdict == "SKIPPED" and key in merged):
            merged[key] = verdict
    return merged


@unittest.skipUnless(shutil.which("litmus"), "litmus is not installed")
class LitmusTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.srv.add_user(LEADER[0], "pimpinan", "Bupati Ogan", LEADER[1])

    def test_litmus_suites(self):
        workdir = tempfile.mkdtemp(prefix="jadwal-litmus-")  # litmus writes debug.log into its cwd
        self.addCleanup(shutil.rmtree, workdir, True)
        url = self.srv.base_url + "/dav/calendars/bupati/"
        env = dict(os.environ, TESTS=" ".join(SUITES))
        result = subprocess.run(
            ["litmus", "--keep-going", url, LEADER[0], LEADER[1]],
            cwd=workdir,
            env=env,
            capture_output=True,
            timeout=300,
        )
        # litmus echoes server answers byte for byte; some of its tests send non-UTF-8.
        output = (result.stdout + result.stderr).decode("utf-8", errors="replace")
        print(output)

        results, runs = parse_litmus(output)
        for suite in SUITES:
            self.assertIn(suite, runs, "litmus did not finish the %s suite" % suite)
            ran = [r for r in results if r[0] == suite and r[3] != "SKIPPED"]
            self.assertEqual(len(ran), runs[suite], "could not read every %s result" % suite)
        results = verdicts_by_name(results)

        unexpected = sorted(n for n, v in results.items() if v == "FAIL" and n not in EXPECTED_FAILURES)
        no_longer_failing = {n: results.get(n, "not run") for n in EXPECTED_FAILURES if results.get(n) != "FAIL"}
        self.assertEqual(unexpected, [], "litmus tests that fail but are not expected to")
        self.assertEqual(no_longer_failing, {}, "expected failures that no longer fail: update EXPECTED_FAILURES")


class ParseLitmusTest(unittest.TestCase):
    """The parser must see every verdict, or the test above could pass by not reading."""

    def test_reads_pass_fail_warning_and_summary(self):
        output = (
            "-> running `basic':\n"
            " 0. init.................. pass\n"
            " 3. put_get............... FAIL (PUT of `/x/litmus/res' failed: 415 Unsupported Media Type)\n"
            " 8. delete_fragment....... WARNING: DELETE removed collection resource\n"
            "    ...................... pass (with 1 warning)\n"
            " 9. mkcol_no_parent....... SKIPPED\n"
            "<- summary for `basic': of 4 tests run: 2 passed, 1 failed. 50.0%\n"
        )
        results, runs = parse_litmus(output)
        self.assertEqual(
            results,
            [
                ("basic", 0, "init", "pass"),
                ("basic", 3, "put_get", "FAIL"),
                ("basic", 8, "delete_fragment", "pass"),
                ("basic", 9, "mkcol_no_parent", "SKIPPED"),
            ],
        )
        self.assertEqual(runs, {"basic": 4})

    def test_carriage_returns_and_repeated_names(self):
        output = (
            "-> running `props':\n"
            " 6. propget.............\r 6. propget............. pass\n"
            " 7. propget.............\r 7. propget............. FAIL (bad)\n"
            " 8. propget.............\r 8. propget............. SKIPPED\n"
            "<- summary for `props': of 2 tests run: 1 passed, 1 failed. 50.0%\n"
        )
        results, runs = parse_litmus(output)
        self.assertEqual([r[3] for r in results], ["pass", "FAIL", "SKIPPED"])
        self.assertEqual(verdicts_by_name(results), {"props/propget": "FAIL"})


if __name__ == "__main__":
    unittest.main()

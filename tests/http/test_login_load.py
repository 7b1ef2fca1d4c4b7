"""Wrong logins in bulk against a real jadwald. Each password check is a
64 MiB argon2id verification: unbounded, 32 parallel clients with random
names took the process to hundreds of megabytes and /healthz to 0.7 s.
Checks now run a few at a time, clients that keep failing queue behind
everybody else, and an address is cut off after so many failures whatever
names it tries."""

import base64
import http.client
import sys
import threading
import time
import unittest
import uuid

from caldav_http import XML_HEADERS, ServerTestCase, propfind_body

ATTACKERS = 32
ATTACK_SECONDS = 6
PROPFIND = propfind_body("D:current-user-principal")


def basic(user, password):
    return "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()


def exchange(port, method, path, headers=None, body=None, source="127.0.0.1", timeout=30):
    """One request on a fresh connection from `source` (any 127.x address is
    loopback, so each attacker can have an address of its own)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}
    finally:
        conn.close()


def memory_kib(pid, field):
    """VmRSS or VmHWM (peak) of the process, in KiB."""
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise AssertionError("no %s for pid %d" % (field, pid))


class Attack:
    """ATTACKERS threads sending wrong Basic logins with random names for
    ATTACK_SECONDS, each from the address `source(i)`; counts the answers."""

    def __init__(self, port, source):
        self.port = port
        self.source = source
        self.statuses = {}
        self.retry_after = set()
        self.errors = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._run, args=(i,)) for i in range(ATTACKERS)]

    def _run(self, i):
        while not self.stop.is_set():
            headers = dict(XML_HEADERS, Depth="0",
                           Authorization=basic("acak-" + uuid.uuid4().hex[:10], "salah"))
            try:
                status, answer = exchange(self.port, "PROPFIND", "/dav/", headers, PROPFIND, self.source(i))
            except OSError as e:
                with self.lock:
                    self.errors.append(repr(e))
                continue
            with self.lock:
                self.statuses[status] = self.statuses.get(status, 0) + 1
                if status == 503:
                    self.retry_after.add(answer.get("retry-after"))

    def count(self, status):
        with self.lock:
            return self.statuses.get(status, 0)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(60)
        return False


class ManyAddressesTest(ServerTestCase):
    """32 attackers, each from its own address and under every per-address
    limit: only the bound on checks at once protects the server."""

    USERS = (("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),)
    # Every check is a real one (no cache), as for a user whose cache entry ran out.
    SERVER_OPTIONS = {"cache_seconds": 0, "threads": 16}

    def test_health_memory_and_real_logins_hold_during_the_attack(self):
        pid = self.srv.process.pid
        port = self.srv.port
        for _ in range(3):  # warm up: the first checks map the argon2id memory once
            exchange(port, "PROPFIND", "/dav/", dict(XML_HEADERS, Depth="0",
                                                     Authorization=basic("bupati", "rahasia-bupati")), PROPFIND)
        baseline = memory_kib(pid, "VmRSS")

        health, logins = [], []
        with Attack(port, lambda i: "127.0.1.%d" % (10 + i)) as attack:
            # Each attacking address gets a few attempts before it counts as suspect
            # (its first failure, or five refusals in ten seconds): let that pass.
            time.sleep(3)
            deadline = time.monotonic() + ATTACK_SECONDS
            while time.monotonic() < deadline:
                started = time.monotonic()
                status, _ = exchange(port, "GET", "/healthz", source="127.0.0.2")
                health.append((time.monotonic() - started, status))
                # Bupati, at her desk (an address without failures), logs in meanwhile.
                started = time.monotonic()
                status, _ = exchange(port, "PROPFIND", "/dav/",
                                     dict(XML_HEADERS, Depth="0", Authorization=basic("bupati", "rahasia-bupati")),
                                     PROPFIND, source="127.0.0.3")
                logins.append((time.monotonic() - started, status))
                time.sleep(0.2)
        peak = memory_kib(pid, "VmHWM")

        self.assertEqual([], attack.errors[:5])
        print("\nattack answers %r, healthz worst %.3f s, login worst %.3f s, memory %d -> peak %d MiB"
              % (attack.statuses, max(t for t, _ in health), max(t for t, _ in logins), baseline // 1024,
                 peak // 1024), file=sys.stderr)
        self.assertTrue(all(status == 200 for _, status in health), health)
        slow = [t for t, _ in health if t > 0.25]
        self.assertLessEqual(len(slow), len(health) // 10, "healthz slow under attack: %r" % health)
        # Two checks of 64 MiB at once at most, with room for the heap's own growth.
        self.assertLess(peak - baseline, 256 * 1024, "peak %d KiB from %d KiB" % (peak, baseline))
        self.assertEqual(set(), {status for _, status in logins} - {207}, logins)
        # The attackers met the bound: refused at once or after a short wait, told when to come back.
        self.assertGreater(attack.statuses.get(503, 0), 0, attack.statuses)
        self.assertEqual({"5"}, attack.retry_after)
        self.assertGreater(attack.statuses.get(401, 0), 0, attack.statuses)


class OneAddressTest(ServerTestCase):
    """32 attackers behind one address, a new name each time: the address is
    cut off after [auth] failures_per_address checks."""

    USERS = (("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),)
    SERVER_OPTIONS = {"auth.failures_per_address": 10}

    def test_random_names_do_not_get_around_the_address_limit(self):
        with Attack(self.srv.port, lambda i: "127.0.2.9") as attack:
            deadline = time.monotonic() + 60
            while attack.count(429) < 100 and time.monotonic() < deadline:
                time.sleep(0.1)
        self.assertEqual([], attack.errors[:5])
        # Every wrong password checked is one 401; past the limit none is checked
        # (a few more may slip in while the last checks of the limit run).
        checked = attack.count(401)
        self.assertGreaterEqual(checked, 10, attack.statuses)
        self.assertLessEqual(checked, 10 + 6, attack.statuses)
        self.assertGreaterEqual(attack.count(429), 100, attack.statuses)
        login = dict(XML_HEADERS, Depth="0", Authorization=basic("bupati", "rahasia-bupati"))
        status, headers = exchange(self.srv.port, "PROPFIND", "/dav/", login, PROPFIND, source="127.0.2.9")
        self.assertEqual(429, status, "the right password is not even checked from there")
        self.assertEqual("3600", headers.get("retry-after"))
        status, _ = exchange(self.srv.port, "PROPFIND", "/dav/", login, PROPFIND, source="127.0.2.10")
        self.assertEqual(207, status, "another address is not locked out")


if __name__ == "__main__":
    unittest.main()

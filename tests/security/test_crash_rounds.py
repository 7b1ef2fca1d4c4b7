"""Crash rounds: jadwald is SIGKILLed while CalDAV clients, requesters and staff
write at once, at a random moment (seeded; the seed is printed, and
JADWAL_CRASH_SEED=<seed> repeats a run). After each kill: the database passes
PRAGMA integrity_check and holds nothing half-written; after the restart every
acknowledged change is there, and a client that synced before the kill catches
up from its old token to exactly what the server holds. And SIGTERM lets a
request in flight finish while new connections are refused."""

import os
import random
import signal
import socket
import sys
import threading
import time
import traceback
import unittest

import crash_world as W
from jadwal_requests import RequestTestCase, credentials
from jadwal_server import WebSession

ROUNDS = int(os.environ.get("JADWAL_CRASH_ROUNDS", "4"))
SEED = int(os.environ.get("JADWAL_CRASH_SEED") or random.SystemRandom().randrange(1, 10 ** 6))
CANCELS_PER_ROUND = 3
EDITS_PER_ROUND = 8


AGREEMENT_ROUNDS = 6


class CrashRoundsTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 100000, "cache_seconds": 600, "timeout_seconds": 5}

    @classmethod
    def setup_data(cls):
        sys.stderr.write("\ncrash rounds: seed %d (JADWAL_CRASH_SEED=%d repeats this run)\n" % (SEED, SEED))
        cls.random = random.Random(SEED)
        cls.rounds = 0

    def request_in(self, state):
        return self.new_request("disetujui" if state == "disetujui" else "diverifikasi")[1]

    def run_workers(self, jobs, ledger):
        """Starts the jobs, kills jadwald after a seeded random delay, waits for them."""
        failures = []

        def guarded(job):
            try:
                job()
            except Exception:  # reported below, with the round's seed
                failures.append(traceback.format_exc())
                ledger.stop.set()

        threads = [threading.Thread(target=guarded, args=(job,)) for job in jobs]
        delay = self.random.uniform(0.3, 1.2)
        for thread in threads:
            thread.start()
        time.sleep(delay)
        self.srv.kill()
        ledger.stop.set()
        for thread in threads:
            thread.join(30)
        self.assertFalse(any(t.is_alive() for t in threads), "workers hung after the kill")
        self.assertEqual([], failures, "seed %d: a worker failed before the kill" % SEED)
        return delay

    def crash_round(self, clients=True):
        """One round: prepared requests and events, the workers, the kill. Returns what
        the checks need; the server is down when it returns."""
        srv, number = self.srv, type(self).rounds
        type(self).rounds += 1
        cyclers = 2 if clients else 4
        cycle_ids = [self.request_in("disetujui") for _ in range(2 * cyclers)]
        cancel_ids = [self.request_in("disetujui") for _ in range(CANCELS_PER_ROUND)]
        edit_names = ["r%d-edit-%d.ics" % (number, i) for i in range(EDITS_PER_ROUND if clients else 0)]
        for name in edit_names:
            self.assertEqual(201, srv.request("PUT", W.CAL + name, W.event(name[:-4], "Awal"), W.ICS,
                                              user=W.BUPATI)[0])
        token, _ = W.sync(srv)
        before = W.listing(srv)
        states_before = W.request_states(srv.db_path)
        ledger = W.Ledger()
        admin = self.staff("admin")  # logged in now, not in a worker racing the kill
        jobs = [lambda: W.submitter(srv, ledger), lambda: W.decider(srv, ledger, admin, "cancel", cancel_ids)]
        for i in range(cyclers):
            session = WebSession(srv).login(*credentials("protokol"))
            jobs.append(lambda s=session, ids=cycle_ids[2 * i:2 * i + 2]: W.cycler(srv, ledger, s, ids))
        if clients:
            jobs += [lambda: W.creator(srv, ledger, "r%d-a" % number), lambda: W.creator(srv, ledger, "r%d-b" % number),
                     lambda: W.editor(srv, ledger, edit_names)]
        else:
            jobs.append(lambda: W.submitter(srv, ledger))
        delay = self.run_workers(jobs, ledger)
        where = "round %d (seed %d, killed after %.2f s, %d operations)" % (number, SEED, delay, len(ledger.ops))
        return ledger, where, token, before, states_before

    def test_crash_rounds(self):
        for _ in range(ROUNDS):
            ledger, where, token, before, states_before = self.crash_round()
            try:
                self.assertEqual([], W.offline_problems(self.srv.db_path), where + ": the database after the kill")
            finally:
                self.srv.restart()
            after = W.listing(self.srv)
            self.check_acknowledged(ledger, before, after, where)
            self.check_requests(ledger, states_before, where)
            self.check_sync(token, before, after, where)

    def test_requests_and_events_agree_after_a_crash(self):
        # Rounds of workflow writes only: a request's change, its events and its links
        # are separate transactions, so a kill often falls between them; the restart
        # must find and repair every such request before it answers.
        for _ in range(AGREEMENT_ROUNDS):
            _, where, _, _, _ = self.crash_round(clients=False)
            self.srv.restart()
            problems = W.offline_problems(self.srv.db_path, agreement=True)
            self.assertEqual([], problems, "%s: requests and events after the restart" % where)

    def check_acknowledged(self, ledger, before, after, where):
        for op in ledger.of("create"):
            if op["outcome"] == "ack":
                self.assertEqual(op["answer"][1].get("etag"), after.get(op["name"]),
                                 "%s: acknowledged PUT of %s" % (where, op["name"]))
        touched = set()
        for op in ledger.of("update") + ledger.of("delete"):
            name = op["name"]
            touched.add(name)
            now = W.summary_of(self.srv, name)
            if op["kind"] == "delete":
                allowed = {None} if op["outcome"] == "ack" else {None, "Awal"}
            else:
                allowed = {op["summary"]} if op["outcome"] == "ack" else {op["summary"], "Awal"}
            self.assertIn(now, allowed, "%s: %s of %s (%s)" % (where, op["kind"], name, op["outcome"]))
        for name, etag in before.items():
            if name not in touched and not W.EVENT_NAME.match(name):
                self.assertEqual(etag, after.get(name), "%s: %s was not written, yet changed" % (where, name))
        created = {op["name"] for op in ledger.of("create")}
        for name in set(after) - set(before) - created:
            self.assertTrue(W.EVENT_NAME.match(name), "%s: %s appeared from nowhere" % (where, name))

    def check_requests(self, ledger, states_before, where):
        states = W.request_states(self.srv.db_path)
        last = {}  # request id -> the states it may be in, after its decisions in order
        for op in ledger.of("decide"):
            request_id = op["request_id"]
            target = W.TARGET[op["action"]]
            previous = last.get(request_id, {states_before[request_id][0]})
            if op["outcome"] == "ack" and op["answer"].status == 409:
                # "Jadwal bentrok" asks first: nothing changed (its confirmation, if sent, is an op of its own).
                last[request_id] = previous
                continue
            last[request_id] = {target} if op["outcome"] == "ack" else previous | {target}
        for request_id, allowed in last.items():
            self.assertIn(states[request_id][0], allowed, "%s: the state of request %d after its decisions"
                          % (where, request_id))
        codes = {code for _, code in states.values()}
        for op in ledger.of("submit"):
            if op["outcome"] == "ack":
                code = W.CODE_PATTERN.search(op["answer"].location).group(0)
                self.assertIn(code, codes, "%s: acknowledged submission %s" % (where, code))
                self.assertEqual(200, self.srv.request("GET", "/permohonan/" + code)[0])

    def check_sync(self, token, before, after, where):
        """The client that synced before the kill catches up to exactly what is there."""
        new_token, changes = W.sync(self.srv, token)
        seen = dict(before)
        for name, etag in changes.items():
            if etag is None:
                seen.pop(name, None)
            else:
                seen[name] = etag
        self.assertEqual(after, seen, "%s: the state a client reaches by syncing from its old token" % where)
        self.assertEqual({}, W.sync(self.srv, new_token)[1], "%s: nothing new since the last sync" % where)


class GracefulStopTest(RequestTestCase):
    SERVER_OPTIONS = {"timeout_seconds": 10}

    def start_slow_put(self, name):
        """A PUT whose head and first bytes are sent; returns (socket, rest of the body)."""
        body = W.event(name, "Selesai saat berhenti").encode()
        sock = socket.create_connection(("127.0.0.1", self.srv.port), timeout=15)
        sock.sendall(("PUT %s%s.ics HTTP/1.1\r\nHost: x\r\nContent-Type: text/calendar\r\n"
                      "Authorization: Basic YnVwYXRpOnJhaGFzaWEtYnVwYXRp\r\nContent-Length: %d\r\n\r\n"
                      % (W.CAL, name, len(body))).encode() + body[:40])
        time.sleep(0.3)  # the server reads the head and waits for the rest of the body
        return sock, body[40:]

    def finish(self, sock, rest):
        sock.sendall(rest)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
        return answer

    def stopped_and_restarted(self):
        self.assertEqual(0, self.srv.process.wait(15), "jadwald exits cleanly after SIGTERM")
        self.srv.process = None
        self.srv.restart()

    def test_sigterm_finishes_a_request_in_flight(self):
        sock, rest = self.start_slow_put("sigterm")
        try:
            self.srv.process.send_signal(signal.SIGTERM)
            time.sleep(0.5)
            self.assertIsNone(self.srv.process.poll(), "jadwald waits for the request in flight")
            answer = self.finish(sock, rest)
        finally:
            sock.close()
        self.assertTrue(answer.startswith(b"HTTP/1.1 201"), "the request in flight got its answer: %r" % answer[:200])
        self.stopped_and_restarted()
        self.assertEqual(200, self.srv.request("GET", W.CAL + "sigterm.ics", user=W.BUPATI)[0], "the event is kept")

    def test_sigterm_refuses_new_connections_while_draining(self):
        sock, rest = self.start_slow_put("sigterm-baru")
        try:
            self.srv.process.send_signal(signal.SIGTERM)
            time.sleep(0.5)
            refused = False
            try:
                late = socket.create_connection(("127.0.0.1", self.srv.port), timeout=2)
            except OSError:
                refused = True
            else:
                # Accepted by the kernel: then it must be turned away at once, not left waiting.
                try:
                    late.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                    late.settimeout(1)
                    first = late.recv(100)
                    refused = first == b"" or first.startswith(b"HTTP/1.1 503")
                except OSError as e:
                    refused = not isinstance(e, socket.timeout)
                finally:
                    late.close()
            self.finish(sock, rest)
        finally:
            sock.close()
            self.stopped_and_restarted()
        self.assertTrue(refused, "a connection made after SIGTERM waited instead of being refused")


if __name__ == "__main__":
    unittest.main()

"""Many clients at once: concurrent writes and recurrence expansion stay
correct (libical keeps global state). Slow and idle clients are tested in
test_connections.py and the hostile suite."""

import threading
import unittest

from caldav_http import ICS_HEADERS, XML_HEADERS, XMLNS, ServerTestCase, vcalendar, vevent

CAL = "/dav/calendars/bupati/agenda/"
WORKERS = 8
ROUNDS = 6


class ConcurrentWritesTest(ServerTestCase):
    USERS = (("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),)

    def test_parallel_put_and_expand(self):
        failures = []
        etags = {}
        lock = threading.Lock()

        def worker(n):
            try:
                for r in range(ROUNDS):
                    uid = "paralel-%d-%d" % (n, r)
                    # Monday 08.00 WIB weekly series, each worker on another hour
                    ics = vcalendar(vevent(uid, start="DTSTART;TZID=Asia/Jakarta:20240101T%02d0000" % (8 + n),
                                           end="DTEND;TZID=Asia/Jakarta:20240101T%02d3000" % (8 + n),
                                           summary="Seri %d/%d" % (n, r), extra="RRULE:FREQ=WEEKLY"),
                                    timezone=True)
                    status, headers, body = self.req("PUT", CAL + uid + ".ics", ics, ICS_HEADERS, "bupati")
                    if status != 201:
                        raise AssertionError("PUT %s: %s %r" % (uid, status, body[:300]))
                    with lock:
                        etags[uid] = headers.get("etag")
                    query = ('<?xml version="1.0"?><C:calendar-multiget %s><D:prop><C:calendar-data>'
                             '<C:expand start="20240610T000000Z" end="20240617T000000Z"/></C:calendar-data>'
                             '</D:prop><D:href>%s%s.ics</D:href></C:calendar-multiget>' % (XMLNS, CAL, uid))
                    status, _h, body = self.req("REPORT", CAL, query, dict(XML_HEADERS, Depth="1"), "bupati")
                    if status != 207:
                        raise AssertionError("REPORT %s: %s %r" % (uid, status, body[:300]))
                    text = body.decode()
                    expected = "RECURRENCE-ID:20240610T%02d0000Z" % (1 + n)
                    if expected not in text:
                        raise AssertionError("%s: expected %s in %s" % (uid, expected, text[:1500]))
            except Exception as e:  # collected and reported by the main thread
                with lock:
                    failures.append(repr(e))

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        self.assertFalse(any(t.is_alive() for t in threads), "workers hung")
        self.assertEqual([], failures)
        self.assertEqual(WORKERS * ROUNDS, len(set(etags.values())))

        # every object is listed once, with the ETag its PUT returned
        ms = self.propfind(CAL, "bupati", "D:getetag", depth="1")
        for uid, etag in etags.items():
            r = ms.get(CAL + uid + ".ics")
            self.assertIsNotNone(r, uid)
            self.assertEqual(etag, r.text("D:getetag"))

    def test_parallel_updates_of_one_resource(self):
        path = CAL + "rebutan.ics"
        status, headers, _b = self.req("PUT", path, vcalendar(vevent("rebutan", summary="awal")), ICS_HEADERS,
                                       "bupati")
        self.assertEqual(201, status)
        start_etag = headers["etag"]
        results = []
        lock = threading.Lock()

        def contender(n):
            status, _h, _b = self.req("PUT", path, vcalendar(vevent("rebutan", summary="pemenang %d" % n)),
                                      dict(ICS_HEADERS, **{"If-Match": start_etag}), "bupati")
            with lock:
                results.append(status)

        threads = [threading.Thread(target=contender, args=(n,)) for n in range(WORKERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        # optimistic locking: exactly one conditional update wins, the rest see 412
        self.assertEqual(1, results.count(204), results)
        self.assertEqual(WORKERS - 1, results.count(412), results)

    def test_sync_token_sees_every_parallel_write(self):
        cal = "/dav/calendars/bupati/ramai/"
        self.assertEqual(201, self.req("MKCALENDAR", cal, None, {}, "bupati")[0])
        body = ('<?xml version="1.0"?><D:sync-collection %s><D:sync-token/><D:sync-level>1</D:sync-level>'
                '<D:prop><D:getetag/></D:prop></D:sync-collection>' % XMLNS)
        first = self.multistatus(self.req("REPORT", cal, body, XML_HEADERS, "bupati"))

        def writer(n):
            for r in range(ROUNDS):
                self.req("PUT", cal + "w%d-%d.ics" % (n, r), vcalendar(vevent("ramai-%d-%d" % (n, r))), ICS_HEADERS,
                         "bupati")

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        delta_body = body.replace("<D:sync-token/>", "<D:sync-token>%s</D:sync-token>" % first.sync_token)
        delta = self.multistatus(self.req("REPORT", cal, delta_body, XML_HEADERS, "bupati"))
        expected = {cal + "w%d-%d.ics" % (n, r) for n in range(4) for r in range(ROUNDS)}
        self.assertEqual(expected, delta.hrefs() - {cal, cal.rstrip("/")})


if __name__ == "__main__":
    unittest.main()

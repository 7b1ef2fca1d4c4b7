"""Collection synchronisation (RFC 6578 sync-collection) and CS:getctag."""

import re
import unittest

from caldav_http import ICS_HEADERS, XML_HEADERS, XMLNS, Multistatus, ServerTestCase, event_ics

CAL = "/dav/calendars/bupati/agenda/"


def sync_body(token="", props="<D:getetag/>", limit=None):
    extra = "<D:limit><D:nresults>%d</D:nresults></D:limit>" % limit if limit else ""
    return ('<?xml version="1.0" encoding="utf-8"?><D:sync-collection %s><D:sync-token>%s</D:sync-token>'
            '<D:sync-level>1</D:sync-level>%s<D:prop>%s</D:prop></D:sync-collection>' % (XMLNS, token, extra, props))


class SyncTest(ServerTestCase):
    USERS = (
        ("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),
        ("wakil", "pimpinan", "Wakil Bupati", "rahasia-wakil"),
        ("pembaca", "viewer", "Pembaca", "rahasia-pembaca"),
    )

    @classmethod
    def setup_data(cls):
        cls.srv.share("bupati/agenda", "pembaca", "read")

    def put(self, name, uid, summary="Rapat", cal=CAL, user="bupati"):
        status, headers, body = self.req("PUT", cal + name, event_ics(uid, summary=summary), ICS_HEADERS, user)
        self.assertIn(status, (201, 204), self.describe(status, body))
        return headers.get("etag")

    def sync(self, token="", cal=CAL, user="bupati", **kw):
        return self.multistatus(self.req("REPORT", cal, sync_body(token, **kw), XML_HEADERS, user))

    def ctag(self, cal=CAL, user="bupati"):
        value = self.propfind(cal, user, "CS:getctag").get(cal).text("CS:getctag")
        self.assertTrue(value)
        return value

    def sync_token_prop(self, cal=CAL):
        return self.propfind(cal, "bupati", "D:sync-token").get(cal).text("D:sync-token")

    def test_initial_then_delta(self):
        cal = "/dav/calendars/bupati/sinkron/"
        self.assertEqual(201, self.req("MKCALENDAR", cal, None, {}, "bupati")[0])
        etags = {n: self.put(n + ".ics", "sinkron-" + n, cal=cal) for n in ("a", "b", "c")}

        first = self.sync(cal=cal)
        self.assertTrue(first.sync_token, "initial sync must return a token")
        self.assertEqual({cal + n + ".ics" for n in "abc"}, first.hrefs() - {cal, cal.rstrip("/")})
        for n in "abc":
            r = first.get(cal + n + ".ics")
            self.assertIsNone(r.status, "members are reported with propstat, not status")
            self.assertEqual(etags[n], r.text("D:getetag"))
        self.assertEqual(first.sync_token, self.sync_token_prop(cal), "DAV:sync-token property = report token")

        # nothing changed: an empty delta with the same or a new token
        same = self.sync(first.sync_token, cal=cal)
        self.assertEqual(set(), same.hrefs() - {cal, cal.rstrip("/")})
        self.assertTrue(same.sync_token)

        new_etag_a = self.put("a.ics", "sinkron-a", summary="diubah", cal=cal)
        self.put("d.ics", "sinkron-d", cal=cal)
        self.assertEqual(204, self.req("DELETE", cal + "b.ics", user="bupati")[0])

        delta = self.sync(first.sync_token, cal=cal)
        self.assertNotEqual(first.sync_token, delta.sync_token)
        self.assertEqual({cal + "a.ics", cal + "b.ics", cal + "d.ics"}, delta.hrefs() - {cal, cal.rstrip("/")})
        self.assertEqual(new_etag_a, delta.get(cal + "a.ics").text("D:getetag"))
        self.assertEqual(404, delta.get(cal + "b.ics").status, "a deleted member is reported with status 404")
        self.assertEqual({}, delta.get(cal + "b.ics").props, "a deleted member has no propstat")
        self.assertIsNotNone(delta.get(cal + "d.ics").text("D:getetag"))

        # from the newest token: nothing again
        latest = self.sync(delta.sync_token, cal=cal)
        self.assertEqual(set(), latest.hrefs() - {cal, cal.rstrip("/")})

        # an object created and deleted between two syncs is either absent or reported 404
        self.put("e.ics", "sinkron-e", cal=cal)
        self.assertEqual(204, self.req("DELETE", cal + "e.ics", user="bupati")[0])
        after = self.sync(delta.sync_token, cal=cal)
        r = after.get(cal + "e.ics")
        if r is not None:
            self.assertEqual(404, r.status)

    def test_initial_sync_lists_no_deleted(self):
        cal = "/dav/calendars/bupati/awal/"
        self.assertEqual(201, self.req("MKCALENDAR", cal, None, {}, "bupati")[0])
        self.put("x.ics", "awal-x", cal=cal)
        self.put("y.ics", "awal-y", cal=cal)
        self.assertEqual(204, self.req("DELETE", cal + "y.ics", user="bupati")[0])
        first = self.sync(cal=cal)
        self.assertEqual({cal + "x.ics"}, first.hrefs() - {cal, cal.rstrip("/")})

    def test_invalid_token(self):
        for token in ("bukan-token", "http://example.com/sync/999", self.sync_token_prop() + "999999"):
            with self.subTest(token=token):
                self.assertError(self.req("REPORT", CAL, sync_body(token), XML_HEADERS, "bupati"), (403, 409),
                                 "D:valid-sync-token")

    def test_token_of_another_calendar(self):
        cal = "/dav/calendars/bupati/lain/"
        self.assertEqual(201, self.req("MKCALENDAR", cal, None, {}, "bupati")[0])
        self.put("x.ics", "lain-x", cal=cal)
        other_token = self.sync(cal=cal).sync_token
        own_token = self.sync().sync_token
        if other_token != own_token:
            self.assertError(self.req("REPORT", CAL, sync_body(other_token), XML_HEADERS, "bupati"), (403, 409),
                             "D:valid-sync-token")

    def test_depth_one_is_tolerated(self):
        # RFC 6578 3.2 asks for Depth 0, but Thunderbird sends Depth: 1 and
        # servers that refused it broke Thunderbird's sync: answer it like 0.
        status, _h, body = self.req("REPORT", CAL, sync_body(""), dict(XML_HEADERS, Depth="1"), "bupati")
        self.assertEqual(207, status, self.describe(status, body))
        depth0 = self.req("REPORT", CAL, sync_body(""), dict(XML_HEADERS, Depth="0"), "bupati")[2]
        self.assertEqual(sorted(re.findall(rb"<D:href>[^<]*</D:href>", depth0)),
                         sorted(re.findall(rb"<D:href>[^<]*</D:href>", body)))

    def test_sync_level_infinite_refused(self):
        body = sync_body("").replace("<D:sync-level>1</D:sync-level>", "<D:sync-level>infinite</D:sync-level>")
        status, _h, resp = self.req("REPORT", CAL, body, XML_HEADERS, "bupati")
        # A calendar has no child collections; infinite may be answered like 1 or refused.
        self.assertIn(status, (207, 403), self.describe(status, resp))

    def test_sync_through_shared_alias(self):
        alias = "/dav/calendars/pembaca/bupati~agenda/"
        self.put("bersama.ics", "bersama-1")
        ms = self.sync(cal=alias, user="pembaca")
        self.assertIn(alias + "bersama.ics", ms.hrefs())
        for h in ms.hrefs():
            self.assertTrue(h.startswith(alias.rstrip("/")), h)
        token = ms.sync_token
        self.put("bersama2.ics", "bersama-2")
        delta = self.sync(token, cal=alias, user="pembaca")
        self.assertEqual({alias + "bersama2.ics"}, delta.hrefs() - {alias, alias.rstrip("/")})

    def test_sync_invisible_calendar(self):
        status, _h, body = self.req("REPORT", "/dav/calendars/wakil/agenda/", sync_body(""), XML_HEADERS, "bupati")
        self.assertIn(status, (403, 404), self.describe(status, body))

    def test_ctag_and_token_change_on_every_write(self):
        seen_ctags = {self.ctag()}
        seen_tokens = {self.sync_token_prop()}

        def changed(what):
            ctag, token = self.ctag(), self.sync_token_prop()
            self.assertNotIn(ctag, seen_ctags, "getctag unchanged after " + what)
            self.assertNotIn(token, seen_tokens, "sync-token unchanged after " + what)
            seen_ctags.add(ctag)
            seen_tokens.add(token)

        etag = self.put("ctag.ics", "ctag-1")
        changed("create")
        self.put("ctag.ics", "ctag-1", summary="lagi")
        changed("update")
        self.assertEqual(204, self.req("DELETE", CAL + "ctag.ics", user="bupati")[0])
        changed("delete")
        self.assertNotEqual(None, etag)

        # a refused write changes nothing
        ctag, token = self.ctag(), self.sync_token_prop()
        status = self.req("PUT", CAL + "gagal.ics", b"bukan kalender", ICS_HEADERS, "bupati")[0]
        self.assertNotIn(status, (200, 201, 204))
        self.assertEqual(ctag, self.ctag())
        self.assertEqual(token, self.sync_token_prop())
        # and a read changes nothing
        self.req("GET", CAL + "tidak-ada.ics", user="bupati")
        self.assertEqual(ctag, self.ctag())

    def test_ctag_seen_by_reader_changes(self):
        alias = "/dav/calendars/pembaca/bupati~agenda/"
        before = self.ctag(alias, "pembaca")
        self.put("pembaca-lihat.ics", "pembaca-lihat")
        self.assertNotEqual(before, self.ctag(alias, "pembaca"))

    def test_limit_nresults(self):
        cal = "/dav/calendars/bupati/batas/"
        self.assertEqual(201, self.req("MKCALENDAR", cal, None, {}, "bupati")[0])
        for i in range(5):
            self.put("n%d.ics" % i, "batas-%d" % i, cal=cal)
        status, _h, body = self.req("REPORT", cal, sync_body("", limit=2), XML_HEADERS, "bupati")
        # RFC 6578 3.6/3.7: never more results than the limit: either truncate (a 507 response for the
        # collection) or refuse the request with DAV:number-of-matches-within-limits.
        if status == 207:
            ms = Multistatus(body)
            members = ms.hrefs() - {cal, cal.rstrip("/")}
            self.assertLessEqual(len(members), 2, members)
            truncated = ms.get(cal)
            self.assertIsNotNone(truncated, "a truncated answer names the collection")
            self.assertEqual(507, truncated.status)
        else:
            self.assertError((status, _h, body), (403, 507), "D:number-of-matches-within-limits")


class ChangeLogBoundTest(ServerTestCase):
    """Deleted names are remembered for at most changes_per_calendar deletions:
    a client whose token is older gets 403 DAV:valid-sync-token (RFC 6578
    section 3.2) and syncs again from no token."""

    USERS = (("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),)
    SERVER_OPTIONS = {"quota.changes_per_calendar": 10}

    def sync(self, token):
        return self.req("REPORT", CAL, sync_body(token), XML_HEADERS, "bupati")

    def test_a_token_older_than_the_kept_deletions_must_resync(self):
        self.assertStatus(self.req("PUT", CAL + "tetap.ics", event_ics("tetap"), ICS_HEADERS, "bupati"), 201)
        old = self.multistatus(self.sync(""))
        self.assertTrue(old.sync_token)
        ctag = self.propfind(CAL, "bupati", "CS:getctag").get(CAL).text("CS:getctag")
        for i in range(12):
            name = CAL + "sementara-%d.ics" % i
            self.assertStatus(self.req("PUT", name, event_ics("sementara-%d" % i), ICS_HEADERS, "bupati"), 201)
            self.assertStatus(self.req("DELETE", name, None, {}, "bupati"), 204)

        answer = self.sync(old.sync_token)
        self.assertError(answer, (403,), "D:valid-sync-token")
        self.assertIn(b"synchronise again", answer[2])
        # Starting over gives what exists now, and a newer token.
        fresh = self.multistatus(self.sync(""))
        self.assertEqual({CAL + "tetap.ics"}, fresh.hrefs() - {CAL, CAL.rstrip("/")})
        self.assertNotEqual(old.sync_token, fresh.sync_token)
        self.assertGreater(int(fresh.sync_token.rsplit(":", 1)[1]), int(old.sync_token.rsplit(":", 1)[1]))
        self.assertNotEqual(ctag, self.propfind(CAL, "bupati", "CS:getctag").get(CAL).text("CS:getctag"))
        # A token within the kept deletions still gets the delta.
        self.assertStatus(self.req("DELETE", CAL + "tetap.ics", None, {}, "bupati"), 204)
        delta = self.multistatus(self.sync(fresh.sync_token))
        self.assertEqual(404, delta.get(CAL + "tetap.ics").status)


if __name__ == "__main__":
    unittest.main()

"""How each role performs the feed cases of the authorisation matrix: the
account page (/staf/akun), creating a feed of the leader's agenda, revoking
another user's feed, and fetching feeds (/ics/<token>.ics), where the token
is the only credential. Mixed into authz_world.World."""

import datetime
import re

FEED_URL = re.compile(r"/ics/[0-9a-f]{64}\.ics$")


class FeedCases:
    """Needs from World: web(role), db(), fresh(prefix) and put_as(user, path, body)."""

    _feeds = None
    _feed_event = False

    def ensure_feed_event(self):
        """An event on the leader's agenda inside every feed's window (the world's own is years ahead)."""
        if not self._feed_event:
            day = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=2)
            start = day.strftime("%Y%m%dT030000Z")
            from authz_world import event
            self.put_as("admin", "/dav/calendars/bupati/agenda/matriks-umpan.ics",
                        event("matriks-umpan", start=start, end=start.replace("T03", "T04"), summary="Matriks umpan"))
            self._feed_event = True

    def leader_agenda_id(self):
        with self.db() as conn:
            return conn.execute("SELECT c.id FROM calendars c JOIN users u ON u.id = c.owner_id "
                                "WHERE u.name = 'bupati' AND c.slug = 'agenda'").fetchone()[0]

    def feeds_named(self, name):
        with self.db() as conn:
            return conn.execute("SELECT COUNT(*) FROM feeds WHERE name = ?", (name,)).fetchone()[0]

    def make_feed(self, role, name):
        """(status, feed path or None) of a feed of the leader's agenda made through `role`'s page."""
        session = self.web(role)
        page = session.get("/staf/akun")
        token = page.field("csrf") or ""
        answer = session.post_form("/staf/akun", [("csrf", token), ("aksi", "buat"), ("nama", name),
                                                  ("kalender", str(self.leader_agenda_id()))])
        box = answer.by_id("alamat-https") if answer.status == 200 else None
        url = box.get("value") if box is not None else ""
        found = FEED_URL.search(url)
        return answer, found.group(0) if found else None

    def aide_feeds(self):
        """The aide's feeds of the leader's agenda: one live, one revoked (made once)."""
        if self._feeds is None:
            live = self.make_feed("aide", "Matriks hidup")[1]
            revoked = self.make_feed("aide", "Matriks dicabut")[1]
            session = self.web("aide")
            page = session.get("/staf/akun")
            for form in page.forms():
                if "Matriks dicabut" in (form.parent.text if form.parent else ""):
                    fields = [(e.get("name"), e.get("value")) for e in page.within(form, "input")]
                    session.post_form("/staf/akun", fields)
            ids = [e.get("value") for e in page.elements("input", name="umpan")]
            self._feeds = {"live": live, "revoked": revoked, "ids": ids}
        return self._feeds

    def answered(self, page, scene=None):
        from authz_world import Answer, Scene  # imported here: authz_world imports this module
        return Answer(page.status, page.headers, page.body), scene or Scene(self)

    def case_account(self, row, role, cell):
        return self.answered(self.web(role).get("/staf/akun"))

    def case_feed_create(self, row, role, cell):
        name = self.fresh("Matriks buat")
        answer, path = self.make_feed(role, name)
        from authz_world import Scene
        scene = Scene(self)
        scene.feed_name, scene.feed_path = name, path
        return self.answered(answer, scene)

    def case_feed_revoke_foreign(self, row, role, cell):
        feeds = self.aide_feeds()
        session = self.web(role)
        token = session.get("/staf/akun").field("csrf") or ""
        page = None
        for feed_id in feeds["ids"]:
            page = session.post_form("/staf/akun", [("csrf", token), ("aksi", "cabut"), ("umpan", feed_id)])
        return self.answered(page)

    def case_feed(self, row, role, cell):
        return self.answered(self.web(role).get(self.aide_feeds()["live"]))

    def case_feed_revoked(self, row, role, cell):
        return self.answered(self.web(role).get(self.aide_feeds()["revoked"]))

    def case_feed_unknown(self, row, role, cell):
        return self.answered(self.web(role).get("/ics/%s.ics" % ("0" * 64)))

    def effect_feed_made(self, scene, role, answer, row):
        assert scene.feed_path, "the page shows no feed address"
        self.ensure_feed_event()
        served = self.web("anonymous").get(scene.feed_path)
        assert served.status == 200 and b"UID:matriks-umpan" in served.body, "the feed does not serve the leader's event"

    def effect_no_feed(self, scene, role, answer, row):
        assert self.feeds_named(scene.feed_name) == 0, "a feed was stored"

    def effect_feed_kept(self, scene, role, answer, row):
        assert self.web("anonymous").get(self.aide_feeds()["live"]).status == 200, "the aide's feed was revoked"

"""How each role performs the first-screen cases of the authorisation matrix: /staf
is the inbox for staff and the agenda for the others, each seeing only the
calendars they may read. Mixed into authz_world.World."""

import datetime

from jadwal_requests import CODE_PATTERN, WIB

# One event today on each calendar the cases tell apart.
BUPATI_EVENT = "Agenda Bupati Matriks"
WABUP_EVENT = "Agenda Wabup Matriks"
SHARED_EVENT = "Agenda Bersama Humas"  # on a Sekda calendar shared read with the viewer
OWN_EVENT = {"wabup": WABUP_EVENT, "sekda": SHARED_EVENT}


def _today_event(uid, summary):
    day = datetime.datetime.now(WIB).date().strftime("%Y%m%d")
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Jadwal tests//EN", "BEGIN:VEVENT", "UID:" + uid,
                        "DTSTAMP:20240101T000000Z", "DTSTART;TZID=Asia/Jakarta:%sT100000" % day,
                        "DTEND;TZID=Asia/Jakarta:%sT110000" % day, "SUMMARY:" + summary, "END:VEVENT",
                        "END:VCALENDAR", ""])


class HomeCases:
    """Needs from World: web(role), srv, put_as() and the matrix's ROLE_USERS."""

    def home_world(self):
        if getattr(self, "_home_built", False):
            return
        self.srv.cli("calendar", "add", "sekda/terbuka", "--name", "Agenda Terbuka")
        self.srv.share("sekda/terbuka", "humas", "read")
        self.put_as("admin", "/dav/calendars/bupati/agenda/beranda-bupati.ics", _today_event("beranda-b", BUPATI_EVENT))
        self.put_as("admin", "/dav/calendars/wabup/agenda/beranda-wabup.ics", _today_event("beranda-w", WABUP_EVENT))
        self.put_as("admin", "/dav/calendars/sekda/terbuka/beranda-humas.ics", _today_event("beranda-h", SHARED_EVENT))
        self._home_built = True

    def case_home(self, row, role, cell):
        self.home_world()
        page = self.web(role).get("/staf")
        return _world().Answer(page.status, page.headers, page.body), _world().Scene(self)

    @staticmethod
    def _text(answer):
        return answer.body.decode("utf-8", "replace")

    def effect_home_bupati(self, scene, role, answer, row):
        text = self._text(answer)
        assert BUPATI_EVENT in text, "the Bupati's event is missing"
        for other in (WABUP_EVENT, SHARED_EVENT):
            assert other not in text, "another leader's event is shown: " + other
        assert "/disposisi" in text, "no disposition buttons"
        assert not CODE_PATTERN.search(text), "a tracking code is shown"

    def effect_home_own(self, scene, role, answer, row):
        text = self._text(answer)
        user = _matrix().ROLE_USERS[role]
        assert OWN_EVENT[user] in text, "the leader's own event is missing"
        assert BUPATI_EVENT not in text, "the Bupati's event is shown"
        assert not CODE_PATTERN.search(text), "a tracking code is shown"

    def effect_home_shared(self, scene, role, answer, row):
        text = self._text(answer)
        assert SHARED_EVENT in text, "the shared calendar's event is missing"
        for other in (BUPATI_EVENT, WABUP_EVENT):
            assert other not in text, "an unshared calendar's event is shown: " + other
        for refused in ("/disposisi", 'href="/staf/permohonan', 'href="/staf/arsip', 'href="/staf/rekap'):
            assert refused not in text, "offers " + refused

    def effect_home_inbox(self, scene, role, answer, row):
        text = self._text(answer)
        assert "Permohonan Kegiatan" in text and "Menunggu disposisi" not in text, "not the inbox"


def _world():
    import authz_world  # the module that mixes this class in
    return authz_world


def _matrix():
    import authz_matrix
    return authz_matrix

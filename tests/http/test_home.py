"""The first screen of leaders, aides and viewers (/staf): the agenda of today and the
next days from every source (an approved request, events PUT as Thunderbird writes
them), each event's letter one tap away, the requests waiting for the leader's
disposition with its answers on top; the viewer's read-only agenda; staff keep the
inbox; and every staff page has a way home and out."""

import re
import unittest
import urllib.parse

from agenda_fixtures import AgendaTestCase, day_ahead
from jadwal_requests import CODE_PATTERN, valid_fields

TODAY = day_ahead(0)
LETTER_LINK = re.compile(r"^/lampiran/\d+/[^/]+$")
ATTACHED = "https://dokumen.example.go.id/undangan-rakor.pdf"


def today_fields(**overrides):
    fields = dict(tanggal=TODAY.isoformat(), tanggal_surat=day_ahead(-20).isoformat(), jam_mulai="09:00",
                  jam_selesai="11:00")
    fields.update(overrides)
    return valid_fields(**fields)


class HomeTestCase(AgendaTestCase):

    SERVER_OPTIONS = dict(AgendaTestCase.SERVER_OPTIONS, submissions_per_hour=100000)

    @classmethod
    def setup_data(cls):
        # A calendar of the Sekda's shared read with the viewer (humas).
        cls.srv.cli("calendar", "add", "sekda/siaran-pers", "--name", "Siaran Pers")
        cls.srv.share("sekda/siaran-pers", "humas", "read")
        cls.put("sekda", TODAY, "15:00", "16:00", slug="siaran-pers", summary="Jumpa Pers Sekda")
        cls.put("bupati", TODAY, "13:00", "14:00", summary="Rapat Koordinasi Inflasi Daerah",
                location="Ruang Rapat Bupati", description="Pakaian: PDH", extra=["ATTACH:" + ATTACHED])
        cls.put("bupati", TODAY, "16:00", "17:00", summary="Tautan Berbahaya", extra=["URL:javascript:alert(1)"])
        cls.put("bupati", day_ahead(1), "08:00", "09:00", summary="Upacara Hari Besok")
        cls.put("bupati", day_ahead(12), "08:00", "09:00", summary="Acara Bulan Depan")
        cls.put("wabup", TODAY, "10:00", "11:00", summary="Kunjungan Kerja Wakil Bupati")

    def approved_today(self, name):
        """A request for the Bupati today, approved: its event is on his agenda with the letter."""
        code, request_id = self.new_request("diverifikasi", today_fields(nama_kegiatan=name))
        self.decide(request_id, "approve", pimpinan="bupati")
        return request_id

    def pending(self, name, leaders=("bupati",)):
        code, request_id = self.new_request("diajukan", today_fields(nama_kegiatan=name, pimpinan=list(leaders),
                                                                      tanggal=day_ahead(3).isoformat()))
        return request_id

    def home(self, user):
        page = self.staff(user).get("/staf")
        self.assertEqual(200, page.status, page.describe())
        return page

    def disposition_forms(self, page, request_id):
        action = "/staf/permohonan/%d/disposisi" % request_id
        return [f for f in page.forms() if urllib.parse.urlsplit(f.get("action", "")).path == action]

    def choices(self, page, request_id):
        found = set()
        for form in self.disposition_forms(page, request_id):
            for element in page.within(form):
                if element.get("name") == "pilihan":
                    found.add(element.get("value"))
        return found


class LeaderHomeTest(HomeTestCase):

    def test_the_leaders_first_screen_is_the_agenda_from_every_source(self):
        self.approved_today("Peresmian Pasar Rakyat Indralaya")
        page = self.home("bupati")
        text = page.visible_text
        self.assertEqual(["Agenda"], [h.text for h in page.elements("h1")])
        self.assertIn("Hari ini", text)
        self.assertIn("Besok", text)
        for shown in ("Peresmian Pasar Rakyat Indralaya", "09.00–11.00 WIB", "Rapat Koordinasi Inflasi Daerah",
                      "Ruang Rapat Bupati", "PDH", "Upacara Hari Besok"):
            self.assertIn(shown, text)
        for hidden in ("Kunjungan Kerja Wakil Bupati", "Jumpa Pers Sekda", "Acara Bulan Depan"):
            self.assertNotIn(hidden, text)
        self.assertLess(text.index("Peresmian Pasar Rakyat Indralaya"), text.index("Rapat Koordinasi Inflasi Daerah"))
        self.assertLess(text.index("Rapat Koordinasi Inflasi Daerah"), text.index("Upacara Hari Besok"))
        self.assertIsNone(CODE_PATTERN.search(page.text), "no tracking code on the leader's screen")
        # The inbox stays one link away, not the first screen.
        self.assertIn("/staf/permohonan", page.links())
        self.assertNotIn("Permohonan Kegiatan", [h.text for h in page.elements("h1")])

    def test_each_event_has_its_letter_one_tap_away(self):
        self.approved_today("Pembukaan Festival Songket")
        page = self.home("bupati")
        letters = [e for e in page.elements("a", class_="tombol-surat")]
        hrefs = [e.get("href") for e in letters]
        self.assertIn(ATTACHED, hrefs, "a hand-entered event's ATTACH is its link")
        requested = [h for h in hrefs if LETTER_LINK.match(h)]
        self.assertTrue(requested, "the request's event links its letter: %r" % hrefs)
        letter = self.staff("bupati").get(requested[0])
        self.assertEqual(200, letter.status, letter.describe())
        self.assertEqual("application/pdf", letter.headers.get("content-type"))
        self.assertFalse([h for h in page.links() if h.lower().startswith("javascript")],
                         "a javascript: URL typed in a calendar is never a link")
        self.assertIn("Tautan Berbahaya", page.visible_text)

    def test_requests_waiting_for_the_disposition_with_the_buttons_on_top(self):
        waiting = self.pending("Pelantikan Pengurus Karang Taruna")
        elsewhere = self.pending("Rapat Kerja Wakil Bupati", leaders=("wabup",))
        decided = self.approved_today("Apel Gabungan yang Sudah Disetujui")
        page = self.home("bupati")
        text = page.visible_text
        self.assertIn("Menunggu disposisi", text)
        self.assertIn("Pelantikan Pengurus Karang Taruna", text)
        self.assertNotIn("Rapat Kerja Wakil Bupati", text)
        self.assertEqual({"hadir", "diwakilkan", "tidak_hadir"}, self.choices(page, waiting))
        self.assertEqual(set(), self.choices(page, elsewhere))
        self.assertEqual(set(), self.choices(page, decided))
        # The agenda comes first, then the requests; in each card the buttons come before the title.
        self.assertLess(text.index("Hari ini"), text.index("Menunggu disposisi"))
        card = page.by_id("menunggu-%d-bupati" % waiting)
        inside = page.within(card)
        first_button = next(i for i, e in enumerate(inside) if e.tag == "button")
        title = next(i for i, e in enumerate(inside) if e.tag == "a" and e.get("href") == "/staf/permohonan/%d" % waiting)
        self.assertLess(first_button, title)
        self.assertTrue([h for h in (e.get("href") for e in page.within(card, "a")) if LETTER_LINK.match(h or "")],
                        "the waiting request's letter is linked")

    def post_choice(self, page, request_id, choice, **extra):
        for form in self.disposition_forms(page, request_id):
            names = {e.get("value") for e in page.within(form) if e.get("name") == "pilihan"}
            if choice in names:
                pairs = [(e.get("name"), e.get("value", "")) for e in page.within(form, "input")
                         if e.get("type") == "hidden"]
                if ("pilihan", choice) not in pairs:
                    pairs.append(("pilihan", choice))
                pairs += list(extra.items())
                return self.staff("bupati").post_form(form.get("action"), pairs)
        self.fail("no %s button for request %d" % (choice, request_id))

    def test_a_disposition_from_the_first_screen_is_recorded(self):
        first = self.pending("Musyawarah Perencanaan Pembangunan")
        second = self.pending("Lomba Perahu Bidar")
        page = self.home("bupati")
        answer = self.post_choice(page, first, "hadir")
        self.assertEqual(303, answer.status, answer.describe())
        # Back on the first screen, to the next request waiting, with the answer saved.
        self.assertEqual("/staf?pesan=disposisi", answer.location)
        back = self.staff("bupati").get(answer.location)
        self.assertIn("Disposisi disimpan.", back.by_id("disposisi-tersimpan").text)
        self.assertEqual(set(), self.choices(back, first), "answered: no longer waiting")
        self.assertEqual({"hadir", "diwakilkan", "tidak_hadir"}, self.choices(back, second))
        shown = self.request_page(first, "bupati")
        self.assertIn("Hadir", shown.visible_text)
        self.assertIn("Bupati Ogan Ilir", shown.visible_text)
        answer = self.post_choice(self.home("bupati"), second, "diwakilkan", wakil="Kepala Dinas Pariwisata")
        self.assertEqual(303, answer.status, answer.describe())
        self.assertIn("Kepala Dinas Pariwisata", self.request_page(second, "bupati").visible_text)
        page = self.home("bupati")
        self.assertNotIn("Musyawarah Perencanaan Pembangunan", page.visible_text, "answered: no longer waiting")
        self.assertNotIn("Lomba Perahu Bidar", page.visible_text)
        self.assertEqual(set(), self.choices(page, first))

    def test_the_aide_sees_the_assigned_leaders_agenda_only(self):
        waiting = self.pending("Peletakan Batu Pertama Masjid")
        elsewhere = self.pending("Sosialisasi Wakil Bupati", leaders=("wabup",))
        page = self.home("ajudan.bupati")
        text = page.visible_text
        self.assertIn("Rapat Koordinasi Inflasi Daerah", text)
        self.assertIn("BUPATI OGAN ILIR", text)
        for hidden in ("Kunjungan Kerja Wakil Bupati", "WAKIL BUPATI OGAN ILIR", "Jumpa Pers Sekda",
                       "Sosialisasi Wakil Bupati"):
            self.assertNotIn(hidden, text)
        self.assertEqual({"hadir", "diwakilkan", "tidak_hadir"}, self.choices(page, waiting))
        self.assertEqual(set(), self.choices(page, elsewhere))
        self.assertIn("/staf/permohonan", page.links())

    def test_the_inbox_stays_reachable_for_leaders(self):
        waiting = self.pending("Rapat Dengar Pendapat")
        inbox = self.staff("bupati").get("/staf/permohonan")
        self.assertEqual(200, inbox.status, inbox.describe())
        self.assertIn("Rapat Dengar Pendapat", inbox.visible_text)
        self.assertIn("/staf/permohonan/%d" % waiting, inbox.links())
        # Its filters stay the inbox, and "all" leads back to it rather than to the agenda.
        filtered = self.staff("bupati").get("/staf?status=diajukan")
        self.assertEqual(200, filtered.status)
        self.assertIn("Rapat Dengar Pendapat", filtered.visible_text)
        self.assertIn("/staf/permohonan", filtered.links())
        self.assertNotIn("/staf?", [l for l in filtered.links() if l == "/staf?"])

    def test_staff_keep_the_inbox(self):
        for user in ("protokol", "admin"):
            with self.subTest(user=user):
                page = self.home(user)
                self.assertEqual(["Permohonan Kegiatan"], [h.text for h in page.elements("h1")])
                self.assertNotIn("Menunggu disposisi", page.visible_text)

    def test_the_viewer_gets_the_read_only_agenda_of_shared_calendars(self):
        self.pending("Rapat yang Tidak untuk Humas")
        page = self.home("humas")
        text = page.visible_text
        self.assertIn("Jumpa Pers Sekda", text)
        for hidden in ("Rapat Koordinasi Inflasi Daerah", "Kunjungan Kerja Wakil Bupati", "Menunggu disposisi",
                       "Rapat yang Tidak untuk Humas"):
            self.assertNotIn(hidden, text)
        self.assertFalse([f for f in page.forms() if "/disposisi" in f.get("action", "")])
        self.assertFalse(page.elements("button", name="pilihan"))
        for refused in ("/staf/permohonan", "/staf/arsip", "/staf/rekap"):
            self.assertFalse([l for l in page.links() if l.startswith(refused)], "%s is not offered" % refused)
        self.assertIn("/staf/agenda", page.links())
        # The pages a viewer may not open say so with a way back.
        refused = self.staff("humas").get("/staf/permohonan")
        self.assertEqual(403, refused.status)
        self.assertIn("/staf", refused.links())


class WayOutTest(HomeTestCase):
    """Every staff page has a link to the user's first screen and the logout; every
    refusal has a link back."""

    PAGES = ("/staf", "/staf/permohonan", "/staf/agenda", "/staf/arsip", "/staf/rekap", "/staf/akun",
             "/staf/akun/agenda-pagi", "/staf/permohonan/{id}", "/staf/permohonan/999999")

    def test_every_staff_page_has_the_home_and_logout_links(self):
        request_id = self.pending("Halal Bihalal Pegawai")
        for user in ("protokol", "admin", "bupati", "ajudan.bupati", "wabup", "humas"):
            for path in self.PAGES:
                path = path.format(id=request_id)
                with self.subTest(user=user, path=path):
                    page = self.staff(user).get(path)
                    self.assertLess(page.status, 500, page.describe())
                    self.assertIn("/staf", page.links(), "a way to the first screen: " + page.describe())
                    if page.status == 200:
                        logout = [f for f in page.forms() if f.get("action") == "/staf/keluar"]
                        self.assertEqual(1, len(logout), "Keluar on " + path)
                        self.assertIn("Keluar", page.visible_text)

    def test_the_home_link_is_named_for_the_user(self):
        self.assertIn("Beranda", [e.text for e in self.home("bupati").elements("a") if e.get("href") == "/staf"])
        self.assertIn("Kotak masuk", [e.text for e in self.home("protokol").elements("a") if e.get("href") == "/staf"])


class HomeBoundsTest(HomeTestCase):
    """[agenda] home_days and home_requests bound the first screen."""

    SERVER_OPTIONS = dict(HomeTestCase.SERVER_OPTIONS, **{"agenda.home_days": 2, "agenda.home_requests": 1})

    def test_days_and_requests_are_bounded(self):
        self.put("bupati", day_ahead(2), "08:00", "09:00", summary="Lusa di Luar Batas")
        first = self.pending("Permohonan Pertama")
        self.pending("Permohonan Kedua")
        page = self.home("bupati")
        text = page.visible_text
        self.assertIn("Upacara Hari Besok", text)
        self.assertNotIn("Lusa di Luar Batas", text)
        self.assertEqual(2, len([s for s in page.elements("section") if "agenda-blok" in s.get("class", "")]))
        self.assertEqual({"hadir", "diwakilkan", "tidak_hadir"}, self.choices(page, first))
        self.assertNotIn("Permohonan Kedua", text)
        self.assertIn("1 permohonan lain menunggu", text)


if __name__ == "__main__":
    unittest.main()

"""The staff desk: the inbox as a dense table (received, activity date and time,
leader, institution, state) sortable by its columns with the filters and the
order kept in every link; its markers for conflicts, likely duplicates and
requests close to their date; and the request page with the decisions at the
top and the event's WhatsApp text right after a decision."""

import datetime
import re
import unittest
import urllib.parse

from jadwal_requests import WIB, RequestTestCase, activity_day, submit_request, valid_fields

PAGE_SIZE = 20


def query_of(link):
    return urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)


def rows_of(page):
    """Each table row of the inbox as {column class: text}, in order."""
    table = page.elements("table", class_="tabel-meja")
    if not table:
        return []
    rows = []
    for row in page.within(table[0], "tr"):
        if "baris-permohonan" not in row.get("class", ""):
            continue
        cells = {}
        for cell in page.within(row, "td"):
            for name in cell.get("class", "").split():
                if name.startswith("kolom-"):
                    cells[name[len("kolom-"):]] = cell.text
        rows.append(cells)
    return rows


class InboxTableTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 1000}

    @classmethod
    def setup_data(cls):
        # Distinct contacts and letter numbers: none of these is a duplicate of another.
        def fields(n, **overrides):
            base = dict(whatsapp="0812-7000-%04d" % n, email="tabel%d@example.org" % n,
                        nomor_surat="800/%03d/TABEL/2025" % n)
            base.update(overrides)
            return valid_fields(**base)
        cls.late = submit_request(cls.srv, fields(1, nama_kegiatan="Kegiatan Paling Akhir", instansi="Camat Pemulutan",
                                                  tanggal=activity_day(30).isoformat()))
        cls.early = submit_request(cls.srv, fields(2, nama_kegiatan="Kegiatan Paling Awal", instansi="Bappeda",
                                                   tanggal=activity_day(10).isoformat(), pimpinan=["wabup"]))
        cls.middle = submit_request(cls.srv, fields(3, nama_kegiatan="Kegiatan Tengah", instansi="Dinas Kesehatan",
                                                    tanggal=activity_day(20).isoformat(), pimpinan=["sekda"]))
        # Enough of one kind to page: 21 more with the same institution and words.
        for n in range(PAGE_SIZE + 1):
            submit_request(cls.srv, fields(100 + n, nama_kegiatan="Lomba Bidar Ke-%d" % n, instansi="Dinas Pariwisata",
                                           tanggal=activity_day(40).isoformat()))

    def inbox(self, query=""):
        page = self.staff().get("/staf" + query)
        self.assertEqual(200, page.status, page.describe())
        return page

    def test_the_inbox_is_a_table_with_the_desk_columns(self):
        page = self.inbox("?q=Kegiatan")
        headings = [th.text for th in page.elements("th")]
        for heading in ("Diterima", "Tanggal kegiatan", "Pimpinan", "Instansi", "Status", "Kegiatan"):
            self.assertTrue(any(h.startswith(heading) for h in headings), "%r among %r" % (heading, headings))
        rows = rows_of(page)
        self.assertEqual(3, len(rows), rows)
        middle = [r for r in rows if "Kegiatan Tengah" in r["kegiatan"]][0]
        self.assertEqual("Sekretaris Daerah", middle["pimpinan"])
        self.assertEqual("Dinas Kesehatan", middle["instansi"])
        self.assertEqual("Diajukan", middle["status"])
        day = activity_day(20)
        self.assertIn(str(day.day), middle["tanggal"])
        self.assertIn("09.00", middle["tanggal"], "the activity's time is in its column")
        self.assertIn(self.middle, middle["kegiatan"], "staff read the tracking code in the row")
        today = datetime.datetime.now(WIB).date()
        self.assertIn(str(today.year), middle["diterima"])
        self.assertRegex(middle["diterima"], r"\d\d\.\d\d", "the received time is written with its hour")
        for cell in page.elements("td"):
            self.assertTrue(cell.get("data-label"), "each cell names its column for the phone's cards")

    def test_sorting_by_each_column(self):
        def order(query):
            return [r["kegiatan"].split(" #")[0] for r in rows_of(self.inbox("?q=Kegiatan" + query))]
        newest_first = ["Kegiatan Tengah", "Kegiatan Paling Awal", "Kegiatan Paling Akhir"]
        self.assertEqual(newest_first, order(""))
        self.assertEqual(newest_first[::-1], order("&urut=diterima&arah=asc"))
        self.assertEqual(["Kegiatan Paling Awal", "Kegiatan Tengah", "Kegiatan Paling Akhir"],
                         order("&urut=tanggal&arah=asc"))
        self.assertEqual(["Kegiatan Paling Akhir", "Kegiatan Tengah", "Kegiatan Paling Awal"],
                         order("&urut=tanggal&arah=desc"))
        self.assertEqual(["Kegiatan Paling Awal", "Kegiatan Paling Akhir", "Kegiatan Tengah"],
                         order("&urut=instansi&arah=asc"))
        # Leaders by display name: Bupati Ogan Ilir, Sekretaris Daerah, Wakil Bupati Ogan Ilir.
        self.assertEqual(["Kegiatan Paling Akhir", "Kegiatan Tengah", "Kegiatan Paling Awal"],
                         order("&urut=pimpinan&arah=asc"))
        self.assertEqual(newest_first, order("&urut=tidak-ada&arah=ke-samping"), "unknown values: the default")

    def test_states_sort_and_the_heading_says_which(self):
        verified = self.request_id(self.early)
        self.decide(verified, "verify")
        page = self.inbox("?q=Kegiatan&urut=status&arah=desc")
        self.assertEqual("Diverifikasi", rows_of(page)[0]["status"])
        sorted_by = [th for th in page.elements("th") if th.get("aria-sort")]
        self.assertEqual(1, len(sorted_by))
        self.assertEqual("descending", sorted_by[0].get("aria-sort"))
        self.assertIn("urut turun", sorted_by[0].text, "the order is said in words, not by an arrow alone")

    def test_heading_links_sort_and_keep_the_filters(self):
        page = self.inbox("?status=diajukan&q=Kegiatan")
        links = {a.text.split(" ")[0]: a.get("href") for th in page.elements("th") for a in page.within(th, "a")}
        activity = query_of(links["Tanggal"])
        self.assertEqual(["tanggal"], activity["urut"])
        self.assertEqual(["asc"], activity["arah"], "the soonest activity first on the first click")
        self.assertEqual(["diajukan"], activity["status"])
        self.assertEqual(["Kegiatan"], activity["q"])
        received = query_of(links["Diterima"])
        self.assertEqual(["asc"], received["arah"], "the current column's link turns the order round")
        # Sorted, the tabs and the search keep the order.
        page = self.inbox("?q=Kegiatan&urut=instansi&arah=desc")
        for tab in page.within(page.elements("ul", class_="tab-status")[0], "a"):
            kept = query_of(tab.get("href"))
            self.assertEqual((["instansi"], ["desc"], ["Kegiatan"]), (kept["urut"], kept["arah"], kept["q"]),
                             tab.get("href"))
        self.assertEqual("instansi", page.field("urut", "/staf"))
        self.assertEqual("desc", page.field("arah", "/staf"))

    def test_paging_links_keep_the_filters_and_the_order(self):
        page = self.inbox("?status=diajukan&q=Bidar&urut=tanggal&arah=asc")
        self.assertEqual(PAGE_SIZE, len(rows_of(page)))
        following = [a.get("href") for a in page.elements("a", rel="next")]
        self.assertEqual(1, len(following), page.describe())
        kept = query_of(following[0])
        self.assertEqual({"status": ["diajukan"], "q": ["Bidar"], "urut": ["tanggal"], "arah": ["asc"],
                          "hal": ["2"]}, kept)
        second = self.inbox(following[0][len("/staf"):])
        self.assertEqual(1, len(rows_of(second)))
        back = [a.get("href") for a in second.elements("a", rel="prev")]
        self.assertEqual({"status": ["diajukan"], "q": ["Bidar"], "urut": ["tanggal"], "arah": ["asc"]},
                         query_of(back[0]))


class InboxMarkersTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 1000}  # near_date_days: 3 by default

    def inbox_row(self, code):
        page = self.staff().get("/staf?q=" + urllib.parse.quote(code))
        self.assertEqual(200, page.status, page.describe())
        rows = [r for r in rows_of(page) if code in r["kegiatan"]]
        self.assertEqual(1, len(rows), page.describe())
        return rows[0], page

    def markers(self, code, kind):
        _, page = self.inbox_row(code)
        return [e for e in page.elements("span", class_="tanda-" + kind)]

    def test_the_same_whatsapp_on_the_same_day_is_a_likely_duplicate(self):
        day = activity_day(25).isoformat()
        first = submit_request(self.srv, valid_fields(whatsapp="0812-5555-0001", email="satu@example.org",
                                                      nomor_surat="1/GANDA/WA", tanggal=day))
        second = submit_request(self.srv, valid_fields(whatsapp="+62 812 5555 0001", email="dua@example.org",
                                                       nomor_surat="2/GANDA/WA", tanggal=day))
        other_day = submit_request(self.srv, valid_fields(whatsapp="081255550001", email="tiga@example.org",
                                                          nomor_surat="3/GANDA/WA",
                                                          tanggal=activity_day(26).isoformat()))
        for code, other in ((first, second), (second, first)):
            marks = self.markers(code, "ganda")
            self.assertEqual(1, len(marks), code)
            self.assertIn("Mungkin ganda", marks[0].text)
            self.assertIn("#%d" % self.request_id(other), marks[0].text)
            self.assertIn("WhatsApp", marks[0].get("title"), "the marker says why")
        self.assertEqual([], self.markers(other_day, "ganda"), "the same number on another day is no duplicate")
        # Leaders and aides are not told of other requests, which may be addressed to someone else.
        for user in ("bupati", "ajudan.bupati"):
            page = self.staff(user).get("/staf")
            self.assertEqual(200, page.status)
            self.assertEqual([], page.elements("span", class_="tanda-ganda"), user)

    def test_the_same_letter_number_on_the_same_day_is_a_likely_duplicate(self):
        day = activity_day(27).isoformat()
        first = submit_request(self.srv, valid_fields(whatsapp="0812-6666-0001", email="a@example.org",
                                                      nomor_surat="005/77/DISDIK/2025", tanggal=day))
        second = submit_request(self.srv, valid_fields(whatsapp="0812-6666-0002", email="b@example.org",
                                                       nomor_surat="005/77/disdik/2025 ", tanggal=day))
        alone = submit_request(self.srv, valid_fields(whatsapp="0812-6666-0003", email="c@example.org",
                                                      nomor_surat="006/77/DISDIK/2025", tanggal=day))
        self.assertIn("#%d" % self.request_id(second), self.markers(first, "ganda")[0].text)
        self.assertIn("#%d" % self.request_id(first), self.markers(second, "ganda")[0].text)
        self.assertEqual([], self.markers(alone, "ganda"))

    def test_a_request_close_to_its_date_is_marked(self):
        soon = submit_request(self.srv, valid_fields(nama_kegiatan="Kegiatan Besok", whatsapp="0812-7777-0001",
                                                     email="besok@example.org", nomor_surat="1/DEKAT",
                                                     tanggal=activity_day(1).isoformat()))
        later = submit_request(self.srv, valid_fields(nama_kegiatan="Kegiatan Bulan Depan",
                                                      whatsapp="0812-7777-0002", email="nanti@example.org",
                                                      nomor_surat="2/DEKAT", tanggal=activity_day(30).isoformat()))
        marks = self.markers(soon, "dekat")
        self.assertEqual(1, len(marks))
        self.assertIn("Segera", marks[0].text)
        self.assertIn("3 hari", marks[0].get("title"))
        self.assertEqual([], self.markers(later, "dekat"))

    def test_a_request_overlapping_a_confirmed_event_is_marked(self):
        day = activity_day(33).isoformat()
        _, approved = self.new_request("diverifikasi", valid_fields(
            nama_kegiatan="Rapat Paripurna DPRD", whatsapp="0812-8888-0001", email="dprd@example.org",
            nomor_surat="1/BENTROK", tanggal=day, jam_mulai="09:00", jam_selesai="11:00"))
        self.decide(approved, "approve", pimpinan="bupati")
        clash = submit_request(self.srv, valid_fields(nama_kegiatan="Panen Raya", whatsapp="0812-8888-0002",
                                                      email="panen@example.org", nomor_surat="2/BENTROK",
                                                      tanggal=day, jam_mulai="10:00", jam_selesai="12:00"))
        free = submit_request(self.srv, valid_fields(nama_kegiatan="Senam Pagi", whatsapp="0812-8888-0003",
                                                     email="senam@example.org", nomor_surat="3/BENTROK",
                                                     tanggal=day, jam_mulai="06:00", jam_selesai="07:00"))
        marks = self.markers(clash, "bentrok")
        self.assertEqual(1, len(marks))
        self.assertIn("Bentrok", marks[0].text)
        self.assertIn("Rapat Paripurna DPRD", marks[0].get("title"), "the marker names the other event")
        self.assertIn("Rapat Paripurna DPRD", marks[0].text, "in text too, for screen readers")
        self.assertEqual([], self.markers(free, "bentrok"))
        # The approved request's own event is no conflict with itself.
        row, page = self.inbox_row("Rapat Paripurna DPRD")
        self.assertEqual([], page.elements("span", class_="tanda-bentrok"))


class NearDateDaysTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 1000, "workflow.near_date_days": 10}

    def test_the_configured_days_mark_a_request(self):
        code = submit_request(self.srv, valid_fields(tanggal=activity_day(7).isoformat()))
        page = self.staff().get("/staf?q=" + code)
        marks = page.elements("span", class_="tanda-dekat")
        self.assertEqual(1, len(marks), page.describe())
        self.assertIn("10 hari", marks[0].get("title"))
        self.decide(self.request_id(code), "reject", catatan="Jadwal penuh")
        page = self.staff().get("/staf?q=" + code)
        self.assertEqual([], page.elements("span", class_="tanda-dekat"), "a decided request is not urgent")


class RequestDeskTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 1000}

    def post_decision(self, request_id, fields):
        """The decision's form sent; a slot the leader already has taken (this class's
        requests meet a confirmed event) is confirmed once, as staff would."""
        action = "/staf/permohonan/%d/keputusan" % request_id
        answer = self.staff().post_form(action, fields)
        if answer.status == 409 and answer.field("konfirmasi_bentrok") == "1":
            answer = self.staff().post_form(action, answer.form_values(action))
        return answer

    def test_the_decisions_come_first(self):
        _, request_id = self.new_request("diverifikasi")
        page = self.request_page(request_id)
        desk = page.by_id("putuskan")
        self.assertIsNotNone(desk, "the decisions at the top: " + page.describe())
        links = {a.get("id"): a.get("href") for a in page.within(desk, "a") if a.get("id")}
        for aksi in ("approve", "represent", "return", "reject"):
            self.assertEqual("/staf/permohonan/%d?aksi=%s" % (request_id, aksi), links.get("putuskan-" + aksi), links)
        text = page.text
        self.assertLess(text.index('id="putuskan"'), text.index("<h2>Kegiatan</h2>"),
                        "the decisions come before the request's details")
        self.assertIn("Bentrok di agenda", " ".join(e.text for e in page.within(desk)))

    def test_a_submitted_request_is_verified_in_one_click(self):
        _, request_id = self.new_request()
        page = self.request_page(request_id)
        desk = page.by_id("putuskan")
        forms = [f for f in page.within(desk, "form")]
        self.assertEqual(1, len(forms))
        pairs = page.form_values("/staf/permohonan/%d/keputusan" % request_id)
        self.assertIn(("aksi", "verify"), pairs)
        answer = self.staff().post_form("/staf/permohonan/%d/keputusan" % request_id, pairs)
        self.assertEqual(303, answer.status, answer.describe())
        self.assertIn("Diverifikasi", self.request_page(request_id).visible_text)

    def test_approve_is_two_clicks_with_the_form_filled(self):
        _, request_id = self.new_request("diverifikasi")
        opened = self.staff().get("/staf/permohonan/%d?aksi=approve" % request_id)
        self.assertEqual(200, opened.status)
        details = opened.by_id("aksi-approve")
        self.assertIn("open", details.attrs, "the approve form is open")
        buttons = [b for b in opened.within(details, "button")]
        self.assertIn("autofocus", buttons[-1].attrs, "its button has the focus: Enter decides")
        form = [f for f in opened.within(details, "form")][0]
        pairs = [(k, v) for k, v in opened.form_values("/staf/permohonan/%d/keputusan" % request_id)]
        # The approve form's own values (the first form of the page with that action is the desk's or this one).
        own = [(e.get("name"), e.get("value")) for e in opened.within(form, "input")
               if e.get("name") and (e.get("type") != "checkbox" or "checked" in e.attrs)]
        self.assertIn(("aksi", "approve"), own)
        selected = [o.get("value") for o in opened.within(form, "option") if "selected" in o.attrs]
        self.assertEqual(["bupati"], selected, "the leader asked is chosen already")
        self.assertTrue(pairs)
        fields = own + [("pimpinan", "bupati")]
        answer = self.post_decision(request_id, fields)
        self.assertEqual(303, answer.status, answer.describe())
        self.assertIn("pesan=keputusan", answer.location)

        landed = self.staff().get(answer.location)
        text = landed.text
        notice = text.index("Keputusan disimpan")
        event_text = landed.by_id("teks-wa-acara")
        self.assertIsNotNone(event_text, "the event's WhatsApp text after the decision: " + landed.describe())
        self.assertLess(notice, text.index('id="teks-wa-acara"'))
        self.assertLess(text.index('id="teks-wa-acara"'), text.index("<h2>Kegiatan</h2>"), "right after the notice")
        words = event_text.raw_text
        self.assertIn("*AGENDA PIMPINAN", words)
        self.assertIn("*BUPATI OGAN ILIR*", words)
        self.assertIn("09.00–11.00 WIB", words)
        self.assertIn("Peresmian Laboratorium Komputer", words)
        copy = [b for b in landed.elements("button") if b.get("data-salin") == "teks-wa-acara"]
        self.assertEqual(1, len(copy), "a copy button for the text")
        self.assertIn("/static/meja.js", landed.text)

    def test_a_submitted_request_is_approved_in_two_clicks(self):
        # Opening a fresh request, "Setujui" (one), then its button (two):
        # the approval verifies the request on the way.
        _, request_id = self.new_request()
        page = self.request_page(request_id)
        desk = page.by_id("putuskan")
        links = {a.get("id"): a.get("href") for a in page.within(desk, "a") if a.get("id")}
        self.assertEqual("/staf/permohonan/%d?aksi=approve" % request_id, links.get("putuskan-approve"), links)
        opened = self.staff().get(links["putuskan-approve"])
        form = [f for f in opened.within(opened.by_id("aksi-approve"), "form")][0]
        own = [(e.get("name"), e.get("value")) for e in opened.within(form, "input")
               if e.get("name") and (e.get("type") != "checkbox" or "checked" in e.attrs)]
        self.assertIn(("verifikasi", "1"), own, "the approve form of a submitted request verifies it too")
        answer = self.post_decision(request_id, own + [("pimpinan", "bupati")])
        self.assertEqual(303, answer.status, answer.describe())
        self.assertIn("Disetujui", self.request_page(request_id).visible_text)
        # Without the form's word the workflow keeps its order: verify first.
        _, other = self.new_request()
        self.assertEqual(409, self.decide_page(other, "approve", pimpinan="bupati").status)

    def test_return_and_reject_open_on_their_reason(self):
        _, request_id = self.new_request("diverifikasi")
        for aksi in ("return", "reject"):
            with self.subTest(aksi=aksi):
                opened = self.staff().get("/staf/permohonan/%d?aksi=%s" % (request_id, aksi))
                details = opened.by_id("aksi-" + aksi)
                self.assertIn("open", details.attrs)
                note = [t for t in opened.within(details, "textarea") if t.get("name") == "catatan"][0]
                self.assertIn("required", note.attrs, "the reason stays required")
                self.assertIn("autofocus", note.attrs, "the reason takes the focus")
        refused = self.decide_page(request_id, "reject", catatan="")
        self.assertEqual(400, refused.status, "no reason, no rejection")

    def test_leaders_and_aides_see_no_decisions(self):
        _, request_id = self.new_request("diverifikasi")
        for user in ("bupati", "ajudan.bupati"):
            page = self.staff(user).get("/staf/permohonan/%d?aksi=approve" % request_id)
            self.assertEqual(200, page.status, page.describe())
            self.assertIsNone(page.by_id("putuskan"), user)
            self.assertIsNone(page.by_id("aksi-approve"), user)
            self.assertIsNone(page.by_id("teks-wa-acara"), user)
            self.assertEqual([], [e for e in page.elements("input", name="aksi")], "no decision form at all")


if __name__ == "__main__":
    unittest.main()

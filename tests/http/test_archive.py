"""The archive search page /staf/arsip: what the words find (case, accents, a word
inside a text, the text of a PDF letter), the exact letter number, every filter,
paging, the highlighted snippet escaped, who sees which requests, and the form
shown again with a message for bad input."""

import datetime
import re
import unittest
import urllib.parse

from jadwal_requests import REQUEST_LINK, RequestTestCase, activity_day, letter, valid_fields

PAGE_SIZE = 20  # archive::kPageSize
MAX_TEXT = 200  # archive::kMaxTextLength
MAX_NUMBER = 100  # archive::kMaxLetterNumberLength
MAX_INSTITUTION = 150  # archive::kMaxInstitutionLength
PAGED_REQUESTS = PAGE_SIZE + 5
LATER_DAY = activity_day(40)


def query(**fields):
    return "/staf/arsip?" + urllib.parse.urlencode(fields)


class ArchiveTestCase(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 100000}

    @classmethod
    def submit_as_class(cls, files=None, **overrides):
        """Submits a request before the tests run; returns its id (read as protokol)."""
        test = cls("run")
        code = test.submit(valid_fields(**overrides), files)
        return test.request_id(code)

    def search(self, user="protokol", expect=200, **fields):
        page = self.staff(user).get(query(**fields))
        self.assertEqual(expect, page.status, page.describe())
        return page

    def found(self, page):
        """The ids of the requests listed, in order."""
        ids = []
        for link in page.links():
            match = REQUEST_LINK.fullmatch(urllib.parse.urlsplit(link).path)
            if match and int(match.group(1)) not in ids:
                ids.append(int(match.group(1)))
        return ids

    def total(self, page):
        counts = page.elements("p", class_="arsip-jumlah")
        self.assertEqual(1, len(counts), page.describe())
        return int(re.match(r"\s*(\d+)", counts[0].text).group(1))


class ArchiveSearchTest(ArchiveTestCase):

    @classmethod
    def setup_data(cls):
        cls.market = cls.submit_as_class(
            nama_kegiatan="Peresmian Pasar Désa Tanjung Raja", instansi="Dinas Perdagangan Kabupaten",
            nomor_surat="100/ARSIP/ALPHA/2025", tempat="Lapangan Merdeka Tanjung Raja")
        cls.script = cls.submit_as_class(
            nama_kegiatan="<script>alert(1)</script> Lomba Kebersihan Kampung", instansi="Kecamatan Pemulutan",
            nomor_surat="200/ARSIP/BETA/2025", pimpinan=["wabup"], jenis_surat="audiensi")
        cls.later = cls.submit_as_class(
            nama_kegiatan="Musyawarah Perencanaan Pembangunan", instansi="Bappeda",
            nomor_surat="300/ARSIP/GAMMA/2025", tanggal=LATER_DAY.isoformat(),
            tanggal_surat=(LATER_DAY - datetime.timedelta(days=30)).isoformat())
        cls.verified = cls.submit_as_class(
            nama_kegiatan="Sosialisasi Kebersihan Sungai", instansi="Dinas Lingkungan Hidup",
            nomor_surat="400/ARSIP/DELTA/2025")
        cls("run").decide(cls.verified, "verify")

    def test_words_ignore_case_and_accents(self):
        for words in ("peresmian pasar", "PERESMIAN", "desa", "Désa", "DESA tanjung"):
            with self.subTest(q=words):
                page = self.search(q=words)
                self.assertIn(self.market, self.found(page))
                self.assertNotIn(self.script, self.found(page))

    def test_a_word_inside_a_text_and_its_start(self):
        # "Raja" stands in the middle of the activity and the venue; "Perdagang" starts a word.
        for words in ("raja", "Merdeka", "perdagang", "Kabupaten"):
            with self.subTest(q=words):
                self.assertIn(self.market, self.found(self.search(q=words)))

    def test_several_requests_found_and_counted(self):
        page = self.search(q="kebersihan")
        self.assertEqual({self.script, self.verified}, set(self.found(page)))
        self.assertEqual(2, self.total(page))

    def test_unknown_words_find_nothing(self):
        page = self.search(q="zebrakuda")
        self.assertEqual([], self.found(page))
        self.assertEqual(0, self.total(page))
        self.assertIn("Tidak ada permohonan yang cocok", page.visible_text)

    def test_letter_number_is_exact(self):
        self.assertEqual([self.market], self.found(self.search(nomor="100/ARSIP/ALPHA/2025")))
        self.assertEqual([self.market], self.found(self.search(nomor="100/arsip/alpha/2025")))
        for part in ("100/ARSIP", "ALPHA", "100/ARSIP/ALPHA/2025/1"):
            with self.subTest(nomor=part):
                self.assertEqual([], self.found(self.search(nomor=part)))

    def test_institution_is_contained(self):
        self.assertEqual([self.market], self.found(self.search(instansi="perdagangan")))
        self.assertEqual([self.later], self.found(self.search(instansi="BAPPEDA")))

    def test_leader_state_and_type_filters(self):
        self.assertIn(self.script, self.found(self.search(pimpinan="wabup")))
        self.assertNotIn(self.market, self.found(self.search(pimpinan="wabup")))
        self.assertEqual([self.verified], self.found(self.search(q="kebersihan", status="diverifikasi")))
        self.assertEqual([self.script], self.found(self.search(q="kebersihan", status="diajukan")))
        self.assertEqual([self.script], self.found(self.search(q="kebersihan", jenis="audiensi")))
        self.assertEqual([self.verified], self.found(self.search(q="kebersihan", jenis="undangan")))

    def test_activity_date_range(self):
        day = LATER_DAY.isoformat()
        self.assertEqual([self.later], self.found(self.search(dari=day, sampai=day)))
        self.assertEqual([self.later], self.found(self.search(dari=day)))
        before = self.found(self.search(sampai=(LATER_DAY - datetime.timedelta(days=1)).isoformat()))
        self.assertNotIn(self.later, before)
        self.assertIn(self.market, before)

    def test_submission_date_range(self):
        today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7))).date()
        tomorrow = (today + datetime.timedelta(days=1)).isoformat()
        self.assertIn(self.later, self.found(self.search(tanggal="pengajuan", dari=today.isoformat(),
                                                         sampai=today.isoformat())))
        self.assertEqual([], self.found(self.search(tanggal="pengajuan", dari=tomorrow)))
        # The activity's day is not the submission's.
        self.assertEqual([], self.found(self.search(tanggal="pengajuan", dari=LATER_DAY.isoformat())))

    def test_snippet_is_escaped_and_marks_the_word(self):
        page = self.search(q="lomba")
        self.assertEqual([self.script], self.found(page))
        self.assertNotIn("<script>alert", page.text)
        self.assertIn("&lt;script&gt;", page.text)
        snippets = page.elements("p", class_="cuplikan")
        self.assertEqual(1, len(snippets), page.describe())
        marks = page.within(snippets[0], "mark")
        self.assertEqual(["Lomba"], [m.text.strip() for m in marks])
        self.assertRegex(page.text, r"<mark>Lomba</mark>")

    def test_result_shows_state_dates_institution_and_links_to_the_request(self):
        page = self.search(q="musyawarah")
        self.assertEqual([self.later], self.found(page))
        text = page.visible_text
        self.assertIn("Bappeda", text)
        self.assertIn("Diajukan", text)
        self.assertIn("300/ARSIP/GAMMA/2025", text)
        self.assertIn(str(LATER_DAY.day), text)
        self.assertEqual(200, self.request_page(self.later).status)

    def test_empty_form_lists_the_newest_first(self):
        page = self.search()
        ids = self.found(page)
        self.assertEqual(ids[:4], sorted(ids[:4], reverse=True), "newest first")
        self.assertEqual(self.verified, ids[0])
        self.assertIn("terbaru", page.visible_text)

    def test_form_keeps_the_choices(self):
        page = self.search(q="kebersihan", status="diverifikasi", jenis="undangan", pimpinan="bupati",
                           tanggal="pengajuan")
        for name, value in (("status", "diverifikasi"), ("jenis", "undangan"), ("pimpinan", "bupati"),
                            ("tanggal", "pengajuan"), ("q", "kebersihan")):
            with self.subTest(field=name):
                self.assertEqual(value, page.field(name, "/staf/arsip"))

    def test_the_navigation_links_the_archive(self):
        for user in ("protokol", "bupati", "ajudan.bupati"):
            with self.subTest(user=user):
                self.assertIn("/staf/arsip", self.staff(user).get("/staf").links())


class ArchiveScopeTest(ArchiveTestCase):
    """Leaders and aides find only requests of their own leaders, by any field."""

    @classmethod
    def setup_data(cls):
        cls.own = cls.submit_as_class(nama_kegiatan="Halalbihalal Keluarga Besar", nomor_surat="500/SCOPE/OWN")
        cls.foreign = cls.submit_as_class(nama_kegiatan="Halalbihalal Rahasia Wakil", nomor_surat="600/SCOPE/FOREIGN",
                                          instansi="Instansi Wakil Bupati", pimpinan=["wabup"])

    def test_staff_find_both(self):
        for user in ("protokol", "admin"):
            with self.subTest(user=user):
                self.assertEqual({self.own, self.foreign}, set(self.found(self.search(user, q="halalbihalal"))))

    def test_leader_and_aide_find_only_their_leaders_requests(self):
        for user in ("bupati", "ajudan.bupati"):
            with self.subTest(user=user):
                self.assertEqual([self.own], self.found(self.search(user, q="halalbihalal")))
                self.assertEqual(1, self.total(self.search(user, q="halalbihalal")))
                self.assertEqual([], self.found(self.search(user, q="rahasia")))
                self.assertEqual([], self.found(self.search(user, nomor="600/SCOPE/FOREIGN")))
                self.assertEqual([], self.found(self.search(user, instansi="Wakil Bupati")))
                self.assertNotIn(self.foreign, self.found(self.search(user)))
        self.assertEqual([self.foreign], self.found(self.search("wabup", nomor="600/SCOPE/FOREIGN")))

    def test_a_leader_cannot_choose_another_leader(self):
        page = self.search("bupati", expect=400, pimpinan="wabup", q="halalbihalal")
        self.assertEqual([], self.found(page))
        select = re.search(r'<select id="pimpinan" name="pimpinan">(.*?)</select>', page.text, re.S)
        self.assertIsNotNone(select, page.describe())
        self.assertEqual(["", "bupati"], re.findall(r'<option value="([^"]*)"', select.group(1)))
        self.assertIn("Pilih pimpinan dari daftar", page.visible_text)

    def test_viewer_is_refused_and_strangers_log_in(self):
        self.assertEqual(403, self.staff("humas").get("/staf/arsip?q=halalbihalal").status)
        page = self.web().get("/staf/arsip?q=halalbihalal")
        self.assertEqual(303, page.status, page.describe())
        self.assertEqual("/staf/masuk", page.location_path)


class ArchivePagingTest(ArchiveTestCase):

    @classmethod
    def setup_data(cls):
        cls.ids = [cls.submit_as_class(nama_kegiatan="Rapat Paginasi ke-%d" % n, nomor_surat="PG/%d" % n)
                   for n in range(PAGED_REQUESTS)]

    def test_pages_split_the_hits(self):
        first = self.search(q="paginasi")
        self.assertEqual(PAGED_REQUESTS, self.total(first))
        self.assertEqual(PAGE_SIZE, len(self.found(first)))
        next_links = [e.get("href") for e in first.elements("a", rel="next")]
        self.assertEqual(1, len(next_links), first.describe())
        self.assertEqual([], first.elements("a", rel="prev"))
        second = self.staff().get(next_links[0])
        self.assertEqual(200, second.status, second.describe())
        self.assertEqual(PAGED_REQUESTS - PAGE_SIZE, len(self.found(second)))
        self.assertEqual(set(self.ids), set(self.found(first)) | set(self.found(second)))
        self.assertEqual([], second.elements("a", rel="next"))
        self.assertEqual("paginasi", second.field("q", "/staf/arsip"))

    def test_pages_beyond_the_last_are_empty_and_bad_numbers_are_the_first(self):
        self.assertEqual([], self.found(self.search(q="paginasi", hal="99")))
        for bad in ("abc", "-3", "0", "2x", "99999999999999999999"):
            with self.subTest(hal=bad):
                self.assertEqual(PAGE_SIZE, len(self.found(self.search(q="paginasi", hal=bad))))


class ArchiveLetterTextTest(ArchiveTestCase):
    """Words inside a PDF letter uploaded through the public form."""

    @classmethod
    def setup_data(cls):
        cls.letter_only = cls.submit_as_class(
            files=[letter("surat-undangan-festival.pdf", "Festival Kuliner Pindang Patin Meranjat")],
            nama_kegiatan="Pembukaan Acara Tahunan")

    def test_a_word_of_the_letter_finds_the_request(self):
        page = self.search(q="pindang")
        self.assertEqual([self.letter_only], self.found(page))
        found_in = page.elements("p", class_="ditemukan-di")
        self.assertEqual(1, len(found_in), page.describe())
        self.assertIn("surat-undangan-festival.pdf", found_in[0].text)
        self.assertIn("Ditemukan di surat", found_in[0].text)
        marks = page.within(page.elements("p", class_="cuplikan")[0], "mark")
        self.assertEqual(["Pindang"], [m.text.strip() for m in marks])


class ArchiveFormTest(ArchiveTestCase):
    """Bad input: the form again, as typed, with what is wrong, and status 400."""

    def refused(self, message, field, **fields):
        page = self.search(expect=400, **fields)
        self.assertIn(message, page.visible_text)
        self.assertIsNotNone(page.by_id("ringkasan-galat"), page.describe())
        self.assertIn("#" + field, page.links(), "the summary links the refused field")
        self.assertEqual([], page.elements("p", class_="arsip-jumlah"), "no search is run")
        for name, value in fields.items():
            # A choice not on a list cannot show in its select; everything typed does.
            if name in ("q", "nomor", "instansi", "dari", "sampai"):
                self.assertEqual(value, page.field(name, "/staf/arsip"), "%s is shown back as typed" % name)
        return page

    def test_malformed_dates(self):
        for bad in ("2025-02-30", "17-03-2025", "kemarin", "2025-3-7", "2025-03-17T00:00"):
            with self.subTest(dari=bad):
                self.refused("Tanggal tidak valid", "dari", q="rapat", dari=bad)
            with self.subTest(sampai=bad):
                self.refused("Tanggal tidak valid", "sampai", q="rapat", sampai=bad)

    def test_range_ending_before_it_starts(self):
        self.refused("Tanggal akhir tidak boleh sebelum tanggal awal", "sampai", q="rapat", dari="2025-03-18",
                     sampai="2025-03-17", tanggal="pengajuan")
        self.assertEqual(200, self.search(dari="2025-03-17", sampai="2025-03-17").status)

    def test_bounds_of_the_text_fields(self):
        for name, limit in (("q", MAX_TEXT), ("nomor", MAX_NUMBER), ("instansi", MAX_INSTITUTION)):
            with self.subTest(field=name):
                self.assertEqual(200, self.search(**{name: "a" * limit}).status)
                # Characters, not bytes: an accented letter counts once.
                self.assertEqual(200, self.search(**{name: "é" * limit}).status)
                self.refused("terlalu panjang", name, **{name: "b" * (limit + 1)})

    def test_unknown_choices(self):
        self.refused("Pilih status dari daftar", "status", q="rapat", status="hilang")
        self.refused("Pilih jenis permohonan dari daftar", "jenis", q="rapat", jenis="surat-cinta")
        self.refused("Pilih tanggal kegiatan atau tanggal pengajuan", "tanggal", q="rapat", tanggal="kemarin")
        self.refused("Pilih pimpinan dari daftar", "pimpinan", q="rapat", pimpinan="tidak.ada")

    def test_every_error_is_listed_at_once(self):
        page = self.search(expect=400, q="x" * (MAX_TEXT + 1), dari="bukan", jenis="lain")
        for field in ("#q", "#dari", "#jenis"):
            self.assertIn(field, page.links())
        self.assertEqual("x" * (MAX_TEXT + 1), page.field("q", "/staf/arsip"), "nothing typed is lost")

    def test_search_syntax_in_the_words_is_just_text(self):
        # The words go to a full-text index: its own syntax typed by a user must neither fail nor widen the search.
        for words in ('"', '"rapat', "rapat*", "NEAR(a b)", "a AND OR b", "-rapat", "^rapat", "rapat:x", "(((",
                      "eventName:x", "*", "'; DROP TABLE requests; --", "%", "_", "\\", "a\tb"):
            with self.subTest(q=words):
                page = self.search(q=words)
                self.assertEqual(words, page.field("q", "/staf/arsip"))
        for raw in ("%FF%FE", "%C0%AF", "a%00b"):
            with self.subTest(raw=raw):
                page = self.staff().get("/staf/arsip?q=" + raw)
                self.assertIn(page.status, (200, 400), page.describe())

    def test_messages_in_english(self):
        # A session of its own: the language choice is kept in a cookie.
        page = self.web().login("protokol", "rahasia-protokol").get(query(dari="bukan", lang="en"))
        self.assertEqual(400, page.status, page.describe())
        self.assertIn("The date is not valid", page.visible_text)

    def test_only_get_and_head(self):
        session = self.staff()
        page = session.request("POST", "/staf/arsip", b"q=x", {"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(405, page.status)
        self.assertEqual(200, session.request("HEAD", "/staf/arsip").status)


if __name__ == "__main__":
    unittest.main()

"""The first screen of a leader, an aide and a viewer in a real browser (headless
Chromium driven by Selenium): the leader logs in on a 360 px phone, sees today's
agenda from a request and from a calendar client with the letter one tap away,
answers a waiting request with "Hadir" and logs out; the aide sees the same leader;
the viewer sees the read-only agenda of the calendars shared with them. Nothing
scrolls sideways.

Screenshots are kept in $JADWAL_ARTIFACTS (default: <build>/artifacts/):
home-leader-360.png, home-leader-1366.png, home-aide-360.png, home-viewer-360.png."""

import datetime
import re
import unittest
import uuid

from browser_case import BrowserTestCase, DESKTOP, PHONE, skip_unless_installed
from jadwal_requests import WIB, USERS, credentials, valid_fields

try:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    pass  # skip_unless_installed says what is missing

TODAY = datetime.datetime.now(WIB).date()


def event(day, start, end, summary, location="", extra=()):
    stamp = day.strftime("%Y%m%d")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN",
             "BEGIN:VEVENT", "UID:" + str(uuid.uuid4()), "DTSTAMP:20240101T000000Z",
             "DTSTART;TZID=Asia/Jakarta:%sT%s00" % (stamp, start.replace(":", "")),
             "DTEND;TZID=Asia/Jakarta:%sT%s00" % (stamp, end.replace(":", "")), "SUMMARY:" + summary]
    if location:
        lines.append("LOCATION:" + location)
    lines += list(extra) + ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines)


@skip_unless_installed
class BrowserHomeTest(BrowserTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 100}

    @classmethod
    def put(cls, owner, slug, text):
        path = "/dav/calendars/%s/%s/%s.ics" % (owner, slug, uuid.uuid4())
        status, _, body = cls.srv.request("PUT", path, text, {"Content-Type": "text/calendar; charset=utf-8"},
                                          user=credentials("protokol"))
        if status not in (201, 204):
            raise AssertionError("PUT %s: %s %r" % (path, status, body[:300]))

    @classmethod
    def setup_data(cls):
        cls.srv.cli("calendar", "add", "sekda/siaran-pers", "--name", "Siaran Pers")
        cls.srv.share("sekda/siaran-pers", "humas", "read")
        cls.put("sekda", "siaran-pers", event(TODAY, "15:00", "16:00", "Jumpa Pers Pembangunan Daerah",
                                              "Ruang Media Center Pemkab"))
        cls.put("bupati", "agenda", event(TODAY, "13:00", "14:30", "Rapat Koordinasi Pengendalian Inflasi Daerah",
                                          "Ruang Rapat Bupati, Kantor Bupati Ogan Ilir, Indralaya",
                                          ["ATTACH:https://dokumen.example.go.id/undangan-rakor-inflasi.pdf"]))
        cls.put("bupati", "agenda", event(TODAY + datetime.timedelta(days=1), "08:00", "09:00",
                                          "Upacara Hari Bela Negara", "Halaman Kantor Bupati"))
        cls.put("wabup", "agenda", event(TODAY, "10:00", "11:00", "Kunjungan Kerja Wakil Bupati", "Pemulutan"))

    # -- helpers ----------------------------------------------------------------------

    def log_in(self, user):
        self.driver.set_window_size(PHONE, 1800)
        self.driver.get(self.srv.url("/staf"))
        WebDriverWait(self.driver, 20).until(lambda d: "/staf/masuk" in d.current_url)
        for name, text in (("nama", user), ("sandi", USERS[user][2])):
            field = self.driver.find_element(By.NAME, name)
            field.clear()
            field.send_keys(text)
        self.click_and_wait(self.driver.find_element(
            By.XPATH, "//form[.//input[@name='sandi']]//button[@type='submit']"))
        WebDriverWait(self.driver, 20).until(lambda d: re.search(r"/staf/?$", d.current_url))

    def log_out(self):
        self.click_and_wait(self.driver.find_element(By.CSS_SELECTOR, "form[action='/staf/keluar'] button"))
        WebDriverWait(self.driver, 20).until(lambda d: "/staf/masuk" in d.current_url)

    def choice_buttons(self, request_id):
        """The answers a person sees on the card (the name field's own button waits, folded: no text)."""
        return [b.text for b in self.driver.find_elements(
            By.CSS_SELECTOR, "#menunggu-%d-bupati .disposisi-cepat button, "
            "#menunggu-%d-bupati .disposisi-cepat summary" % (request_id, request_id)) if b.text]

    # -- the story ----------------------------------------------------------------------

    def test_leader_aide_and_viewer_first_screens(self):
        _, approved = self.new_request("diverifikasi", valid_fields(
            nama_kegiatan="Peresmian Pasar Rakyat Indralaya", tanggal=TODAY.isoformat(), jam_mulai="09:00",
            jam_selesai="11:00", tempat="Pasar Rakyat Indralaya", tanggal_surat=(TODAY - datetime.timedelta(
                days=20)).isoformat()))
        self.decide(approved, "approve", pimpinan="bupati")
        _, waiting = self.new_request("diajukan", valid_fields(nama_kegiatan="Pelantikan Pengurus Karang Taruna"))
        _, second = self.new_request("diajukan", valid_fields(nama_kegiatan="Lomba Perahu Bidar Tradisional"))

        # The leader, on a phone.
        self.log_in("bupati")
        text = self.body()
        for shown in ("Hari ini", "Peresmian Pasar Rakyat Indralaya", "Rapat Koordinasi Pengendalian Inflasi Daerah",
                      "Besok", "Upacara Hari Bela Negara", "Menunggu disposisi", "Pelantikan Pengurus Karang Taruna",
                      "Beranda", "Semua permohonan", "Keluar"):
            self.assertIn(shown, text)
        self.assertNotIn("Kunjungan Kerja Wakil Bupati", text)
        self.assertEqual(["Hadir", "Diwakilkan", "Tidak hadir"], self.choice_buttons(waiting))
        letters = [a.get_attribute("href") for a in self.driver.find_elements(By.CSS_SELECTOR, ".agenda-acara a")]
        self.assertTrue([h for h in letters if re.search(r"/lampiran/\d+/", h)], letters)
        self.fits(PHONE)
        self.screenshot("home-leader-360.png", PHONE)
        self.fits(DESKTOP)
        self.screenshot("home-leader-1366.png", DESKTOP)

        # "Hadir" on the first waiting request: recorded, and gone from the list.
        self.driver.set_window_size(PHONE, 1800)
        button = self.driver.find_element(By.CSS_SELECTOR, "#menunggu-%d-bupati button[value='hadir']" % waiting)
        self.click_and_wait(button)
        # Back on the first screen, the answer saved, the next request waiting at the top.
        self.assertRegex(self.driver.current_url, r"/staf\?pesan=disposisi$")
        self.assertIn("Disposisi disimpan.", self.body())
        self.assertNotIn("Pelantikan Pengurus Karang Taruna", self.body())
        self.driver.get(self.srv.url("/staf/permohonan/%d" % waiting))
        self.assertIn("Hadir", self.body())
        self.driver.get(self.srv.url("/staf"))
        # "Diwakilkan" opens its name field in place, without a script.
        self.driver.find_element(By.CSS_SELECTOR, "#menunggu-%d-bupati summary" % second).click()
        self.assertTrue(self.driver.find_element(By.ID, "wakil-%d-bupati" % second).is_displayed())
        self.fits(PHONE)
        self.log_out()

        # The aide: the same leader, not the other.
        self.log_in("ajudan.bupati")
        text = self.body()
        self.assertIn("Rapat Koordinasi Pengendalian Inflasi Daerah", text)
        self.assertIn("Lomba Perahu Bidar Tradisional", text)
        self.assertNotIn("Kunjungan Kerja Wakil Bupati", text)
        self.fits(PHONE)
        self.screenshot("home-aide-360.png", PHONE)
        self.log_out()

        # The viewer: the shared calendar only, read only, no staff links.
        self.log_in("humas")
        text = self.body()
        self.assertIn("Jumpa Pers Pembangunan Daerah", text)
        for hidden in ("Rapat Koordinasi Pengendalian Inflasi Daerah", "Menunggu disposisi", "Arsip", "Rekap",
                       "Semua permohonan"):
            self.assertNotIn(hidden, text)
        self.assertEqual([], self.driver.find_elements(By.CSS_SELECTOR, "button[name='pilihan']"))
        self.fits(PHONE)
        self.screenshot("home-viewer-360.png", PHONE)
        self.log_out()


if __name__ == "__main__":
    unittest.main()

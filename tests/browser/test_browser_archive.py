"""The archive in a real browser (headless Chromium driven by Selenium): staff log
in, search the archive on a 360 px phone, see the found words marked, open the
filters, get a reversed date range refused with the form kept, and open a result;
the same search on a 1366 px desktop.

Screenshots are kept in $JADWAL_ARTIFACTS (default: <build>/artifacts/)."""

import re
import unittest

from browser_case import BrowserTestCase, DESKTOP, PHONE, skip_unless_installed
from jadwal_requests import USERS, letter, submit_request, valid_fields

try:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    pass  # skip_unless_installed says what is missing


@skip_unless_installed
class BrowserArchiveTest(BrowserTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 100}

    @classmethod
    def setup_data(cls):
        submit_request(cls.srv, valid_fields(
            nama_kegiatan="Peresmian Jembatan Gantung Desa Ulak Kerbau", instansi="Pemerintah Desa Ulak Kerbau",
            nomor_surat="140/021/UK/2025"),
            [letter("surat-undangan-jembatan.pdf", "Undangan peresmian jembatan gantung oleh Bupati")])
        submit_request(cls.srv, valid_fields(
            nama_kegiatan="<b>Lomba</b> Perahu Bidar Jembatan Ampera", instansi="Dinas Pariwisata",
            pimpinan=["wabup"], jenis_surat="kunjungan"))

    # -- helpers ----------------------------------------------------------------------

    def log_in(self):
        self.open("/staf/arsip")
        WebDriverWait(self.driver, 20).until(lambda d: "/staf/masuk" in d.current_url)
        self.type_into("nama", "protokol")
        self.type_into("sandi", USERS["protokol"][2])
        self.click_and_wait(self.driver.find_element(
            By.XPATH, "//form[.//input[@name='sandi']]//button[@type='submit']"))
        WebDriverWait(self.driver, 20).until(lambda d: "/staf/arsip" in d.current_url)

    def search_button(self):
        return self.driver.find_element(By.CSS_SELECTOR, "form[action='/staf/arsip'] button[type='submit']")

    # -- the story ----------------------------------------------------------------------

    def test_search_the_archive_and_open_a_result(self):
        self.driver.set_window_size(PHONE, 1800)
        self.log_in()
        self.assertIn("Arsip Permohonan", self.body())
        self.assertIn("2 permohonan ditemukan", self.body(), "the empty form lists the newest")
        self.fits(PHONE)
        self.screenshot("arsip-1-kosong-360.png", PHONE)

        self.type_into("q", "jembatan")
        self.click_and_wait(self.search_button())
        self.assertIn("q=jembatan", self.driver.current_url)
        self.assertIn("2 permohonan ditemukan", self.body())
        marks = [m.text for m in self.driver.find_elements(By.CSS_SELECTOR, ".cuplikan mark")]
        self.assertTrue(marks and all(m.lower() == "jembatan" for m in marks), marks)
        # The activity's own markup shows as text, never as an element.
        self.assertIn("<b>Lomba</b>", self.body())
        self.assertEqual([], self.driver.find_elements(By.CSS_SELECTOR, ".daftar-arsip b"))
        self.fits(PHONE)
        self.screenshot("arsip-2-hasil-360.png", PHONE)
        self.fits(DESKTOP)
        self.screenshot("arsip-3-hasil-1366.png", DESKTOP)

        # The filters fold away on a phone; a person opens them and picks a leader and a type.
        self.driver.set_window_size(PHONE, 1800)
        summary = self.driver.find_element(By.CSS_SELECTOR, "details.arsip-saring > summary")
        summary.click()
        Select(self.driver.find_element(By.NAME, "pimpinan")).select_by_value("wabup")
        Select(self.driver.find_element(By.NAME, "jenis")).select_by_value("kunjungan")
        self.set_value("dari", "2025-03-18")
        self.set_value("sampai", "2025-03-17")
        self.click_and_wait(self.search_button())
        self.assertIn("Tanggal akhir tidak boleh sebelum tanggal awal", self.body())
        self.assertEqual("jembatan", self.driver.find_element(By.NAME, "q").get_attribute("value"))
        self.assertEqual("wabup", Select(self.driver.find_element(By.NAME, "pimpinan")).first_selected_option
                         .get_attribute("value"))
        self.assertEqual("2025-03-18", self.driver.find_element(By.NAME, "dari").get_attribute("value"))
        self.fits(PHONE)
        self.screenshot("arsip-4-galat-360.png", PHONE)
        self.screenshot("arsip-5-galat-1366.png", DESKTOP)

        self.set_value("dari", "")
        self.set_value("sampai", "")
        self.click_and_wait(self.search_button())
        self.assertIn("1 permohonan ditemukan", self.body())

        # The result opens the request page with its letters and history.
        self.driver.set_window_size(PHONE, 1800)
        self.type_into("q", "gantung")
        Select(self.driver.find_element(By.NAME, "pimpinan")).select_by_value("")
        Select(self.driver.find_element(By.NAME, "jenis")).select_by_value("")
        self.click_and_wait(self.search_button())
        self.assertIn("1 permohonan ditemukan", self.body())
        self.screenshot("arsip-6-gantung-360.png", PHONE)
        link = self.driver.find_element(By.CSS_SELECTOR, ".daftar-arsip .judul-baris a")
        self.assertEqual("Peresmian Jembatan Gantung Desa Ulak Kerbau", link.text)
        self.click_and_wait(link)
        self.assertTrue(re.search(r"/staf/permohonan/\d+$", self.driver.current_url), self.driver.current_url)
        self.assertIn("Pemerintah Desa Ulak Kerbau", self.body())
        self.assertIn("surat-undangan-jembatan.pdf", self.body())
        self.screenshot("arsip-7-permohonan-360.png", PHONE)


if __name__ == "__main__":
    unittest.main()

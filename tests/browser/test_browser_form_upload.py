"""The public form's file sizes in a real browser (headless Chromium driven by
Selenium): a requester on a 360 px phone fills the form and picks a letter larger
than the form allows; the message appears beside the field and nothing is sent.
With files that fit, the form is sent once however often the button is tapped.
A body too large for the server (the browser's check bypassed) gives a page whose
link goes back to the filled form. Finding 1 and 5a of issue 10.

Screenshots are kept in $JADWAL_ARTIFACTS (default: <build>/artifacts/)."""

import os
import re
import shutil
import tempfile
import unittest

import sample_files
from browser_case import DESKTOP, PHONE, BrowserTestCase, skip_unless_installed
from jadwal_requests import valid_fields

try:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    pass  # skip_unless_installed says what is missing


@skip_unless_installed
class BrowserFormUploadTest(BrowserTestCase):
    # Small limits, so that the files are quick to make and to send.
    SERVER_OPTIONS = {"submissions_per_hour": 100, "max_file_bytes": 100000, "max_upload_total_bytes": 150000,
                      "max_body_bytes": 150000 + 32768 + 20000}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.files = tempfile.mkdtemp(prefix="jadwal-files-")  # the files a person picks

    @classmethod
    def tearDownClass(cls):
        try:
            shutil.rmtree(cls.files, ignore_errors=True)
        finally:
            super().tearDownClass()

    # -- helpers ----------------------------------------------------------------------

    def pdf_file(self, name, size):
        path = os.path.join(self.files, name)
        with open(path, "wb") as f:
            f.write(sample_files.pdf(name, padding=size))
        return path

    def posts(self):
        return len(re.findall(r'"POST /permohonan ', self.srv.access_log()))

    def screenshot(self, name, width):
        path = super().screenshot(name, width)
        self.driver.set_window_size(width, 1800)  # the next steps see the form as a phone does
        return path

    def fill(self):
        """Types the valid form as a person would; dates and times set directly."""
        driver = self.driver
        for name, value in valid_fields():
            elements = driver.find_elements(By.NAME, name)
            kind = elements[0].get_attribute("type")
            if kind in ("radio", "checkbox"):
                for element in elements:
                    if element.get_attribute("value") == value and not element.is_selected():
                        driver.execute_script("arguments[0].click();", element)
            elif kind in ("date", "time"):
                driver.execute_script("arguments[0].value = arguments[1];", elements[0], value)
            else:
                elements[0].clear()
                elements[0].send_keys(value)

    def choose(self, name, *paths):
        self.driver.find_element(By.NAME, name).send_keys("\n".join(paths))

    def submit_button(self):
        return self.driver.find_element(By.ID, "kirim-permohonan")

    # -- the story ----------------------------------------------------------------------

    def test_a_too_large_file_is_caught_before_sending(self):
        driver = self.driver
        driver.set_window_size(PHONE, 1800)
        driver.get(self.srv.url("/permohonan"))
        self.assertIn("Batas ukuran: 0.1 MB per berkas, 0.2 MB semua berkas bersama", self.body())
        self.fill()
        self.choose("surat", self.pdf_file("surat-besar.pdf", 120000))
        message = WebDriverWait(driver, 10).until(
            expected_conditions.visibility_of_element_located((By.ID, "periksa-surat")))
        self.assertIn("surat-besar.pdf", message.text)
        self.assertIn("lebih dari 0.1 MB", message.text)
        before = self.posts()
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", self.submit_button())
        self.submit_button().click()
        self.assertTrue(driver.current_url.endswith("/permohonan"), driver.current_url)
        self.assertEqual(before, self.posts(), "nothing reached the server")
        self.assertEqual("surat", driver.switch_to.active_element.get_attribute("name"), "the field has the focus")
        self.fits(PHONE)
        self.screenshot("form-upload-360.png", PHONE)
        self.fits(DESKTOP)
        self.screenshot("form-upload-1366.png", DESKTOP)
        driver.set_window_size(PHONE, 1800)

        # Files each within the limit but over the total together: said beside the supporting files.
        self.choose("surat", self.pdf_file("surat.pdf", 60000))
        self.assertEqual([], driver.find_elements(By.ID, "periksa-surat"), "the message goes with the problem")
        self.choose("pendukung", self.pdf_file("satu.pdf", 60000), self.pdf_file("dua.pdf", 60000))
        total = WebDriverWait(driver, 10).until(
            expected_conditions.visibility_of_element_located((By.ID, "periksa-pendukung")))
        self.assertIn("Semua berkas bersama lebih dari 0.2 MB", total.text)
        self.submit_button().click()
        self.assertEqual(before, self.posts(), "nothing reached the server")
        self.screenshot("form-upload-total-360.png", PHONE)

        # Files that fit: sent once, however often the button is tapped.
        driver.execute_script("document.getElementsByName('pendukung')[0].value = '';")
        self.choose("pendukung", self.pdf_file("tiga.pdf", 30000))
        old = driver.find_element(By.TAG_NAME, "html")
        button = self.submit_button()
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
        driver.execute_script("arguments[0].click(); arguments[0].click();", button)
        self.wait_for_next_page(old, 30)
        self.assertRegex(driver.current_url, r"/permohonan/JDW-[A-Z0-9]{4}-[A-Z0-9]{4}/tanda-terima$")
        self.assertEqual(before + 1, self.posts(), "one submission for a double tap")

    def test_a_body_too_large_goes_back_to_the_filled_form(self):
        driver = self.driver
        driver.set_window_size(PHONE, 1800)
        driver.get(self.srv.url("/permohonan"))
        self.fill()
        self.choose("surat", self.pdf_file("surat-raksasa.pdf", 400000))
        old = driver.find_element(By.TAG_NAME, "html")
        # Sent as a browser without the script would: form.submit() skips the check.
        driver.execute_script("HTMLFormElement.prototype.submit.call("
                              "document.getElementById('formulir-permohonan'));")
        self.wait_for_next_page(old, 30)
        self.assertIn("tombol Kembali (Back)", self.body())
        back = WebDriverWait(driver, 10).until(
            expected_conditions.visibility_of_element_located((By.ID, "kembali-riwayat")))
        self.fits(PHONE)
        self.screenshot("form-too-large-360.png", PHONE)
        old = driver.find_element(By.TAG_NAME, "html")
        back.click()
        self.wait_for_next_page(old, 30)
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.NAME, "nama"))
        self.assertEqual("Siti Rahmawati", driver.find_element(By.NAME, "nama").get_attribute("value"))
        self.assertEqual("Peresmian Laboratorium Komputer",
                         driver.find_element(By.NAME, "nama_kegiatan").get_attribute("value"))


if __name__ == "__main__":
    unittest.main()

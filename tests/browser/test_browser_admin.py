"""User administration in a real browser (headless Chromium driven by
Selenium): an admin creates a user on a 360 px phone, reads the one-time
password, resets it, and the user logs in with it and is made to choose their
own password first; the list on a 1366 px desktop.

Screenshots are kept in $JADWAL_ARTIFACTS (default: <build>/artifacts/):
admin-360.png and admin-1366.png, and the steps between."""

import os
import shutil
import tempfile
import unittest

from jadwal_requests import RequestTestCase, USERS

try:
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    webdriver = None

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
MISSING = [what for what, ok in (("python3-selenium", webdriver is not None),
                                 ("chromium", os.access(CHROMIUM, os.X_OK)),
                                 ("chromium-driver", os.access(CHROMEDRIVER, os.X_OK))) if not ok]
PHONE, DESKTOP = 360, 1366


def artifacts_dir():
    path = os.environ.get("JADWAL_ARTIFACTS")
    if not path:
        binary = os.environ.get("JADWAL_BIN", "")
        base = os.path.dirname(binary) if binary else tempfile.gettempdir()
        path = os.path.join(base, "artifacts")
    os.makedirs(path, exist_ok=True)
    return path


@unittest.skipIf(MISSING, "not installed: %s (scripts/install-deps.sh --tests)" % ", ".join(MISSING))
class BrowserAdminTest(RequestTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.profile = tempfile.mkdtemp(prefix="jadwal-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                     "--lang=id-ID", "--user-data-dir=" + cls.profile, "--window-size=%d,1800" % PHONE):
            options.add_argument(flag)
        options.add_experimental_option("prefs", {"intl.accept_languages": "id-ID,id"})
        try:
            cls.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        except WebDriverException:
            shutil.rmtree(cls.profile, ignore_errors=True)
            cls.server.stop(failed=True)
            raise
        cls.driver.set_page_load_timeout(60)
        cls.artifacts = artifacts_dir()

    @classmethod
    def tearDownClass(cls):
        try:
            cls.driver.quit()
        finally:
            shutil.rmtree(cls.profile, ignore_errors=True)
            super().tearDownClass()

    # -- helpers ----------------------------------------------------------------------

    def open(self, path):
        self.driver.get(self.srv.url(path))

    def body(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def screenshot(self, name, width):
        driver = self.driver
        driver.set_window_size(width, 1800)
        driver.execute_script("window.scrollTo(0, 0);")
        height = driver.execute_script("return Math.max(document.body.scrollHeight, "
                                       "document.documentElement.scrollHeight)")
        driver.set_window_size(width, max(1800, min(int(height) + 40, 12000)))
        path = os.path.join(self.artifacts, name)
        self.assertTrue(driver.save_screenshot(path), "screenshot " + path)
        return path

    def fits(self, width):
        self.driver.set_window_size(width, 1800)
        scroll = self.driver.execute_script("return document.documentElement.scrollWidth")
        self.assertLessEqual(scroll, width, "the page scrolls sideways at %d px" % width)

    def click_and_wait(self, element):
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        element.click()
        WebDriverWait(self.driver, 20).until(expected_conditions.staleness_of(old))

    def type_into(self, name, text):
        element = self.driver.find_element(By.NAME, name)
        element.clear()
        element.send_keys(text)

    def submit_of(self, action):
        return self.driver.find_element(By.CSS_SELECTOR, "form[action='%s'] button[type='submit']" % action)

    def log_in(self, name, password, landing):
        self.driver.delete_all_cookies()
        self.open("/staf/masuk")
        self.type_into("nama", name)
        self.type_into("sandi", password)
        self.click_and_wait(self.submit_of("/staf/masuk"))
        WebDriverWait(self.driver, 20).until(lambda d: landing in d.current_url)

    def one_time_password(self):
        return self.driver.find_element(By.ID, "sandi-sekali-nilai").text.strip()

    # -- the story ----------------------------------------------------------------------

    def test_create_a_user_reset_the_password_and_log_in_with_it(self):
        self.driver.set_window_size(PHONE, 1800)
        self.log_in("admin", USERS["admin"][2], "/staf")
        self.open("/staf/admin")
        self.assertIn("Administrasi Pengguna", self.body())
        self.fits(PHONE)

        # A name that is taken: refused, the form kept, the message in Indonesian.
        self.type_into("nama", "bupati")
        self.type_into("nama_tampilan", "Kepala Bagian Umum")
        Select(self.driver.find_element(By.NAME, "peran")).select_by_value("protokol")
        self.click_and_wait(self.submit_of("/staf/admin/pengguna"))
        self.assertIn("Nama pengguna ini sudah dipakai.", self.body())
        self.assertEqual("Kepala Bagian Umum",
                         self.driver.find_element(By.NAME, "nama_tampilan").get_attribute("value"))
        self.fits(PHONE)
        self.screenshot("admin-galat-360.png", PHONE)

        self.driver.set_window_size(PHONE, 1800)
        self.type_into("nama", "kabag.umum")
        self.click_and_wait(self.submit_of("/staf/admin/pengguna"))
        self.assertIn("Pengguna dibuat.", self.body())
        first = self.one_time_password()
        self.assertEqual(12, len(first))
        self.fits(PHONE)
        self.screenshot("admin-dibuat-360.png", PHONE)

        # A reset makes another one-time password; the first stops working.
        self.driver.set_window_size(PHONE, 1800)
        self.click_and_wait(self.submit_of("/staf/admin/pengguna/kabag.umum/sandi"))
        self.assertIn("Kata sandi diatur ulang", self.body())
        second = self.one_time_password()
        self.assertNotEqual(first, second)
        self.fits(PHONE)
        self.screenshot("admin-360.png", PHONE)

        self.open("/staf/admin")
        self.assertIn("kabag.umum", self.body())
        self.assertIn("Wajib ganti sandi", self.body())
        self.fits(DESKTOP)
        self.screenshot("admin-1366.png", DESKTOP)

        # The user logs in with it and chooses their own password before anything else.
        self.driver.set_window_size(PHONE, 1800)
        self.log_in("kabag.umum", second, "/staf/sandi-baru")
        self.assertIn("Pilih kata sandi baru", self.body())
        self.fits(PHONE)
        self.screenshot("admin-sandi-baru-360.png", PHONE)
        self.type_into("sandi", "sandi-kabag-umum")
        self.type_into("ulangi", "sandi-kabag-umum")
        self.click_and_wait(self.submit_of("/staf/sandi-baru"))
        self.assertNotIn("/staf/sandi-baru", self.driver.current_url)
        self.open("/staf/akun")
        self.assertNotIn("/staf/sandi-baru", self.driver.current_url)

"""A double booking in a real browser (headless Chromium driven by Selenium):
staff open a verified request whose slot the Bupati's agenda already holds,
click approve, get the page "Jadwal bentrok" naming the other event, and
confirm with "Tetap setujui"; on a 360 px phone, the confirmation also shot at
1366 px.

Screenshots are kept in $JADWAL_ARTIFACTS (default: <build>/artifacts/)."""

import os
import re
import shutil
import tempfile
import unittest

from jadwal_requests import RequestTestCase, USERS, activity_day, credentials, valid_fields

try:
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
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


def client_event(uid, day, start, end, summary):
    stamp = day.strftime("%Y%m%d")
    return "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN",
        "BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:20250101T000000Z", "SUMMARY:" + summary,
        "LOCATION:Gedung DPRD", "DTSTART;TZID=Asia/Jakarta:%sT%s00" % (stamp, start.replace(":", "")),
        "DTEND;TZID=Asia/Jakarta:%sT%s00" % (stamp, end.replace(":", "")), "END:VEVENT", "END:VCALENDAR", ""])


@unittest.skipIf(MISSING, "not installed: %s (scripts/install-deps.sh --tests)" % ", ".join(MISSING))
class BrowserConflictTest(RequestTestCase):

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
        """A full-page screenshot at `width`: the window is made as tall as the page first."""
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
        """Nothing on the page is wider than the window (no sideways scrolling)."""
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

    def log_in(self, path):
        self.open(path)
        WebDriverWait(self.driver, 20).until(lambda d: "/staf/masuk" in d.current_url)
        self.type_into("nama", "protokol")
        self.type_into("sandi", USERS["protokol"][2])
        self.click_and_wait(self.driver.find_element(
            By.XPATH, "//form[.//input[@name='sandi']]//button[@type='submit']"))
        WebDriverWait(self.driver, 20).until(lambda d: path in d.current_url)

    # -- the story ----------------------------------------------------------------------

    def test_approving_over_another_event_asks_and_confirming_approves(self):
        day = activity_day(21)
        status, _, body = self.srv.request(
            "PUT", "/dav/calendars/bupati/agenda/paripurna.ics",
            client_event("paripurna", day, "09:30", "10:30", "Rapat Paripurna DPRD"),
            {"Content-Type": "text/calendar; charset=utf-8"}, user=credentials("bupati"))
        self.assertEqual(201, status, body[:300])
        _, request_id = self.new_request("diverifikasi", valid_fields(tanggal=day.isoformat()))
        path = "/staf/permohonan/%d" % request_id

        self.driver.set_window_size(PHONE, 1800)
        self.log_in(path)
        self.assertIn("Bentrok", self.body(), "the request page marks the conflict")
        approve = self.driver.find_element(
            By.XPATH, "//form[.//input[@name='aksi' and @value='approve']]//button[@type='submit']")
        for details in approve.find_elements(By.XPATH, "ancestor::details[not(@open)]"):
            details.find_element(By.TAG_NAME, "summary").click()  # a person opens the decision first
        self.click_and_wait(approve)

        self.assertTrue(self.driver.current_url.endswith(path + "/keputusan"), self.driver.current_url)
        text = self.body()
        self.assertIn("Jadwal bentrok", text)
        self.assertIn("Rapat Paripurna DPRD", text)
        self.assertIn("Bupati Ogan Ilir", text)
        self.assertIn("09.30–10.30 WIB", text)
        self.assertIn("Batal", text)
        self.fits(PHONE)
        self.screenshot("conflict-confirm-360.png", PHONE)
        self.fits(DESKTOP)
        self.screenshot("conflict-confirm-1366.png", DESKTOP)

        self.driver.set_window_size(PHONE, 1800)
        confirm = self.driver.find_element(By.XPATH, "//button[normalize-space()='Tetap setujui']")
        self.click_and_wait(confirm)
        self.assertTrue(re.search(r"/staf/permohonan/%d\?pesan=keputusan$" % request_id, self.driver.current_url),
                        self.driver.current_url)
        text = self.body()
        self.assertIn("Disetujui", text)
        self.assertIn("Bentrok jadwal dikonfirmasi: Rapat Paripurna DPRD", text)
        self.screenshot("conflict-confirmed-360.png", PHONE)


if __name__ == "__main__":
    unittest.main()

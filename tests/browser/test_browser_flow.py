"""The whole story in a real browser (headless Chromium driven by Selenium): a
requester fills the public form on a phone-sized window and attaches the letter
from disk; staff log in, open the request, verify and approve it; then a CalDAV
client (python3-caldav) finds the event on the Bupati's agenda and opens its
letter link as the Bupati; staff open the day's agenda and copy its WhatsApp
text, and the public agenda shows the event on a phone.

Screenshots of the filled form, the receipt, the staff request page, the staff
agenda, the public agenda and the work report on a 360 px phone are kept in $JADWAL_ARTIFACTS
(default: <build>/artifacts/)."""

import os
import re
import shutil
import tempfile
import unittest
import urllib.request

import sample_files
from browser_case import page_left
from jadwal_requests import RequestTestCase, USERS, activity_day, credentials

try:
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    webdriver = None

try:
    import caldav
except ImportError:
    caldav = None

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
MISSING = [what for what, ok in (("python3-selenium", webdriver is not None), ("python3-caldav", caldav is not None),
                                 ("chromium", os.access(CHROMIUM, os.X_OK)),
                                 ("chromium-driver", os.access(CHROMEDRIVER, os.X_OK))) if not ok]


def artifacts_dir():
    path = os.environ.get("JADWAL_ARTIFACTS")
    if not path:
        binary = os.environ.get("JADWAL_BIN", "")
        base = os.path.dirname(binary) if binary else tempfile.gettempdir()
        path = os.path.join(base, "artifacts")
    os.makedirs(path, exist_ok=True)
    return path


@unittest.skipIf(MISSING, "not installed: %s (scripts/install-deps.sh --tests)" % ", ".join(MISSING))
class BrowserFlowTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 100}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.profile = tempfile.mkdtemp(prefix="jadwal-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                     "--lang=id-ID", "--user-data-dir=" + cls.profile, "--window-size=412,1800"):
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

    # -- browser helpers ----------------------------------------------------------

    def open(self, path):
        self.driver.get(self.srv.url(path))

    def screenshot(self, name, width=412):
        """A full-page screenshot: the window is made as tall as the page first."""
        driver = self.driver
        driver.set_window_size(width, 1800)
        driver.execute_script("window.scrollTo(0, 0);")
        height = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
        driver.set_window_size(width, max(1800, min(int(height) + 40, 12000)))
        path = os.path.join(self.artifacts, name)
        self.assertTrue(driver.save_screenshot(path), "screenshot " + path)
        driver.set_window_size(412, 1800)
        return path

    def type_into(self, name, text):
        element = self.driver.find_element(By.NAME, name)
        element.clear()
        element.send_keys(text)
        return element

    def type_date_or_time(self, name, value, keys):
        """Types into a date/time input as a person would; Chromium's typing order follows
        the locale, so when the typed keys do not give `value` it is set directly."""
        element = self.driver.find_element(By.NAME, name)
        if element.get_attribute("type") in ("date", "time"):
            element.send_keys(keys)
            if element.get_attribute("value") != value:
                self.driver.execute_script(
                    "arguments[0].value = arguments[1];"
                    "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                    "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", element, value)
        else:
            element.clear()
            element.send_keys(value)
        self.assertEqual(value, element.get_attribute("value"), name)

    def tick(self, name, value):
        element = self.driver.find_element(By.CSS_SELECTOR, "input[name='%s'][value='%s']" % (name, value))
        if not element.is_selected():
            self.click(element)
        self.assertTrue(element.is_selected(), "%s=%s ticked" % (name, value))

    def choose(self, name, value):
        elements = self.driver.find_elements(By.NAME, name)
        self.assertTrue(elements, name)
        if elements[0].tag_name == "select":
            from selenium.webdriver.support.ui import Select
            Select(elements[0]).select_by_value(value)
        else:
            self.tick(name, value)

    def click(self, element):
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        element.click()

    def wait_for_url(self, pattern):
        WebDriverWait(self.driver, 20).until(lambda d: re.search(pattern, d.current_url))
        return re.search(pattern, self.driver.current_url)

    def submit_decision(self, aksi):
        form = self.driver.find_element(By.XPATH, "//form[.//input[@name='aksi' and @value='%s']]" % aksi)
        button = form.find_element(By.CSS_SELECTOR, "button[type='submit'], input[type='submit']")
        closed = form.find_elements(By.XPATH, "ancestor::details[not(@open)]")
        for details in closed:  # a person opens the decision first
            self.click(details.find_element(By.TAG_NAME, "summary"))
        WebDriverWait(self.driver, 5).until(lambda d: button.size["height"] > 0 and button.is_enabled())
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.click(button)
        WebDriverWait(self.driver, 20).until(page_left(old))

    # -- the story ----------------------------------------------------------------

    def test_request_to_leader_phone(self):
        letter_bytes = sample_files.pdf("Undangan Peresmian Jembatan Ogan")
        letter_path = os.path.join(self.artifacts, "surat-undangan.pdf")
        with open(letter_path, "wb") as f:
            f.write(letter_bytes)
        day = activity_day(10)

        # The requester, on a phone-sized window.
        self.open("/permohonan")
        self.assertIn("Permohonan", self.driver.title + self.driver.find_element(By.TAG_NAME, "body").text)
        for name, text in (("nama", "Ahmad Fauzi"), ("jabatan", "Kepala Desa"), ("instansi", "Pemerintah Desa Tanjung Raja"),
                           ("whatsapp", "0812 7777 8888"), ("email", "desa.tanjungraja@example.org"),
                           ("nomor_surat", "005/112/TR/2025"), ("perihal", "Undangan peresmian jembatan"),
                           ("nama_kegiatan", "Peresmian Jembatan Desa Tanjung Raja"),
                           ("tempat", "Lapangan Desa Tanjung Raja"), ("alamat", "Kec. Tanjung Raja, Ogan Ilir"),
                           ("pakaian", "PDL"), ("narahubung", "Pak Yusuf 0813 5555 6666")):
            self.type_into(name, text)
        letter_day = day.replace(day=1)
        self.type_date_or_time("tanggal_surat", letter_day.isoformat(), letter_day.strftime("%d%m%Y"))
        self.type_date_or_time("tanggal", day.isoformat(), day.strftime("%d%m%Y"))
        self.type_date_or_time("jam_mulai", "08:30", "0830")
        self.type_date_or_time("jam_selesai", "10:00", "1000")
        self.choose("jenis_surat", "undangan")
        self.choose("peran", "membuka")
        self.tick("pimpinan", "bupati")
        self.driver.find_element(By.CSS_SELECTOR, "input[type='file'][name='surat']").send_keys(letter_path)
        self.screenshot("1-formulir-terisi.png")
        form = self.driver.find_element(By.XPATH, "//form[.//input[@name='surat']]")
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.click(form.find_element(By.CSS_SELECTOR, "button[type='submit']"))
        WebDriverWait(self.driver, 20).until(page_left(old))
        match = self.wait_for_url(r"/permohonan/(JDW-[A-Z0-9]{4}-[A-Z0-9]{4})/tanda-terima")
        code = match.group(1)
        self.assertIn(code, self.driver.find_element(By.TAG_NAME, "body").text, "the receipt shows the code")
        self.screenshot("2-tanda-terima.png")

        # Staff log in, find the request, verify and approve it.
        self.open("/staf/permohonan/0")
        self.wait_for_url(r"/staf/masuk")
        self.type_into("nama", "protokol")
        self.type_into("sandi", USERS["protokol"][2])
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.click(self.driver.find_element(By.XPATH, "//form[.//input[@name='sandi']]//button[@type='submit']"))
        WebDriverWait(self.driver, 20).until(page_left(old))
        self.open("/staf")
        link = self.driver.find_element(By.XPATH, "//a[contains(@href, '/staf/permohonan/')][ancestor::*[contains(., '%s')]]" % code)
        self.click(link)
        request_id = self.wait_for_url(r"/staf/permohonan/(\d+)").group(1)
        body = self.driver.find_element(By.TAG_NAME, "body").text
        for text in ("Ahmad Fauzi", "Pemerintah Desa Tanjung Raja", "Peresmian Jembatan Desa Tanjung Raja"):
            self.assertIn(text, body)
        self.submit_decision("verify")
        self.assertIn("Diverifikasi", self.driver.find_element(By.TAG_NAME, "body").text)
        self.submit_decision("approve")
        self.assertIn("Disetujui", self.driver.find_element(By.TAG_NAME, "body").text)
        whatsapp = self.driver.find_elements(By.CSS_SELECTOR, "a[href^='https://wa.me/6281277778888']")
        self.assertTrue(whatsapp, "a click-to-chat link to the requester after the decision")
        self.screenshot("3-halaman-staf.png")

        # The Bupati's phone: a CalDAV client finds the event and opens the letter.
        client = caldav.DAVClient(url=self.srv.url("/dav/"), username="bupati", password=USERS["bupati"][2])
        calendars = client.principal().calendars()
        agenda = [c for c in calendars if str(c.url).rstrip("/").endswith("/bupati/agenda")]
        self.assertEqual(1, len(agenda), [str(c.url) for c in calendars])
        # The event names the request by its number; the tracking code (the requester's key) is not in it.
        self.assertFalse([e for e in agenda[0].events() if code in e.data], "no event carries the tracking code")
        events = [e for e in agenda[0].events() if re.search(r"^X-JADWAL-REQUEST:%s\r?$" % request_id, e.data, re.M)]
        self.assertEqual(1, len(events), "the approved request is one event on the agenda")
        vevent = events[0].icalendar_instance.walk("VEVENT")[0]
        self.assertEqual("CONFIRMED", str(vevent.get("STATUS")))
        self.assertIn("Peresmian Jembatan Desa Tanjung Raja", str(vevent.get("SUMMARY")))
        start = vevent.decoded("DTSTART")
        self.assertEqual((day, 8, 30), (start.date(), start.hour, start.minute))
        attach = vevent.get("ATTACH")
        attach = attach[0] if isinstance(attach, list) else attach
        url = str(attach)
        self.assertTrue(url.startswith(self.srv.base_url + "/lampiran/"), url)

        opener = urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(
            _password_manager(self.srv.base_url, *credentials("bupati"))))
        with opener.open(url, timeout=30) as response:
            self.assertEqual(200, response.status)
            self.assertEqual("application/pdf", response.headers.get_content_type())
            self.assertEqual(letter_bytes, response.read(), "the letter the requester attached")

        self.check_agenda_pages(day)

    def check_agenda_pages(self, day):
        """Staff open the day's agenda from the navigation and copy its WhatsApp text; the
        public agenda shows the approved activity on a phone."""
        self.open("/staf")
        self.click(self.driver.find_element(By.CSS_SELECTOR, "nav a[href='/staf/agenda']"))
        self.wait_for_url(r"/staf/agenda$")
        date = self.driver.find_element(By.NAME, "tanggal")
        self.driver.execute_script("arguments[0].value = arguments[1];", date, day.isoformat())
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.click(self.driver.find_element(By.CSS_SELECTOR, "form.agenda-pilih button[type='submit']"))
        WebDriverWait(self.driver, 20).until(page_left(old))
        self.wait_for_url(r"/staf/agenda\?tanggal=" + day.isoformat())
        text = self.driver.find_element(By.ID, "teks-wa").get_attribute("value")
        self.assertIn("Peresmian Jembatan Desa Tanjung Raja", text)
        self.assertIn("*AGENDA PIMPINAN", text)
        # The page's own script copies: through the Clipboard API once allowed, else execCommand.
        origin = self.srv.base_url.rstrip("/")
        try:
            self.driver.execute_cdp_cmd("Browser.grantPermissions", {
                "origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
        except WebDriverException:
            pass  # an older driver: the fallback copies
        self.click(self.driver.find_element(By.ID, "salin"))
        WebDriverWait(self.driver, 10).until(
            lambda d: d.find_element(By.ID, "salin-status").text.strip() != "")
        self.assertEqual("Tersalin", self.driver.find_element(By.ID, "salin-status").text.strip())
        copied = self.driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "if (!navigator.clipboard) { done(null); return; }"
            "navigator.clipboard.readText().then(done, function () { done(null); });")
        if copied is not None:
            self.assertEqual(text.strip(), copied.strip(), "the clipboard holds the WhatsApp text")
        share = self.driver.find_element(By.ID, "bagikan").get_attribute("href")
        self.assertTrue(share.startswith("https://wa.me/?text="), share)
        self.screenshot("4-agenda-staf.png")
        self.screenshot("4-agenda-staf-desktop.png", width=1280)

        self.open("/agenda?tanggal=" + day.isoformat())
        body = self.driver.find_element(By.TAG_NAME, "body").text
        self.assertIn("Peresmian Jembatan Desa Tanjung Raja", body)
        self.assertNotIn("Pemerintah Desa Tanjung Raja", body, "the requester's institution is not public")
        self.driver.set_window_size(360, 1800)
        overflow = self.driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        self.assertLessEqual(overflow, 0, "the public agenda fits a 360 px phone")
        self.screenshot("5-agenda-publik-360.png", width=360)
        self.screenshot("5-agenda-publik-desktop.png", width=1280)

        # The month's work report, still logged in as staff: its chart and tables fit a phone.
        self.open("/staf/rekap")
        self.assertIn("Rekap Kegiatan", self.driver.find_element(By.TAG_NAME, "body").text)
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "figure.rekap-grafik svg"), "the chart is drawn")
        self.driver.set_window_size(360, 1800)
        overflow = self.driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        self.assertLessEqual(overflow, 0, "the work report fits a 360 px phone")
        self.screenshot("6-rekap-360.png", width=360)
        self.screenshot("6-rekap-desktop.png", width=1280)


def _password_manager(url, user, password):
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    manager.add_password(None, url, user, password)
    return manager


if __name__ == "__main__":
    unittest.main()

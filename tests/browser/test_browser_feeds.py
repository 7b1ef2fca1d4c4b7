"""A feed made in a real browser (headless Chromium driven by Selenium): a staff
user logs in, opens the account page from the navigation, names a feed of the
Bupati's agenda and creates it; the address the page shows once serves the
calendar to a client with no login. A screenshot of the page with the address
is kept in $JADWAL_ARTIFACTS (default: <build>/artifacts/)."""

import datetime
import re
import unittest
import urllib.request

from browser_case import BrowserTestCase, skip_unless_installed
from jadwal_requests import WIB, USERS, credentials

try:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    pass  # skip_unless_installed says what is missing


def event_ics(uid, summary, days_ahead):
    day = (datetime.datetime.now(WIB).date() + datetime.timedelta(days=days_ahead)).strftime("%Y%m%d")
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Jadwal tests//browser//ID\r\nBEGIN:VEVENT\r\n"
            "UID:%s\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:%sT020000Z\r\nDTEND:%sT030000Z\r\nSUMMARY:%s\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n" % (uid, day, day, summary))


@skip_unless_installed
class BrowserFeedTest(BrowserTestCase):
    WINDOW_WIDTH = 412

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        status, _, body = cls.srv.request("PUT", "/dav/calendars/bupati/agenda/peresmian.ics",
                                          event_ics("peresmian@test", "Peresmian Jembatan", 3),
                                          {"Content-Type": "text/calendar"}, user=credentials("bupati"))
        if status != 201:
            cls.tearDownClass()
            raise AssertionError("PUT: %d %r" % (status, body[:300]))

    def test_staff_create_a_feed_and_its_address_serves_the_calendar(self):
        driver = self.driver
        driver.get(self.srv.url("/staf/akun"))
        WebDriverWait(driver, 20).until(lambda d: "/staf/masuk" in d.current_url)
        driver.find_element(By.NAME, "nama").send_keys("protokol")
        driver.find_element(By.NAME, "sandi").send_keys(USERS["protokol"][2])
        self.click_and_wait(driver.find_element(By.XPATH, "//form[.//input[@name='sandi']]//button[@type='submit']"))
        # The navigation leads to the account page.
        self.click_and_wait(driver.find_element(By.CSS_SELECTOR, "nav a[href='/staf/akun']"))
        self.assertIn("Umpan kalender", driver.find_element(By.TAG_NAME, "body").text)

        form = driver.find_element(By.XPATH, "//form[.//input[@name='aksi' and @value='buat']]")
        form.find_element(By.NAME, "nama").send_keys("Outlook Kantor")
        box = form.find_element(By.XPATH, ".//label[contains(., '(bupati/agenda)')]/input[@name='kalender']")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
        box.click()
        self.assertTrue(box.is_selected())
        self.click_and_wait(form.find_element(By.CSS_SELECTOR, "button[type='submit']"))

        https = driver.find_element(By.ID, "alamat-https").get_attribute("value")
        webcal = driver.find_element(By.ID, "alamat-webcal").get_attribute("value")
        self.assertRegex(https, r"^http://127\.0\.0\.1:\d+/ics/[0-9a-f]{64}\.ics$")
        self.assertEqual("webcal" + https[len("http"):], webcal)
        text = driver.find_element(By.TAG_NAME, "body").text
        for step in ("Outlook desktop", "Outlook di web", "Google Calendar", "Tambah Kalender Langganan"):
            self.assertIn(step, text)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(412, max(1800, min(int(height) + 40, 12000)))
        self.assertTrue(driver.save_screenshot(self.artifacts + "/umpan-kalender.png"))

        # A subscription client with nothing but the address.
        with urllib.request.urlopen(https, timeout=30) as answer:
            self.assertEqual(200, answer.status)
            self.assertTrue(answer.headers["Content-Type"].startswith("text/calendar"))
            body = answer.read().decode("utf-8")
        self.assertIn("X-WR-CALNAME:Outlook Kantor", body)
        self.assertIn("SUMMARY:Peresmian Jembatan", body)
        self.assertTrue(re.search(r"BEGIN:VCALENDAR\r\n.*END:VCALENDAR\r\n$", body, re.S))


if __name__ == "__main__":
    unittest.main()

"""A double booking in a real browser (headless Chromium driven by Selenium):
staff open a verified request whose slot the Bupati's agenda already holds,
click approve, get the page "Jadwal bentrok" naming the other event, and
confirm with "Tetap setujui"; on a 360 px phone, the confirmation also shot at
1366 px.

Screenshots are kept in $JADWAL_ARTIFACTS (default: <build>/artifacts/)."""

import re
import unittest

from browser_case import BrowserTestCase, DESKTOP, PHONE, skip_unless_installed
from jadwal_requests import USERS, activity_day, credentials, valid_fields

try:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    pass  # skip_unless_installed says what is missing


def client_event(uid, day, start, end, summary):
    stamp = day.strftime("%Y%m%d")
    return "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN",
        "BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:20250101T000000Z", "SUMMARY:" + summary,
        "LOCATION:Gedung DPRD", "DTSTART;TZID=Asia/Jakarta:%sT%s00" % (stamp, start.replace(":", "")),
        "DTEND;TZID=Asia/Jakarta:%sT%s00" % (stamp, end.replace(":", "")), "END:VEVENT", "END:VCALENDAR", ""])


@skip_unless_installed
class BrowserConflictTest(BrowserTestCase):

    # -- helpers ----------------------------------------------------------------------

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

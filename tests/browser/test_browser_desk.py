"""The staff desk in a real browser (headless Chromium driven by Selenium): the
inbox table on a 1366 px desktop and as cards on a 360 px phone, with its
markers; and a request approved with the keyboard alone (Tab and Enter), the
event's WhatsApp text shown after the decision.

Screenshots are kept in $JADWAL_ARTIFACTS (default: <build>/artifacts/):
desk-inbox-1366.png, desk-inbox-360.png, desk-request-1366.png (the decisions at the top),
desk-request-decided-1366.png (the page after approving, with the WhatsApp text)."""

import re
import unittest

from browser_case import BrowserTestCase, DESKTOP, PHONE, skip_unless_installed
from jadwal_requests import USERS, activity_day, submit_request, valid_fields

try:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
except ImportError:
    pass  # skip_unless_installed says what is missing

MAX_TABS = 80  # a bound on the presses to reach a control: the page's controls are fewer


@skip_unless_installed
class BrowserDeskTest(BrowserTestCase):
    WINDOW_WIDTH = DESKTOP
    SERVER_OPTIONS = {"submissions_per_hour": 100}

    @classmethod
    def setup_data(cls):
        day = activity_day(12).isoformat()
        # Two submissions of one letter (a double tap): likely duplicates.
        for _ in range(2):
            submit_request(cls.srv, valid_fields(nama_kegiatan="Peresmian Pasar Inpres Indralaya",
                                                 instansi="Dinas Perdagangan", tanggal=day,
                                                 whatsapp="0812-4000-0001", nomor_surat="510/12/DAG/2025"))
        submit_request(cls.srv, valid_fields(nama_kegiatan="Apel Siaga Bencana Banjir", instansi="BPBD Ogan Ilir",
                                             tanggal=activity_day(1).isoformat(), whatsapp="0812-4000-0002",
                                             nomor_surat="360/7/BPBD/2025", pimpinan=["wabup"]))

    # -- helpers ----------------------------------------------------------------------

    def log_in(self, path):
        """Opens `path`, logging in as staff when the browser has no session yet."""
        self.open(path)
        if "/staf/masuk" not in self.driver.current_url:
            return
        for name, value in (("nama", "protokol"), ("sandi", USERS["protokol"][2])):
            field = self.driver.find_element(By.NAME, name)
            field.clear()
            field.send_keys(value)
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.find_element(By.XPATH, "//form[.//input[@name='sandi']]//button[@type='submit']").click()
        self.wait_for_next_page(old)

    def active(self):
        return self.driver.switch_to.active_element

    def press(self, key):
        ActionChains(self.driver).send_keys(key).perform()

    def tab_to(self, predicate, what):
        """Presses Tab until the focused element satisfies `predicate`; each stop must show its focus."""
        for _ in range(MAX_TABS):
            self.press(Keys.TAB)
            element = self.active()
            outline = self.driver.execute_script(
                "var s = getComputedStyle(arguments[0]); return s.outlineStyle + ' ' + s.outlineWidth;", element)
            if element.tag_name in ("a", "button") and element.is_displayed():
                self.assertNotIn("none", outline, "the focus shows on %s" % element.get_attribute("outerHTML")[:120])
            if predicate(element):
                return element
        self.fail("Tab never reached " + what)

    def enter_and_wait(self):
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.press(Keys.ENTER)
        self.wait_for_next_page(old)

    # -- the stories --------------------------------------------------------------------

    def test_the_inbox_table_on_a_desktop_and_a_phone(self):
        self.driver.set_window_size(DESKTOP, 1800)
        self.log_in("/staf")
        self.open("/staf")
        headings = [th.text for th in self.driver.find_elements(By.CSS_SELECTOR, "table.tabel-meja thead th")]
        for heading in ("Diterima", "Tanggal kegiatan", "Pimpinan", "Instansi", "Status"):
            self.assertTrue(any(h.startswith(heading) for h in headings), (heading, headings))
        rows = self.driver.find_elements(By.CSS_SELECTOR, "table.tabel-meja tbody tr")
        self.assertGreaterEqual(len(rows), 3)
        first = rows[0].find_elements(By.TAG_NAME, "td")
        self.assertEqual("table-cell", first[0].value_of_css_property("display"), "a table on a desktop")
        tops = {cell.location["y"] for cell in first}
        self.assertEqual(1, len(tops), "one line per request on a desktop")
        self.assertIn("Segera", self.body())
        self.assertEqual(2, len(self.driver.find_elements(By.CSS_SELECTOR, ".tanda-ganda")))
        self.fits(DESKTOP)
        self.screenshot("desk-inbox-1366.png", DESKTOP)

        # Sorted by activity date by a heading link; the order stays in the URL.
        link = self.driver.find_element(By.XPATH, "//th//a[starts-with(normalize-space(.), 'Tanggal kegiatan')]")
        old = self.driver.find_element(By.TAG_NAME, "html")
        link.click()
        self.wait_for_next_page(old)
        self.assertIn("urut=tanggal", self.driver.current_url)
        first_event = self.driver.find_element(By.CSS_SELECTOR, "table.tabel-meja tbody tr td.kolom-kegiatan a")
        self.assertEqual("Apel Siaga Bencana Banjir", first_event.text, "the soonest activity first")

        self.driver.set_window_size(PHONE, 1800)
        cell = self.driver.find_element(By.CSS_SELECTOR, "table.tabel-meja tbody tr td.kolom-instansi")
        self.assertEqual("block", cell.value_of_css_property("display"), "a card per request on a phone")
        self.assertIn("Instansi", self.driver.execute_script(
            "return getComputedStyle(arguments[0], '::before').content;", cell), "each line names its field")
        self.screenshot("desk-inbox-360.png", PHONE)
        self.fits(PHONE)

    def test_approve_with_the_keyboard_alone(self):
        _, request_id = self.new_request("diverifikasi", valid_fields(
            nama_kegiatan="Musyawarah Perencanaan Pembangunan", instansi="Bappeda Ogan Ilir",
            whatsapp="0812-4000-0003", nomor_surat="050/3/BAPPEDA/2025"))
        self.driver.set_window_size(DESKTOP, 1800)
        self.log_in("/staf/permohonan/%d" % request_id)
        self.open("/staf/permohonan/%d" % request_id)

        desk_y = self.driver.find_element(By.ID, "putuskan").location["y"]
        self.assertLess(desk_y, self.driver.find_element(By.ID, "agenda").location["y"], "the decisions come first")
        self.screenshot("desk-request-1366.png", DESKTOP)
        self.driver.set_window_size(DESKTOP, 1800)
        self.open("/staf/permohonan/%d" % request_id)

        # The first Tab reaches the skip link; the desk's approve link comes before the details.
        self.press(Keys.TAB)
        self.assertEqual("Langsung ke isi", self.active().text.strip())
        approve = self.tab_to(lambda e: e.get_attribute("id") == "putuskan-approve", "the approve link")
        self.assertEqual("Setujui", approve.text)
        self.enter_and_wait()
        self.assertTrue(self.driver.current_url.endswith("?aksi=approve"), self.driver.current_url)
        focused = self.active()
        self.assertEqual("button", focused.tag_name, "the approve button has the focus")
        self.assertEqual("Setujui", focused.text)
        form = focused.find_element(By.XPATH, "ancestor::form")
        self.assertEqual("approve", form.find_element(By.NAME, "aksi").get_attribute("value"))
        self.enter_and_wait()

        self.assertIn("pesan=keputusan", self.driver.current_url)
        self.assertIn("Keputusan disimpan", self.body())
        self.assertIn("Disetujui", self.body())
        text = self.driver.find_element(By.ID, "teks-wa-acara").get_attribute("value")
        self.assertIn("Musyawarah Perencanaan Pembangunan", text)
        self.assertIn("*BUPATI OGAN ILIR*", text)
        copy = self.driver.find_element(By.CSS_SELECTOR, "button[data-salin='teks-wa-acara']")
        self.assertTrue(copy.is_displayed(), "the script shows the copy button")
        notice_y = self.driver.find_element(By.CSS_SELECTOR, "p.sukses").location["y"]
        self.assertLess(notice_y, self.driver.find_element(By.ID, "teks-wa-acara").location["y"])
        self.fits(DESKTOP)
        self.screenshot("desk-request-decided-1366.png", DESKTOP)
        self.assertTrue(re.search(r"/staf/permohonan/%d" % request_id, self.driver.current_url))


if __name__ == "__main__":
    unittest.main()

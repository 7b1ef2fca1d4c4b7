"""The requester's receipt and correction form in a real browser (headless
Chromium driven by Selenium): on a 360 px phone the tracking code stays on
one line and the copy button copies it; a request returned with fields to
correct shows them filled in, and the corrected request goes back to staff.

Screenshots receipt-360.png, receipt-1366.png and correction-360.png are kept
in $JADWAL_ARTIFACTS (default: <build>/artifacts/)."""

import unittest

from browser_case import BrowserTestCase, DESKTOP, PHONE, skip_unless_installed
from jadwal_requests import submit_request, valid_fields

try:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    pass  # skip_unless_installed says what is missing


@skip_unless_installed
class BrowserReceiptTest(BrowserTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 100}

    def code_on_one_line(self):
        code = self.driver.find_element(By.ID, "kode-lacak")
        rect = self.driver.execute_script(
            "var r = document.createRange(); r.selectNodeContents(arguments[0]);"
            "var rects = r.getClientRects(); var box = arguments[0].getBoundingClientRect();"
            "return {lines: rects.length, width: box.width, scroll: arguments[0].scrollWidth,"
            " client: arguments[0].clientWidth, line: parseFloat(getComputedStyle(arguments[0]).lineHeight) ||"
            " parseFloat(getComputedStyle(arguments[0]).fontSize) * 1.6, height: rects.length ? rects[0].height : 0,"
            " textHeight: (function(){var h=0; for (var i=0;i<rects.length;i++) h=Math.max(h, rects[i].bottom);"
            " var t=rects.length?rects[0].top:0; return h-t;})()};", code)
        self.assertEqual(1, rect["lines"], "the code is on one line: %r" % rect)
        self.assertLessEqual(rect["textHeight"], rect["height"] + 1, rect)
        self.assertLessEqual(rect["scroll"], rect["client"], "the code fits its box: %r" % rect)
        return code

    def test_receipt_on_a_phone_and_copying_the_code(self):
        self.driver.set_window_size(PHONE, 1800)
        code = submit_request(self.srv, valid_fields(nama_kegiatan="Pembukaan Festival Perahu Bidar"))
        self.open("/permohonan/%s/tanda-terima" % code)
        element = self.code_on_one_line()
        self.assertEqual(code, element.text.strip())
        self.fits(PHONE)
        share = self.driver.find_element(By.ID, "bagikan-wa")
        self.assertTrue(share.get_attribute("href").startswith("https://wa.me/?text="))
        self.assertIn(code, share.get_attribute("href"))
        button = self.driver.find_element(By.ID, "salin-kode")
        self.assertTrue(button.is_displayed(), "the script shows the copy button")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
        button.click()
        WebDriverWait(self.driver, 10).until(
            lambda d: d.find_element(By.ID, "salin-kode-status").text.strip() != "")
        said = self.driver.find_element(By.ID, "salin-kode-status").text
        # Over plain http there is no Clipboard API: the fallback copies or leaves the code selected.
        selected = self.driver.execute_script("return window.getSelection().toString();")
        self.assertTrue(said == "Kode sudah disalin." or selected.strip() == code, (said, selected))
        self.screenshot("receipt-360.png", PHONE)
        self.fits(DESKTOP)
        self.open("/permohonan/%s/tanda-terima" % code)
        self.code_on_one_line()
        self.screenshot("receipt-1366.png", DESKTOP)

    def test_correction_form_on_a_phone(self):
        code = submit_request(self.srv, valid_fields(nama_kegiatan="Rapat Koordinasi Karang Taruna"))
        request_id = self.request_id(code)
        session = self.staff()
        page = session.get("/staf/permohonan/%d" % request_id)
        pairs = [("csrf", page.csrf()), ("versi", page.field("versi")), ("aksi", "return"),
                 ("catatan", "Tempat dan jam mulai mohon diperbaiki"), ("perbaiki", "tempat"),
                 ("perbaiki", "jam_mulai")]
        answer = session.post_form("/staf/permohonan/%d/keputusan" % request_id, pairs)
        self.assertEqual(303, answer.status, answer.describe())

        self.driver.set_window_size(PHONE, 1800)
        self.open("/permohonan/" + code)
        place = self.driver.find_element(By.ID, "perbaiki-tempat")
        self.assertEqual("Aula SMA Negeri 1 Indralaya", place.get_attribute("value"))
        self.assertEqual([], self.driver.find_elements(By.ID, "perbaiki-nama_kegiatan"))
        self.assertIsNone(self.driver.find_element(By.ID, "surat").get_attribute("required"))
        self.fits(PHONE)
        self.screenshot("correction-360.png", PHONE)
        place.clear()
        place.send_keys("Balai Desa Tanjung Raja")
        form = self.driver.find_element(By.CSS_SELECTOR, "form[action$='/revisi']")
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});",
                                   form.find_element(By.CSS_SELECTOR, "button[type='submit']"))
        form.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
        self.wait_for_next_page(old)
        body = self.driver.find_element(By.TAG_NAME, "body").text
        self.assertIn("Diajukan", body)
        self.assertIn("Balai Desa Tanjung Raja", body)
        self.assertIn("Aula SMA Negeri 1 Indralaya", body, "the old value in the history")


if __name__ == "__main__":
    unittest.main()

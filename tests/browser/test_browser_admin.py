"""User administration in a real browser (headless Chromium driven by
Selenium): an admin creates a user on a 360 px phone, reads the one-time
password, resets it, and the user logs in with it and is made to choose their
own password first; the list on a 1366 px desktop.

Screenshots are kept in $JADWAL_ARTIFACTS (default: <build>/artifacts/):
admin-360.png and admin-1366.png, and the steps between."""


from browser_case import BrowserTestCase, DESKTOP, PHONE, skip_unless_installed
from jadwal_requests import USERS

try:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    pass  # skip_unless_installed says what is missing


@skip_unless_installed
class BrowserAdminTest(BrowserTestCase):
    # -- helpers ----------------------------------------------------------------------

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

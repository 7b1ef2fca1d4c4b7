"""The work report in a real browser (headless Chromium driven by Selenium):
staff log in, open /staf/rekap from the navigation, and download the Excel
workbook by clicking its link; the downloaded file opens with openpyxl and
holds the month's request. The page must fit a 360 px phone.

Screenshots of the report on a 360 px phone and a 1366 px laptop are kept in
$JADWAL_ARTIFACTS (default: <build>/artifacts/) as rekap-360.png and
rekap-1366.png."""

import datetime
import glob
import os
import shutil
import tempfile
import time
import unittest

import test_browser_flow as flow
from browser_case import page_left
from jadwal_requests import WIB, RequestTestCase, USERS, valid_fields

try:
    import openpyxl
except ImportError:
    openpyxl = None

MISSING = list(flow.MISSING) + ([] if openpyxl is not None else ["python3-openpyxl"])

if flow.webdriver is not None:
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait


@unittest.skipIf(MISSING, "not installed: %s (scripts/install-deps.sh --tests)" % ", ".join(MISSING))
class BrowserRecapTest(RequestTestCase):

    @classmethod
    def setup_data(cls):
        test = cls("run")
        cls.code, _ = test.new_request("disetujui", valid_fields(nama_kegiatan="Peresmian Pasar Desa Tanjung Raja",
                                                                instansi="Pemerintah Desa Tanjung Raja"))

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.profile = tempfile.mkdtemp(prefix="jadwal-chromium-")
        cls.downloads = tempfile.mkdtemp(prefix="jadwal-downloads-")
        options = flow.webdriver.ChromeOptions()
        options.binary_location = flow.CHROMIUM
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                     "--lang=id-ID", "--user-data-dir=" + cls.profile, "--window-size=1366,1800"):
            options.add_argument(flag)
        options.add_experimental_option("prefs", {
            "intl.accept_languages": "id-ID,id",
            "download.default_directory": cls.downloads,
            "download.prompt_for_download": False,
        })
        try:
            cls.driver = flow.webdriver.Chrome(service=Service(flow.CHROMEDRIVER), options=options)
        except WebDriverException:
            shutil.rmtree(cls.profile, ignore_errors=True)
            shutil.rmtree(cls.downloads, ignore_errors=True)
            cls.server.stop(failed=True)
            raise
        cls.driver.set_page_load_timeout(60)
        # Headless Chromium saves downloads only where it is told to.
        cls.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": cls.downloads})
        cls.artifacts = flow.artifacts_dir()

    @classmethod
    def tearDownClass(cls):
        try:
            cls.driver.quit()
        finally:
            shutil.rmtree(cls.profile, ignore_errors=True)
            shutil.rmtree(cls.downloads, ignore_errors=True)
            super().tearDownClass()

    def screenshot(self, name, width):
        """A full-page screenshot at `width`: the window is made as tall as the page first."""
        driver = self.driver
        driver.set_window_size(width, 1800)
        driver.execute_script("window.scrollTo(0, 0);")
        height = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
        driver.set_window_size(width, max(1800, min(int(height) + 40, 12000)))
        path = os.path.join(self.artifacts, name)
        self.assertTrue(driver.save_screenshot(path), "screenshot " + path)
        return path

    def click(self, element):
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        element.click()

    def test_staff_open_the_report_and_download_the_workbook(self):
        driver = self.driver
        driver.get(self.srv.url("/staf/rekap"))
        WebDriverWait(driver, 20).until(lambda d: "/staf/masuk" in d.current_url)
        driver.find_element(By.NAME, "nama").send_keys("protokol")
        driver.find_element(By.NAME, "sandi").send_keys(USERS["protokol"][2])
        old = driver.find_element(By.TAG_NAME, "html")
        self.click(driver.find_element(By.XPATH, "//form[.//input[@name='sandi']]//button[@type='submit']"))
        WebDriverWait(self.driver, 20).until(page_left(old))
        WebDriverWait(driver, 20).until(lambda d: d.current_url.split("?")[0].endswith("/staf/rekap"))
        self.assertIn("Pemerintah Desa Tanjung Raja", driver.find_element(By.TAG_NAME, "body").text)

        driver.set_window_size(360, 1800)
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        self.assertLessEqual(overflow, 0, "the report fits a 360 px phone")
        self.screenshot("rekap-360.png", 360)
        self.screenshot("rekap-1366.png", 1366)

        month = datetime.datetime.now(WIB).strftime("%Y-%m")
        link = driver.find_element(By.CSS_SELECTOR, "a[href^='/staf/rekap.xlsx']")
        self.assertEqual(self.srv.url("/staf/rekap.xlsx?bulan=" + month), link.get_attribute("href"))
        self.click(link)
        target = os.path.join(self.downloads, "rekap-%s.xlsx" % month)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (not os.path.exists(target) or glob.glob(target + ".crdownload")
                                               or glob.glob(os.path.join(self.downloads, "*.crdownload"))):
            time.sleep(0.2)
        self.assertTrue(os.path.exists(target), "downloaded: %r" % os.listdir(self.downloads))
        shutil.copy(target, os.path.join(self.artifacts, "rekap-%s.xlsx" % month))
        book = openpyxl.load_workbook(target)
        self.assertEqual(["Ringkasan", "Permohonan"], book.sheetnames[:2])
        activities = [row[7] for row in book["Permohonan"].iter_rows(min_row=2, values_only=True)]
        self.assertIn("Peresmian Pasar Desa Tanjung Raja", activities)
        codes = [row[0] for row in book["Permohonan"].iter_rows(min_row=2, values_only=True)]
        self.assertIn(self.code, codes)


if __name__ == "__main__":
    unittest.main()

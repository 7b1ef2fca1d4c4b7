"""What every browser test shares: headless Chromium driven by Selenium around the
test server, and the steps a person's browser takes (open, click and wait for the
next page, type, a full-page screenshot, no sideways scrolling).

Screenshots are kept in $JADWAL_ARTIFACTS (default: <build>/artifacts/)."""

import os
import shutil
import tempfile
import unittest

from jadwal_requests import RequestTestCase

try:
    from selenium import webdriver
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
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


def page_left(old):
    """A wait condition: the page that held `old` is gone. Chromium reports a node of a
    page being replaced either as stale or as no longer belonging to the document."""
    def gone(_driver):
        try:
            old.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise
    return gone


def skip_unless_installed(cls):
    """Skips a browser test class, saying what to install, when Chromium or Selenium is missing."""
    return unittest.skipIf(MISSING, "not installed: %s (scripts/install-deps.sh --tests)" % ", ".join(MISSING))(cls)


class BrowserTestCase(RequestTestCase):
    WINDOW_WIDTH = PHONE  # the window the browser starts with

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.profile = tempfile.mkdtemp(prefix="jadwal-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                     "--lang=id-ID", "--user-data-dir=" + cls.profile, "--window-size=%d,1800" % cls.WINDOW_WIDTH):
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
        self.wait_for_next_page(old)

    def wait_for_next_page(self, old, seconds=20):
        """Waits until the page holding `old` (its <html>) has been replaced."""
        WebDriverWait(self.driver, seconds).until(page_left(old))

    def type_into(self, name, text):
        element = self.driver.find_element(By.NAME, name)
        element.clear()
        element.send_keys(text)

    def set_value(self, name, value):
        element = self.driver.find_element(By.NAME, name)
        self.driver.execute_script("arguments[0].value = arguments[1];", element, value)

"""The .deb builds, installs, starts, and purges, keeping only the office's data.

Builds the package with cpack in the build directory (JADWAL_BUILD_DIR),
installs it with dpkg on this machine, checks the jadwal user, the files and
their owners, starts the service (systemctl when systemd runs the machine,
else the installed binary as the jadwal user with the installed config on a
free port), asks /healthz and a CalDAV OPTIONS, then purges the package and
checks that only the database directory and the user that owns it are left
(an archive must not go with a package command), then removes those too. Needs root: CI runs it on a clean
machine; elsewhere it skips.
"""

import base64
import grp
import http.client
import os
import pwd
import re
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time
import unittest

PACKAGE = "jadwal"
USER = "jadwal"
PASSWORD = "paket-jadwal-uji"
# What the package puts on the machine; all but the data are gone after a purge.
DATA_PATH = "/var/lib/jadwal"
INSTALLED_PATHS = [
    "/usr/bin/jadwald",
    "/usr/lib/systemd/system/jadwald.service",
    "/etc/jadwal/jadwal.ini",
    "/usr/share/doc/jadwal/README.md",
    "/var/lib/jadwal",
    "/var/log/jadwal",
]
LEFTOVER_PATHS = [path for path in INSTALLED_PATHS if path != DATA_PATH] + ["/etc/jadwal", "/usr/share/doc/jadwal"]
STARTUP_SECONDS = 30


def run(*args, **kwargs):
    kwargs.setdefault("check", True)
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    kwargs.setdefault("timeout", 300)
    return subprocess.run(list(args), **kwargs)


def package_installed():
    status = run("dpkg-query", "-W", "-f=${db:Status-Status}", PACKAGE, check=False)
    return status.returncode == 0 and status.stdout.strip() not in ("", "not-installed")


def user_exists(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def group_exists(name):
    try:
        grp.getgrnam(name)
        return True
    except KeyError:
        return False


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ask(port, method, path, auth=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {}
        if auth:
            token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
            headers["Authorization"] = "Basic " + token
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def wait_healthy(port, process=None):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"jadwald exited with {process.returncode}: {process.stderr.read()}")
        try:
            status, _, body = ask(port, "GET", "/healthz")
            if status == 200:
                return body
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"jadwald did not answer /healthz on port {port} within {STARTUP_SECONDS} s")


class DebianPackage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if os.geteuid() != 0:
            raise unittest.SkipTest("installing the .deb needs root (CI runs this test as root on a clean machine)")
        if not shutil.which("dpkg") or not shutil.which("dpkg-shlibdeps"):
            raise unittest.SkipTest("dpkg and dpkg-dev are needed (scripts/install-deps.sh)")
        if package_installed() or user_exists(USER) or group_exists(USER):
            raise unittest.SkipTest(
                f"package or user {USER!r} already on this machine: this test installs and purges its own"
            )
        cls.build_dir = os.environ["JADWAL_BUILD_DIR"]
        cls.version = os.environ["JADWAL_VERSION"]
        if not os.path.exists(os.path.join(cls.build_dir, "jadwald")):
            raise AssertionError("build jadwald first: the package holds the binary of this build")
        cls.out_dir = tempfile.mkdtemp(prefix="jadwal-deb-")
        run(os.environ.get("JADWAL_CPACK", "cpack"), "-G", "DEB", "-B", cls.out_dir, cwd=cls.build_dir, timeout=600)
        debs = [name for name in os.listdir(cls.out_dir) if name.endswith(".deb")]
        assert len(debs) == 1, f"cpack made {debs}"
        cls.deb = os.path.join(cls.out_dir, debs[0])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.out_dir, ignore_errors=True)

    def test_install_start_purge(self):
        self.check_package_fields()
        self.addCleanup(self.purge_quietly)
        run("dpkg", "-i", self.deb)
        self.check_installed()
        if os.path.isdir("/run/systemd/system"):
            self.check_running_under_systemd()
        else:
            self.check_running_by_hand()
        run("dpkg", "--purge", PACKAGE)
        self.check_clean()

    def check_package_fields(self):
        fields = run("dpkg-deb", "--field", self.deb).stdout
        self.assertIn(f"Package: {PACKAGE}", fields)
        self.assertIn(f"Version: {self.version}", fields)
        depends = re.search(r"^Depends: (.*)$", fields, re.M)
        self.assertIsNotNone(depends, fields)
        # From dpkg-shlibdeps: the libraries jadwald links, as Debian packages.
        for library in ("libpoco", "libical", "libsodium", "libstdc++", "libcairo2", "libpango", "libpoppler-cpp",
                        "libxlsxwriter"):
            self.assertIn(library, depends.group(1))
        # Not linked, but the printed agenda's font (web/agenda_pdf.cpp).
        self.assertIn("fonts-dejavu-core", depends.group(1))
        conffiles = run("dpkg-deb", "--info", self.deb, "conffiles").stdout.split()
        self.assertEqual(conffiles, ["/etc/jadwal/jadwal.ini"])

    def check_installed(self):
        self.assertTrue(package_installed())
        user = pwd.getpwnam(USER)
        self.assertLess(user.pw_uid, 1000, "a system user")
        self.assertEqual(user.pw_dir, "/var/lib/jadwal")
        self.assertEqual(user.pw_shell, "/usr/sbin/nologin")
        for path in INSTALLED_PATHS:
            self.assertTrue(os.path.exists(path), path)
        for directory in ("/var/lib/jadwal", "/var/log/jadwal"):
            info = os.stat(directory)
            self.assertEqual((info.st_uid, stat.S_IMODE(info.st_mode)), (user.pw_uid, 0o750), directory)
        config = os.stat("/etc/jadwal/jadwal.ini")
        self.assertEqual((config.st_uid, config.st_gid, stat.S_IMODE(config.st_mode)), (0, user.pw_gid, 0o640))
        with open("/usr/lib/systemd/system/jadwald.service") as unit:
            self.assertIn("ExecStart=/usr/bin/jadwald --config /etc/jadwal/jadwal.ini", unit.read())
        version = run("/usr/bin/jadwald", "--version").stdout
        self.assertEqual(version, f"jadwald {self.version}\n")

    def add_admin(self, config):
        run("runuser", "-u", USER, "--", "/usr/bin/jadwald", "--config", config,
            "user", "add", "paket", "--role", "admin", input=PASSWORD + "\n")

    def check_answers(self, port):
        self.assertEqual(wait_healthy(port), b"ok\n")
        status, headers, _ = ask(port, "OPTIONS", "/dav/", auth=("paket", PASSWORD))
        self.assertEqual(status, 200)
        self.assertIn("calendar-access", headers.get("DAV", ""))

    def check_running_under_systemd(self):
        run("systemctl", "is-enabled", "jadwald.service")
        self.add_admin("/etc/jadwal/jadwal.ini")
        with open("/etc/jadwal/jadwal.ini") as config:
            port = int(re.search(r"^port\s*=\s*(\d+)", config.read(), re.M).group(1))
        self.check_answers(port)
        run("systemctl", "is-active", "jadwald.service")

    def check_running_by_hand(self):
        # The installed config, on a free port: the one change this run needs.
        port = free_port()
        work = tempfile.mkdtemp(prefix="jadwal-run-")
        self.addCleanup(shutil.rmtree, work, True)
        os.chmod(work, 0o755)
        config = os.path.join(work, "jadwal.ini")
        with open("/etc/jadwal/jadwal.ini") as installed:
            text = re.sub(r"^port\s*=.*$", f"port = {port}", installed.read(), count=1, flags=re.M)
        with open(config, "w") as out:
            out.write(text)
        os.chmod(config, 0o644)
        self.add_admin(config)
        # setpriv execs jadwald itself (runuser would stay between and kill it on SIGTERM).
        server = subprocess.Popen(["setpriv", f"--reuid={USER}", f"--regid={USER}", "--init-groups",
                                   "/usr/bin/jadwald", "--config", config],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            wait_healthy(port, server)
            self.check_answers(port)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        self.assertEqual(server.returncode, 0, server.stderr.read())
        with open("/var/log/jadwal/access.log") as log:
            self.assertRegex(log.read(), r'"OPTIONS /dav/ HTTP/1.1" 200 ')
        self.assertTrue(os.path.exists("/var/lib/jadwal/jadwal.db"))

    def check_clean(self):
        self.assertFalse(package_installed())
        status = run("dpkg-query", "-W", "-f=${db:Status-Status}", PACKAGE, check=False).stdout.strip()
        self.assertIn(status, ("", "not-installed"), "purge leaves no config-files state")
        for path in LEFTOVER_PATHS:
            self.assertFalse(os.path.lexists(path), path)
        self.assertFalse(os.path.lexists("/etc/systemd/system/multi-user.target.wants/jadwald.service"))
        # The database survives a purge, with the user that owns it.
        self.assertTrue(os.path.exists(DATA_PATH + "/jadwal.db"))
        self.assertTrue(user_exists(USER))
        self.remove_kept_data()
        self.assertFalse(os.path.lexists(DATA_PATH))
        self.assertFalse(user_exists(USER))
        self.assertFalse(group_exists(USER))

    def remove_kept_data(self):
        """What an operator does by hand after a backup: the machine is then as before."""
        run("rm", "-rf", DATA_PATH)
        if user_exists(USER):
            run("userdel", USER, check=False)
        if group_exists(USER):
            run("groupdel", USER, check=False)

    def purge_quietly(self):
        if package_installed():
            run("dpkg", "--purge", PACKAGE, check=False)
        self.remove_kept_data()


if __name__ == "__main__":
    unittest.main()

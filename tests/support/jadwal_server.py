"""Runs a real jadwald for a test: temp dir, fresh SQLite file, free port on 127.0.0.1.

    from jadwal_server import JadwalServer
    with JadwalServer() as srv:
        srv.add_user("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati")
        status, headers, body = srv.request("PROPFIND", "/dav/", user=("bupati", "rahasia-bupati"))

The binary comes from $JADWAL_BIN, else <repo>/build/jadwald. Standard library only.

The web pages (forms, cookies, CSRF) are driven through WebSession:

    web = WebSession(srv)
    form = web.get("/permohonan")
    page = web.post_multipart("/permohonan", form.form_values("/permohonan") + [...], files=[...])
    staff = WebSession(srv).login("protokol", "rahasia-protokol")
"""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

from http_exchange import _exchange, basic_auth  # noqa: F401 (tests import them from here)

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STARTUP_TIMEOUT_SECONDS = 20
SHUTDOWN_TIMEOUT_SECONDS = 15

# Where each bare keyword argument goes in the INI file. "section.key" keyword
# arguments (passed with **{...}) go verbatim, so any key can be set.
_KEY_SECTIONS = {
    "public_url": "",
    "timezone": "",
    "address": "http",
    "threads": "http",
    "io_threads": "http",
    "max_requests_per_client": "http",
    "max_queued": "http",
    "timeout_seconds": "http",
    "keep_alive_seconds": "http",
    "max_body_bytes": "http",
    "header_timeout_seconds": "http",
    "body_timeout_seconds": "http",
    "min_bytes_per_second": "http",
    "max_header_bytes": "http",
    "max_pending_body_bytes": "http",
    "max_connections": "http",
    "max_connections_per_client": "http",
    "trusted_proxies": "http",
    "max_instances": "caldav",
    "max_resource_bytes": "caldav",
    "max_xml_bytes": "caldav",
    "max_xml_depth": "caldav",
    "max_xml_elements": "caldav",
    "max_expansion_steps": "caldav",
    "max_answer_steps": "caldav",
    "max_answer_bytes": "caldav",
    "max_answer_seconds": "caldav",
    "url": "db",
    "cache_seconds": "auth",
    "access": "log",
    "level": "log",
    "office_name": "",
    "hold_calendar": "workflow",
    "max_file_bytes": "workflow",
    "max_upload_total_bytes": "workflow",
    "form_token_keep_seconds": "workflow",
    "submissions_per_hour": "workflow",
    "failed_forms_per_hour": "workflow",
}

# Keyword arguments whose INI name differs: smtp_host=... -> [smtp] host = ...
_KEY_ALIASES = {
    "smtp_host": ("smtp", "host"),
    "smtp_port": ("smtp", "port"),
    "smtp_from": ("smtp", "from"),
    "smtp_user": ("smtp", "user"),
    "smtp_password": ("smtp", "password"),
}


class CliError(subprocess.CalledProcessError):
    """A failed `jadwald ... CLI` call; its message carries the command's stderr."""

    def __str__(self):
        return "%s\nstderr: %s" % (super().__str__(), (self.stderr or "").strip())


def jadwald_binary():
    path = os.environ.get("JADWAL_BIN") or os.path.join(REPO_ROOT, "build", "jadwald")
    if not os.access(path, os.X_OK):
        raise RuntimeError("jadwald not found at %s: build it first or set JADWAL_BIN" % path)
    return path


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class JadwalServer:
    """Context manager owning one jadwald process and its temporary directory.

    Keyword arguments become config keys (e.g. max_body_bytes=4096, cache_seconds=0,
    or **{"http.threads": 4}). Use start()/stop() from setUpClass/tearDownClass.
    """

    def __init__(self, **config):
        self.binary = jadwald_binary()
        self._overrides = {}
        for key, value in config.items():
            if "." in key:
                section, name = key.split(".", 1)
            elif key in _KEY_ALIASES:
                section, name = _KEY_ALIASES[key]
            elif key in _KEY_SECTIONS:
                section, name = _KEY_SECTIONS[key], key
            else:
                raise TypeError("JadwalServer: unknown config key %r" % key)
            self._overrides[(section, name)] = value
        # jadwald refuses to start when max_connections (10,000 by default) does
        # not fit its open-file limit; no test needs that many, and a test
        # machine's limit may be lower.
        self._overrides.setdefault(("http", "max_connections"), 2000)
        self.tmpdir = None
        self.process = None
        self.port = None
        self.base_url = None

    # -- lifecycle ---------------------------------------------------------

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.stop(failed=exc_type is not None)
        return False

    def start(self):
        self.tmpdir = tempfile.mkdtemp(prefix="jadwal-test-")
        self.config_path = os.path.join(self.tmpdir, "jadwal.ini")
        self.db_path = os.path.join(self.tmpdir, "jadwal.db")
        self.access_log_path = os.path.join(self.tmpdir, "access.log")
        self.stdout_path = os.path.join(self.tmpdir, "jadwald.stdout")
        self.stderr_path = os.path.join(self.tmpdir, "jadwald.stderr")
        # The port is picked free and then bound by the server: another process can
        # take it in between, so a start that fails on the address is retried.
        try:
            for attempt in range(3):
                self.port = _free_port()
                self.base_url = "http://127.0.0.1:%d" % self.port
                self._write_config()
                try:
                    self._launch()
                    return self
                except _AddressInUse:
                    if attempt == 2:
                        raise RuntimeError("jadwald could not bind a free port:\n" + self.server_log())
        except BaseException:
            self.stop(failed=True)
            raise
        return self

    def restart(self):
        """Stops jadwald and starts it again on the same port, config and database
        (e.g. so that it sees users created with the CLI at start-up)."""
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=SHUTDOWN_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise AssertionError("jadwald did not stop within %d s of SIGTERM" % SHUTDOWN_TIMEOUT_SECONDS)
            if self.process.returncode not in (0, -signal.SIGTERM):
                raise AssertionError("jadwald exited with status %d on SIGTERM" % self.process.returncode)
            self.process = None
        self._launch()
        return self

    def kill(self):
        """SIGKILLs jadwald, as a crash or power loss would end it, and waits for it to
        be gone; restart() then starts it again on the same database."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def stop(self, failed=False):
        crashed = None
        if self.process is not None:
            if self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
                try:
                    self.process.wait(timeout=SHUTDOWN_TIMEOUT_SECONDS)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
                    crashed = "jadwald did not stop within %d s of SIGTERM" % SHUTDOWN_TIMEOUT_SECONDS
                else:
                    if self.process.returncode not in (0, -signal.SIGTERM):
                        crashed = "jadwald exited with status %d on SIGTERM" % self.process.returncode
            else:
                crashed = "jadwald had exited during the test with status %d" % self.process.returncode
            self.process = None
        if (failed or crashed) and self.tmpdir:
            sys.stderr.write(self._report())
        if self.tmpdir and not os.environ.get("JADWAL_KEEP_TMP"):
            shutil.rmtree(self.tmpdir, ignore_errors=True)
        elif self.tmpdir:
            sys.stderr.write("jadwal test files kept in %s\n" % self.tmpdir)
        self.tmpdir = None
        if crashed and not failed:
            raise AssertionError(crashed)

    # -- operator CLI ------------------------------------------------------

    def cli(self, *args, input=None, check=True, timeout=60):
        """Runs `jadwald --config <cfg> ARGS...`; returns the CompletedProcess (text mode)."""
        command = [self.binary, "--config", self.config_path] + [str(a) for a in args]
        result = subprocess.run(command, input=input, capture_output=True, text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise CliError(result.returncode, command, result.stdout, result.stderr)
        return result

    def add_user(self, name, role, display_name, password):
        return self.cli("user", "add", name, "--role", role, "--name", display_name, input=password + "\n")

    def share(self, calendar, user, mode="read"):
        return self.cli("share", calendar, user, mode)

    def assign(self, aide, leader):
        return self.cli("assign", aide, leader)

    # -- HTTP --------------------------------------------------------------

    def request(self, method, path, body=None, headers=None, user=None, timeout=30):
        """One HTTP request on a fresh connection.

        body: str (sent as UTF-8) or bytes; user: (name, password) for Basic auth.
        Returns (status, headers with lower-case names, body bytes); repeated
        headers are joined with ", ".
        """
        if isinstance(body, str):
            body = body.encode("utf-8")
        all_headers = dict(headers or {})
        if user is not None:
            all_headers["Authorization"] = basic_auth(*user)
        status, merged, data, _ = _exchange(self.port, method, path, body, all_headers, timeout)
        return status, merged, data

    def url(self, path):
        return urllib.parse.urljoin(self.base_url + "/", path.lstrip("/"))

    # -- logs --------------------------------------------------------------

    def server_log(self):
        return _read(self.stderr_path) + _read(self.stdout_path)

    def access_log(self):
        return _read(self.access_log_path)

    # -- internals ---------------------------------------------------------

    def _config_values(self):
        values = {
            ("", "public_url"): self.base_url,
            ("", "timezone"): "Asia/Jakarta",
            ("http", "address"): "127.0.0.1",
            ("http", "port"): self.port,
            ("http", "threads"): 8,
            ("http", "timeout_seconds"): 10,
            ("db", "url"): "sqlite:" + self.db_path,
            ("log", "access"): self.access_log_path,
        }
        values.update(self._overrides)
        return values

    def _write_config(self):
        sections = {}
        for (section, name), value in self._config_values().items():
            sections.setdefault(section, []).append((name, value))
        lines = ["; written by tests/support/jadwal_server.py"]
        for name, value in sections.pop("", []):
            lines.append("%s = %s" % (name, value))
        for section, entries in sections.items():
            lines.append("")
            lines.append("[%s]" % section)
            lines.extend("%s = %s" % (name, value) for name, value in entries)
        with open(self.config_path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")

    def _launch(self):
        with open(self.stdout_path, "ab") as out, open(self.stderr_path, "ab") as err:
            self.process = subprocess.Popen(
                [self.binary, "--config", self.config_path],
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                cwd=self.tmpdir,
            )
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code is not None:
                self.process = None
                log = self.server_log()
                if "in use" in log.lower():
                    raise _AddressInUse()
                raise RuntimeError("jadwald exited with status %d at start-up:\n%s" % (code, log))
            try:
                status, _, _ = self.request("GET", "/healthz", timeout=2)
                if status == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.05)
        raise RuntimeError(
            "jadwald did not answer /healthz within %d s:\n%s" % (STARTUP_TIMEOUT_SECONDS, self.server_log())
        )

    def _report(self):
        parts = ["\n----- jadwald log (%s) -----\n" % self.tmpdir, self.server_log()]
        access = self.access_log()
        if access:
            parts += ["----- access log (last 50 lines) -----\n", "".join(access.splitlines(True)[-50:])]
        parts.append("----- end of jadwald log -----\n")
        return "".join(parts)


class _AddressInUse(Exception):
    pass


def _read(path):
    try:
        with open(path, "r", encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


class ServerTestCase(unittest.TestCase):
    """A TestCase class sharing one JadwalServer (cls.srv) among its tests.

    The server log is printed at the end when any test of the class failed.
    Set `server_config` (a dict of JadwalServer keyword arguments) to tune it.
    """

    server_config = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._any_failed = False
        cls.srv = JadwalServer(**cls.server_config)
        cls.srv.start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.stop(failed=cls._any_failed)
        super().tearDownClass()

    def run(self, result=None):
        problems = lambda r: len(r.failures) + len(r.errors) + len(getattr(r, "unexpectedSuccesses", []))
        before = problems(result) if result is not None else 0
        result = super().run(result)
        if result is not None and problems(result) > before:
            type(self)._any_failed = True
        return result


# The web page helpers live in web_pages.py; tests import them from here too.
from web_pages import Element, WebPage, WebSession, multipart_body  # noqa: E402,F401

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

import base64
import html.parser
import http.client
import mimetypes
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
import uuid

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



def _exchange(port, method, path, body, headers, timeout):
    """One request to the server on `port`: (status, headers by lower-case name with
    repeats joined, body bytes, the Set-Cookie values)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        merged = {}
        for name, value in response.getheaders():
            name = name.lower()
            merged[name] = merged[name] + ", " + value if name in merged else value
        return response.status, merged, data, response.msg.get_all("Set-Cookie") or []
    finally:
        conn.close()

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


def basic_auth(user, password):
    token = base64.b64encode(("%s:%s" % (user, password)).encode("utf-8")).decode("ascii")
    return "Basic " + token


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


# -- web pages ---------------------------------------------------------------

_VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    """One HTML element: tag, attributes, its text (descendants' included) and its form."""

    def __init__(self, tag, attrs, form, parent=None):
        self.tag = tag
        self.parent = parent  # the enclosing Element, or None
        self.attrs = {name: (value if value is not None else "") for name, value in attrs}
        self.form = form  # the enclosing <form> Element, or None
        self._parts = []

    def get(self, name, default=None):
        return self.attrs.get(name, default)

    @property
    def text(self):
        return " ".join("".join(self._parts).split())

    @property
    def raw_text(self):
        return "".join(self._parts)

    def __repr__(self):
        return "<%s %r %r>" % (self.tag, self.attrs, self.text[:80])


class _PageParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self._open = []
        self._form = None
        self._skip = 0  # inside <script>/<style>
        self.visible = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self._form, self._open[-1] if self._open else None)
        self.elements.append(element)
        if tag == "form":
            self._form = element
            element.form = element
        if tag in ("script", "style"):
            self._skip += 1
        if tag not in _VOID_ELEMENTS:
            self._open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_ELEMENTS and self._open and self._open[-1].tag == tag:
            self._open.pop()
            if tag == "form":
                self._form = None

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                break
        if tag == "form":
            self._form = None
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        for element in self._open:
            element._parts.append(data)
        if not self._skip:
            self.visible.append(data)


class WebPage:
    """An HTTP answer from WebSession with the HTML read into elements."""

    def __init__(self, status, headers, body, set_cookies):
        self.status = status
        self.headers = headers  # lower-case names; repeated ones joined with ", "
        self.body = body
        self.set_cookies = set_cookies  # raw Set-Cookie values
        self.text = body.decode("utf-8", "replace")
        self._parsed = None

    def _parser(self):
        if self._parsed is None:
            self._parsed = _PageParser()
            if "html" in self.headers.get("content-type", ""):
                self._parsed.feed(self.text)
                self._parsed.close()
        return self._parsed

    @property
    def location(self):
        """The redirect target as a path with query ('' when none)."""
        target = self.headers.get("location", "")
        parts = urllib.parse.urlsplit(target)
        return parts.path + ("?" + parts.query if parts.query else "")

    @property
    def location_path(self):
        """The redirect target's path alone."""
        return urllib.parse.urlsplit(self.headers.get("location", "")).path

    @property
    def visible_text(self):
        """The page's text without tags, scripts and styles, whitespace collapsed."""
        return " ".join("".join(self._parser().visible).split())

    def elements(self, tag=None, **attrs):
        """Elements by tag and attribute values (class_="x" matches one of the classes)."""
        found = []
        for element in self._parser().elements:
            if tag is not None and element.tag != tag:
                continue
            ok = True
            for name, value in attrs.items():
                name = name.rstrip("_").replace("_", "-")
                if name == "class":
                    ok = value in element.get("class", "").split()
                else:
                    ok = element.get(name) == value
                if not ok:
                    break
            if ok:
                found.append(element)
        return found

    def within(self, ancestor, tag=None):
        """The elements inside `ancestor` (optionally of one tag), in document order."""
        found = []
        for element in self._parser().elements:
            node = element.parent
            while node is not None and node is not ancestor:
                node = node.parent
            if node is ancestor and (tag is None or element.tag == tag):
                found.append(element)
        return found

    def by_id(self, element_id):
        found = self.elements(id=element_id)
        return found[0] if found else None

    def links(self):
        return [e.get("href") for e in self.elements("a") if e.get("href")]

    def forms(self):
        return self.elements("form")

    def form(self, action):
        """The first form whose action's path is `action` (or starts with it when it ends in '/')."""
        for form in self.forms():
            path = urllib.parse.urlsplit(form.get("action", "")).path
            if path == action or (action.endswith("/") and path.startswith(action)):
                return form
        raise AssertionError("no form with action %r in the page; forms: %r"
                             % (action, [f.get("action") for f in self.forms()]))

    def form_values(self, action, submitter=None):
        """The (name, value) pairs a browser would submit with the form (files aside):
        text inputs and hidden fields, checked boxes, selected options, textareas."""
        form = self.form(action)
        pairs = []
        for element in self._parser().elements:
            if element.form is not form or element is form:
                continue
            name = element.get("name")
            if not name or "disabled" in element.attrs:
                continue
            if element.tag == "input":
                kind = element.get("type", "text").lower()
                if kind in ("file", "image", "reset"):
                    continue
                if kind in ("submit", "button"):
                    if submitter is not None and element is submitter:
                        pairs.append((name, element.get("value", "")))
                    continue
                if kind in ("checkbox", "radio"):
                    if "checked" in element.attrs:
                        pairs.append((name, element.get("value", "on")))
                    continue
                pairs.append((name, element.get("value", "")))
            elif element.tag == "textarea":
                value = element.raw_text
                pairs.append((name, value[1:] if value.startswith("\n") else value))
            elif element.tag == "select":
                options = [o for o in self._parser().elements if o.tag == "option" and _inside(o, element, self)]
                chosen = [o for o in options if "selected" in o.attrs] or options[:1]
                for option in chosen:
                    pairs.append((name, option.get("value", option.text)))
        return pairs

    def field(self, name, action=None):
        """The first value of a field in the page (or in the form `action`), or None."""
        elements = self.elements(name=name)
        if action is not None:
            form = self.form(action)
            elements = [e for e in elements if e.form is form]
        for element in elements:
            if element.tag == "textarea":
                return element.raw_text
            if element.tag == "input":
                return element.get("value", "")
            if element.tag == "select":
                return dict(self.form_values(urllib.parse.urlsplit(element.form.get("action", "")).path)).get(name)
        return None

    def csrf(self, action=None):
        value = self.field("csrf", action)
        if not value:
            raise AssertionError("no csrf field in the page (status %d)" % self.status)
        return value

    def describe(self):
        return "status %d, location %r, body:\n%s" % (self.status, self.headers.get("location"), self.text[:3000])


def _inside(option, select, page):
    """Whether `option` comes after `select` and before the select's end (options follow their select)."""
    elements = page._parser().elements
    start = elements.index(select)
    for element in elements[start + 1:]:
        if element is option:
            return True
        if element.tag not in ("option", "optgroup"):
            return False
    return False


def multipart_body(fields, files=()):
    """multipart/form-data: fields as (name, value) pairs, files as
    (field, filename, bytes[, content type]). Returns (body, content type)."""
    boundary = "----jadwal-test-" + uuid.uuid4().hex
    out = []
    for name, value in fields:
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n" % (boundary, name)).encode())
        out.append(value.encode("utf-8") if isinstance(value, str) else value)
        out.append(b"\r\n")
    for item in files:
        field, filename, data = item[0], item[1], item[2]
        ctype = item[3] if len(item) > 3 else (mimetypes.guess_type(filename)[0] or "application/octet-stream")
        out.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                    "Content-Type: %s\r\n\r\n" % (boundary, field, filename, ctype)).encode("utf-8"))
        out.append(data)
        out.append(b"\r\n")
    out.append(("--%s--\r\n" % boundary).encode())
    return b"".join(out), "multipart/form-data; boundary=" + boundary


class WebSession:
    """A browser-like client of one JadwalServer: a cookie jar, no automatic redirects."""

    def __init__(self, server, headers=None):
        self.srv = server
        self.cookies = {}
        self.default_headers = dict(headers or {})

    def request(self, method, path, body=None, headers=None, user=None, timeout=30):
        all_headers = dict(self.default_headers)
        all_headers.update(headers or {})
        if self.cookies and "Cookie" not in all_headers:
            all_headers["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        if user is not None:
            all_headers["Authorization"] = basic_auth(*user)
        if isinstance(body, str):
            body = body.encode("utf-8")
        status, merged, data, set_cookies = _exchange(self.srv.port, method, path, body, all_headers, timeout)
        for raw in set_cookies:
            self._remember(raw)
        return WebPage(status, merged, data, set_cookies)

    def _remember(self, raw):
        pair, _, attributes = raw.partition(";")
        name, _, value = pair.strip().partition("=")
        expired = any(a.strip().lower() in ("max-age=0", "max-age=-1") for a in attributes.split(";"))
        if expired or value == "":
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value

    def get(self, path, headers=None, **kw):
        return self.request("GET", path, headers=headers, **kw)

    def post_form(self, path, fields, headers=None):
        """An urlencoded POST; fields as (name, value) pairs or a dict."""
        items = list(fields.items()) if isinstance(fields, dict) else list(fields)
        body = urllib.parse.urlencode(items)
        all_headers = {"Content-Type": "application/x-www-form-urlencoded"}
        all_headers.update(headers or {})
        return self.request("POST", path, body, all_headers)

    def post_multipart(self, path, fields, files=(), headers=None):
        items = list(fields.items()) if isinstance(fields, dict) else list(fields)
        body, ctype = multipart_body(items, files)
        all_headers = {"Content-Type": ctype}
        all_headers.update(headers or {})
        return self.request("POST", path, body, all_headers)

    def login(self, user, password, lanjut=None):
        """Logs in through /staf/masuk; raises when the server does not accept it."""
        form = self.get("/staf/masuk")
        if form.status != 200:
            raise AssertionError("GET /staf/masuk: " + form.describe())
        fields = form.form_values("/staf/masuk")
        fields = [(k, v) for k, v in fields if k not in ("nama", "sandi", "lanjut")]
        fields += [("nama", user), ("sandi", password)]
        if lanjut:
            fields.append(("lanjut", lanjut))
        page = self.post_form("/staf/masuk", fields)
        if page.status != 303 or "jadwal_sesi" not in self.cookies:
            raise AssertionError("login of %s refused: %s" % (user, page.describe()))
        return self

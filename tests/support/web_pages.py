"""Drives jadwald's web pages like a browser: a cookie jar, forms and their
CSRF fields, multipart uploads, and a small HTML parser to read pages.

    web = WebSession(srv)
    form = web.get("/permohonan")
    page = web.post_multipart("/permohonan", form.form_values("/permohonan") + [...], files=[...])
"""

import html.parser
import mimetypes
import urllib.parse
import uuid

from http_exchange import _exchange, basic_auth

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

"""Shared helpers for the HTTP protocol tests: request bodies, multistatus
parsing, iCalendar snippets and a base test case that owns one server per
test class."""

import os
import sys
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))

from jadwal_server import JadwalServer  # noqa: E402

DAV = "DAV:"
CALDAV = "urn:ietf:params:xml:ns:caldav"
CS = "http://calendarserver.org/ns/"
APPLE = "http://apple.com/ns/ical/"

NAMESPACES = {"D": DAV, "C": CALDAV, "CS": CS, "A": APPLE}
XMLNS = 'xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" ' \
        'xmlns:CS="http://calendarserver.org/ns/" xmlns:A="http://apple.com/ns/ical/"'


def qname(prefixed):
    """'D:getetag' -> '{DAV:}getetag'."""
    prefix, local = prefixed.split(":", 1)
    return "{%s}%s" % (NAMESPACES[prefix], local)


def propfind_body(*props):
    """A PROPFIND asking for the named properties ('D:displayname', ...)."""
    inner = "".join("<%s/>" % p for p in props)
    return ('<?xml version="1.0" encoding="utf-8"?><D:propfind %s><D:prop>%s</D:prop></D:propfind>'
            % (XMLNS, inner)).encode()


ALLPROP = ('<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>').encode()
PROPNAME = ('<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:propname/></D:propfind>').encode()

XML_HEADERS = {"Content-Type": "application/xml; charset=utf-8"}
ICS_HEADERS = {"Content-Type": "text/calendar; charset=utf-8"}


def status_code(status_line):
    """'HTTP/1.1 404 Not Found' -> 404."""
    parts = (status_line or "").split()
    if len(parts) < 2 or not parts[1].isdigit():
        raise AssertionError("malformed DAV:status %r" % status_line)
    return int(parts[1])


def normalize_href(href):
    """A path, percent-decoded, whether the server wrote an absolute URL or a path."""
    path = urllib.parse.urlsplit(href.strip()).path
    return urllib.parse.unquote(path)


class DavResponse:
    """One DAV:response of a multistatus."""

    def __init__(self, element):
        self.element = element
        hrefs = element.findall("{DAV:}href")
        if not hrefs:
            raise AssertionError("DAV:response without DAV:href: %s" % ET.tostring(element, "unicode"))
        self.hrefs = [normalize_href(h.text or "") for h in hrefs]
        self.href = self.hrefs[0]
        st = element.find("{DAV:}status")
        self.status = status_code(st.text) if st is not None else None
        self.props = {}  # '{ns}name' -> (status, element)
        for propstat in element.findall("{DAV:}propstat"):
            pst = propstat.find("{DAV:}status")
            if pst is None:
                raise AssertionError("propstat without status: %s" % ET.tostring(propstat, "unicode"))
            code = status_code(pst.text)
            prop = propstat.find("{DAV:}prop")
            if prop is None:
                raise AssertionError("propstat without prop: %s" % ET.tostring(propstat, "unicode"))
            for child in prop:
                self.props[child.tag] = (code, child)

    def prop(self, prefixed):
        """The element of a property found with 200, or None."""
        found = self.props.get(qname(prefixed))
        if found and found[0] == 200:
            return found[1]
        return None

    def prop_status(self, prefixed):
        found = self.props.get(qname(prefixed))
        return found[0] if found else None

    def text(self, prefixed):
        el = self.prop(prefixed)
        return None if el is None else (el.text or "")


class Multistatus:
    def __init__(self, body):
        try:
            self.root = ET.fromstring(body)
        except ET.ParseError as e:
            raise AssertionError("response is not XML (%s): %r" % (e, body[:500]))
        if self.root.tag != "{DAV:}multistatus":
            raise AssertionError("root is %s, not DAV:multistatus" % self.root.tag)
        self.responses = [DavResponse(r) for r in self.root.findall("{DAV:}response")]
        self.by_href = {}
        for r in self.responses:
            for h in r.hrefs:
                self.by_href[h.rstrip("/")] = r
        token = self.root.find("{DAV:}sync-token")
        self.sync_token = None if token is None else (token.text or "").strip()

    def get(self, href):
        return self.by_href.get(normalize_href(href).rstrip("/"))

    def hrefs(self):
        return {h for r in self.responses for h in r.hrefs}


def error_elements(body):
    """The '{ns}name' tags of the children of a DAV:error body, or an empty set."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return set()
    if root.tag != "{DAV:}error":
        return set()
    return {child.tag for child in root}


def unfold(ics_text):
    if isinstance(ics_text, bytes):
        ics_text = ics_text.decode("utf-8")
    return ics_text.replace("\r\n", "\n").replace("\n ", "").replace("\n\t", "").split("\n")


def components(ics_text, name):
    """Every component NAME as a list of its (unfolded) content lines, nested components excluded."""
    result, stack = [], []
    for line in unfold(ics_text):
        if line.startswith("BEGIN:"):
            stack.append((line[6:].strip(), []))
        elif line.startswith("END:"):
            comp, lines = stack.pop()
            if comp == name:
                result.append(lines)
        elif stack:
            stack[-1][1].append(line)
    return result


def prop_values(lines, name):
    """Values of property NAME (any parameters) among component lines."""
    out = []
    for line in lines:
        head, _, value = line.partition(":")
        if head.split(";")[0].upper() == name:
            out.append(value)
    return out


VTIMEZONE_JAKARTA = """BEGIN:VTIMEZONE
TZID:Asia/Jakarta
BEGIN:STANDARD
TZOFFSETFROM:+0700
TZOFFSETTO:+0700
TZNAME:WIB
DTSTART:19700101T000000
END:STANDARD
END:VTIMEZONE
"""


def vcalendar(*bodies, timezone=False):
    """A VCALENDAR around component texts, CRLF line ends."""
    text = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Jadwal tests//EN\n"
    if timezone:
        text += VTIMEZONE_JAKARTA
    for b in bodies:
        text += b.strip("\n") + "\n"
    text += "END:VCALENDAR\n"
    return text.replace("\n", "\r\n").encode("utf-8")


def vevent(uid, start="20240610T030000Z", end="20240610T040000Z", summary="Rapat", extra=""):
    lines = ["BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:20240101T000000Z"]
    lines.append(start if ":" in start else "DTSTART:" + start)
    if end:
        lines.append(end if ":" in end else "DTEND:" + end)
    lines.append("SUMMARY:" + summary)
    if extra:
        lines.extend(l for l in extra.strip("\n").split("\n") if l)
    lines.append("END:VEVENT")
    return "\n".join(lines)


def event_ics(uid, **kw):
    return vcalendar(vevent(uid, **kw))


class ServerTestCase(unittest.TestCase):
    """One server per test class. Subclasses set USERS (name, role, display,
    password) and may set SERVER_OPTIONS, then call setup_data()."""

    USERS = ()
    SERVER_OPTIONS = {}

    @classmethod
    def setUpClass(cls):
        cls._any_failed = False
        cls.server = JadwalServer(**cls.SERVER_OPTIONS)
        cls.srv = cls.server.__enter__()
        try:
            cls.passwords = {}
            for name, role, display, password in cls.USERS:
                cls.srv.add_user(name, role, display, password)
                cls.passwords[name] = password
            cls.setup_data()
        except BaseException:
            cls.server.__exit__(*sys.exc_info())
            raise

    @classmethod
    def tearDownClass(cls):
        # The server log is printed when a test of the class failed.
        cls.server.stop(failed=cls._any_failed)

    def run(self, result=None):
        def problems(r):
            return len(r.failures) + len(r.errors) + len(getattr(r, "unexpectedSuccesses", []))
        before = problems(result) if result is not None else 0
        result = super().run(result)
        if result is not None and problems(result) > before:
            type(self)._any_failed = True
        return result

    @classmethod
    def setup_data(cls):
        pass

    @classmethod
    def req(cls, method, path, body=None, headers=None, user=None):
        """A request as `user` (a name from USERS, a (name, password) pair, or None)."""
        if isinstance(user, str):
            user = (user, cls.passwords[user])
        if isinstance(body, str):
            body = body.encode("utf-8")
        return cls.srv.request(method, path, body=body, headers=headers or {}, user=user)

    # Assertions with the request's answer in the failure message.

    def describe(self, status, body):
        text = body[:1500].decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
        return "status %s, body:\n%s" % (status, text)

    def assertStatus(self, answer, *expected):
        status, _headers, body = answer
        self.assertIn(status, expected, self.describe(status, body))

    def multistatus(self, answer):
        status, headers, body = answer
        self.assertEqual(207, status, self.describe(status, body))
        ctype = headers.get("content-type", "")
        self.assertTrue("xml" in ctype, "multistatus Content-Type %r" % ctype)
        return Multistatus(body)

    def propfind(self, path, user, *props, depth="0"):
        return self.multistatus(self.req("PROPFIND", path, propfind_body(*props),
                                         dict(XML_HEADERS, Depth=depth), user))

    def assertError(self, answer, statuses, *elements):
        """The answer has one of `statuses` and a DAV:error body holding each element ('C:no-uid-conflict')."""
        status, _headers, body = answer
        self.assertIn(status, statuses, self.describe(status, body))
        found = error_elements(body)
        for el in elements:
            self.assertIn(qname(el), found, "expected %s in DAV:error; %s" % (el, self.describe(status, body)))

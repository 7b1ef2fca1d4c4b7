"""Hostile and oversized request bodies: DOCTYPE and entities, nesting depth,
element counts, malformed XML, and the HTTP body limit (with Content-Length
and chunked)."""

import http.client
import time
import unittest

from caldav_http import ICS_HEADERS, XML_HEADERS, ServerTestCase, event_ics, propfind_body, vcalendar, vevent

CAL = "/dav/calendars/bupati/agenda/"
PROPFIND_HEADERS = dict(XML_HEADERS, Depth="0")

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<D:propfind xmlns:D="DAV:"><D:prop><D:displayname>&lol9;</D:displayname></D:prop></D:propfind>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><D:displayname>&xxe;</D:displayname></D:prop></D:set>
</D:propertyupdate>"""

PLAIN_DOCTYPE = """<?xml version="1.0"?>
<!DOCTYPE propfind>
<D:propfind xmlns:D="DAV:"><D:prop><D:displayname/></D:prop></D:propfind>"""


def nested(depth):
    inner = "<X:n>" * depth + "</X:n>" * depth
    return ('<?xml version="1.0"?><D:propertyupdate xmlns:D="DAV:" xmlns:X="urn:example:x"><D:set><D:prop>'
            '%s</D:prop></D:set></D:propertyupdate>' % inner)


class XmlLimitsTest(ServerTestCase):
    USERS = (("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),)

    def assertRefused(self, method, path, body, expected=(400,), headers=PROPFIND_HEADERS):
        started = time.monotonic()
        status, _h, resp = answer = self.req(method, path, body, headers, "bupati")
        elapsed = time.monotonic() - started
        self.assertIn(status, expected, self.describe(status, resp))
        self.assertLess(elapsed, 5.0, "refusal took %.1f s" % elapsed)
        self.assertTrue(resp.strip(), "a refusal says why")
        return answer

    def assertAlive(self):
        self.assertEqual(200, self.req("GET", "/healthz")[0])
        self.multistatus(self.req("PROPFIND", CAL, propfind_body("D:displayname"), PROPFIND_HEADERS, "bupati"))

    def test_billion_laughs(self):
        for method in ("PROPFIND", "REPORT"):
            with self.subTest(method=method):
                _s, _h, body = self.assertRefused(method, CAL, BILLION_LAUGHS)
                self.assertNotIn(b"lollollol", body)
        self.assertAlive()

    def test_external_entity(self):
        _s, _h, body = self.assertRefused("PROPPATCH", CAL, EXTERNAL_ENTITY, headers=XML_HEADERS)
        self.assertNotIn(b"root:", body)
        ms = self.propfind(CAL, "bupati", "D:displayname")
        self.assertNotIn("root:", ms.get(CAL).text("D:displayname") or "")
        self.assertAlive()

    def test_any_doctype_refused(self):
        self.assertRefused("PROPFIND", CAL, PLAIN_DOCTYPE)

    def test_too_deep_nesting(self):
        for depth in (100, 5000):
            with self.subTest(depth=depth):
                self.assertRefused("PROPPATCH", CAL, nested(depth), headers=XML_HEADERS)
        self.assertAlive()

    def test_moderate_nesting_accepted(self):
        ms = self.multistatus(self.req("PROPPATCH", CAL, nested(10), XML_HEADERS, "bupati"))
        self.assertEqual(200, ms.get(CAL).props["{urn:example:x}n"][0])

    def test_too_many_elements(self):
        body = ('<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop>%s</D:prop></D:propfind>'
                % ("<a/>" * 200000))
        self.assertRefused("PROPFIND", CAL, body, expected=(400, 413))
        self.assertAlive()

    def test_xml_over_parser_limit(self):
        # 2 MiB of XML: over the parser's 1 MiB, under the 10 MiB HTTP body limit.
        body = ('<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:displayname/></D:prop></D:propfind>'
                + "<!--" + "x" * (2 << 20) + "-->")
        self.assertRefused("PROPFIND", CAL, body, expected=(400, 413))

    def test_malformed_xml(self):
        for name, body in (("unclosed", "<D:propfind xmlns:D='DAV:'><D:prop>"),
                           ("mismatched", "<D:propfind xmlns:D='DAV:'></D:prop>"),
                           ("undeclared prefix", "<D:propfind><D:allprop/></D:propfind>"),
                           ("not xml", "ini bukan xml"),
                           ("two roots", "<D:propfind xmlns:D='DAV:'/><D:propfind xmlns:D='DAV:'/>"),
                           ("bad encoding", b"<D:propfind xmlns:D='DAV:'>\xff\xfe</D:propfind>")):
            with self.subTest(name):
                self.assertRefused("PROPFIND", CAL, body)
        self.assertAlive()

    def test_wrong_root_element(self):
        body = '<?xml version="1.0"?><D:propertyupdate xmlns:D="DAV:"/>'
        self.assertRefused("PROPFIND", CAL, body)

    def test_malformed_report(self):
        self.assertRefused("REPORT", CAL, "<C:calendar-query xmlns:C='urn:ietf:params:xml:ns:caldav'><C:filter>",
                           headers=dict(XML_HEADERS, Depth="1"))


class BodyLimitTest(ServerTestCase):
    USERS = (("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),)
    # The form's files must fit the body with its text (checked at start).
    SERVER_OPTIONS = {"max_body_bytes": 65536, "max_upload_total_bytes": 32768, "max_file_bytes": 32768}

    def test_propfind_over_limit(self):
        body = ('<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:displayname/></D:prop></D:propfind>'
                + " " * 100000)
        status, _h, resp = self.req("PROPFIND", CAL, body, PROPFIND_HEADERS, "bupati")
        self.assertEqual(413, status, self.describe(status, resp))

    def test_put_over_limit(self):
        ics = vcalendar(vevent("besar", extra="DESCRIPTION:" + "x" * 60 + ("\n " + "x" * 70) * 1500))
        self.assertGreater(len(ics), 65536)
        status, _h, resp = self.req("PUT", CAL + "besar.ics", ics, ICS_HEADERS, "bupati")
        self.assertEqual(413, status, self.describe(status, resp))
        self.assertEqual(404, self.req("GET", CAL + "besar.ics", user="bupati")[0])

    def test_under_limit_accepted(self):
        ics = vcalendar(vevent("kecil", extra="DESCRIPTION:" + "x" * 60 + ("\n " + "x" * 70) * 500))
        self.assertLess(len(ics), 65536)
        self.assertEqual(201, self.req("PUT", CAL + "kecil.ics", ics, ICS_HEADERS, "bupati")[0])

    def test_over_limit_without_auth_is_not_read(self):
        status, _h, resp = self.req("PUT", CAL + "x.ics", b"x" * 200000, ICS_HEADERS)
        self.assertIn(status, (401, 413), self.describe(status, resp))

    def chunked(self, method, path, chunks, headers):
        conn = http.client.HTTPConnection("127.0.0.1", self.srv.port, timeout=30)
        try:
            conn.putrequest(method, path)
            for k, v in headers.items():
                conn.putheader(k, v)
            conn.putheader("Transfer-Encoding", "chunked")
            conn.endheaders()
            try:
                for chunk in chunks:
                    conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                conn.send(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server may answer and close before the body is sent
            response = conn.getresponse()
            return response.status, dict((k.lower(), v) for k, v in response.getheaders()), response.read()
        finally:
            conn.close()

    def auth_headers(self, extra):
        import base64
        token = base64.b64encode(b"bupati:rahasia-bupati").decode()
        return dict(extra, Authorization="Basic " + token)

    def test_chunked_over_limit(self):
        chunks = [b"BEGIN:VCALENDAR\r\n"] + [b"X-PAD:" + b"x" * 1000 + b"\r\n"] * 100
        status, _h, resp = self.chunked("PUT", CAL + "chunk.ics", chunks, self.auth_headers(ICS_HEADERS))
        self.assertEqual(413, status, self.describe(status, resp))
        self.assertEqual(404, self.req("GET", CAL + "chunk.ics", user="bupati")[0])

    def test_chunked_under_limit_accepted(self):
        ics = event_ics("chunk-kecil")
        chunks = [ics[i:i + 50] for i in range(0, len(ics), 50)]
        status, _h, resp = self.chunked("PUT", CAL + "chunk-kecil.ics", chunks, self.auth_headers(ICS_HEADERS))
        self.assertEqual(201, status, self.describe(status, resp))
        self.assertEqual(ics, self.req("GET", CAL + "chunk-kecil.ics", user="bupati")[2])


if __name__ == "__main__":
    unittest.main()

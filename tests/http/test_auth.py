"""HTTP Basic authentication (RFC 7617) and the user states the operator CLI sets."""

import base64
import unittest

from caldav_http import XML_HEADERS, ServerTestCase, propfind_body

PROPFIND = propfind_body("D:current-user-principal")
HEADERS = dict(XML_HEADERS, Depth="0")


class AuthTest(ServerTestCase):
    USERS = (
        ("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),
        ("sekda", "pimpinan", "Sekretaris Daerah", "rahasia-sekda"),
        ("staf", "protokol", "Staf Protokol", "rahasia-staf!"),
    )

    def assertUnauthorized(self, answer):
        status, headers, body = answer
        self.assertEqual(401, status, self.describe(status, body))
        challenge = headers.get("www-authenticate", "")
        self.assertTrue(challenge.lower().startswith("basic"), challenge)
        self.assertIn('realm="Jadwal"', challenge)
        self.assertNotIn(b"multistatus", body)

    def test_valid_credentials(self):
        self.multistatus(self.req("PROPFIND", "/dav/", PROPFIND, HEADERS, "bupati"))

    def test_missing_authorization(self):
        self.assertUnauthorized(self.req("PROPFIND", "/dav/", PROPFIND, HEADERS))

    def test_missing_authorization_on_get_object(self):
        self.assertUnauthorized(self.req("GET", "/dav/calendars/bupati/agenda/x.ics"))

    def test_unknown_user(self):
        self.assertUnauthorized(self.req("PROPFIND", "/dav/", PROPFIND, HEADERS, ("nobody", "rahasia-bupati")))

    def test_wrong_password(self):
        self.assertUnauthorized(self.req("PROPFIND", "/dav/", PROPFIND, HEADERS, ("bupati", "rahasia-salah")))

    def test_wrong_password_after_success_still_refused(self):
        # A cached good login must not let a different password through.
        self.multistatus(self.req("PROPFIND", "/dav/", PROPFIND, HEADERS, "bupati"))
        self.assertUnauthorized(self.req("PROPFIND", "/dav/", PROPFIND, HEADERS, ("bupati", "rahasia-bupatiX")))
        self.assertUnauthorized(self.req("PROPFIND", "/dav/", PROPFIND, HEADERS, ("bupati", "rahasia-bupat")))
        # ... and a wrong attempt must not evict the good one.
        self.multistatus(self.req("PROPFIND", "/dav/", PROPFIND, HEADERS, "bupati"))

    def test_other_users_password(self):
        self.assertUnauthorized(self.req("PROPFIND", "/dav/", PROPFIND, HEADERS, ("bupati", "rahasia-sekda")))

    def raw_authorization(self, value):
        return self.req("PROPFIND", "/dav/", PROPFIND, dict(HEADERS, Authorization=value))

    def test_other_schemes_refused(self):
        self.assertUnauthorized(self.raw_authorization("Bearer abcdef"))
        self.assertUnauthorized(self.raw_authorization("Digest username=\"bupati\""))

    def test_malformed_basic_refused(self):
        self.assertUnauthorized(self.raw_authorization("Basic"))
        self.assertUnauthorized(self.raw_authorization("Basic !!!not-base64!!!"))
        no_colon = base64.b64encode(b"bupatirahasia-bupati").decode()
        self.assertUnauthorized(self.raw_authorization("Basic " + no_colon))
        empty = base64.b64encode(b":").decode()
        self.assertUnauthorized(self.raw_authorization("Basic " + empty))

    def test_password_with_colon(self):
        # RFC 7617: the user-id ends at the first colon; the password may hold more.
        self.srv.add_user("colon", "viewer", "Titik Dua", "pass:word:123")
        self.multistatus(self.req("PROPFIND", "/dav/", PROPFIND, HEADERS, ("colon", "pass:word:123")))
        self.assertUnauthorized(self.req("PROPFIND", "/dav/", PROPFIND, HEADERS, ("colon", "pass")))

    def test_utf8_password(self):
        self.srv.add_user("utf", "viewer", "Pengguna UTF", "kata-sandi-\u00e9\u00e8\u4e2d")
        token = base64.b64encode("utf:kata-sandi-\u00e9\u00e8\u4e2d".encode("utf-8")).decode()
        self.multistatus(self.raw_authorization("Basic " + token))

    def test_disabled_user_refused_even_after_cached_login(self):
        self.srv.add_user("mantan", "viewer", "Mantan Staf", "rahasia-mantan")
        self.multistatus(self.req("PROPFIND", "/dav/", PROPFIND, HEADERS, ("mantan", "rahasia-mantan")))
        self.srv.cli("user", "disable", "mantan")
        self.assertUnauthorized(self.req("PROPFIND", "/dav/", PROPFIND, HEADERS, ("mantan", "rahasia-mantan")))
        self.srv.cli("user", "enable", "mantan")
        self.multistatus(self.req("PROPFIND", "/dav/", PROPFIND, HEADERS, ("mantan", "rahasia-mantan")))

    def test_passwd_changes_password(self):
        self.srv.add_user("ganti", "viewer", "Ganti Sandi", "sandi-lama-1")
        self.srv.cli("user", "passwd", "ganti", input="sandi-baru-2\n")
        self.multistatus(self.req("PROPFIND", "/dav/", PROPFIND, HEADERS, ("ganti", "sandi-baru-2")))
        self.assertUnauthorized(self.req("PROPFIND", "/dav/", PROPFIND, HEADERS, ("ganti", "sandi-lama-1")))

    def test_public_endpoints_need_no_auth(self):
        self.assertEqual(200, self.req("GET", "/healthz")[0])
        self.assertEqual(200, self.req("GET", "/metrics")[0])
        self.assertEqual(301, self.req("GET", "/.well-known/caldav")[0])


if __name__ == "__main__":
    unittest.main()

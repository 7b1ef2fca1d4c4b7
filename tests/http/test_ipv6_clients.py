"""Per-client bounds count an IPv6 client by its prefix ([http] ipv6_prefix_bits,
a /64 by default): a client that takes a new address from its /64 for every
attempt is still one client. The clients here are named by a trusted proxy
(X-Real-IP), as behind the shipped nginx."""

import unittest

from caldav_http import XML_HEADERS, ServerTestCase, propfind_body
from jadwal_requests import RequestTestCase
from jadwal_server import basic_auth

PROPFIND = propfind_body("D:current-user-principal")


def from_client(address, **headers):
    return dict(XML_HEADERS, Depth="0", **{"X-Real-IP": address}, **headers)


class LoginFailuresPerPrefixTest(ServerTestCase):
    USERS = (("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),)
    SERVER_OPTIONS = {"trusted_proxies": "127.0.0.1", "auth.failures_per_address": 3, "cache_seconds": 0}

    def login(self, address, password):
        headers = from_client(address, Authorization=basic_auth("bupati", password))
        status, answer_headers, body = self.srv.request("PROPFIND", "/dav/", PROPFIND, headers)
        return status, answer_headers

    def test_new_addresses_of_one_prefix_get_no_new_attempts(self):
        for i in range(3):
            self.assertEqual(401, self.login("2001:db8:1:2::%x" % (i + 1), "tebakan-%d" % i)[0])
        status, headers = self.login("2001:db8:1:2:ffff::99", "tebakan-lagi")
        self.assertEqual(429, status)
        self.assertEqual("3600", headers.get("retry-after"))
        # Another /64 is another client, and an IPv4 one too.
        self.assertEqual(401, self.login("2001:db8:1:3::1", "tebakan-lain")[0])
        self.assertEqual(207, self.login("198.51.100.4", "rahasia-bupati")[0])


class CodeLookupsPerPrefixTest(ServerTestCase):
    SERVER_OPTIONS = {"trusted_proxies": "127.0.0.1", "workflow.code_misses_per_hour": 3}

    def lookup(self, address, code):
        status, _headers, _body = self.srv.request("GET", "/permohonan/cek?kode=" + code,
                                                   headers={"X-Real-IP": address})
        return status

    def test_guesses_from_one_prefix_count_together(self):
        guesses = ["JDW-2345-67%s9" % c for c in "ABCDEF"]
        for i, guess in enumerate(guesses[:3]):
            self.assertEqual(404, self.lookup("2001:db8:1:2::%x" % (i + 1), guess))
        self.assertEqual(429, self.lookup("2001:db8:1:2::abcd", guesses[3]))
        self.assertEqual(404, self.lookup("2001:db8:1:3::1", guesses[4]))


class SubmissionsPerPrefixTest(RequestTestCase):
    SERVER_OPTIONS = {"trusted_proxies": "127.0.0.1", "submissions_per_hour": 2}

    def test_forms_from_one_prefix_count_together(self):
        def session(address):
            return self.web(**{"X-Real-IP": address})
        self.submit(session=session("2001:db8:1:2::1"))
        self.submit(session=session("2001:db8:1:2::2"))
        page = self.submit_page(session=session("2001:db8:1:2:ffff::3"))
        self.assertEqual(429, page.status, page.describe())
        self.assertEqual("3600", page.headers.get("retry-after"))
        self.submit(session=session("2001:db8:1:3::1"))  # another /64 is another client


class PrefixLengthTest(ServerTestCase):
    SERVER_OPTIONS = {"trusted_proxies": "127.0.0.1", "workflow.code_misses_per_hour": 1,
                      "http.ipv6_prefix_bits": 48}

    def test_a_configured_prefix_counts_a_whole_site_as_one_client(self):
        def lookup(address):
            return self.srv.request("GET", "/permohonan/cek?kode=JDW-2345-67A9", headers={"X-Real-IP": address})[0]
        self.assertEqual(404, lookup("2001:db8:1:2::1"))
        self.assertEqual(429, lookup("2001:db8:1:ff::1"))  # same /48
        self.assertEqual(404, lookup("2001:db8:2::1"))


if __name__ == "__main__":
    unittest.main()

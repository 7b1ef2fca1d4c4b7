"""Rate limits count the client by the address the trusted-proxy rule decides
([http] trusted_proxies): X-Forwarded-For names the client only when the peer
is a configured proxy. A client that sends the header itself cannot buy new
attempts by naming other addresses, and behind a proxy two clients do not
share one budget."""

import unittest

from caldav_http import XML_HEADERS, ServerTestCase, propfind_body
from jadwal_server import basic_auth

PROPFIND = propfind_body("D:current-user-principal")
USERS = (("bupati", "pimpinan", "Bupati Ogan", "rahasia-bupati"),)


class LoginAttempts(ServerTestCase):
    USERS = USERS

    def login(self, forwarded_for, password):
        headers = dict(XML_HEADERS, Depth="0", Authorization=basic_auth("bupati", password))
        headers["X-Forwarded-For"] = forwarded_for
        status, _headers, _body = self.srv.request("PROPFIND", "/dav/", PROPFIND, headers)
        return status


class UntrustedPeerTest(LoginAttempts):
    SERVER_OPTIONS = {"auth.failures_per_address": 3, "cache_seconds": 0}

    def test_naming_other_addresses_buys_no_new_attempts(self):
        for i in range(3):
            self.assertEqual(401, self.login("203.0.113.%d" % (i + 1), "tebakan-%d" % i))
        # The peer is 127.0.0.1 whatever it claims: it is throttled, even with
        # the right password and yet another claimed address.
        self.assertEqual(429, self.login("198.51.100.200", "tebakan-lagi"))
        self.assertEqual(429, self.login("192.0.2.1", "rahasia-bupati"))


class TrustedProxyTest(LoginAttempts):
    SERVER_OPTIONS = {"trusted_proxies": "127.0.0.1", "auth.failures_per_address": 3, "cache_seconds": 0}

    def test_each_forwarded_client_has_its_own_budget(self):
        for i in range(3):
            self.assertEqual(401, self.login("10.1.1.1, 203.0.113.9", "tebakan-%d" % i))
        self.assertEqual(429, self.login("203.0.113.9", "tebakan-lagi"))
        # Another client behind the same proxy is not held by the first one's
        # failures, and the earlier hops a client wrote itself do not count:
        # the rightmost address the proxy added does.
        self.assertEqual(207, self.login("203.0.113.10", "rahasia-bupati"))
        self.assertEqual(429, self.login("198.51.100.1, 203.0.113.9", "rahasia-bupati"))


if __name__ == "__main__":
    unittest.main()

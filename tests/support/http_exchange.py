"""One HTTP exchange with a test server, and the Basic credentials header."""

import base64
import http.client


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


def basic_auth(user, password):
    token = base64.b64encode(("%s:%s" % (user, password)).encode("utf-8")).decode("ascii")
    return "Basic " + token

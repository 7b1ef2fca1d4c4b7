"""Hostile requests at the HTTP layer (framing, lengths, request lines, headers),
in paths (traversal, encoded slashes, NUL, invalid UTF-8) and in what the server
writes back into headers (CR/LF)."""

from hostile_cases import (BASIC_BUPATI, CLOSED, HUMAS, ICS, WABUP, case,
                           no_header_injection, not_in_body, raw, request, vcalendar, vevent)

PUT_BODY = vcalendar(*vevent("raw-put"))
H = b"Host: 127.0.0.1\r\n"


def _put_head(length_lines, path=b"/dav/calendars/bupati/agenda/raw.ics"):
    return (b"PUT " + path + b" HTTP/1.1\r\n" + H + BASIC_BUPATI.encode() +
            b"Content-Type: text/calendar\r\n" + length_lines)


# --- framing and lengths ---------------------------------------------------------------------

FRAMING = [
    # name, raw request, right answers, pending
    ("duplicate_content_length_differing", _put_head(b"Content-Length: 10\r\nContent-Length: %d\r\n\r\n"
                                                     % len(PUT_BODY)) + PUT_BODY, 400, None),
    ("duplicate_content_length_equal", _put_head(b"Content-Length: %d\r\nContent-Length: %d\r\n\r\n"
                                                 % (len(PUT_BODY), len(PUT_BODY))) + PUT_BODY, 400, None),
    ("content_length_list", _put_head(b"Content-Length: %d, %d\r\n\r\n" % (len(PUT_BODY), len(PUT_BODY)))
     + PUT_BODY, 400, None),
    ("content_length_and_chunked", _put_head(b"Content-Length: %d\r\nTransfer-Encoding: chunked\r\n\r\n"
                                             % len(PUT_BODY)) + b"%x\r\n" % len(PUT_BODY) + PUT_BODY
     + b"\r\n0\r\n\r\n", 400, None),
    ("content_length_negative", _put_head(b"Content-Length: -1\r\n\r\n") + PUT_BODY, 400, None),
    ("content_length_huge", _put_head(b"Content-Length: 99999999999999999999999\r\n\r\n") + PUT_BODY, (400, 413),
     None),
    ("content_length_over_limit", _put_head(b"Content-Length: 3000000000\r\n\r\n") + PUT_BODY, 413, None),
    ("content_length_hex", _put_head(b"Content-Length: 0x20\r\n\r\n") + PUT_BODY, 400, None),
    ("content_length_plus", _put_head(b"Content-Length: +%d\r\n\r\n" % len(PUT_BODY)) + PUT_BODY, 400, None),
    ("content_length_empty", _put_head(b"Content-Length: \r\n\r\n") + PUT_BODY, 400, None),
    ("transfer_encoding_gzip", _put_head(b"Transfer-Encoding: gzip\r\n\r\n") + PUT_BODY, (400, 501), None),
    ("transfer_encoding_chunked_twice", _put_head(b"Transfer-Encoding: chunked, chunked\r\n\r\n")
     + b"%x\r\n" % len(PUT_BODY) + PUT_BODY + b"\r\n0\r\n\r\n", (400, 501), None),
    ("transfer_encoding_xchunked", _put_head(b"Transfer-Encoding: xchunked\r\n\r\n") + PUT_BODY, (400, 501),
     None),
    ("chunk_size_not_hex", _put_head(b"Transfer-Encoding: chunked\r\n\r\n") + b"zz\r\n" + PUT_BODY + b"\r\n0\r\n\r\n",
     400, None),
    ("chunk_size_negative", _put_head(b"Transfer-Encoding: chunked\r\n\r\n") + b"-5\r\nabcde\r\n0\r\n\r\n", 400, None),
    ("chunk_size_huge", _put_head(b"Transfer-Encoding: chunked\r\n\r\n") + b"ffffffffffffffffffff\r\nabc\r\n0\r\n\r\n",
     (400, 413), None),
    ("chunked_over_limit", _put_head(b"Transfer-Encoding: chunked\r\n\r\n")
     + (b"100000\r\n" + b"x" * 0x100000 + b"\r\n") * 3 + b"0\r\n\r\n", 413, None),
    ("chunk_extension_flood", _put_head(b"Transfer-Encoding: chunked\r\n\r\n") + b"5;" + b"e=x;" * 20000
     + b"\r\nabcde\r\n0\r\n\r\n", (400, 413, 431), None),
    ("smuggling_te_cl", b"POST /healthz HTTP/1.1\r\n" + H + b"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
     + b"0\r\n\r\nGET /metrics HTTP/1.1\r\n" + H + b"\r\n", (400, 405), None),
]

# --- request lines and headers -------------------------------------------------------------


def _get(target=b"/healthz", version=b"HTTP/1.1", extra=b""):
    return b"GET " + target + b" " + version + b"\r\n" + H + extra + b"\r\n"


LINES = [
    ("http09", b"GET /healthz\r\n", (400, CLOSED), None),
    ("http2_preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", (400, 505, CLOSED), None),
    ("tls_client_hello", b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + bytes(32) + b"\x00\x00\x02\x13\x01",
     (400, CLOSED), None),
    ("version_9_9", _get(version=b"HTTP/9.9"), (400, 505), None),
    ("version_garbage", _get(version=b"HTTX/1.1"), (400, CLOSED), None),
    ("extra_field_in_request_line", _get(version=b"HTTP/1.1 tambahan"), (400, CLOSED), None),
    ("lowercase_method", b"get /healthz HTTP/1.1\r\n" + H + b"\r\n", (400, 405, 501), None),
    ("unknown_method", b"GETT /healthz HTTP/1.1\r\n" + H + b"\r\n", (400, 405, 501), None),
    ("method_10k", b"G" * 10000 + b" /healthz HTTP/1.1\r\n" + H + b"\r\n", (400, 405, 414, 501, CLOSED), None),
    ("uri_100k", _get(b"/healthz?" + b"a" * 100000), (400, 414, 431, CLOSED), None),
    ("absolute_form_other_host", _get(b"http://penyerang.example/healthz"), (200, 400),
     None),
    ("absolute_form_dav", b"PROPFIND http://penyerang.example/dav/ HTTP/1.1\r\n" + H + BASIC_BUPATI.encode()
     + b"Depth: 0\r\nContent-Length: 0\r\n\r\n", (207, 400), None),
    ("connect", b"CONNECT 127.0.0.1:22 HTTP/1.1\r\n" + H + b"\r\n", (400, 404, 405, 501), None),
    ("trace", b"TRACE / HTTP/1.1\r\n" + H + b"Cookie: jadwal_sesi=rahasia\r\n\r\n", (400, 401, 404, 405, 501), None),
    # OPTIONS * is OPTIONS on the server: WebDAV, which asks for a login.
    ("options_star", b"OPTIONS * HTTP/1.1\r\n" + H + b"\r\n", (200, 401), None),
    ("no_host_http11", b"GET /healthz HTTP/1.1\r\n\r\n", (200, 400), None),
    ("duplicate_host", _get(extra=b"Host: penyerang.example\r\n"), (200, 400), None),
    ("header_without_colon", _get(extra=b"Ini bukan header\r\n"), 400, None),
    ("header_name_with_space", _get(extra=b"Bad Header: x\r\n"), 400, None),
    ("header_obs_fold", _get(extra=b"X-Lipat: a\r\n  b\r\n"), (200, 400), None),
    ("header_bare_cr", _get(extra=b"X-Satu: a\rX-Evil: b\r\n"), (200, 400), None),
    ("header_nul", _get(extra=b"X-Nul: a\x00b\r\n"), (200, 400), None),
    ("header_value_100k", _get(extra=b"X-Besar: " + b"x" * 100000 + b"\r\n"), (400, 431, CLOSED), None),
    ("header_name_100k", _get(extra=b"X" * 100000 + b": x\r\n"), (400, 431, CLOSED), None),
    ("headers_10000", _get(extra=b"".join(b"X-H%d: x\r\n" % i for i in range(10000))), (400, 431, CLOSED), None),
    ("header_lf_only", b"GET /healthz HTTP/1.1\n" + b"Host: x\n\n", (200, 400), None),
    ("raw_invalid_utf8_path", b"GET /dav/calendars/bupati/agenda/\xff\xfe\xc0\xaf.ics HTTP/1.1\r\n" + H
     + BASIC_BUPATI.encode() + b"\r\n", (400, 404), None),
    ("raw_nul_in_path", b"GET /dav/calendars/bupati/agenda/sasaran.ics\x00.txt HTTP/1.1\r\n" + H
     + BASIC_BUPATI.encode() + b"\r\n", (400, 404), None),
    ("authorization_invalid_utf8", _get(b"/dav/", extra=b"Authorization: Basic \xff\xfe\x00\r\n"), (400, 401), None),
    ("authorization_not_basic", _get(b"/dav/", extra=b"Authorization: Bearer xyz\r\n"), 401, None),
    ("authorization_base64_garbage", _get(b"/dav/", extra=b"Authorization: Basic !!!!\r\n"), (400, 401), None),
    ("authorization_no_colon", _get(b"/dav/", extra=b"Authorization: Basic YnVwYXRp\r\n"), (400, 401), None),
    ("authorization_huge", _get(b"/dav/", extra=b"Authorization: Basic " + b"QUFB" * 20000 + b"\r\n"),
     (400, 401, 431, CLOSED), None),
    ("cookie_invalid_utf8", _get(b"/staf", extra=b"Cookie: jadwal_sesi=\xff\xfe; lang=\xc0\xaf\r\n"), (303,), None),
    ("accept_language_garbage", _get(b"/permohonan", extra=b"Accept-Language: \xff\xfe;q=abc,,,;;\r\n"), 200, None),
    ("x_real_ip_garbage", _get(extra=b"X-Real-IP: \xff' OR 1=1 --\r\nX-Forwarded-For: ../../../\r\n"), 200, None),
    ("expect_continue_too_large", _put_head(b"Content-Length: 3000000000\r\nExpect: 100-continue\r\n\r\n"), 413, None),
    ("expect_garbage", _put_head(b"Content-Length: %d\r\nExpect: kopi\r\n\r\n" % len(PUT_BODY)) + PUT_BODY,
     (201, 204, 417), None),
    ("get_with_body", _get(extra=b"Content-Length: 5\r\n")[:-2] + b"\r\nhello", 200, None),
    ("upgrade_h2c", _get(extra=b"Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                         b"HTTP2-Settings: AAMAAABkAAQA\r\n"),
     200, None),
]


def framing_cases():
    out = []
    for name, data, expect, pending in FRAMING:
        out.append(case("framing", name, raw(data), expect, check=not_in_body(b"jadwald 1"), pending=pending))
    # A body that stops short: nothing stored.
    out.append(case("framing", "truncated_body", raw(_put_head(b"Content-Length: 5000\r\n\r\n") + PUT_BODY,
                                                     shut_write=True), (400, CLOSED)))
    # A chunked body cut short: nothing stored either.
    out.append(case("framing", "truncated_chunked", raw(_put_head(b"Transfer-Encoding: chunked\r\n\r\n") +
                                                        b"1000\r\n" + PUT_BODY, shut_write=True), (400, CLOSED)))
    return out


def line_cases():
    return [case("lines", name, raw(data), expect, pending=pending, unchanged=name != "expect_garbage",
                 check=lambda ctx, reply: (no_header_injection(ctx, reply),
                                           not_in_body(b"penyerang.example", b"rahasia")(ctx, reply)))
            for name, data, expect, pending in LINES]


# --- paths -------------------------------------------------------------------------------------

# Ways to name the Bupati's event from the other leader's calendar or home.
TRAVERSALS = [
    ("dotdot", "/dav/calendars/wabup/agenda/../../bupati/agenda/sasaran.ics"),
    ("dotdot_encoded", "/dav/calendars/wabup/agenda/%2e%2e/%2e%2e/bupati/agenda/sasaran.ics"),
    ("dotdot_upper", "/dav/calendars/wabup/agenda/%2E%2E%2F%2E%2E%2Fbupati%2Fagenda%2Fsasaran.ics"),
    ("slash_encoded", "/dav/calendars/wabup/bupati%2fagenda/sasaran.ics"),
    ("double_encoded", "/dav/calendars/wabup/agenda/%252e%252e/%252e%252e/bupati/agenda/sasaran.ics"),
    ("backslashes", "/dav/calendars/wabup/agenda/..\\..\\bupati\\agenda\\sasaran.ics"),
    ("backslash_encoded", "/dav/calendars/wabup/agenda/..%5c..%5cbupati%5cagenda%5csasaran.ics"),
    ("overlong_utf8_dots", "/dav/calendars/wabup/agenda/%c0%ae%c0%ae/%c0%ae%c0%ae/bupati/agenda/sasaran.ics"),
    ("nul_suffix", "/dav/calendars/bupati/agenda/sasaran.ics%00.txt"),
    ("alias_not_mine", "/dav/calendars/wabup/bupati~agenda/sasaran.ics"),
    ("alias_encoded_tilde", "/dav/calendars/wabup/bupati%7eagenda/sasaran.ics"),
    ("double_slashes", "//dav//calendars//bupati//agenda//sasaran.ics"),
    ("dot_segments", "/dav/calendars/bupati/./agenda/./sasaran.ics"),
    ("semicolon_param", "/dav/calendars/bupati;x=1/agenda/sasaran.ics"),
    ("invalid_utf8_segment", "/dav/calendars/bupati/agenda/%ff%fe.ics"),
]


def _target_untouched(ctx, reply):
    assert b"Sasaran rahasia" not in reply.body, "the Bupati's event was read"
    assert ctx.target_etag() == ctx.target_etag_before, "the Bupati's event was changed"


# Backslashes are plain characters of a name: these land in the other leader's own calendar.
OWN_CALENDAR = ("backslashes", "backslash_encoded")


def _traversal_cases():
    out = []
    refused = (400, 403, 404)
    for name, path in TRAVERSALS:
        own = name in OWN_CALENDAR
        for method, body, headers, expect in (
                ("GET", None, {}, refused),
                ("PUT", vcalendar(*vevent("jalan-" + name)), ICS, refused + (405, 409, 415) + ((201,) if own else ())),
                ("DELETE", None, {}, refused + (405,) + ((204,) if own else ()))):
            out.append(case("paths", "%s_%s" % (name, method.lower()), request(method, path, body, headers, WABUP),
                            expect, unchanged=not own or method == "GET", check=_target_untouched))
    return out


WEB_PATHS = [
    ("lampiran_traversal", "/lampiran/1/..%2f..%2f..%2fetc%2fpasswd"),
    ("lampiran_dotdot", "/lampiran/../../etc/passwd"),
    ("lampiran_encoded_dots", "/lampiran/%2e%2e/%2e%2e/etc/passwd"),
    ("lampiran_nul", "/lampiran/1/surat.pdf%00.html"),
    ("lampiran_negative", "/lampiran/-1/surat.pdf"),
    ("lampiran_huge_id", "/lampiran/99999999999999999999999/surat.pdf"),
    ("lampiran_backslash", "/lampiran/1/..\\..\\etc\\passwd"),
    ("static_traversal", "/static/../../../../etc/passwd"),
    ("static_encoded", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd"),
    ("static_double_encoded", "/static/%252e%252e/%252e%252e/etc/passwd"),
    ("static_backslash", "/static/..%5c..%5c..%5cetc%5cpasswd"),
    ("static_nul", "/static/gaya.css%00.html"),
    ("permohonan_to_staf", "/permohonan/..%2fstaf"),
    ("staf_request_nul", "/staf/permohonan/1%00"),
    ("staf_request_negative", "/staf/permohonan/-1"),
    ("staf_request_huge", "/staf/permohonan/99999999999999999999999"),
    ("staf_request_exponent", "/staf/permohonan/1e3"),
    ("permohonan_code_traversal", "/permohonan/JDW-AAAA-AAAA/..%2f..%2fstaf"),
    ("permohonan_invalid_utf8", "/permohonan/%ff%fe%c0%af"),
    ("unknown_root_dotdot", "/../../etc/passwd"),
]


def _web_path_cases():
    leaks = not_in_body(b"root:", b"%PDF")
    out = [case("paths", "web_" + name, request("GET", path, user=None), (301, 302, 303, 400, 401, 404), check=leaks)
           for name, path in WEB_PATHS]
    out += [case("paths", "web_viewer_" + name, request("GET", path, user=HUMAS), (301, 302, 303, 400, 401, 403, 404),
                 check=leaks) for name, path in WEB_PATHS[:7]]
    return out


# --- CR/LF written back into headers ---------------------------------------------------------

INJECTIONS = [
    ("staf_redirect", "/staf/%0d%0aSet-Cookie:%20jadwal_sesi=evil", (303, 400, 404)),
    ("login_next", "/staf/masuk?lanjut=/staf%0d%0aSet-Cookie:%20x=1", (200, 303, 400)),
    ("lookup_code", "/permohonan/cek?kode=JDW%0d%0aX-Evil:%201", (400, 404)),
    ("language", "/permohonan?lang=en%0d%0aSet-Cookie:%20x=1", (200, 400)),
    ("status_code_lowercase", "/permohonan/jdw-aaaa-aaaa%0d%0aX-Evil:%201", (301, 400, 404)),
    ("well_known", "/.well-known/caldav%0d%0aX-Evil:%201", (301, 400, 404)),
    ("dav_error_echo", "/dav/calendars/bupati/%0d%0aX-Evil:%201/", (400, 401, 403, 404)),
]


def _injection_cases():
    out = [case("inject", name, request("GET", path, user=None), expect, check=no_header_injection)
           for name, path, expect in INJECTIONS]
    out.append(case("inject", "dav_error_echo_authenticated",
                    request("GET", "/dav/calendars/bupati/%0d%0aX-Evil:%201/x.ics"), (400, 403, 404),
                    check=no_header_injection))
    out.append(case("inject", "destination_header", raw(
        b"MOVE /dav/calendars/bupati/agenda/sasaran.ics HTTP/1.1\r\n" + H + BASIC_BUPATI.encode()
        + b"Destination: /dav/calendars/bupati/agenda/x.ics\r\nX-Evil: 1\r\n\r\n"), (400, 405, 501),
        check=no_header_injection))
    return out


CASES = framing_cases() + line_cases() + _traversal_cases() + _web_path_cases() + _injection_cases()

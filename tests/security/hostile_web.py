"""Hostile requests on the public form: disguised and broken uploads, broken
multipart bodies, CR/LF in fields that end up in mail or in Content-Disposition;
and slow or idle clients that would hold the server."""

import sample_files
from hostile_cases import case

PDF = sample_files.pdf("Surat Permohonan")


def submit(files, **fields):
    """A sender of the public form with `files` as (field, name, bytes[, type])."""
    return lambda ctx: ctx.submit(files, **fields)


def letter(name, data, ctype="application/pdf"):
    return ("surat", name, data, ctype)


DISGUISED = [
    ("exe_named_pdf", [letter("surat.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"PE\x00\x00" * 64)]),
    ("html_named_pdf", [letter("surat.pdf", b"<html><body><script>alert(document.cookie)</script></body></html>")]),
    ("html_before_pdf", [letter("surat.pdf", b"<html><script>alert(1)</script><!--" + PDF)]),
    ("zero_bytes", [letter("surat.pdf", b"")]),
    ("pdf_header_garbage", [letter("surat.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 20)]),
    ("pdf_truncated", [letter("surat.pdf", PDF[:len(PDF) // 2])]),
    ("pdf_header_only", [letter("surat.pdf", b"%PDF-")]),
    ("jpeg_as_letter", [letter("surat.pdf", sample_files.jpeg(), "image/jpeg")]),
    ("png_as_letter", [letter("surat.png", sample_files.png(), "image/png")]),
    ("zip_named_pdf", [letter("surat.pdf", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 200)]),
    ("svg_named_png", [letter("surat.pdf", PDF), ("pendukung", "foto.png",
                                                   b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script>'
                                                   b'</svg>', "image/png")]),
    ("exe_as_supporting", [letter("surat.pdf", PDF), ("pendukung", "foto.jpg", b"MZ\x90\x00" + b"\x00" * 500,
                                                      "image/jpeg")]),
    ("pdf_named_exe", [letter("surat.exe", PDF, "application/x-msdownload")]),
    ("pdf_double_extension", [letter("surat.pdf.exe", PDF)]),
    ("file_over_limit", [letter("surat.pdf", sample_files.pdf("Besar", padding=1100000))]),
    ("too_many_files", [letter("surat.pdf", PDF)] + [("pendukung", "foto%d.png" % i, sample_files.png(), "image/png")
                                                     for i in range(40)]),
    ("no_letter", []),
]

# Multipart bodies that do not parse: sent as they are, with the form's CSRF token.
BROKEN_MULTIPART = [
    ("no_boundary", "multipart/form-data", b"--x\r\nContent-Disposition: form-data; name=\"nama\"\r\n\r\nA\r\n--x--"),
    ("wrong_boundary", "multipart/form-data; boundary=abc", b"--xyz\r\n\r\n--xyz--\r\n"),
    ("no_final_boundary", "multipart/form-data; boundary=b",
     b"--b\r\nContent-Disposition: form-data; name=\"surat\"; filename=\"s.pdf\"\r\n\r\n" + PDF),
    ("boundary_4000", "multipart/form-data; boundary=" + "b" * 4000, b"--" + b"b" * 4000 + b"--\r\n"),
    ("parts_20000", "multipart/form-data; boundary=b",
     b"".join(b"--b\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\nx\r\n" % i for i in range(20000))
     + b"--b--\r\n"),
    ("part_header_flood", "multipart/form-data; boundary=b",
     b"--b\r\n" + b"".join(b"X-H%d: x\r\n" % i for i in range(20000)) + b"\r\nx\r\n--b--\r\n"),
    ("nested_multipart", "multipart/form-data; boundary=b",
     b"--b\r\nContent-Type: multipart/mixed; boundary=c\r\nContent-Disposition: form-data; name=\"surat\"\r\n\r\n"
     b"--c\r\n\r\nx\r\n--c--\r\n--b--\r\n"),
    ("invalid_utf8_field", "multipart/form-data; boundary=b",
     b"--b\r\nContent-Disposition: form-data; name=\"nama\"\r\n\r\n\xff\xfe\xc0\xaf\r\n--b--\r\n"),
]


def _names_check(ctx, reply):
    """After an accepted upload: the stored name is one plain segment, and served
    back it makes one clean Content-Disposition."""
    if reply.status != 303:
        return
    name, disposition = ctx.last_file()
    assert "/" not in name and "\\" not in name and "\x00" not in name, "stored name %r" % name
    assert "\r" not in name and "\n" not in name, "stored name %r" % name
    assert "\r" not in disposition and "\n" not in disposition, disposition


def _bidi_check(ctx, reply):
    name, _ = ctx.last_file()
    assert not set(name) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), "kept %r" % name


def _sandboxed_check(ctx, reply):
    _, _ = ctx.last_file()
    headers = ctx.last_file_headers
    assert "sandbox" in headers.get("content-security-policy", ""), "served without CSP sandbox: %r" % headers
    assert headers.get("x-content-type-options") == "nosniff", headers


NAMES = [
    ("name_traversal", "../../../etc/passwd.pdf", _names_check, None),
    ("name_backslashes", "..\\..\\windows\\surat.pdf", _names_check, None),
    ("name_nul", "surat\x00.exe.pdf", _names_check, None),
    ("name_crlf", "surat\r\nX-Injected: 1.pdf", _names_check, None),
    ("name_quotes", 'surat"; filename="evil.html.pdf', _names_check, None),
    ("name_10000", "s" * 10000 + ".pdf", _names_check, None),
    ("name_rtl_override", "invoice\u202egpj.pdf", _bidi_check, None),
    ("pdf_then_html_served_sandboxed", "surat.pdf", _sandboxed_check, None),
]


def _mail_check(ctx, reply):
    """No mail ever went to another address than the one given, and none carries a
    header made by a CR/LF in a field; an accepted form's receipt arrives."""
    if reply.status == 303:
        ctx.sink.wait_for(lambda m: m.to == ["pemohon@example.org"] and len(ctx.sink.received()) > ctx.mails_before)
    for mail in ctx.sink.received():
        assert "korban@example.org" not in " ".join(mail.to), "mail to %r" % mail.to
        for name in mail.message.keys():
            assert name.lower() not in ("bcc", "cc", "x-injected", "x-evil"), "mail header %s" % name
        assert "\n" not in mail.subject and "\r" not in mail.subject, repr(mail.subject)


def _neutral_receipt_check(ctx, reply):
    _mail_check(ctx, reply)
    for mail in ctx.sink.received()[ctx.mails_before:]:
        assert "Hadiah" not in mail.subject and "Hadiah" not in mail.body, "attacker text mailed: %r" % mail.subject


MAIL = [
    ("crlf_in_name", {"nama": "Siti\r\nBcc: korban@example.org"}, (303, 400), _mail_check, None),
    ("crlf_in_email", {"email": "pemohon@example.org\r\nBcc: korban@example.org"}, 400, _mail_check, None),
    ("two_addresses", {"email": "pemohon@example.org, korban@example.org"}, 400, _mail_check, None),
    ("crlf_in_subject_field", {"perihal": "Undangan\r\nX-Injected: 1"}, (303, 400), _mail_check, None),
    ("crlf_in_event_name", {"nama_kegiatan": "Rapat\r\nSubject: Hadiah untuk Anda"}, (303, 400),
     _neutral_receipt_check, None),
    ("venue_over_limit", {"tempat": "Gedung " * 400}, 400, _mail_check, None),
]


# A refused form keeps the files that passed for the re-shown form: no request,
# no request file, no audit entry; a stored blob waits to be collected.
NO_REQUEST = ("requests", "request_files", "audit", "request_leaders")
ACCEPTED_BY_CONTENT = ("pdf_named_exe", "pdf_double_extension")


def _served_as_pdf(ctx, reply):
    if reply.status == 303:
        ctx.last_file()
        assert ctx.last_file_headers.get("content-type", "").startswith("application/pdf"), ctx.last_file_headers


def upload_cases():
    out = []
    for name, files in DISGUISED:
        if name in ACCEPTED_BY_CONTENT:  # a real PDF under an odd name: judged by its content
            out.append(case("upload", name, submit(files), (303, 400), unchanged=False, check=_served_as_pdf))
        else:
            out.append(case("upload", name, submit(files), (400, 413), unchanged=NO_REQUEST,
                            check=lambda ctx, reply: ctx.form_reshown(reply)))
    # Bodies that do not parse as the form; one that parses lacks the CSRF token (403).
    out += [case("upload", "multipart_" + name, lambda ctx, c=ctype, b=body: ctx.submit_raw(c, b), (400, 403, 413))
            for name, ctype, body in BROKEN_MULTIPART]
    for name, filename, check, pending in NAMES:
        data = PDF + b"<html><script>alert(1)</script></html>" if name.startswith("pdf_then_html") else PDF
        out.append(case("upload", name, submit([letter(filename, data)]), (303, 400), unchanged=False, check=check,
                        pending=pending))
    for name, fields, expect, check, pending in MAIL:
        out.append(case("mail", name, submit([letter("surat.pdf", PDF)], **dict({"email": "pemohon@example.org"},
                                                                                 **fields)),
                        expect, unchanged=isinstance(expect, int), check=check, pending=pending))
    return out


# --- slow and idle clients --------------------------------------------------------------------

SLOW = [
    # name, what the client does, pending
    ("slow_head", "head", None),
    ("slow_body", "body", None),
    ("idle_connections_from_one_address", "idle", None),
]


def slow_cases():
    return [case("slow", name, lambda ctx, how=how: ctx.slow(how), (408, 400, 413, CLOSED_OR_CUT), pending=pending)
            for name, how, pending in SLOW]


CLOSED_OR_CUT = 0
CASES = upload_cases() + slow_cases()

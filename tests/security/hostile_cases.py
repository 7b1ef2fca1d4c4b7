"""The shape of a hostile case and the helpers the case tables share.

A case: group, name, how to send it (a function of the HostileContext), the
statuses that are a right answer (0: the server closed the connection without
an answer), whether the database must be unchanged afterwards, an extra check
of the answer, and a pending reason when today's server answers otherwise
because its fix is not merged yet (the test then expects failure).
"""

import collections

Case = collections.namedtuple("Case", "group name send expect unchanged check pending")

CLOSED = 0  # no answer, the connection closed: right for what is not HTTP at all

BUPATI = ("bupati", "rahasia-bupati")
WABUP = ("wabup", "rahasia-wabup")
HUMAS = ("humas", "rahasia-humas")
CAL = "/dav/calendars/bupati/agenda/"
OBJECT = CAL + "sasaran.ics"  # an event of the Bupati's that the path tricks aim at
XML = {"Content-Type": "application/xml; charset=utf-8"}
ICS = {"Content-Type": "text/calendar; charset=utf-8"}
BASIC_BUPATI = "Authorization: Basic YnVwYXRpOnJhaGFzaWEtYnVwYXRp\r\n"


def case(group, name, send, expect, unchanged=True, check=None, pending=None):
    if isinstance(expect, int):
        expect = (expect,)
    return Case(group, name, send, tuple(expect), unchanged, check, pending)


def request(method, path, body=None, headers=None, user=BUPATI):
    """A sender of one ordinary request (http.client)."""
    return lambda ctx: ctx.http(method, path, body, headers, user)


def raw(data, timeout=6, shut_write=False):
    """A sender of raw bytes on a fresh connection."""
    return lambda ctx: ctx.raw(data, timeout=timeout, shut_write=shut_write)


def not_in_body(*needles):
    """A check: none of `needles` (bytes) appears in the answer."""
    def check(ctx, reply):
        for needle in needles:
            assert needle not in reply.body, "the answer holds %r" % needle
    return check


def no_header_injection(ctx, reply):
    """A check: no header line that a CR/LF in the request could have made."""
    for name, value in reply.header_lines:
        assert name not in ("x-evil", "x-injected"), "injected header %s: %s" % (name, value)
        assert "evil" not in value.lower() or name == "location", "header %s carries %r" % (name, value)
        if name == "location":
            assert "\r" not in value and "\n" not in value
        if name == "set-cookie":
            assert not value.lower().startswith(("x=", "evil", "jadwal_sesi=evil")), "cookie set: " + value


def vcalendar(*lines):
    return ("\r\n".join(("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Jadwal hostile//EN") + lines +
                        ("END:VCALENDAR",)) + "\r\n").encode("utf-8")


def vevent(uid, *extra, start="20300610T030000Z", end="20300610T040000Z"):
    return ("BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:20240101T000000Z", "DTSTART:" + start, "DTEND:" + end,
            "SUMMARY:Uji") + extra + ("END:VEVENT",)

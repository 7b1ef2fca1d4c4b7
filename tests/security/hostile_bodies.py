"""Hostile bodies: XML for every DAV method that reads one, and iCalendar for PUT."""

from hostile_cases import (BUPATI, CAL, ICS, XML, case, not_in_body, request, vcalendar, vevent)

# --- XML -------------------------------------------------------------------------------

PROPFIND_OPEN = '<D:propfind xmlns:D="DAV:"><D:prop>'
PROPFIND_CLOSE = '</D:prop></D:propfind>'


def _laughs():
    entities = ['<!ENTITY l0 "lol">'] + ['<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10) for i in range(1, 10)]
    return '<?xml version="1.0"?><!DOCTYPE d [%s]>%s<D:displayname>&l9;</D:displayname>%s' % (
        "".join(entities), PROPFIND_OPEN, PROPFIND_CLOSE)


def _in_prop(inner):
    return '<?xml version="1.0" encoding="utf-8"?>' + PROPFIND_OPEN + inner + PROPFIND_CLOSE


def _refused_as_too_large(ctx, reply):
    assert b"507" in reply.body and b"424" in reply.body, "the property was not refused with 507 (and 424 for the rest)"


XML_BODIES = [
    ("billion_laughs", _laughs().encode()),
    ("quadratic_blowup", ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "%s">]>%s<D:displayname>%s</D:displayname>%s'
                          % ("a" * 40000, PROPFIND_OPEN, "&a;" * 20000, PROPFIND_CLOSE)).encode()),
    ("external_entity_file", ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                              + PROPFIND_OPEN + '<D:displayname>&x;</D:displayname>' + PROPFIND_CLOSE).encode()),
    ("external_entity_http", ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>'
                              + PROPFIND_OPEN + '<D:displayname>&x;</D:displayname>' + PROPFIND_CLOSE).encode()),
    ("parameter_entity", ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
                          + PROPFIND_OPEN + '<D:displayname/>' + PROPFIND_CLOSE).encode()),
    ("external_dtd", ('<?xml version="1.0"?><!DOCTYPE d SYSTEM "file:///etc/passwd">'
                      + PROPFIND_OPEN + '<D:displayname/>' + PROPFIND_CLOSE).encode()),
    ("undefined_entity", _in_prop('<D:displayname>&tidakada;</D:displayname>').encode()),
    ("deep_nesting_1000", _in_prop('<X:n xmlns:X="urn:x">' * 1000 + '</X:n>' * 1000).encode()),
    ("deep_nesting_200000", _in_prop('<X:n xmlns:X="urn:x">' * 200000 + '</X:n>' * 200000).encode()[:1000000]),
    ("wide_150000_elements", _in_prop('<X:n xmlns:X="urn:x"/>' * 150000).encode()[:1040000]),
    ("many_attributes", _in_prop('<D:displayname %s/>' % " ".join('a%d="x"' % i for i in range(20000))).encode()),
    ("over_xml_limit", _in_prop('<D:displayname>%s</D:displayname>' % ("x" * 1100000)).encode()),
    ("over_body_limit", _in_prop('<D:displayname>%s</D:displayname>' % ("x" * 2200000)).encode()),
    ("truncated", _in_prop('<D:displayname/>').encode()[:60]),
    ("mismatched_tags", b'<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop></D:propfind></D:prop>'),
    ("invalid_utf8", _in_prop('<D:displayname>x</D:displayname>').encode().replace(b">x<", b">\xff\xfe\xc0\xaf<")),
    ("utf16_declared", _in_prop('<D:displayname/>').encode().replace(b'utf-8', b'UTF-16')),
    ("unknown_encoding", _in_prop('<D:displayname/>').encode().replace(b'utf-8', b'X-JADWAL-7')),
    ("nul_byte", _in_prop('<D:displayname/>').encode().replace(b"<D:displayname/>", b"<D:display\x00name/>")),
    ("undeclared_prefix", b'<?xml version="1.0"?><Q:propfind xmlns:D="DAV:"><D:prop/></Q:propfind>'),
    ("binary_garbage", bytes(range(256)) * 8),
    ("comment_flood", _in_prop('<!--x-->' * 100000 + '<D:displayname/>').encode()),
    ("two_roots", _in_prop('<D:displayname/>').encode() + PROPFIND_OPEN.encode() + PROPFIND_CLOSE.encode()),
]

WELL_FORMED = ("many_attributes", "comment_flood")

# What each method is asked on, and the statuses a refusal may have there.
XML_METHODS = [
    ("PROPFIND", CAL, {"Depth": "0"}),
    ("PROPPATCH", CAL, {}),
    ("REPORT", CAL, {"Depth": "1"}),
    ("MKCALENDAR", "/dav/calendars/bupati/xml-baru/", {}),
]

LEAKS = not_in_body(b"root:", b"lollollol", b"aaaaaaaaaaaaaaaaaaaa")


def xml_cases():
    out = []
    for name, body in XML_BODIES:
        for method, path, headers in XML_METHODS:
            expect = (413,) if name == "over_body_limit" else (400, 413) if name == "over_xml_limit" else (400,)
            if name in WELL_FORMED:  # large but harmless: each method's answer to a PROPFIND body
                expect = {"PROPFIND": 207, "PROPPATCH": 400, "REPORT": 403, "MKCALENDAR": 415}[method]
            out.append(case("xml", "%s_%s" % (name, method.lower()), request(method, path, body,
                                                                                dict(XML, **headers)),
                            expect, check=LEAKS))
    # XInclude is not XML's business here: the element is only an unknown property.
    out.append(case("xml", "xinclude_propfind", request("PROPFIND", CAL, _in_prop(
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/>'),
        dict(XML, Depth="0")), 207, check=LEAKS))
    out.append(case("xml", "empty_proppatch", request("PROPPATCH", CAL, b"", XML), 400))
    out.append(case("xml", "proppatch_wrong_root", request("PROPPATCH", CAL, _in_prop("<D:displayname/>"), XML),
                    400))
    # One property past [caldav] max_property_bytes (64 KiB): 507, and nothing of the request stored.
    out.append(case("xml", "proppatch_huge_property", request("PROPPATCH", CAL, (
        '<?xml version="1.0"?><D:propertyupdate xmlns:D="DAV:" xmlns:X="urn:x"><D:set><D:prop>'
        '<D:displayname>Baru</D:displayname><X:catatan>' + "x" * (100 * 1024) + '</X:catatan>'
        '</D:prop></D:set></D:propertyupdate>').encode(), XML), 207,
        check=_refused_as_too_large))
    out.append(case("xml", "report_unknown", request("REPORT", CAL, b'<?xml version="1.0"?><X:boom xmlns:X="urn:x"/>',
                                                     dict(XML, Depth="1")), (400, 403)))
    out.append(case("xml", "depth_garbage", request("PROPFIND", CAL, _in_prop("<D:displayname/>"),
                                                    dict(XML, Depth="tak-terhingga")), 400))
    out.append(case("xml", "depth_infinity_home", request("PROPFIND", "/dav/calendars/bupati/",
                                                          _in_prop("<D:displayname/>"), dict(XML, Depth="infinity")),
                    (207, 403)))
    return out


# --- iCalendar ----------------------------------------------------------------------------


def _put(name, body, headers=ICS):
    return request("PUT", CAL + "h-%s.ics" % name, body, headers)


def _rule(uid, rule, start="20300610T030000Z"):
    return vcalendar(*vevent(uid, "RRULE:" + rule, start=start))


ICAL_REFUSED = [
    ("not_icalendar", b"<html><body>bukan kalender</body></html>"),
    ("empty_body", b""),
    ("no_end_vcalendar", vcalendar(*vevent("h-noend"))[:-15]),
    ("end_without_begin", b"END:VEVENT\r\nEND:VCALENDAR\r\n"),
    ("mismatched_end", vcalendar(*vevent("h-mis")).replace(b"END:VEVENT", b"END:VTODO")),
    ("no_component", vcalendar()),
    ("two_uids", vcalendar(*(vevent("h-dua-a") + vevent("h-dua-b")))),
    ("thousands_of_uids", vcalendar(*sum((vevent("h-banyak-%d" % i) for i in range(4000)), ()))),
    ("duplicate_uid_in_body", vcalendar(*(vevent("h-kembar") + vevent("h-kembar")))),
    ("duplicate_recurrence_id", vcalendar(*(vevent("h-rid", "RRULE:FREQ=DAILY;COUNT=5")
                                            + vevent("h-rid", "RECURRENCE-ID:20300611T030000Z")
                                            + vevent("h-rid", "RECURRENCE-ID:20300611T030000Z")))),
    ("no_uid", vcalendar("BEGIN:VEVENT", "DTSTAMP:20240101T000000Z", "DTSTART:20300610T030000Z", "END:VEVENT")),
    ("no_dtstart", vcalendar("BEGIN:VEVENT", "UID:h-nostart", "DTSTAMP:20240101T000000Z", "END:VEVENT")),
    ("month_13", vcalendar(*vevent("h-m13", start="20301310T030000Z", end="20301310T040000Z"))),
    ("day_32", vcalendar(*vevent("h-d32", start="20300132T030000Z", end="20300132T040000Z"))),
    ("hour_25", vcalendar(*vevent("h-h25", start="20300610T250000Z", end="20300610T260000Z"))),
    ("year_0", vcalendar(*vevent("h-y0", start="00000101T000000Z", end="00000101T010000Z"))),
    ("year_99999", vcalendar(*vevent("h-y5", start="999990101T000000Z", end="999990101T010000Z"))),
    ("garbage_date", vcalendar(*vevent("h-gd", start="kemarin", end="besok"))),
    ("count_negative", _rule("h-cneg", "FREQ=DAILY;COUNT=-1")),
    ("interval_zero", _rule("h-i0", "FREQ=DAILY;INTERVAL=0")),
    ("interval_negative", _rule("h-ineg", "FREQ=DAILY;INTERVAL=-5")),
    ("freq_unknown", _rule("h-fq", "FREQ=SOMETIMES")),
    ("invalid_utf8_summary", vcalendar(*vevent("h-utf")).replace(b"SUMMARY:Uji", b"SUMMARY:\xff\xfe\xc0\xaf")),
    ("nul_in_summary", vcalendar(*vevent("h-nul")).replace(b"SUMMARY:Uji", b"SUMMARY:U\x00ji")),
    ("line_without_colon", vcalendar(*vevent("h-nocolon", "INI BUKAN PROPERTI"))),
    ("method_request", vcalendar("METHOD:REQUEST", *vevent("h-method"))),
    ("vjournal", vcalendar("BEGIN:VJOURNAL", "UID:h-jurnal", "DTSTAMP:20240101T000000Z", "END:VJOURNAL")),
    ("over_body_limit", vcalendar(*vevent("h-besar", "DESCRIPTION:" + "x" * 2200000))),
]

# What libical takes as it is today.

ICAL_BOUNDED = [
    # Valid iCalendar that costs the server work: stored (201) or refused, never slow.
    ("rrule_without_end", _rule("h-tanpa-akhir", "FREQ=DAILY")),
    ("freq_secondly", _rule("h-detik", "FREQ=SECONDLY")),
    ("freq_secondly_interval_1_count_huge", _rule("h-detik-count", "FREQ=SECONDLY;COUNT=2000000000")),
    ("count_beyond_int", _rule("h-cbig", "FREQ=DAILY;COUNT=99999999999999999999")),
    ("interval_huge", _rule("h-ibig", "FREQ=DAILY;INTERVAL=2147483647")),
    ("until_before_start", _rule("h-until", "FREQ=DAILY;UNTIL=20200101T000000Z")),
    ("byday_list_5000", _rule("h-byday", "FREQ=WEEKLY;BYDAY=" + ",".join(["MO", "TU", "WE"] * 1700))),
    ("bymonthday_all", _rule("h-bymd", "FREQ=MONTHLY;BYMONTHDAY=" + ",".join(str(d) for d in range(-31, 32) if d))),
    ("bysetpos_extremes", _rule("h-bsp", "FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-366,366,1,-1")),
    ("secondly_bysecond_all", _rule("h-bysec", "FREQ=SECONDLY;BYSECOND=" + ",".join(str(s) for s in range(60)))),
    ("yearly_feb_30", _rule("h-feb30", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")),
    ("start_year_1", vcalendar(*vevent("h-y1", "RRULE:FREQ=YEARLY", start="00010101T000000Z",
                                       end="00010101T010000Z"))),
    ("start_year_9999", vcalendar(*vevent("h-y9999", "RRULE:FREQ=SECONDLY", start="99991231T235959Z",
                                          end="99991231T235959Z"))),
    ("dtend_before_dtstart", vcalendar(*vevent("h-mundur", start="20300610T040000Z", end="20300610T030000Z"))),
    ("exdate_10000", _rule("h-exdate", "FREQ=DAILY") .replace(
        b"END:VEVENT", b"\r\n".join(b"EXDATE:2030%02d%02dT030000Z" % (1 + i // 28 % 12, 1 + i % 28)
                                    for i in range(10000)) + b"\r\nEND:VEVENT")),
    ("rdate_10000", vcalendar(*vevent("h-rdate", *("RDATE:20%02d%02d%02dT030000Z" % (31 + i // 336, 1 + i // 28 % 12,
                                                                                     1 + i % 28)
                                                   for i in range(10000))))),
    ("overrides_3000", vcalendar(*(vevent("h-ovr", "RRULE:FREQ=DAILY") + sum(
        (vevent("h-ovr", "RECURRENCE-ID:2030%02d%02dT030000Z" % (1 + i // 28 % 12, 1 + i % 28))
         for i in range(3000)), ())))),
    ("huge_summary_line", vcalendar(*vevent("h-panjang")).replace(b"SUMMARY:Uji", b"SUMMARY:" + b"x" * 1500000)),
    ("fold_flood", vcalendar(*vevent("h-lipat")).replace(b"SUMMARY:Uji", b"SUMMARY:U" + b"\r\n j" * 200000)),
    ("x_properties_50000", vcalendar(*vevent("h-xprop", *("X-JADWAL-%d:x" % i for i in range(50000))))),
    ("valarm_nested_2000", vcalendar(*vevent("h-alarm", *(["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT5M"] * 2000
                                                          + ["END:VALARM"] * 2000)))),
    ("unknown_component_nested_20000", vcalendar(*vevent("h-xcomp", *(["BEGIN:X-A"] * 20000 + ["END:X-A"] * 20000)))),
    ("tzid_unknown", vcalendar(*vevent("h-tz", start="DTSTART;TZID=Planet/Mars:20300610T100000",
                                       end="DTEND;TZID=Planet/Mars:20300610T110000"))),
    ("vtimezone_secondly", vcalendar("BEGIN:VTIMEZONE", "TZID:Bom/Detik", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                                     "RRULE:FREQ=SECONDLY", "TZOFFSETFROM:+0700", "TZOFFSETTO:+0800", "END:STANDARD",
                                     "END:VTIMEZONE",
                                     *vevent("h-tzbom", start="DTSTART;TZID=Bom/Detik:20300610T100000",
                                             end="DTEND;TZID=Bom/Detik:20300610T110000"))),
    ("uid_100k", vcalendar(*vevent("u" * 100000))),
]


def _fast_after(name):
    """A check: after storing an endless event, a ten-year query answers soon."""
    def check(ctx, reply):
        ctx.assert_fast_query(CAL)
    return check


def ical_cases():
    out = [case("ical", name, _put(name, body), (400, 403, 409, 413, 415) if name != "over_body_limit" else 413)
           for name, body in ICAL_REFUSED]
    out += [case("ical", name, _put(name, body), (201, 400, 403, 413), unchanged=False, check=_fast_after(name))
            for name, body in ICAL_BOUNDED]
    plain = vcalendar(*vevent("h-ctype"))
    out.append(case("ical", "json_content_type", _put("ctype", plain, {"Content-Type": "application/json"}), 415))
    out.append(case("ical", "no_content_type", _put("ctype2", plain, {}), (201, 400, 415), unchanged=False))
    # The same UID twice in one calendar, under another name: refused, the first kept.
    out.append(case("ical", "uid_taken_by_another_resource",
                    request("PUT", CAL + "h-kembar-b.ics", vcalendar(*vevent("h-kembar-lama")), ICS),
                    (403, 409)))
    out.append(case("ical", "uid_taken_case_variant",
                    request("PUT", CAL + "h-kembar-c.ics", vcalendar(*vevent("H-KEMBAR-LAMA")), ICS),
                    (201, 403, 409), unchanged=False))
    out.append(case("ical", "uid_changed_under_same_name",
                    request("PUT", CAL + "h-kembar-a.ics", vcalendar(*vevent("h-kembar-baru")), ICS), (403, 409)))
    out.append(case("ical", "if_none_match_existing",
                    request("PUT", CAL + "h-kembar-a.ics", vcalendar(*vevent("h-kembar-lama")),
                            dict(ICS, **{"If-None-Match": "*"})), 412))
    out.append(case("ical", "if_match_garbage",
                    request("PUT", CAL + "h-kembar-a.ics", vcalendar(*vevent("h-kembar-lama")),
                            dict(ICS, **{"If-Match": '"\xff\x00"'.encode("latin-1").decode("latin-1")})), (400, 412)))
    return out


def setup(ctx):
    """What the duplicate-UID cases need: h-kembar-a.ics holding UID h-kembar-lama."""
    status = ctx.http("PUT", CAL + "h-kembar-a.ics", vcalendar(*vevent("h-kembar-lama")), ICS, BUPATI).status
    assert status == 201, status


CASES = xml_cases() + ical_cases()

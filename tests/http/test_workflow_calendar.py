"""Requests and the calendars they write, seen through CalDAV as phones and
Thunderbird see them: the hold, the leader's event with its letter, representation,
rescheduling, cancellation, and edits and deletions made in a client that the
request then follows."""

import datetime
import re
import unittest
import urllib.parse

from jadwal_requests import (HOLD_CALENDAR, HOLD_OWNER, HOLD_SLUG, RequestTestCase, activity_day, credentials, props,
                             unescape_text, valid_fields)

ICS = {"Content-Type": "text/calendar; charset=utf-8"}


def history(page):
    """The texts of the request page's history entries, oldest first."""
    section = page.by_id("riwayat")
    assert section is not None, "the request page has a history section (id riwayat)"
    return [li.text for li in page.within(section, "li")]


def local(day, hhmm):
    return day.strftime("%Y%m%d") + "T" + hhmm.replace(":", "") + "00"


class RequestCalendarTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 1000}

    def test_approval_puts_the_event_with_its_letter_on_the_leaders_agenda(self):
        code, request_id = self.new_request("diverifikasi")
        self.assertIsNotNone(self.event_of(code, HOLD_OWNER, HOLD_SLUG, user="protokol"))
        token_before = self.sync_token("bupati")
        self.decide(request_id, "approve", pimpinan="bupati")
        self.assertNotEqual(token_before, self.sync_token("bupati"), "the leader's calendar sync token moved")

        event = self.event_of(code, "bupati")
        self.assertIsNotNone(event, "the approved activity is on the Bupati's agenda")
        self.assertEqual("CONFIRMED", event.value("STATUS"))
        self.assertIn("Peresmian Laboratorium Komputer", event.value("SUMMARY"))
        self.assertIn("Aula SMA Negeri 1 Indralaya", unescape_text(event.value("LOCATION")))
        day = activity_day()
        start, end = props(event.event, "DTSTART")[0], props(event.event, "DTEND")[0]
        self.assertEqual(("Asia/Jakarta", local(day, "09:00")), (start[0].get("TZID"), start[1]))
        self.assertEqual(("Asia/Jakarta", local(day, "11:00")), (end[0].get("TZID"), end[1]))
        self.assertIn("BEGIN:VTIMEZONE", event.text)
        description = unescape_text(event.value("DESCRIPTION"))
        for text in ("SMA Negeri 1 Indralaya", "PDH", "Budi (0813-1111-2222)"):
            self.assertIn(text, description)
        # The event points staff to the request by number; the tracking code (the requester's key) is not in it.
        self.assertEqual(self.srv.base_url + "/staf/permohonan/%d" % request_id, event.value("URL"))
        self.assertNotIn(code, event.text)
        self.assertNotIn(code, event.href)
        self.assertNotIn(self.srv.base_url + "/permohonan/", description)

        attachments = props(event.event, "ATTACH")
        self.assertEqual(1, len(attachments), event.text)
        params, url = attachments[0]
        self.assertEqual("application/pdf", params.get("FMTTYPE"))
        self.assertEqual("surat-permohonan.pdf", params.get("FILENAME"))
        self.assertTrue(url.startswith(self.srv.base_url + "/lampiran/"), "absolute URL under public_url: " + url)
        self.assertIn(url, description, "Android drops ATTACH: the link is in the description too")
        path = urllib.parse.urlsplit(url).path
        status, headers, body = self.srv.request("GET", path, user=credentials("bupati"))
        self.assertEqual(200, status, body[:300])
        self.assertEqual("application/pdf", headers.get("content-type", "").split(";")[0])
        self.assertTrue(body.startswith(b"%PDF-"))
        status, headers, _ = self.srv.request("GET", path)
        self.assertEqual(401, status)
        self.assertIn('realm="Jadwal"', headers.get("www-authenticate", ""))
        self.assertEqual(403, self.srv.request("GET", path, user=credentials("sekda"))[0])

        hold = self.event_of(code, HOLD_OWNER, HOLD_SLUG, user="protokol")
        self.assertTrue(hold is None or hold.value("STATUS") != "TENTATIVE", "no tentative hold after approval")

        public = self.status_page(code)
        self.assertIn("Disetujui", public.visible_text)
        self.assertNotIn(".ics", public.visible_text, "the public history shows no calendar internals")
        self.assertNotIn(HOLD_CALENDAR, public.visible_text)

    def test_representation(self):
        code, request_id = self.new_request("disetujui")
        self.decide(request_id, "represent", pimpinan="bupati", wakil_user="wabup")
        mine = self.event_of(code, "wabup")
        self.assertIsNotNone(mine, "the event is on the representative's agenda")
        self.assertEqual("CONFIRMED", mine.value("STATUS"))
        self.assertIn("Peresmian Laboratorium Komputer", mine.value("SUMMARY"))
        self.assertTrue(props(mine.event, "ATTACH"), "the representative gets the letter too")
        leader = self.event_of(code, "bupati")
        self.assertIsNotNone(leader)
        self.assertIn("Diwakili oleh", unescape_text(leader.value("DESCRIPTION")))
        self.assertIn("Wakil Bupati Ogan Ilir", unescape_text(leader.value("DESCRIPTION")))
        # the representative opens the letter from their phone
        url = props(mine.event, "ATTACH")[0][1]
        self.assertEqual(200, self.srv.request("GET", urllib.parse.urlsplit(url).path, user=credentials("wabup"))[0])

    def test_reschedule_and_cancel(self):
        code, request_id = self.new_request("disetujui")
        before = self.event_of(code, "bupati")
        sequence = int(before.value("SEQUENCE") or 0)
        day = activity_day() + datetime.timedelta(days=1)
        self.decide(request_id, "reschedule", tanggal=day.isoformat(), jam_mulai="13:30", jam_selesai="15:00",
                    tempat="Pendopo Kabupaten")
        after = self.event_of(code, "bupati")
        self.assertEqual(before.href, after.href, "the same event is updated")
        self.assertEqual(props(before.event, "UID"), props(after.event, "UID"))
        self.assertGreater(int(after.value("SEQUENCE") or 0), sequence)
        self.assertEqual(local(day, "13:30"), props(after.event, "DTSTART")[0][1])
        self.assertIn("Pendopo Kabupaten", unescape_text(after.value("LOCATION")))
        self.assertIn("13.30", self.status_page(code).visible_text)

        self.decide(request_id, "cancel", catatan="Acara dibatalkan panitia")
        cancelled = self.event_of(code, "bupati")
        self.assertIsNotNone(cancelled, "a cancelled event is kept")
        self.assertEqual("CANCELLED", cancelled.value("STATUS"))
        self.assertGreater(int(cancelled.value("SEQUENCE") or 0), int(after.value("SEQUENCE") or 0))

    def test_reject_releases_the_hold(self):
        code, request_id = self.new_request()
        self.assertEqual("TENTATIVE", self.event_of(code, HOLD_OWNER, HOLD_SLUG, user="protokol").value("STATUS"))
        self.decide(request_id, "reject", catatan="Tidak sesuai")
        hold = self.event_of(code, HOLD_OWNER, HOLD_SLUG, user="protokol")
        self.assertTrue(hold is None or hold.value("STATUS") != "TENTATIVE")
        self.assertIsNone(self.event_of(code, "bupati"))

    def test_edit_in_a_client_moves_the_request(self):
        code, request_id = self.new_request("disetujui")
        before = self.request_page(request_id)
        history_before = history(before)
        event = self.event_of(code, "bupati", user="protokol")
        day = activity_day()
        text = event.text.replace("\r\n", "\n")
        text = re.sub(r"DTSTART;TZID=Asia/Jakarta:\d{8}T\d{6}", "DTSTART;TZID=Asia/Jakarta:" + local(day, "14:15"), text)
        text = re.sub(r"DTEND;TZID=Asia/Jakarta:\d{8}T\d{6}", "DTEND;TZID=Asia/Jakarta:" + local(day, "16:00"), text)
        text = re.sub(r"SEQUENCE:(\d+)", lambda m: "SEQUENCE:%d" % (int(m.group(1)) + 1), text)
        self.assertIn(local(day, "14:15"), text)
        path = urllib.parse.urlsplit(event.href).path
        status, _, body = self.srv.request("PUT", path, text.replace("\n", "\r\n"),
                                           dict(ICS, **{"If-Match": event.etag}), user=credentials("protokol"))
        self.assertIn(status, (201, 204), body[:500])

        page = self.request_page(request_id)
        self.assertIn("14.15", page.visible_text, "the request shows the time set in the client")
        self.assertNotIn("14.15", before.visible_text)
        entries = history(page)
        self.assertEqual(history_before, entries[:len(history_before)], "the history is append-only")
        added = entries[len(history_before):]
        self.assertTrue(any("kalender" in e.lower() and "14.15" in e for e in added),
                        "the history records the edit made in the client: %r" % added)
        self.assertIn("14.15", self.status_page(code).visible_text)
        self.assertIn("Disetujui", self.status_page(code).visible_text, "moving is not cancelling")
        # the event written by the client stays as the client wrote it
        self.assertEqual(local(day, "14:15"), props(self.event_of(code, "bupati").event, "DTSTART")[0][1])

    def test_delete_in_a_client_cancels_the_request(self):
        code, request_id = self.new_request("disetujui")
        event = self.event_of(code, "bupati", user="protokol")
        status, _, body = self.srv.request("DELETE", urllib.parse.urlsplit(event.href).path,
                                           user=credentials("protokol"))
        self.assertEqual(204, status, body[:300])
        self.assertIn("Dibatalkan", self.status_page(code).visible_text)
        page = self.request_page(request_id)
        self.assertIn("Dibatalkan", page.visible_text)
        self.assertTrue(any("kalender" in e.lower() for e in history(page)[-2:]), history(page))
        self.assertTrue(any("tanpa alasan" in e for e in history(page)), "a client gives no reason: %r" % history(page))
        self.assertNotIn("cancel", {e.get("value") for e in page.elements(name="aksi")}, "nothing left to cancel")

    # -- calendar edits by anyone but staff change nothing ------------------------------

    def moved(self, event, start, end, location=None):
        """The event's text with the activity day's times set to start-end (HH:MM), and a new LOCATION."""
        day = activity_day()
        text = event.text.replace("\r\n", "\n")
        text = re.sub(r"DTSTART;TZID=Asia/Jakarta:\d{8}T\d{6}", "DTSTART;TZID=Asia/Jakarta:" + local(day, start), text)
        text = re.sub(r"DTEND;TZID=Asia/Jakarta:\d{8}T\d{6}", "DTEND;TZID=Asia/Jakarta:" + local(day, end), text)
        text = re.sub(r"SEQUENCE:(\d+)", lambda m: "SEQUENCE:%d" % (int(m.group(1)) + 1), text)
        if location is not None:
            text = re.sub(r"\nLOCATION:.*(\n[ \t].*)*", "\nLOCATION:" + location, text)
        return text

    def test_a_leader_deleting_the_event_on_the_phone_says_cannot_attend(self):
        code, request_id = self.new_request("disetujui")
        event = self.event_of(code, "bupati")
        self.delete_event(event, "bupati")

        self.assertIn("Disetujui", self.status_page(code).visible_text, "only staff cancel a request")
        back = self.event_of(code, "bupati")
        self.assertIsNotNone(back, "the event is put back on the leader's calendar")
        self.assertEqual("CONFIRMED", back.value("STATUS"))
        self.assertEqual(props(event.event, "UID"), props(back.event, "UID"))
        self.assertEqual(props(event.event, "DTSTART"), props(back.event, "DTSTART"))
        page = self.request_page(request_id)
        given = [li.text for ul in page.elements("ul", class_="daftar-disposisi") for li in page.within(ul, "li")]
        self.assertEqual(1, len(given), given)
        self.assertIn("Tidak hadir", given[0], "a cannot-attend disposition for staff to act on")
        self.assertIn("Bupati Ogan Ilir", history(page)[-1])
        self.assertIn("tidak diikuti", history(page)[-1].lower())
        self.assertIn("cancel", {e.get("value") for e in page.elements(name="aksi")}, "staff still decide")

    def test_a_leader_moving_the_event_on_the_phone_is_put_back(self):
        code, request_id = self.new_request("disetujui")
        event = self.event_of(code, "bupati")
        self.put_event(event, self.moved(event, "19:00", "21:00", "Rumah Makan Pindang"), "bupati")

        self.assertNotIn("19.00", self.status_page(code).visible_text)
        self.assertNotIn("Rumah Makan Pindang", self.status_page(code).visible_text)
        back = self.event_of(code, "bupati")
        self.assertEqual(local(activity_day(), "09:00"), props(back.event, "DTSTART")[0][1])
        self.assertIn("Aula SMA Negeri 1 Indralaya", unescape_text(back.value("LOCATION")))
        entry = history(self.request_page(request_id))[-1]
        self.assertIn("19.00", entry, "the leader's proposal is on record")
        self.assertIn("Rumah Makan Pindang", entry)
        self.assertIn("Bupati Ogan Ilir", entry)

    def test_a_representative_cannot_write_through_his_copy(self):
        code, request_id = self.new_request("disetujui")
        self.decide(request_id, "represent", pimpinan="bupati", wakil_user="wabup")
        leaders = self.event_of(code, "bupati")
        copy = self.event_of(code, "wabup")
        forged = ("Gedung Palsu " * 200)[:2029]  # 2,029 characters where the form allows 300
        self.put_event(copy, self.moved(copy, "20:00", "22:00", forged), "wabup")

        self.assertEqual(leaders.text, self.event_of(code, "bupati").text, "the leader's event is untouched")
        status = self.status_page(code).visible_text
        self.assertNotIn("Palsu", status)
        self.assertNotIn("20.00", status)
        restored = self.event_of(code, "wabup")
        self.assertEqual(local(activity_day(), "09:00"), props(restored.event, "DTSTART")[0][1])
        self.assertNotIn("Palsu", restored.text)
        page = self.request_page(request_id)
        self.assertIn("Aula SMA Negeri 1 Indralaya", page.visible_text)
        self.assertIn("Wakil Bupati Ogan Ilir", history(page)[-1])

        self.delete_event(restored, "wabup")
        self.assertIsNotNone(self.event_of(code, "wabup"), "a deleted copy comes back")
        self.assertIn("Diwakilkan", self.status_page(code).visible_text)

    def test_staff_edits_keep_the_forms_limits(self):
        code, request_id = self.new_request("disetujui")
        event = self.event_of(code, "bupati", user="protokol")
        self.put_event(event, self.moved(event, "10:00", "12:00", "x" * 2029), "protokol")
        page = self.request_page(request_id)
        self.assertIn("Aula SMA Negeri 1 Indralaya", page.visible_text, "the venue stays as it was")
        self.assertNotIn("x" * 301, page.text, "the history quotes no more of it than the form allows")
        status = self.status_page(code).visible_text
        self.assertIn("Aula SMA Negeri 1 Indralaya", status)
        self.assertNotIn("xxxxxxxxxx", status)
        self.assertNotIn("10.00", status, "the whole edit is refused")
        self.assertIn("300 karakter", history(page)[-1])
        back = self.event_of(code, "bupati", user="protokol")
        self.assertNotIn("xxxxxxxxxx", back.text)

    def test_conflicts_shown_on_the_request_page(self):
        day = activity_day(21)
        code, request_id = self.new_request(fields=valid_fields(tanggal=day.isoformat()))
        clean = self.request_page(request_id)
        self.assertNotIn("Rapat Paripurna DPRD", clean.visible_text)
        overlapping = "\r\n".join([
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN",
            "BEGIN:VEVENT", "UID:paripurna-%s@thunderbird" % code, "DTSTAMP:20250101T000000Z",
            "DTSTART:%sT030000Z" % day.strftime("%Y%m%d"), "DTEND:%sT050000Z" % day.strftime("%Y%m%d"),
            "SUMMARY:Rapat Paripurna DPRD", "END:VEVENT", "END:VCALENDAR", ""])
        status, _, body = self.srv.request("PUT", "/dav/calendars/bupati/agenda/paripurna-%s.ics" % code,
                                           overlapping, ICS, user=credentials("protokol"))
        self.assertEqual(201, status, body[:300])
        page = self.request_page(request_id)
        self.assertIn("Rapat Paripurna DPRD", page.visible_text, "an event entered in a client is on the agenda")
        self.assertIn("Bentrok", page.visible_text, "and marked as a conflict")


class CalendarDeletionTest(RequestTestCase):
    """A leader deleting his whole calendar on the phone: refused while it holds
    the event of a request in progress, so the request and its event never part;
    once staff have finished the request, the calendar goes and the request
    forgets its event. A server of its own: the leader's agenda is deleted."""
    SERVER_OPTIONS = {"submissions_per_hour": 1000}

    def delete_agenda(self, user="bupati"):
        return self.srv.request("DELETE", "/dav/calendars/bupati/agenda/", user=credentials(user))

    def test_a_calendar_holding_a_request_in_progress_is_kept_until_staff_finish_it(self):
        code, request_id = self.new_request("disetujui")
        for user in ("bupati", "admin"):
            status, _, body = self.delete_agenda(user)
            self.assertEqual(409, status, "DELETE as %s: %r" % (user, body[:300]))
            self.assertIn(b"staff", body, "says who can help")
            self.assertIn(str(request_id).encode(), body, "names the request")
        self.assertIsNotNone(self.event_of(code, "bupati"), "the event stays on the agenda")
        self.assertIn("Disetujui", self.status_page(code).visible_text)

        self.decide(request_id, "cancel", catatan="Acara dibatalkan penyelenggara")
        status, _, body = self.delete_agenda()
        self.assertEqual(204, status, body[:300])
        page = self.request_page(request_id)
        self.assertIn("Dibatalkan", page.visible_text, "a finished request stays as it was")
        self.assertIn("kalender", history(page)[-1].lower(), history(page))


class HoldCalendarCreatedTest(RequestTestCase):
    def test_server_creates_the_hold_calendar(self):
        status, _, body = self.srv.request("PROPFIND", "/dav/calendars/%s/%s/" % (HOLD_OWNER, HOLD_SLUG),
                                           '<D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/></D:prop></D:propfind>',
                                           {"Depth": "0"}, user=credentials("protokol"))
        self.assertEqual(207, status, body[:300])
        self.assertIn(b"calendar", body)


if __name__ == "__main__":
    unittest.main()

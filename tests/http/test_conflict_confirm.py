"""A decision or disposition that would double-book a leader asks first
(issue 10, finding 2): approving, rescheduling or a leader's "hadir" into a
slot another confirmed event takes answers 409 with a page naming the other
events and a "Tetap setujui" button that sends the same form again confirmed;
the confirmation counts only for the events it named. The history keeps what
was confirmed."""

from jadwal_requests import RequestTestCase, activity_day, credentials, main, valid_fields

CONFIRM_FIELD = "konfirmasi_bentrok"


def client_event(uid, day, start, end, summary, status=None):
    """An event as Thunderbird writes it, on `day` from `start` to `end` ("HH:MM"; end None: no DTEND)."""
    stamp = day.strftime("%Y%m%d")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN",
             "BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:20250101T000000Z", "SUMMARY:" + summary,
             "DTSTART;TZID=Asia/Jakarta:%sT%s00" % (stamp, start.replace(":", ""))]
    if end:
        lines.append("DTEND;TZID=Asia/Jakarta:%sT%s00" % (stamp, end.replace(":", "")))
    if status:
        lines.append("STATUS:" + status)
    lines += ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines)


class ConflictConfirmationTest(RequestTestCase):

    # Each test its own day, so that the events of one never meet another's.
    _next_day = [40]

    def fresh_day(self):
        self._next_day[0] += 1
        return activity_day(self._next_day[0])

    def put_client_event(self, day, start, end, summary, owner="bupati", status=None):
        uid = "klien-%s-%s" % (day.isoformat(), start.replace(":", ""))
        path = "/dav/calendars/%s/agenda/%s.ics" % (owner, uid)
        status_code, _, body = self.srv.request("PUT", path, client_event(uid, day, start, end, summary, status),
                                                {"Content-Type": "text/calendar; charset=utf-8"},
                                                user=credentials(owner))
        self.assertIn(status_code, (201, 204), "PUT %s: %s" % (path, body[:300]))

    def verified_on(self, day, **overrides):
        self.code, request_id = self.new_request("diverifikasi", valid_fields(tanggal=day.isoformat(), **overrides))
        return request_id

    def assert_confirmation_page(self, answer, request_id, *summaries):
        self.assertEqual(409, answer.status, answer.describe())
        text = answer.visible_text
        self.assertIn("Jadwal bentrok", text)
        for summary in summaries:
            self.assertIn(summary, text)
        self.assertIn("Bupati Ogan Ilir", text, "the page names the leader whose agenda holds the event")
        form = answer.form("/staf/permohonan/%d/keputusan" % request_id)
        self.assertEqual("post", form.get("method"))
        self.assertIn("/staf/permohonan/%d" % request_id, answer.links(), "Batal goes back to the request")
        return form

    def state_of(self, request_id):
        return self.request_page(request_id).visible_text

    def test_approving_into_a_taken_slot_asks_and_confirming_takes_it(self):
        day = self.fresh_day()
        self.put_client_event(day, "09:30", "10:30", "Rapat Paripurna DPRD")
        request_id = self.verified_on(day)
        answer = self.decide_page(request_id, "approve", pimpinan="bupati", catatan="Sambutan singkat")
        self.assert_confirmation_page(answer, request_id, "Rapat Paripurna DPRD")
        self.assertIn("09.30–10.30 WIB", answer.visible_text)
        self.assertIn(str(day.day), answer.visible_text, "the day of the other event")
        self.assertIn("Bupati Ogan Ilir sudah punya acara lain yang dikonfirmasi", answer.visible_text,
                      "the sentence names the leader")
        buttons = [b.text for b in answer.elements("button")]
        self.assertIn("Tetap setujui", buttons)
        action = "/staf/permohonan/%d/keputusan" % request_id
        fields = dict(answer.form_values(action))
        self.assertEqual("1", fields.get(CONFIRM_FIELD))
        self.assertEqual("approve", fields.get("aksi"))
        self.assertEqual("bupati", fields.get("pimpinan"))
        self.assertEqual("Sambutan singkat", fields.get("catatan"))
        self.assertTrue(fields.get("csrf"))
        self.assertTrue(fields.get("bentrok"))
        # Nothing changed yet.
        self.assertIn("Diverifikasi", self.state_of(request_id))
        self.assertIsNone(self.event_of(self.code, "bupati"), "no event on the leader's agenda yet")

        confirmed = self.staff().post_form(action, answer.form_values(action))
        self.assertEqual(303, confirmed.status, confirmed.describe())
        page = self.state_of(request_id)
        self.assertIn("Disetujui", page)
        self.assertIn("Bentrok jadwal dikonfirmasi: Rapat Paripurna DPRD (Bupati Ogan Ilir", page)
        self.assertIsNotNone(self.event_of(self.code, "bupati"), "the event is on the leader's agenda")
        # The requester's history says nothing of the leader's other events.
        self.assertNotIn("Rapat Paripurna", self.status_page(self.code).visible_text)

    def test_a_confirmation_given_for_other_events_asks_again(self):
        day = self.fresh_day()
        self.put_client_event(day, "09:30", "10:30", "Rapat Paripurna DPRD")
        request_id = self.verified_on(day)
        answer = self.decide_page(request_id, "approve", pimpinan="bupati")
        self.assert_confirmation_page(answer, request_id, "Rapat Paripurna DPRD")
        action = "/staf/permohonan/%d/keputusan" % request_id
        # Meanwhile a second event lands in the slot.
        self.put_client_event(day, "10:00", "10:45", "Kunjungan Menteri")
        again = self.staff().post_form(action, answer.form_values(action))
        self.assert_confirmation_page(again, request_id, "Rapat Paripurna DPRD", "Kunjungan Menteri")
        self.assertIn("Diverifikasi", self.state_of(request_id))
        # A forged confirmation without the events' fingerprint is asked again too.
        forged = [(k, v) for k, v in again.form_values(action) if k != "bentrok"]
        self.assertEqual(409, self.staff().post_form(action, forged).status)
        self.assertIn("Diverifikasi", self.state_of(request_id))
        final = self.staff().post_form(action, again.form_values(action))
        self.assertEqual(303, final.status, final.describe())
        self.assertIn("Disetujui", self.state_of(request_id))

    def test_a_co_invited_leader_is_not_shown_the_other_events(self):
        day = self.fresh_day()
        self.put_client_event(day, "09:30", "10:30", "Pertemuan Tertutup")
        request_id = self.verified_on(day, pimpinan=["bupati", "wabup"])
        answer = self.decide_page(request_id, "approve", pimpinan="bupati")
        self.assert_confirmation_page(answer, request_id, "Pertemuan Tertutup")
        action = "/staf/permohonan/%d/keputusan" % request_id
        self.assertEqual(303, self.staff().post_form(action, answer.form_values(action)).status)
        self.assertIn("Pertemuan Tertutup", self.request_page(request_id, "ajudan.bupati").visible_text)
        other = self.request_page(request_id, "wabup").visible_text
        self.assertIn("Bentrok jadwal dikonfirmasi: 1 acara lain", other)
        self.assertNotIn("Pertemuan Tertutup", other, "the Wakil Bupati may not read the Bupati's agenda")

    def test_without_an_overlap_nothing_is_asked(self):
        day = self.fresh_day()
        self.put_client_event(day, "13:00", "14:00", "Jamuan Siang")
        self.put_client_event(day, "09:00", "11:00", "Mungkin", status="TENTATIVE")
        self.put_client_event(day, "09:00", "11:00", "Dibatalkan", status="CANCELLED")
        request_id = self.verified_on(day)
        self.decide(request_id, "approve", pimpinan="bupati", confirm_conflicts=False)
        self.assertNotIn("Bentrok jadwal dikonfirmasi", self.state_of(request_id))

    def test_an_event_without_an_end_keeps_the_leader_busy_for_the_assumed_time(self):
        day = self.fresh_day()
        self.put_client_event(day, "08:00", None, "Apel Pagi")
        request_id = self.verified_on(day)
        answer = self.decide_page(request_id, "approve", pimpinan="bupati")
        self.assert_confirmation_page(answer, request_id, "Apel Pagi")
        self.assertIn("08.00 WIB s.d. selesai", answer.visible_text, "an open end still reads as one")

    def test_rescheduling_into_a_taken_slot_asks(self):
        day = self.fresh_day()
        request_id = self.verified_on(day)
        self.decide(request_id, "approve", pimpinan="bupati", confirm_conflicts=False)
        self.put_client_event(day, "14:00", "15:00", "Pelantikan Pejabat")
        answer = self.decide_page(request_id, "reschedule", tanggal=day.isoformat(), jam_mulai="14:30",
                                  jam_selesai="16:00", catatan="Pindah sore")
        self.assert_confirmation_page(answer, request_id, "Pelantikan Pejabat")
        self.assertIn("Tetap jadwalkan ulang", [b.text for b in answer.elements("button")])
        action = "/staf/permohonan/%d/keputusan" % request_id
        self.assertEqual(303, self.staff().post_form(action, answer.form_values(action)).status)
        self.assertIn("14.30", self.state_of(request_id))

    def test_a_leaders_hadir_asks_and_confirming_takes_it(self):
        day = self.fresh_day()
        self.put_client_event(day, "10:00", "12:00", "Kunjungan Kerja Gubernur")
        request_id = self.verified_on(day)
        for user in ("bupati", "ajudan.bupati"):
            with self.subTest(user=user):
                page = self.request_page(request_id, user)
                action = "/staf/permohonan/%d/disposisi" % request_id
                answer = self.staff(user).post_form(action, {
                    "csrf": page.csrf(), "pimpinan": "bupati", "pilihan": "hadir", "catatan": "Hadir sebentar"})
                self.assertEqual(409, answer.status, answer.describe())
                self.assertIn("Kunjungan Kerja Gubernur", answer.visible_text)
                self.assertIn("Tetap hadir", [b.text for b in answer.elements("button")])
                fields = dict(answer.form_values(action))
                self.assertEqual("hadir", fields.get("pilihan"))
                self.assertEqual("1", fields.get(CONFIRM_FIELD))
                confirmed = self.staff(user).post_form(action, answer.form_values(action))
                self.assertEqual(303, confirmed.status, confirmed.describe())
        text = self.request_page(request_id).visible_text
        self.assertIn("Hadir sebentar", text)
        self.assertIn("bentrok jadwal dikonfirmasi: Kunjungan Kerja Gubernur", text)


if __name__ == "__main__":
    main()

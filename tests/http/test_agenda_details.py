"""Staff set what the agenda shows of a request on its page (dress code, the
leader's role, contact person, public or not), and the event on the leader's
calendar carries it in the lines every agenda output reads."""

import unittest

from jadwal_requests import RequestTestCase, unescape_text


class AgendaDetailsTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 1000}

    def details_form(self, request_id, user="protokol"):
        page = self.request_page(request_id, user)
        return page, dict(page.form_values("/staf/permohonan/%d/rincian" % request_id))

    def post_details(self, request_id, user="protokol", **fields):
        page, values = self.details_form(request_id, user)
        values = dict(values)
        values.pop("publik", None)
        values.update(fields)
        pairs = [(k, v) for k, v in values.items() if v is not None]
        return self.staff(user).post_form("/staf/permohonan/%d/rincian" % request_id, pairs)

    def test_the_form_shows_what_the_agenda_shows_and_saving_rewrites_the_event(self):
        code, request_id = self.new_request("disetujui")
        page, values = self.details_form(request_id)
        self.assertEqual("PDH", values.get("pakaian"))
        self.assertEqual("", values.get("publik"), "no choice yet: the leader's calendar decides")
        event = self.event_of(code, "bupati")
        self.assertNotIn("Publik:", unescape_text(event.value("DESCRIPTION")))

        answer = self.post_details(request_id, pakaian="Batik", peran="Narasumber", narahubung="Rina 0812",
                                   publik="tidak")
        self.assertEqual(303, answer.status, answer.describe())
        self.assertIn("pesan=rincian", answer.location)
        description = unescape_text(self.event_of(code, "bupati").value("DESCRIPTION"))
        for line in ("Pakaian: Batik", "Ket.: Narasumber", "Narahubung: Rina 0812", "Publik: tidak"):
            self.assertIn(line, description.splitlines())
        page = self.staff().get(answer.location)
        self.assertIn("Rincian agenda disimpan", page.visible_text)
        self.assertIn("Rincian agenda diubah", page.visible_text, "the history names the change")

    def test_too_long_text_comes_back_with_what_was_typed(self):
        _, request_id = self.new_request("disetujui")
        answer = self.post_details(request_id, pakaian="x" * 201, narahubung="Rina 0812", publik="ya")
        self.assertEqual(400, answer.status, answer.describe())
        self.assertEqual("Rina 0812", answer.field("narahubung", "/staf/permohonan/%d/rincian" % request_id))
        self.assertEqual("ya", answer.field("publik", "/staf/permohonan/%d/rincian" % request_id))
        self.assertIsNotNone(answer.by_id("galat-pakaian"), answer.describe())
        answer = self.post_details(request_id, pakaian="PDH", publik="mungkin")
        self.assertEqual(400, answer.status, answer.describe())
        self.assertIsNotNone(answer.by_id("galat-publik"), answer.describe())

    def test_only_staff_with_a_token_and_the_current_version(self):
        _, request_id = self.new_request("disetujui")
        leader_page = self.request_page(request_id, "bupati")
        with self.assertRaises(AssertionError):
            leader_page.form("/staf/permohonan/%d/rincian" % request_id)  # no form for a leader
        _, values = self.details_form(request_id)
        values["csrf"] = leader_page.csrf()
        forged = self.staff("bupati").post_form("/staf/permohonan/%d/rincian" % request_id, list(values.items()))
        self.assertEqual(403, forged.status, forged.describe())
        # A page from before another change: refused, nothing lost silently.
        _, values = self.details_form(request_id)
        self.assertEqual(303, self.post_details(request_id, pakaian="PDL").status)
        stale = [(k, v) for k, v in values.items()]
        self.assertEqual(409, self.staff().post_form("/staf/permohonan/%d/rincian" % request_id, stale).status)
        without_token = [(k, v) for k, v in values.items() if k != "csrf"]
        self.assertEqual(403, self.staff().post_form("/staf/permohonan/%d/rincian" % request_id,
                                                     without_token).status)


if __name__ == "__main__":
    unittest.main()

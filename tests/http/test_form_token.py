"""The public form's one-time token (token_kirim): a double tap, or Back and send
again, gives one request and both answers lead to its receipt (finding 5a of
issue 10); a token is good only with the browser that got the page."""

import sqlite3
import threading
import unittest

from jadwal_requests import CODE_PATTERN, RequestTestCase, letter, valid_fields


class FormTokenTest(RequestTestCase):
    SERVER_OPTIONS = {"submissions_per_hour": 1000}

    def request_count(self):
        with sqlite3.connect("file:%s?mode=ro" % self.srv.db_path, uri=True) as db:
            return db.execute("SELECT COUNT(*) FROM requests").fetchone()[0]

    def filled(self, session, **overrides):
        """The form as a browser sends it: its hidden fields and the typed values."""
        page = session.get("/permohonan")
        self.assertEqual(200, page.status, page.describe())
        hidden = [(k, v) for k, v in page.form_values("/permohonan") if k in ("csrf", "token_kirim")]
        self.assertEqual(["csrf", "token_kirim"], [k for k, _ in hidden])
        self.assertRegex(dict(hidden)["token_kirim"], r"^[0-9a-f]{32}\.[0-9a-f]{64}$")
        return hidden + list(valid_fields(**overrides))

    def receipt_of(self, answer):
        self.assertEqual(303, answer.status, answer.describe())
        self.assertRegex(answer.location_path, r"^/permohonan/JDW-[A-Z0-9]{4}-[A-Z0-9]{4}/tanda-terima$")
        return answer.location_path

    def test_a_double_submit_gives_one_request(self):
        session = self.web()
        pairs = self.filled(session)
        before = self.request_count()
        first_answer = session.post_multipart("/permohonan", pairs, [letter()])
        first = self.receipt_of(first_answer)
        second_answer = session.post_multipart("/permohonan", pairs, [letter()])
        second = self.receipt_of(second_answer)
        self.assertEqual(first, second, "both answers lead to the first request's receipt")
        self.assertEqual(before + 1, self.request_count())
        # The second receipt says that nothing new was sent; the first does not.
        self.assertIsNone(session.get(first_answer.location).by_id("sudah-terkirim"))
        repeated = session.get(second_answer.location)
        self.assertEqual(200, repeated.status)
        self.assertIn("sudah pernah dikirim", repeated.by_id("sudah-terkirim").text)

    def test_two_submits_at_the_same_time_give_one_request(self):
        session = self.web()
        pairs = self.filled(session)
        before = self.request_count()
        answers = [None, None]
        start = threading.Barrier(2)

        def send(index):
            start.wait()
            answers[index] = session.post_multipart("/permohonan", pairs, [letter()])

        threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        self.assertEqual(self.receipt_of(answers[0]), self.receipt_of(answers[1]))
        self.assertEqual(before + 1, self.request_count())

    def test_a_refused_submit_keeps_the_token_usable(self):
        session = self.web()
        pairs = [(k, v) for k, v in self.filled(session) if k != "nama"]
        refused = session.post_multipart("/permohonan", pairs, [letter()])
        self.assertEqual(400, refused.status, refused.describe())
        # The page sent back, completed and sent (twice): one request.
        again = [(k, v) for k, v in refused.form_values("/permohonan") if k != "nama"] + [("nama", "Siti")]
        first = self.receipt_of(session.post_multipart("/permohonan", again, [letter()]))
        second = self.receipt_of(session.post_multipart("/permohonan", again, [letter()]))
        self.assertEqual(first, second)

    def test_separate_forms_make_separate_requests(self):
        session = self.web()
        first = self.receipt_of(session.post_multipart("/permohonan", self.filled(session), [letter()]))
        second = self.receipt_of(session.post_multipart("/permohonan", self.filled(session), [letter()]))
        self.assertNotEqual(first, second)

    def test_a_token_is_no_key_to_another_visitors_request(self):
        owner, other = self.web(), self.web()
        owner_pairs = self.filled(owner)
        owner_receipt = self.receipt_of(owner.post_multipart("/permohonan", owner_pairs, [letter()]))
        # Another visitor who somehow holds the token, with their own form and cookie:
        stolen = dict(owner_pairs)["token_kirim"]
        other_pairs = [(k, stolen if k == "token_kirim" else v) for k, v in self.filled(other)]
        answer = other.post_multipart("/permohonan", other_pairs, [letter()])
        self.assertEqual(303, answer.status, answer.describe())
        self.assertNotEqual(owner_receipt, answer.location_path, "the owner's receipt is not given away")
        self.assertNotIn(CODE_PATTERN.search(owner_receipt).group(0), answer.text)


if __name__ == "__main__":
    unittest.main()

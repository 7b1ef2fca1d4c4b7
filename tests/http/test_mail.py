"""Mail to the requester through a real SMTP server (a local aiosmtpd sink) on
receipt and on each decision, in Indonesian; and the WhatsApp text and
click-to-chat link offered to staff after a decision."""

import time
import unittest
import urllib.parse

import smtp_sink
from jadwal_requests import RequestTestCase, valid_fields

SENDER = "agenda@ogan-ilir.example"


@unittest.skipIf(smtp_sink.Controller is None, smtp_sink.MISSING)
class MailTest(smtp_sink.SinkFixture, RequestTestCase):
    @classmethod
    def server_options(cls):
        return {"smtp_host": "127.0.0.1", "smtp_port": cls.sink.port, "smtp_from": SENDER,
                "submissions_per_hour": 1000, "smtp.receipts_per_recipient_per_hour": 3}

    def mail_about(self, code, to, count=1):
        """Waits until `count` mails for `code` reached `to`; returns them in order."""
        deadline = time.monotonic() + 15
        while True:
            found = self.sink.received(lambda m: to in m.to and code in (m.subject + m.body))
            if len(found) >= count or time.monotonic() > deadline:
                self.assertGreaterEqual(len(found), count, "mails for %s: %r" % (code, self.sink.received()))
                return found

    def test_receipt_mail(self):
        email = "penerima.tanda.terima@example.org"
        code = self.submit(valid_fields(email=email, nama="Rini Marlina"))
        mail = self.mail_about(code, email)[0]
        self.assertIn(SENDER, str(mail.message["From"]))
        self.assertIn(email, str(mail.message["To"]))
        self.assertEqual("text/plain", mail.content_type)
        self.assertEqual("utf-8", (mail.charset or "").lower())
        self.assertIn(code, mail.body)
        self.assertIn("permohonan", (mail.subject + mail.body).lower(), "Indonesian text")
        self.assertIn(self.srv.base_url + "/permohonan/" + code, mail.body, "the status link")
        self.assertTrue(mail.message["Date"] and mail.message["Message-ID"])
        # Anyone may type any address: the receipt carries nothing they typed.
        for typed in ("Peresmian Laboratorium Komputer", "Rini Marlina"):
            self.assertNotIn(typed, mail.subject + mail.body)
        self.assertEqual("Permohonan diterima [%s]" % code, mail.subject)

    def test_receipts_to_one_address_are_limited(self):
        # Fresh browsers from one address: the form's own hourly limit is off
        # here, so only the receipt limit (3 per mailbox and hour) applies.
        email = "korban.spam@example.org"
        codes = [self.submit(valid_fields(email=email)) for _ in range(4)]
        marker = self.submit(valid_fields(email="penanda.batas@example.org"))
        self.mail_about(marker, "penanda.batas@example.org")
        received = self.sink.received(lambda m: email in m.to)
        self.assertEqual(3, len(received), [m.subject for m in received])
        self.assertEqual([], [m for m in received if codes[3] in m.subject + m.body], "the fourth is not sent")
        # The request itself was taken: its status page shows it.
        self.assertEqual(200, self.status_page(codes[3]).status)
        self.assertIn("receipt to " + email + " not sent", self.srv.server_log())

    def test_no_mail_without_address(self):
        code = self.submit(valid_fields(email=""))
        marker = self.submit(valid_fields(email="penanda@example.org"))
        self.mail_about(marker, "penanda@example.org")
        self.assertEqual([], self.sink.received(lambda m: code in (m.subject + m.body)))

    def test_mail_on_each_decision(self):
        email = "keputusan@example.org"
        code, request_id = self.new_request(fields=valid_fields(email=email))
        self.mail_about(code, email, 1)
        self.decide(request_id, "return", catatan="Mohon lampirkan rundown acara")
        returned = self.mail_about(code, email, 2)[-1]
        self.assertIn("Mohon lampirkan rundown acara", returned.body)
        self.assertIn("/permohonan/" + code, returned.body)

        web = self.web()
        status = self.status_page(code, web)
        action = "/permohonan/%s/revisi" % code
        import sample_files
        answer = web.post_multipart(action, status.form_values(action), [("surat", "revisi.pdf", sample_files.pdf())])
        self.assertEqual(303, answer.status, answer.describe())
        self.decide(request_id, "verify")
        self.decide(request_id, "approve", pimpinan="bupati")
        approved = self.mail_about(code, email, 3)[-1]
        self.assertIn("setuju", (approved.subject + approved.body).lower())

        self.decide(request_id, "cancel", catatan="Bupati mendampingi Gubernur")
        cancelled = self.mail_about(code, email, 4)[-1]
        self.assertIn("Bupati mendampingi Gubernur", cancelled.body)
        self.assertIn("batal", (cancelled.subject + cancelled.body).lower())

    def test_rejection_mail_and_whatsapp_link(self):
        email = "ditolak@example.org"
        code, request_id = self.new_request(fields=valid_fields(email=email, whatsapp="0812-3456-7890"))
        self.decide(request_id, "reject", catatan="Bertepatan dengan Musrenbang")
        rejected = self.mail_about(code, email, 2)[-1]
        self.assertIn("Bertepatan dengan Musrenbang", rejected.body)
        words = (rejected.subject + rejected.body).lower()
        self.assertTrue("tolak" in words or "tidak dapat dipenuhi" in words, "says the request is refused")

        page = self.request_page(request_id)
        links = [l for l in page.links() if l.startswith("https://wa.me/")]
        self.assertEqual(1, len(links), page.links())
        url = urllib.parse.urlsplit(links[0])
        self.assertEqual("/6281234567890", url.path)
        text = urllib.parse.parse_qs(url.query).get("text", [""])[0]
        self.assertIn(code, text)
        self.assertIn("Bertepatan dengan Musrenbang", text)
        self.assertIn(code, page.visible_text, "the message text is shown to copy")

    def test_only_staff_edits_in_a_calendar_reach_the_requester(self):
        email = "kalender@example.org"
        code, request_id = self.new_request("disetujui", fields=valid_fields(email=email))
        self.mail_about(code, email, 2)  # receipt and approval
        # The Bupati deletes the event on his phone, then moves it back in: no mail.
        self.delete_event(self.event_of(code, "bupati"), "bupati")
        event = self.event_of(code, "bupati")
        self.put_event(event, event.text.replace("T090000", "T190000").replace("T110000", "T210000"), "bupati")
        # Staff cancel in Thunderbird: that is a decision, and the requester hears of it.
        self.delete_event(self.event_of(code, "bupati", user="protokol"), "protokol")
        mails = self.mail_about(code, email, 3)
        time.sleep(1)  # a mail for the leader's edits would have come before the cancellation's
        mails = self.sink.received(lambda m: email in m.to and code in (m.subject + m.body))
        self.assertEqual(3, len(mails), [m.subject for m in mails])
        self.assertIn("batal", mails[-1].subject.lower())
        self.assertNotIn("19.00", mails[-1].body)

    def test_english_requester_gets_english_mail(self):
        email = "english@example.org"
        web = self.web(**{"Accept-Language": "en"})
        code = self.submit(valid_fields(email=email), session=web)
        mail = self.mail_about(code, email)[0]
        self.assertIn("request", (mail.subject + mail.body).lower())
        self.assertNotIn("permohonan anda", mail.body.lower())


if __name__ == "__main__":
    unittest.main()

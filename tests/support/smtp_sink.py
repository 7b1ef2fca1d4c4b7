"""A real SMTP server on 127.0.0.1 that keeps every message it receives (aiosmtpd,
Debian's python3-aiosmtpd), for tests of the mail jadwald sends.

    with SmtpSink() as sink:
        srv = JadwalServer(smtp_host="127.0.0.1", smtp_port=sink.port)
        ...
        mail = sink.wait_for(lambda m: m.to == ["pemohon@example.org"])
        mail.subject, mail.body
"""

import email
import email.policy
import socket
import threading
import time

try:
    from aiosmtpd.controller import Controller
except ImportError:  # the tests using it skip with this reason
    Controller = None

MISSING = "python3-aiosmtpd is not installed (scripts/install-deps.sh --tests)"


class ReceivedMail:
    """One delivered message, decoded: envelope, headers, and the text body."""

    def __init__(self, envelope_from, envelope_to, raw):
        self.envelope_from = envelope_from
        self.to = list(envelope_to)
        self.raw = raw
        self.message = email.message_from_bytes(raw, policy=email.policy.default)
        self.subject = str(self.message.get("Subject", ""))
        part = self.message.get_body(preferencelist=("plain",)) or self.message
        self.content_type = part.get_content_type()
        self.charset = part.get_content_charset()
        self.body = part.get_content() if part.get_content_maintype() == "text" else ""

    def __repr__(self):
        return "<mail to %r subject %r>" % (self.to, self.subject)


class _Handler:
    def __init__(self, sink):
        self.sink = sink

    async def handle_DATA(self, server, session, envelope):
        self.sink._add(ReceivedMail(envelope.mail_from, envelope.rcpt_tos, envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpSink:
    def __init__(self):
        if Controller is None:
            raise RuntimeError(MISSING)
        self.port = _free_port()
        self.messages = []
        self._lock = threading.Condition()
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    def start(self):
        self._controller.start()
        return self

    def stop(self):
        self._controller.stop()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False

    def _add(self, mail):
        with self._lock:
            self.messages.append(mail)
            self._lock.notify_all()

    def wait_for(self, predicate, timeout=15):
        """The first message satisfying predicate, waiting for it; AssertionError when none comes."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                for mail in self.messages:
                    if predicate(mail):
                        return mail
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("no such mail within %d s; received: %r" % (timeout, self.messages))
                self._lock.wait(left)

    def received(self, predicate=lambda m: True):
        with self._lock:
            return [m for m in self.messages if predicate(m)]


class SinkFixture:
    """Mixed in before a server test case: an SMTP sink (cls.sink) started before
    the server and stopped after it, whatever fails in between."""

    @classmethod
    def setUpClass(cls):
        cls.sink = SmtpSink().start()
        try:
            super().setUpClass()
        except BaseException:
            cls.sink.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            super().tearDownClass()
        finally:
            cls.sink.stop()

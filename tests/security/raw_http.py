"""HTTP over a bare socket, for requests that http.client would refuse to send or
would normalise (duplicate lengths, CR/LF in values, HTTP/0.9, absolute targets,
bytes that are not UTF-8), and for bodies sent slowly.

    answer = exchange(port, b"GET /healthz HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
    answer.status, answer.headers, answer.body, answer.closed
"""

import socket
import time


class RawAnswer:
    """What came back: the status (None when the server closed without one), the
    header lines as (name, value) pairs, the body, and the raw bytes."""

    def __init__(self, raw, timed_out):
        self.raw = raw
        self.timed_out = timed_out
        self.status = None
        self.header_lines = []
        self.body = b""
        while raw.startswith(b"HTTP/1.1 100 ") and b"\r\n\r\n" in raw:  # an interim answer: the final one counts
            raw = raw.partition(b"\r\n\r\n")[2]
        head, sep, body = raw.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        parts = lines[0].split(b" ", 2) if lines and lines[0] else []
        if len(parts) >= 2 and parts[0].startswith(b"HTTP/") and parts[1].isdigit():
            self.status = int(parts[1])
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                self.header_lines.append((name.decode("latin-1").strip().lower(), value.decode("latin-1").strip()))
            self.body = body if sep else b""

    def header(self, name):
        values = [v for n, v in self.header_lines if n == name.lower()]
        return values[0] if values else None

    def describe(self):
        return "status %s%s, raw: %r" % (self.status, " (timed out)" if self.timed_out else "", self.raw[:400])


def connect(port, source="127.0.0.1", timeout=10):
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout, source_address=(source, 0))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def read_answer(sock, timeout):
    """Reads one answer (up to its Content-Length, or until the server closes)."""
    sock.settimeout(timeout)
    data, timed_out = b"", False
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
            if _complete(data):
                break
    except socket.timeout:
        timed_out = True
    except ConnectionResetError:
        pass
    return RawAnswer(data, timed_out)


def _complete(data):
    while data.startswith(b"HTTP/1.1 100 ") and b"\r\n\r\n" in data:
        data = data.partition(b"\r\n\r\n")[2]
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            return len(body) >= int(value.strip())
    status = head.split(b" ", 2)[1] if head.count(b" ") else b""
    return status in (b"204", b"304") or status.startswith(b"1")


def exchange(port, request, timeout=10, source="127.0.0.1", shut_write=False):
    """Sends `request` (bytes) on a new connection and reads one answer.
    shut_write closes our side after sending, as a client that stops mid-body."""
    with connect(port, source, timeout) as sock:
        try:
            sock.sendall(request)
            if shut_write:
                sock.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server refused before reading everything: its answer still counts
        return read_answer(sock, timeout)


def trickle(port, head, body, interval, give_up_after, source="127.0.0.1"):
    """Sends the head, then the body one byte per `interval` seconds. Returns
    (seconds until the server answered or closed, RawAnswer) or (None, None) when
    the server still waited after `give_up_after` seconds."""
    with connect(port, source, give_up_after + 5) as sock:
        sock.sendall(head)
        started = time.monotonic()
        for byte in body:
            if time.monotonic() - started > give_up_after:
                return None, None
            try:
                sock.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                return time.monotonic() - started, read_answer(sock, 2)
            sock.settimeout(interval)
            try:
                chunk = sock.recv(65536, socket.MSG_PEEK)
                return time.monotonic() - started, read_answer(sock, 2) if chunk else RawAnswer(b"", False)
            except socket.timeout:
                continue
            except ConnectionResetError:
                return time.monotonic() - started, RawAnswer(b"", False)
        return None, None

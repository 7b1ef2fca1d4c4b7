#!/usr/bin/env python3
"""Holds thousands of idle and half-sent connections open against a server.

  idle_connections.py --host 127.0.0.1 --port 8080 --idle 10000 --half 1000 --hold 60

Opens N idle keep-alive connections (each sends one complete request first and
reads its answer, as a phone does before it falls silent) and M that send half
a request head and stop, keeps them all open for SECONDS, and prints one JSON
line at the end:

  {"idle_open": n, "half_open": m, "closed_early": k, ...}

idle_open and half_open count the connections still open when the hold ended;
closed_early those the server closed during the hold. The extra keys say how
many could not be opened (or whose first answer was not 2xx) and how long
opening took. With --expect-close W the script then waits up to W seconds for
the server to close what is left (its keep-alive and header deadlines) and
reports how many it closed, and the shortest and longest silence after which
it closed an idle and a half-sent one.

Every connection comes from one address unless --sources K spreads them over
127.0.0.2 .. 127.0.0.(K+1) (loopback only). A server that bounds connections
per client address (jadwald's [http] max_connections_per_client, 64) refuses
the rest with 503: either raise that bound in the server's configuration for
the benchmark, or spread the crowd over enough source addresses.

Standard library only: one process, one epoll selector, non-blocking sockets.
It raises its own open-file limit to what it needs (up to the hard limit) and
stops with a clear message when the hard limit is too low.
"""

import argparse
import errno
import json
import resource
import selectors
import socket
import sys
import time

# Descriptors the script needs besides its sockets (stdio, the selector).
SPARE_DESCRIPTORS = 64
# Connections being set up at once: more would overrun the server's accept
# backlog, and the kernel then drops SYNs that are retried only after 1 s.
OPENING_AT_ONCE = 256
OPEN_TIMEOUT_SECONDS = 30
OPENING = ("connecting", "sending", "answer")


def raise_open_file_limit(needed):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft >= needed:
        return
    if hard != resource.RLIM_INFINITY and hard < needed:
        sys.exit("idle_connections: %d connections need %d open files, but the hard limit is %d; raise it "
                 "(ulimit -Hn as root, or LimitNOFILE / limits.conf) or ask for fewer connections"
                 % (needed - SPARE_DESCRIPTORS, needed, hard))
    resource.setrlimit(resource.RLIMIT_NOFILE, (needed if hard == resource.RLIM_INFINITY else hard, hard))


class Conn:
    __slots__ = ("sock", "kind", "state", "out", "inbuf", "idle_since", "closed_at")

    def __init__(self, sock, kind, request):
        self.sock = sock
        self.kind = kind  # "idle" or "half"
        self.state = "connecting"  # -> sending -> answer (idle only) -> holding -> closed | failed
        self.out = request
        self.inbuf = b""
        self.idle_since = None
        self.closed_at = None


def answer_complete(data):
    """True (and the status) once one whole answer with Content-Length is in `data`."""
    head_end = data.find(b"\r\n\r\n")
    if head_end < 0:
        return False, None
    head = data[:head_end].decode("latin-1")
    parts = head.split("\r\n", 1)[0].split()
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    length = 0
    for line in head.split("\r\n")[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip() or 0)
    return len(data) >= head_end + 4 + length, status


class Crowd:
    def __init__(self, args):
        self.args = args
        self.sel = selectors.DefaultSelector()
        self.conns = []
        self.opening = 0  # connections not yet holding, failed or closed
        host = args.host if args.host != "localhost" else "127.0.0.1"
        self.target = (host, args.port)
        self.idle_request = ("GET %s HTTP/1.1\r\nHost: %s:%d\r\n%s\r\n" % (
            args.path, args.host, args.port,
            "Authorization: %s\r\n" % args.authorization if args.authorization else "")).encode()
        self.half_request = ("GET %s HTTP/1.1\r\nHost: %s:%d\r\nX-Half: " % (args.path, args.host, args.port)).encode()

    def source(self, index):
        if self.args.sources <= 1:
            return None
        return ("127.0.0.%d" % (2 + index % self.args.sources), 0)

    def start_one(self, index, kind):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        src = self.source(index)
        if src:
            sock.bind(src)
        conn = Conn(sock, kind, self.idle_request if kind == "idle" else self.half_request)
        err = sock.connect_ex(self.target)
        if err not in (0, errno.EINPROGRESS):
            sock.close()
            conn.state = "failed"
            self.conns.append(conn)
            return
        self.conns.append(conn)
        self.opening += 1
        self.sel.register(sock, selectors.EVENT_WRITE, conn)

    def settled(self, conn, state):
        if conn.state in OPENING:
            self.opening -= 1
        conn.state = state
        if state in ("failed", "closed"):
            try:
                self.sel.unregister(conn.sock)
            except (KeyError, ValueError):
                pass
            conn.sock.close()
            conn.closed_at = time.monotonic()
        elif state == "holding":
            conn.idle_since = time.monotonic()
            self.sel.modify(conn.sock, selectors.EVENT_READ, conn)

    def on_event(self, conn, mask):
        sock = conn.sock
        if conn.state == "connecting":
            if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) != 0:
                return self.settled(conn, "failed")
            conn.state = "sending"
        if conn.state == "sending":
            try:
                sent = sock.send(conn.out)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return self.settled(conn, "failed")
            conn.out = conn.out[sent:]
            if conn.out:
                return
            if conn.kind == "half":
                return self.settled(conn, "holding")
            conn.state = "answer"
            self.sel.modify(sock, selectors.EVENT_READ, conn)
            return
        try:
            data = sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if conn.state == "answer":
            if not data:
                return self.settled(conn, "failed")
            conn.inbuf += data
            done, status = answer_complete(conn.inbuf)
            if done:
                conn.inbuf = b""
                self.settled(conn, "holding" if 200 <= status < 300 else "failed")
            return
        if not data:  # holding: the server closed it (a 408 before is read and dropped)
            self.settled(conn, "closed")

    def pump(self, timeout):
        for key, mask in self.sel.select(timeout):
            self.on_event(key.data, mask)

    def open_all(self):
        kinds = ["idle"] * self.args.idle + ["half"] * self.args.half
        started = time.monotonic()
        deadline = started + OPEN_TIMEOUT_SECONDS + len(kinds) / 500.0
        index = 0
        while time.monotonic() < deadline:
            while index < len(kinds) and self.opening < OPENING_AT_ONCE:
                self.start_one(index, kinds[index])
                index += 1
            self.pump(0.05)
            if index == len(kinds) and self.opening == 0:
                break
        for conn in self.conns:
            if conn.state in OPENING:
                self.settled(conn, "failed")
        return time.monotonic() - started

    def hold(self, seconds):
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return
            self.pump(min(left, 1.0))

    def wait_for_close(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end and any(c.state == "holding" for c in self.conns):
            self.pump(min(end - time.monotonic(), 0.5))

    def count(self, kind, state):
        return sum(1 for c in self.conns if c.kind == kind and c.state == state)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--idle", type=int, default=10000, help="idle keep-alive connections (one request each first)")
    ap.add_argument("--half", type=int, default=1000, help="connections that send half a request head and stop")
    ap.add_argument("--hold", type=float, default=30, help="seconds to keep them open")
    ap.add_argument("--path", default="/healthz", help="the idle connections' first request (GET)")
    ap.add_argument("--authorization", default="", help="Authorization header value for that request")
    ap.add_argument("--sources", type=int, default=1,
                    help="spread connections over 127.0.0.2..127.0.0.(K+1) (loopback targets only)")
    ap.add_argument("--expect-close", type=float, default=0, metavar="W",
                    help="after the hold, wait up to W seconds for the server to close what is left")
    args = ap.parse_args()

    raise_open_file_limit(args.idle + args.half + SPARE_DESCRIPTORS)
    crowd = Crowd(args)
    open_seconds = crowd.open_all()
    failed = {kind: crowd.count(kind, "failed") for kind in ("idle", "half")}
    print("# idle_connections: %d idle and %d half-sent open after %.1f s (%d and %d failed); holding %g s"
          % (crowd.count("idle", "holding"), crowd.count("half", "holding"), open_seconds,
             failed["idle"], failed["half"], args.hold), file=sys.stderr, flush=True)
    if failed["idle"] or failed["half"]:
        print("# idle_connections: some connections were refused or failed: a server bounding connections per "
              "client address needs that bound raised, or --sources", file=sys.stderr, flush=True)
    crowd.hold(args.hold)
    hold_end = time.monotonic()
    result = {
        "idle_open": crowd.count("idle", "holding"),
        "half_open": crowd.count("half", "holding"),
        "closed_early": sum(1 for c in crowd.conns if c.state == "closed"),
        "idle_failed": failed["idle"],
        "half_failed": failed["half"],
        "open_seconds": round(open_seconds, 2),
    }
    if args.expect_close > 0:
        crowd.wait_for_close(args.expect_close)
        late = [c for c in crowd.conns if c.state == "closed" and c.closed_at >= hold_end]
        result["closed_after_hold"] = len(late)
        result["still_open"] = sum(1 for c in crowd.conns if c.state == "holding")
        closed = [c for c in crowd.conns if c.state == "closed"]
        for kind in ("idle", "half"):
            silent = [c.closed_at - c.idle_since for c in closed if c.kind == kind]
            if silent:
                result[kind + "_closed_after_s"] = [round(min(silent), 1), round(max(silent), 1)]
    for conn in crowd.conns:
        if conn.state == "holding":
            conn.sock.close()
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()

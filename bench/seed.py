"""The benchmark's calendar: the same events for every target, and how each target gets them.

PER_DAY events a day from DAY0, every 20th one recurring weekly 52 times
(the calendar of /work/shared/bench/caldav_bench.py, so figures stay comparable).
jadwald is seeded over HTTP with many connections (every PUT durable, as in use);
Radicale's and Xandikos' storage is written directly, since PUT there takes minutes.
"""
import concurrent.futures as cf
import datetime as dt
import http.client
import os
import subprocess
import time

DAY0 = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
PER_DAY = 10
STAMP = "%Y%m%dT%H%M%SZ"


def event_start(i):
    return DAY0 + dt.timedelta(days=i // PER_DAY, hours=1 + i % PER_DAY)


def recurs(i):
    return i % 20 == 0


def ics(uid, start, minutes=60, rrule=None, summary="Rapat koordinasi"):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//jadwal//bench//EN", "BEGIN:VEVENT",
             f"UID:{uid}", f"DTSTAMP:{start.strftime(STAMP)}", f"DTSTART:{start.strftime(STAMP)}",
             f"DTEND:{(start + dt.timedelta(minutes=minutes)).strftime(STAMP)}",
             f"SUMMARY:{summary} {uid}", "LOCATION:Ruang Rapat Bupati, Indralaya",
             "DESCRIPTION:Permohonan kehadiran pimpinan daerah pada kegiatan dinas."]
    if rrule:
        lines.append(f"RRULE:{rrule}")
    lines += ["END:VEVENT", "END:VCALENDAR", ""]
    return "\r\n".join(lines)


def seed_event(i):
    """(resource name, iCalendar text) of seeded event i."""
    return f"seed-{i}.ics", ics(f"seed-{i}", event_start(i), rrule="FREQ=WEEKLY;COUNT=52" if recurs(i) else None)


WEEK_AT = ("start", "middle", "end")


def week_window(n, at="middle"):
    """The one-week range of the week scenarios: the first week of the calendar,
    its middle week, or its last seeded week."""
    days = max(n // PER_DAY, 7)
    offset = {"start": 0, "middle": days // 2, "end": days - 7}[at]
    first = DAY0 + dt.timedelta(days=offset)
    return first, first + dt.timedelta(days=7)


def expected_week(n, at="middle"):
    """Names of the seeded events that a one-week query must return."""
    a, b = week_window(n, at)
    hit = set()
    for i in range(n):
        start = event_start(i)
        for k in range(52 if recurs(i) else 1):
            s0 = start + dt.timedelta(weeks=k)
            if s0 < b and s0 + dt.timedelta(minutes=60) > a:
                hit.add(f"seed-{i}.ics")
                break
    return hit


def put_all(target, items, workers=16):
    """PUTs (name, text) items into target's calendar over `workers` connections;
    returns PUTs per second. Any answer but 201/204 stops the run."""
    def put(chunk):
        conn = http.client.HTTPConnection(target.host, target.port, timeout=120)
        bad = []
        for name, text in chunk:
            status, _ = target.request("PUT", target.path + name, text, {"Content-Type": "text/calendar; charset=utf-8"}, conn)
            if status not in (200, 201, 204):
                bad.append(f"{name}: {status}")
        conn.close()
        return bad
    items = list(items)
    t0 = time.monotonic()
    with cf.ThreadPoolExecutor(workers) as ex:
        bad = [b for chunk in ex.map(put, [items[k::workers] for k in range(workers)]) for b in chunk]
    if bad:
        raise RuntimeError(f"{target.name}: {len(bad)} of {len(items)} seeding PUTs failed, e.g. {bad[0]}")
    return len(items) / max(time.monotonic() - t0, 1e-6)


def write_radicale(root, user, calendar, n):
    """Radicale's filesystem storage: collection-root/<user>/<calendar>/ holds one
    .ics file per item and the collection's properties in .Radicale.props."""
    folder = os.path.join(root, "collection-root", user, calendar)
    os.makedirs(folder)
    with open(os.path.join(folder, ".Radicale.props"), "w") as f:
        f.write('{"tag": "VCALENDAR"}')
    _write_items(folder, n)


def write_xandikos(root, user, calendar, n):
    """Xandikos' storage: <user>/calendars/<calendar>/ is a git repository whose
    committed tree holds the items and a .xandikos file naming the collection type."""
    folder = os.path.join(root, user, "calendars", calendar)
    os.makedirs(folder)
    with open(os.path.join(folder, ".xandikos"), "w") as f:
        f.write("[DEFAULT]\ntype = calendar\n\n")
    _write_items(folder, n)
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@localhost",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@localhost")
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "seed"]):
        subprocess.run(["git", "-C", folder] + command, check=True, env=env, capture_output=True)


def _write_items(folder, n):
    for i in range(n):
        name, text = seed_event(i)
        with open(os.path.join(folder, name), "w", newline="") as f:
            f.write(text)

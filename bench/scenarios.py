"""The requests the benchmark drives (the same at every CalDAV target), the check
of each answer, and the wrk run of each scenario."""
import json
import os
import re
import subprocess
import time

import seed

XML = {"Content-Type": "application/xml; charset=utf-8"}
NAMES = ["query-week", "expand-week", "freebusy-week", "propfind-etags", "sync-initial",
         "multiget-20", "get-one", "sync-delta", "put-new"]
# Scenarios whose ceiling nginx serves (put-new answers with no body to serve).
STATIC = [n for n in NAMES if n != "put-new"]
SEED_NAME = re.compile(rb"seed-[0-9]+\.ics")


def _sync_body(token):
    return ('<?xml version="1.0"?><D:sync-collection xmlns:D="DAV:">'
            f'<D:sync-token>{token}</D:sync-token><D:sync-level>1</D:sync-level>'
            '<D:prop><D:getetag/></D:prop></D:sync-collection>')


def sync_token(srv):
    """The collection's current sync token, from an initial sync-collection."""
    status, data = srv.request("REPORT", srv.path, _sync_body(""), dict(XML, Depth="0"))
    m = re.search(rb"sync-token>([^<]+)<", data)
    if status != 207 or not m:
        raise RuntimeError(f"{srv.name}: initial sync-collection answered {status}: {data[:300]!r}")
    return m.group(1).decode()


def prepare(srv, n, week_at="middle"):
    """The request (method, path, body, headers) of every scenario for srv. Takes a
    sync token, then PUTs ten changes after it: a client that synced a moment ago."""
    wa, wb = seed.week_window(n, week_at)
    a, b = wa.strftime("%Y%m%dT000000Z"), wb.strftime("%Y%m%dT000000Z")
    ns = 'xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"'
    week_filter = (f'<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">'
                   f'<C:time-range start="{a}" end="{b}"/></C:comp-filter></C:comp-filter></C:filter>')
    query = ('<?xml version="1.0" encoding="utf-8"?>'
             f'<C:calendar-query {ns}><D:prop><D:getetag/>%s</D:prop>{week_filter}</C:calendar-query>')
    hrefs = "".join(f"<D:href>{srv.path}seed-{i}.ics</D:href>" for i in range(n // 2, n // 2 + 20))
    token = sync_token(srv)
    for i in range(10):
        start = seed.DAY0 + seed.dt.timedelta(days=3, hours=i)
        status, _ = srv.request("PUT", f"{srv.path}late-{i}.ics", seed.ics(f"late-{i}", start),
                                {"Content-Type": "text/calendar; charset=utf-8"})
        if status not in (201, 204):
            raise RuntimeError(f"{srv.name}: PUT late-{i}.ics answered {status}")
    return {
        "query-week": ("REPORT", srv.path, query % "<C:calendar-data/>", dict(XML, Depth="1")),
        "expand-week": ("REPORT", srv.path, query % f'<C:calendar-data><C:expand start="{a}" end="{b}"/></C:calendar-data>',
                        dict(XML, Depth="1")),
        "freebusy-week": ("REPORT", srv.path, f'<?xml version="1.0"?><C:free-busy-query {ns}><C:time-range start="{a}" end="{b}"/></C:free-busy-query>',
                          dict(XML, Depth="1")),
        "propfind-etags": ("PROPFIND", srv.path, '<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/><D:getcontenttype/></D:prop></D:propfind>',
                           dict(XML, Depth="1")),
        "sync-initial": ("REPORT", srv.path, _sync_body(""), dict(XML, Depth="0")),
        "multiget-20": ("REPORT", srv.path, f'<?xml version="1.0"?><C:calendar-multiget {ns}><D:prop><D:getetag/><C:calendar-data/></D:prop>{hrefs}</C:calendar-multiget>',
                        dict(XML, Depth="1")),
        "get-one": ("GET", f"{srv.path}seed-{n // 2}.ics", None, {}),
        "sync-delta": ("REPORT", srv.path, _sync_body(token), dict(XML, Depth="0")),
        "put-new": ("PUT", srv.path, None, {"Content-Type": "text/calendar; charset=utf-8"}),
    }


def check(name, spec, srv, n, week_at="middle"):
    """Sends the scenario's request once and checks its answer. Returns
    (ok, what was found, answer body)."""
    method, path, body, headers = spec
    if name == "put-new":
        path = f"{path}check-{int(time.time() * 1000)}.ics"
        body = seed.ics(path.rsplit("/", 1)[1][:-4], seed.DAY0)
    status, data = srv.request(method, path, body, headers)
    if not 200 <= status <= 299:
        return False, f"status {status}", data
    names = set(m.decode() for m in SEED_NAME.findall(data))
    all_seeded = {f"seed-{i}.ics" for i in range(n)}
    if name in ("query-week", "expand-week"):
        want = seed.expected_week(n, week_at)
        ok = names == want
        return ok, f"{len(names & want)} of {len(want)} expected events, {len(names - want)} unexpected", data
    if name == "freebusy-week":
        periods = sum(len(line.split(b",")) for line in re.findall(rb"FREEBUSY[^:]*:([^\r\n]*)", data))
        return periods > 0, f"{periods} busy periods", data
    if name in ("propfind-etags", "sync-initial"):
        return names == all_seeded, f"{len(names & all_seeded)} of {n} events listed", data
    if name == "multiget-20":
        want = {f"seed-{i}.ics" for i in range(n // 2, n // 2 + 20)}
        return names == want, f"{len(names & want)} of 20 events", data
    if name == "get-one":
        ok = f"UID:seed-{n // 2}\r\n".encode() in data
        return ok, "the event" if ok else "not the event", data
    if name == "sync-delta":
        late = set(re.findall(rb"late-[0-9]\.ics", data))
        return len(late) == 10, f"{len(late)} of 10 changes", data
    return True, f"status {status}", data


LUA = r'''
local method, path, body, headers = %(method)s, %(path)s, %(body)s, %(headers)s
local counter, tid = 0, 0
local threads = {}
function setup(thread) tid = tid + 1; thread:set("tid", tid); table.insert(threads, thread) end
function request()
  if method == "PUT" then
    counter = counter + 1
    local uid = "w" .. tid .. "-" .. counter .. "-" .. %(stamp)d
    local ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//jadwal//bench//EN\r\nBEGIN:VEVENT\r\nUID:" .. uid ..
      "\r\nDTSTAMP:20250301T080000Z\r\nDTSTART:20250301T080000Z\r\nDTEND:20250301T090000Z\r\nSUMMARY:Kunjungan kerja " .. uid ..
      "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    return wrk.format("PUT", path .. uid .. ".ics", headers, ics)
  end
  return wrk.format(method, path, headers, body)
end
-- No response() hook: with one, wrk copies every answer body into Lua, which
-- halves its rate on large answers and would lower nginx's ceiling. wrk itself
-- counts answers of 400 and above; the check before each run demands a 2xx.
function done(summary, latency, requests)
  io.write(string.format('{"requests": %%d, "duration_us": %%d, "mean_us": %%d, "p50_us": %%d, "p99_us": %%d, "errors": %%d, "non2xx": %%d}\n',
    summary.requests, summary.duration, latency.mean, latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
end
'''


def _lua_str(s):
    return "nil" if s is None else "[==[" + s + "]==]"


def run_wrk(srv, label, spec, duration, connections, tmp, timeout=60):
    """wrk against srv with spec's request for `duration` seconds; returns its figures
    (rps, p50/p99/mean in µs, socket errors, non-2xx answers) or {"error": ...}."""
    method, path, body, headers = spec
    hl = "{" + ",".join(f"[ {_lua_str(k)} ]={_lua_str(v)}" for k, v in srv.headers(headers).items()) + "}"
    script = os.path.join(tmp, f"{srv.name}-{label}.lua")
    with open(script, "w") as f:
        f.write(LUA % {"method": _lua_str(method), "path": _lua_str(path), "body": _lua_str(body),
                       "headers": hl, "stamp": int(time.time() * 1000) % 10**9})
    command = ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{duration}s",
               "--timeout", f"{timeout}s", "-s", script, f"http://{srv.host}:{srv.port}{path}"]
    p = subprocess.run(command, capture_output=True, text=True, timeout=duration + timeout + 60)
    lines = [line for line in p.stdout.splitlines() if line.startswith("{")]
    if not lines:
        text = " ".join((p.stdout + p.stderr).split())
        return {"error": text[-300:] or f"wrk exited with {p.returncode}"}
    r = json.loads(lines[-1])
    r["rps"] = r["requests"] / max(r["duration_us"] / 1e6, 1e-6)
    return r

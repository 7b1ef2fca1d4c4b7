"""What the benchmark prints and keeps: the side-by-side table, the issue's
targets with PASS/FAIL, the machine, and the dated section of bench/RESULTS.md."""
import datetime as dt
import os
import platform
import subprocess

PEERS = ("nginx", "radicale", "xandikos")


def cell(r):
    if not r:
        return "-"
    if "rps" not in r:
        return "error"
    bad = r.get("non2xx", 0) + r.get("errors", 0)
    if not r["requests"]:
        return "no answer in time" + (f" !{bad}" if bad else "")
    rate = f"{r['rps']:.0f}" if r["rps"] >= 10 else f"{r['rps']:.1f}"  # a slow peer's 0.4/s is not 0
    return f"{rate}/s p99 {r['p99_us'] / 1000:.1f}ms" + (f" !{bad}" if bad else "")


def table(results, targets, names):
    """Lines of the table: one row per scenario, one column per target, then the
    ratios of jadwal's rate to each peer's. '!k' marks k failed requests."""
    peers = [p for p in PEERS if p in targets and "jadwal" in targets]
    head = ["scenario"] + list(targets) + [f"jadwal/{p}" for p in peers] + ["answer checked (jadwal)"]
    rows = [head]
    for name in names:
        row = [name] + [cell(results[t].get(name)) for t in targets]
        j = results.get("jadwal", {}).get(name, {})
        for p in peers:
            r = results[p].get(name, {})
            row.append(f"x{j['rps'] / r['rps']:.2f}" if "rps" in j and r.get("rps") else "-")
        c = results.get("jadwal", {}).get("checks", {}).get(name)
        held = j.get("idle")
        if held:
            row.append(f"held: {held.get('idle_open')} idle, {held.get('half_open')} half-sent, "
                       f"{held.get('closed_early')} closed early" if "error" not in held else held["error"])
        else:
            row.append(("ok: " if c["ok"] else "WRONG: ") + c["found"] if c else "-")
        rows.append(row)
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    return ["  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in rows]


def failures(results):
    """(target, scenario, what) of every failed request or wrong answer."""
    out = []
    for t, res in results.items():
        for name, c in res.get("checks", {}).items():
            if not c["ok"]:
                out.append((t, name, f"answer check: {c['found']}"))
        for name, r in res.items():
            if not isinstance(r, dict) or name == "checks":
                continue
            if "error" in r:
                out.append((t, name, f"wrk: {r['error']}"))
            elif r.get("non2xx") or r.get("errors"):
                out.append((t, name, f"{r.get('non2xx', 0)} answers of 400 or above, "
                                     f"{r.get('errors', 0)} socket errors of {r['requests']} requests"))
    return out


def _verdict(ok, text):
    return ("PASS " if ok else "FAIL ") + text


def targets_check(results, events, rss_kib, baseline=None):
    """The issue's targets, each PASS, FAIL or not checked, with the figures."""
    j = results.get("jadwal", {})
    ng = results.get("nginx", {})
    out = []

    def p99(name):
        return j.get(name, {}).get("p99_us", float("inf")) / 1000

    for name in ("query-week", "freebusy-week", "expand-week"):
        if name not in j:
            continue
        out.append(_verdict(p99(name) < 10, f"{name} p99 {p99(name):.1f} ms < 10 ms (target stated at 10,000 events; this run: {events})"))
        b = (baseline or {}).get("jadwal", {}).get(name)
        if b and "p99_us" in b:
            ratio = p99(name) / max(b["p99_us"] / 1000, 1e-6)
            out.append(_verdict(ratio <= 1.5, f"{name} p99 {p99(name):.1f} ms here vs {b['p99_us'] / 1000:.1f} ms in the baseline run: x{ratio:.2f} <= 1.5"))
        elif events >= 100000:
            out.append(f"---- {name} at 100,000 vs 10,000: not checked (pass --baseline JSON of a 10,000-event run)")
    for name, share in (("propfind-etags", 1 / 1.5), ("sync-initial", 1 / 1.5), ("get-one", 0.70),
                        ("multiget-20", 0.50), ("sync-delta", 0.50)):
        a, b = j.get(name, {}), ng.get(name, {})
        if "rps" in a and b.get("rps"):
            ratio = a["rps"] / b["rps"]
            out.append(_verdict(ratio >= share, f"{name} {a['rps']:.0f}/s = {ratio:.0%} of nginx's {b['rps']:.0f}/s for the same bytes (>= {share:.0%})"))
        elif name in j:
            out.append(f"---- {name} vs nginx: not checked (nginx not run)")
    idle_run = j.get("get-one+idle")
    if idle_run and "rps" in idle_run:
        held = idle_run.get("idle", {})
        ok = (idle_run["p99_us"] / 1000 < 20 and held.get("idle_open", 0) >= 10000 and held.get("half_open", 0) >= 1000
              and not held.get("closed_early"))
        out.append(_verdict(ok, f"get-one p99 {idle_run['p99_us'] / 1000:.1f} ms < 20 ms next to {held} (target: 10,000 idle, 1,000 half-sent)"))
    else:
        out.append("---- idle connections: not checked (run with --idle 10000)")
    put = j.get("put-new", {})
    if "rps" in put:
        out.append(_verdict(put["rps"] >= 1000 and put["p99_us"] < 50000,
                            f"put-new {put['rps']:.0f}/s >= 1000/s, p99 {put['p99_us'] / 1000:.1f} ms < 50 ms"))
    if rss_kib is not None:
        limit = 64 if events <= 10000 else 128
        out.append(_verdict(rss_kib / 1024 < limit, f"jadwald resident memory {rss_kib / 1024:.1f} MB < {limit} MB after {events} events"))
    bad = [f for f in failures({"jadwal": j})]
    out.append(_verdict(not bad, f"every jadwal answer 2xx and checked ({len(bad)} failures)"))
    return out


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
        with open("/proc/meminfo") as f:
            ram = int(next(line.split()[1] for line in f if line.startswith("MemTotal"))) / 1024 / 1024
    except (OSError, StopIteration):
        ram = 0
    return f"{os.cpu_count()} CPUs ({cpu}), {ram:.1f} GiB RAM, {platform.system()} {platform.release()}"


def commit(repo):
    def git(*args):
        p = subprocess.run(["git", "-C", repo] + list(args), capture_output=True, text=True)
        return p.stdout.strip() if p.returncode == 0 else ""
    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + (" with uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def results_section(lines, events, options, machine_text, commit_text, rss_kib, targets_lines):
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    rss = f"{rss_kib / 1024:.1f} MB" if rss_kib is not None else "unknown"
    return "\n".join([
        f"## {now}: {events} events", "",
        f"- machine: {machine_text}", f"- commit: {commit_text}", f"- options: {options}",
        f"- jadwald resident memory after the run: {rss}", "",
        "```", *lines, "```", "", "Targets:", "", "```", *targets_lines, "```", "", ""])

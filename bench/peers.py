"""The servers the benchmark compares, each started on loopback with its own
temporary storage: jadwald (the built binary), Radicale and Xandikos (Debian
packages) and nginx serving static files (the ceiling). Nothing is installed
here: missing() names what to install (scripts/install-deps.sh --tests)."""
import base64
import http.client
import os
import resource
import shutil
import signal
import socket
import subprocess
import time

import seed

USER, PASSWORD, CALENDAR = "bench", "bench-password", "agenda"
START_SECONDS = 60

# target -> (program, Debian package) it needs, besides wrk for all.
NEEDS = {
    "jadwal": [],
    "nginx": [("nginx", "nginx-light")],
    "radicale": [("radicale", "radicale")],
    "xandikos": [("xandikos", "xandikos"), ("git", "git")],
}


def missing(targets):
    """(program, package) pairs the chosen targets need and PATH lacks."""
    need = [("wrk", "wrk")] + [n for t in targets for n in NEEDS[t]]
    path = os.environ.get("PATH", "") + ":/usr/sbin:/sbin"
    return sorted({n for n in need if shutil.which(n[0], path=path) is None})


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _raise_fd_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


class Server:
    """One started server: its calendar collection, credentials and process."""

    def __init__(self, name, workdir, port, path, user=None, password=None):
        self.name, self.workdir, self.port, self.path = name, workdir, port, path
        self.host = "127.0.0.1"
        self.user, self.password = user, password
        self.auth = None
        if user:
            self.auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
        self.process = None
        self.log_path = os.path.join(workdir, f"{name}.log")

    def headers(self, extra=None):
        h = {"Authorization": self.auth} if self.auth else {}
        h.update(extra or {})
        return h

    def request(self, method, path, body=None, headers=None, conn=None):
        """(status, body bytes) of one request, on conn if given."""
        own = conn is None
        conn = conn or http.client.HTTPConnection(self.host, self.port, timeout=600)
        data = body.encode() if isinstance(body, str) else body
        conn.request(method, path, body=data, headers=self.headers(headers))
        r = conn.getresponse()
        out = r.read()
        if own:
            conn.close()
        return r.status, out

    def launch(self, command, cwd=None):
        self.command, self.cwd = command, cwd
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                            cwd=cwd or self.workdir, preexec_fn=_raise_fd_limit)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited at start with status {self.process.returncode}:\n{self.log()}")
            try:
                with socket.create_connection((self.host, self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not listen on {self.port} within {START_SECONDS} s:\n{self.log()}")

    def rss_kib(self):
        """VmRSS of the server process, in KiB (None once it is gone)."""
        try:
            with open(f"/proc/{self.process.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except (OSError, AttributeError):
            return None
        return None

    def cpu_seconds(self):
        try:
            with open(f"/proc/{self.process.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, AttributeError, IndexError):
            return 0.0

    def wait_quiet(self, limit=180):
        """Waits until the server has stopped working (at most two clock ticks of
        CPU in a quarter of a second): a slow server still answering the requests
        that wrk gave up on would otherwise take CPU from the next measurement.
        Returns the seconds waited."""
        t0 = time.monotonic()
        while time.monotonic() - t0 < limit:
            before = self.cpu_seconds()
            time.sleep(0.25)
            if self.cpu_seconds() - before <= 2 / os.sysconf("SC_CLK_TCK"):
                break
        return time.monotonic() - t0

    def settle(self, patience, restart=True):
        """After a measurement: waits up to `patience` seconds for the server to be
        idle, else restarts it (a peer may hold minutes of requests that wrk gave
        up on; its storage is on disk). Returns what happened, or ""."""
        waited = self.wait_quiet(patience)
        if waited < patience or not restart:
            return f"busy {waited:.0f} s after wrk" if waited > 2 else ""
        self.stop(grace=2)
        self.launch(self.command, self.cwd)
        return f"still busy {patience} s after wrk: restarted"

    def open_fds(self):
        try:
            return len(os.listdir(f"/proc/{self.process.pid}/fd"))
        except (OSError, AttributeError):
            return 0

    def stop(self, grace=20):
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def log(self, tail=4000):
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()[-tail:]
        except OSError:
            return ""


def start_jadwal(workdir, binary, events, connections=16, idle_total=0, hold=0, seed_workers=16):
    """jadwald on a fresh SQLite file with user bench and calendar bench/agenda,
    seeded over HTTP. All load comes from one address here, so the per-client
    bounds are lifted (behind the shipped proxy each phone is its own client)."""
    d = os.path.join(workdir, "jadwal")
    os.makedirs(d)
    port = free_port()
    srv = Server("jadwal", d, port, f"/dav/calendars/{USER}/{CALENDAR}/", USER, PASSWORD)
    total = idle_total + connections + 1000
    http_keys = [f"max_requests_per_client = {max(16, connections)}", f"max_connections = {total}",
                 f"max_connections_per_client = {total}", "trusted_proxies ="]
    if idle_total:
        # The idle and half-sent connections must outlive the measurement.
        http_keys += [f"keep_alive_seconds = {hold + 60}", f"header_timeout_seconds = {hold + 60}"]
    config = os.path.join(d, "jadwal.ini")
    with open(config, "w") as f:
        f.write(f"; written by bench/peers.py\npublic_url = http://127.0.0.1:{port}\ntimezone = Asia/Jakarta\n\n"
                f"[http]\naddress = 127.0.0.1\nport = {port}\n" + "\n".join(http_keys) +
                f"\n\n[db]\nurl = sqlite:{d}/jadwal.db\n\n[log]\naccess =\n")
    subprocess.run([binary, "--config", config, "user", "add", USER, "--role", "pimpinan", "--name", "Bench"],
                   input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    srv.launch([binary, "--config", config])
    srv.seed_rate = seed.put_all(srv, (seed.seed_event(i) for i in range(events)), seed_workers)
    return srv


def start_radicale(workdir, events, connections):
    """Radicale without authentication (any user name passes; the bench user owns
    its collection), storage written directly."""
    d = os.path.join(workdir, "radicale")
    os.makedirs(d)
    store = os.path.join(d, "collections")
    seed.write_radicale(store, USER, CALENDAR, events)
    port = free_port()
    srv = Server("radicale", d, port, f"/{USER}/{CALENDAR}/", USER, PASSWORD)
    config = os.path.join(d, "config")
    with open(config, "w") as f:
        f.write(f"[server]\nhosts = 127.0.0.1:{port}\nmax_connections = {max(connections * 2, 8)}\n"
                f"[auth]\ntype = none\n[storage]\nfilesystem_folder = {store}\n[logging]\nlevel = warning\n")
    srv.launch(["radicale", "--config", config])
    srv.seed_rate = None
    return srv


def start_xandikos(workdir, events):
    """Xandikos (it has no authentication of its own), storage written directly."""
    d = os.path.join(workdir, "xandikos")
    os.makedirs(d)
    store = os.path.join(d, "data")
    seed.write_xandikos(store, USER, CALENDAR, events)
    port = free_port()
    srv = Server("xandikos", d, port, f"/{USER}/calendars/{CALENDAR}/")
    srv.launch(["xandikos", "-d", store, "-l", "127.0.0.1", "-p", str(port), "--autocreate",
                "--current-user-principal", f"/{USER}/"])
    srv.seed_rate = None
    return srv


def start_nginx(workdir):
    """nginx serving <workdir>/nginx/html as static files, without root: its own
    prefix, config, pid, logs and temporary paths."""
    d = os.path.join(workdir, "nginx")
    html = os.path.join(d, "html")
    os.makedirs(html)
    port = free_port()
    srv = Server("nginx", d, port, "/")
    srv.root = html
    temp = "\n".join(f"  {k}_temp_path {d}/{k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers as root can read the private temp dir
    with open(os.path.join(d, "nginx.conf"), "w") as f:
        f.write(f"""{user}worker_processes auto;
daemon off;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
{temp}
  default_type application/octet-stream;
  keepalive_requests 1000000;
  keepalive_timeout 60s;
  sendfile on;
  server {{
    listen 127.0.0.1:{port};
    root {html};
  }}
}}
""")
    nginx = shutil.which("nginx", path=os.environ.get("PATH", "") + ":/usr/sbin:/sbin")
    srv.launch([nginx, "-p", d, "-c", os.path.join(d, "nginx.conf"), "-e", os.path.join(d, "error.log")])
    srv.seed_rate = None
    return srv

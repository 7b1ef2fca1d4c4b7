"""Data for the archive tests (tests/http/test_export_*.py): the demo instance
of scripts/demo.sh (its users, shares and conf/demo/*.ics.in agendas, rendered
the way demo.sh renders them) plus requests in every state with letters,
revisions, dispositions and audit trails, a Google Calendar export with a
recurring event and its overrides, and WebDAV properties."""

import datetime
import io
import json
import os
import re
import signal
import sqlite3
import tarfile

import sample_files
from jadwal_requests import WIB, letter, valid_fields

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOOGLE_SAMPLE = os.path.join(REPO, "tests", "data", "google_calendar_export.ics")
DAY = 86400


def render_demo_calendar(template):
    """conf/demo/<leader>.ics.in with its placeholders filled as scripts/demo.sh fills them."""
    today = datetime.datetime.now(WIB).date()
    monday = today - datetime.timedelta(days=today.weekday())
    days = {"LAST_MON": -7, "MON": 0, "TUE": 1, "WED": 2, "THU": 3, "FRI": 4, "SAT": 5, "SUN": 6,
            "NEXT_MON": 7, "NEXT_TUE": 8}
    with open(os.path.join(REPO, "conf", "demo", "vtimezone-wib.ics"), encoding="utf-8") as f:
        vtimezone = f.read()
    with open(os.path.join(REPO, "conf", "demo", template), encoding="utf-8") as f:
        text = f.read()
    text = text.replace("@STAMP@", datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ"))
    for name, offset in days.items():
        text = text.replace("@%s@" % name, (monday + datetime.timedelta(days=offset)).strftime("%Y%m%d"))
    lines = []
    for line in text.splitlines():
        if "@VTIMEZONE@" in line:
            lines.extend(vtimezone.splitlines())
        else:
            lines.append(line)
    return "\r\n".join(lines) + "\r\n"


def load_demo(case, tmpdir):
    srv = case.srv
    srv.cli("calendar", "add", "protokol/permohonan", "--name", "Permohonan (menunggu keputusan)")
    srv.share("bupati/agenda", "humas", "read")
    srv.share("wabup/agenda", "humas", "read")
    srv.share("sekda/agenda", "protokol", "write")
    for leader in ("bupati", "wabup", "sekda"):
        path = os.path.join(tmpdir, leader + ".ics")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(render_demo_calendar(leader + ".ics.in"))
        srv.cli("import", leader + "/agenda", path)
    srv.cli("calendar", "add", "bupati/google", "--name", "Google Bupati")
    srv.cli("import-ics", "bupati/google", GOOGLE_SAMPLE)


def revise(case, code, pdf_text="Surat perbaikan"):
    web = case.web()
    page = case.status_page(code, web)
    action = "/permohonan/%s/revisi" % code
    fields = [(k, v) for k, v in page.form_values(action) if k != "catatan"] + [("catatan", "Sudah diperbaiki")]
    answer = web.post_multipart(action, fields, [("surat", "surat-revisi.pdf", sample_files.pdf(pdf_text))])
    case.assertEqual(303, answer.status, answer.describe())


def withdraw(case, code):
    web = case.web()
    page = case.status_page(code, web)
    action = "/permohonan/%s/tarik" % code
    fields = [(k, v) for k, v in page.form_values(action) if k != "catatan"] + [("catatan", "Acara ditunda")]
    asked = web.post_form(action, fields)  # withdrawing asks first
    case.assertEqual(200, asked.status, asked.describe())
    case.assertEqual(303, web.post_form(action, asked.form_values(action)).status)


def dispose(case, request_id, user, choice, **extra):
    page = case.request_page(request_id, user)
    form = {"csrf": page.csrf(), "pimpinan": "bupati", "pilihan": choice, "catatan": "Disposisi " + choice}
    form.update(extra)
    action = "/staf/permohonan/%d/disposisi" % request_id
    answer = case.staff(user).post_form(action, form)
    if answer.status == 409 and answer.field("konfirmasi_bentrok") == "1":
        # The requests share one slot: "Hadir" is confirmed as the leader would on "Jadwal bentrok".
        answer = case.staff(user).post_form(action, answer.form_values(action))
    case.assertEqual(303, answer.status, answer.describe())


def with_pictures(number):
    """Form fields and files of a request with a PDF letter and an image among its supporting files."""
    fields = valid_fields(nama_kegiatan="Kegiatan bergambar %d" % number, nomor_surat="005/%03d/2026" % number)
    files = [letter(text="Surat %d" % number), ("pendukung", "denah.png", sample_files.png(rgb=(number, 9, 9)),
                                                 "image/png")]
    return fields, files


def load_requests(case):
    """Requests in every state; returns {state: [request ids]}."""
    states = {}

    def keep(state, request_id):
        states.setdefault(state, []).append(request_id)

    keep("diajukan", case.new_request()[1])
    fields, files = with_pictures(1)
    code = case.submit(fields, files)
    keep("diajukan", case.request_id(code))
    keep("diverifikasi", case.new_request("diverifikasi")[1])
    keep("disetujui", case.new_request("disetujui")[1])
    code, request_id = case.new_request()
    case.decide(request_id, "return", catatan="Mohon lampirkan rundown acara")
    keep("dikembalikan", request_id)
    code, request_id = case.new_request()
    case.decide(request_id, "return", catatan="Surat belum ditandatangani")
    revise(case, code)
    keep("diajukan (revised)", request_id)
    _, request_id = case.new_request("diverifikasi")
    case.decide(request_id, "reject", catatan="Bertepatan dengan Musrenbang")
    keep("ditolak", request_id)
    _, request_id = case.new_request("disetujui")
    case.decide(request_id, "represent", pimpinan="bupati", wakil_user="wabup")
    keep("diwakilkan", request_id)
    code, request_id = case.new_request()
    withdraw(case, code)
    keep("ditarik", request_id)
    _, request_id = case.new_request("disetujui")
    case.decide(request_id, "cancel", catatan="Bupati mendampingi Gubernur")
    keep("dibatalkan", request_id)
    _, request_id = case.new_request()
    dispose(case, request_id, "bupati", "hadir")
    dispose(case, request_id, "ajudan.bupati", "diwakilkan", wakil="Camat Indralaya")
    keep("diajukan (dispositions)", request_id)
    past = [case.new_request("disetujui")[1] for _ in range(2)]
    move_to_the_past(case, past)
    case.decide(past[0], "held")
    keep("terlaksana", past[0])
    case.decide(past[1], "not-held", catatan="Hujan deras")
    keep("tidak_terlaksana", past[1])
    return states


def move_to_the_past(case, request_ids):
    """Puts approved requests a month back, with the server stopped: only an
    activity whose day has passed can be marked held or not held."""
    srv = case.srv
    srv.process.send_signal(signal.SIGTERM)
    srv.process.wait(timeout=15)
    srv.process = None
    with sqlite3.connect(srv.db_path) as db:
        marks = ",".join("?" * len(request_ids))
        db.execute("UPDATE requests SET start_at = start_at - ?, end_at = end_at - ? WHERE id IN (%s)" % marks,
                   [40 * DAY, 40 * DAY] + list(request_ids))
    srv.restart()
    case._sessions = {}


def set_properties(case):
    """A dead property on a calendar, and a reader's own colour for a calendar shared with them."""
    body = ('<?xml version="1.0" encoding="utf-8"?><D:propertyupdate xmlns:D="DAV:" xmlns:X="urn:example:jadwal">'
            '<D:set><D:prop><X:catatan>Agenda resmi</X:catatan></D:prop></D:set></D:propertyupdate>')
    status, _, answer = case.srv.request("PROPPATCH", "/dav/calendars/bupati/agenda/", body,
                                         {"Content-Type": "application/xml"}, user=("bupati", "rahasia-bupati"))
    case.assertEqual(207, status, answer[:500])
    body = ('<?xml version="1.0" encoding="utf-8"?><D:propertyupdate xmlns:D="DAV:" '
            'xmlns:A="http://apple.com/ns/ical/"><D:set><D:prop><A:calendar-color>#FF0000</A:calendar-color>'
            '</D:prop></D:set></D:propertyupdate>')
    status, _, answer = case.srv.request("PROPPATCH", "/dav/calendars/bupati/agenda/", body,
                                         {"Content-Type": "application/xml"}, user=("humas", "rahasia-humas"))
    case.assertEqual(207, status, answer[:500])


# -- reading archives ------------------------------------------------------------

def read_archive(path):
    """{member name: bytes} of an archive, read with Python's tarfile."""
    with tarfile.open(path, "r:") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}


def manifest_of(members):
    return json.loads(members["manifest.json"])


def write_archive(path, members):
    """A tar of `members` in the given order (for damaged-archive tests)."""
    with tarfile.open(path, "w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def count_rows(db_path, tables):
    with sqlite3.connect(db_path) as db:
        return {t: db.execute('SELECT COUNT(*) FROM "%s"' % t).fetchone()[0] for t in tables}


def config_for(srv, db_path, config_path):
    """A copy of srv's config naming another database."""
    with open(srv.config_path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"(?m)^url = sqlite:.*$", "url = sqlite:" + db_path, text)
    with open(config_path, "w", encoding="utf-8") as f:
        f.write(text)
    return config_path

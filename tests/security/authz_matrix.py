"""Who may do what: the one table of expected answers, per role, for every URL
family and method and for the indirect paths (calendar edits that the workflow
follows). tests/security/test_authz_matrix.py runs every cell against a real
jadwald; render_markdown() is the README's section "## Who may do what"
(`python3 tests/security/authz_matrix.py` prints it).

A row: family, target, method, and one cell per role in ROLES order:
    "207"        the status expected
    "204|403"    any of these
    "303>login"  a redirect to the login page; "303>done" a redirect after the action
    "-"          does not apply
Effects (what must hold afterwards) are named per role in `effects`; the key
"refused" gives the effect of every 4xx cell of the row. A cell in `pending`
fails on today's code because its fix is not merged yet: the test expects it to
fail (unittest.expectedFailure) and turns red once the fix lands; then remove
the mark.
"""

import collections

ROLES = ("anonymous", "requester", "viewer", "aide", "leader", "other_leader", "representative", "protokol", "admin")
ROLE_USERS = {"anonymous": None, "requester": None, "viewer": "humas", "aide": "ajudan.bupati", "leader": "bupati",
              "other_leader": "wabup", "representative": "sekda", "protokol": "protokol", "admin": "admin"}
ROLE_HEADINGS = {
    "anonymous": "anyone", "requester": "requester (code)", "viewer": "viewer", "aide": "aide",
    "leader": "leader", "other_leader": "other leader", "representative": "representative",
    "protokol": "protokol", "admin": "admin"}


FAMILIES = collections.OrderedDict([
    ("caldav", "CalDAV (HTTP Basic)"),
    ("web", "Web pages, letters and operations"),
    ("indirect", "Indirect paths: calendar edits the workflow follows, and what views show"),
])

# What each target is, as the README shows it.
TARGETS = {
    "principal-own": "own principal `/dav/principals/<me>/`",
    "principal-leader": "the leader's principal `/dav/principals/bupati/`",
    "home-own": "own calendar home `/dav/calendars/<me>/`",
    "home-leader": "the leader's home `/dav/calendars/bupati/`",
    "agenda-leader": "the leader's agenda `/dav/calendars/bupati/agenda/`",
    "agenda-other": "the other leader's agenda `/dav/calendars/wabup/agenda/`",
    "calendar-shared": "a staff calendar shared read with the viewer, write with the other leader",
    "object-leader": "an event in the leader's agenda",
    "form": "request form `/permohonan`",
    "status": "status page `/permohonan/<code>`",
    "withdraw": "withdraw `/permohonan/<code>/tarik`",
    "revise": "revised letter `/permohonan/<code>/revisi`",
    "login": "staff login `/staf/masuk` (the form, own password)",
    "login-foreign": "staff login posted from another site (no form token)",
    "inbox": "inbox `/staf`",
    "request-page": "request page `/staf/permohonan/<id>`",
    "decision": "decision `/staf/permohonan/<id>/keputusan`",
    "disposition": "disposition for the leader `/staf/permohonan/<id>/disposisi`",
    "agenda-details": "agenda details (dress code, role, public) `/staf/permohonan/<id>/rincian`",
    "letter": "letter `/lampiran/<id>/<name>` with HTTP Basic",
    "letter-session": "letter `/lampiran/<id>/<name>` with a web session",
    "staff-agenda": "staff agenda `/staf/agenda` (every leader the user may read)",
    "staff-agenda-leader": "the leader's day on it `/staf/agenda?pimpinan=bupati`",
    "agenda-text": "agenda text `/staf/agenda.txt` with HTTP Basic",
    "agenda-text-session": "agenda text `/staf/agenda.txt` with a web session",
    "agenda-pdf": "agenda PDF `/staf/agenda.pdf`",
    "recap": "work report `/staf/rekap` (this month)",
    "recap-csv": "work report CSV `/staf/rekap.csv` with HTTP Basic",
    "recap-json": "work report JSON `/staf/rekap.json` with HTTP Basic",
    "recap-json-session": "work report JSON `/staf/rekap.json` with a web session",
    "recap-xlsx": "work report workbook `/staf/rekap.xlsx` with HTTP Basic",
    "recap-xlsx-session": "work report workbook `/staf/rekap.xlsx` with a web session",
    "public-agenda": "public agenda `/agenda` (a week)",
    "public-agenda-json": "public agenda data `/agenda.json`",
    "public-agenda-ics": "public agenda calendar `/agenda.ics`",
    "archive": "archive search `/staf/arsip`",
    "archive-other-leader": "the other leader's requests on it `/staf/arsip?pimpinan=wabup`",
    "account": "own account page `/staf/akun`",
    "admin-list": "user administration `/staf/admin`",
    "admin-audit": "its change history `/staf/admin/audit`",
    "admin-create": "create a user `/staf/admin/pengguna`",
    "admin-user": "a user's page `/staf/admin/pengguna/<name>`",
    "admin-reset": "reset a password `.../<name>/sandi`",
    "admin-disable": "disable `.../<name>/nonaktifkan`",
    "admin-enable": "enable `.../<name>/aktifkan`",
    "admin-edit": "role and display name `.../<name>/ubah`",
    "admin-assign": "assign an aide to the leader `.../<name>/ajudan`",
    "admin-unassign": "unassign `.../<name>/ajudan/lepas`",
    "admin-share": "share the leader's agenda `.../<name>/bagi`",
    "admin-unshare": "end a share `.../<name>/bagi/hapus`",
    "admin-no-csrf": "disable without the form's CSRF token",
    "admin-password-page": "choose a new password `/staf/sandi-baru` (without a reset: back to `/staf`)",
    "feed-create": "create a feed of the leader's agenda on `/staf/akun`",
    "feed-revoke-foreign": "revoke the aide's feeds on `/staf/akun`",
    "feed": "the aide's feed `/ics/<token>.ics` (the token is the credential)",
    "feed-revoked": "a revoked feed `/ics/<token>.ics`",
    "feed-unknown": "an unknown token `/ics/<token>.ics`",
    "healthz": "`/healthz`",
    "metrics": "`/metrics`",
    "move-leader-event": "move the leader's event of an approved request",
    "cancel-leader-event": "set the leader's event to STATUS:CANCELLED",
    "delete-leader-event": "delete the leader's event of an approved request",
    "move-copy": "move the representative's copy of a represented request",
    "delete-copy": "delete the representative's copy",
    "long-venue": "set a 2,027-character LOCATION on the leader's event",
    "delete-hold": "delete the TENTATIVE hold of a pending request",
    "represent-viewer": "name the viewer as representative (decision form)",
    "read-leader-event": "read the leader's event (calendar-data)",
    "read-copy": "read the representative's copy (calendar-data)",
    "read-request-page": "read the request page",
    "read-inbox": "read the inbox",
    "archive-words": "find the leader's request in the archive by its words",
    "archive-number": "find the leader's request in the archive by its letter number",
    "morning-mail": "own morning mail choice `/staf/akun/agenda-pagi`",
    "delete-leader-calendar": "delete the leader's agenda while it holds the event of an approved request",
}

EFFECTS = {
    "unchanged": "nothing changes",
    "request-unchanged": "the request keeps its state and time",
    "request-moved": "the request moves with it",
    "request-cancelled": "the request is cancelled",
    "copy-only": "the request and the leader's event stay as they were",
    "venue-bounded": "the request's venue stays within 300 characters",
    "pending-kept": "the request stays pending",
    "decided": "the decision is taken",
    "disposition": "the disposition is recorded",
    "details-set": "the request and its event carry the new details, recorded as that user",
    "withdrawn": "withdrawn, recorded as the requester",
    "resubmitted": "submitted again, recorded as the requester",
    "acted-as-user": "done, recorded in the history as that user, not as the requester",
    "no-code": "shows no tracking code",
    "calendar-kept": "the calendar, the event and the request stay (staff finish or move the request first)",
    "feed-made": "the address shown once serves the leader's event",
    "no-feed": "no feed is stored",
    "feed-kept": "the aide's feed still answers",
    "archive-found": "the request is listed",
    "archive-hidden": "the request is not listed, nor counted",
    "admin-user-made": "made, with a one-time password to change, audited",
    "admin-no-user": "none made",
    "admin-changed": "changed, audited",
    "admin-unchanged": "user kept, not audited",
    "recap-all": "every leader and request, with tracking codes",
    "recap-bupati": "the Bupati and the requests asked of him only, without tracking codes",
    "recap-own": "that leader only, without the Bupati's requests or tracking codes",
    "recap-xlsx-all": "a sheet for every leader; every request, with tracking codes",
    "recap-xlsx-bupati": "the Bupati's sheet and the requests asked of him only, without tracking codes",
    "recap-xlsx-own": "that leader's sheet only, without the Bupati's requests or tracking codes",
}

Cell = collections.namedtuple("Cell", "statuses redirect effect pending")
Row = collections.namedtuple("Row", "family target method cells")

ROWS = []


def row(family, target, method, cells, effects=None, pending=None):
    values = cells.split()
    if len(values) != len(ROLES):
        raise ValueError("%s %s %s: %d cells for %d roles" % (family, target, method, len(values), len(ROLES)))
    effects, pending = dict(effects or {}), dict(pending or {})
    for key in list(effects) + list(pending):
        if key not in ROLES and key != "refused":
            raise ValueError("%s %s: unknown role %r" % (target, method, key))
    parsed = collections.OrderedDict()
    for role, value in zip(ROLES, values):
        if value == "-":
            continue
        status, _, redirect = value.partition(">")
        statuses = tuple(int(s) for s in status.split("|"))
        effect = effects.get(role)
        if effect is None and all(400 <= s < 500 for s in statuses):
            effect = effects.get("refused")
        if effect is not None and effect not in EFFECTS:
            raise ValueError("%s %s: unknown effect %r" % (target, method, effect))
        parsed[role] = Cell(statuses, redirect or None, effect, pending.get(role))
    ROWS.append(Row(family, target, method, parsed))


# --- CalDAV --------------------------------------------------------------------------
# For a calendar, PUT creates a new event in it and MKCALENDAR is asked of the
# calendar itself; for a home, MKCALENDAR creates a calendar in it. DELETE of a
# calendar is tried on a new calendar with the same owner and shares.
# PROPPATCH sets DAV:displayname (on an event, a dead property); a 207 answer
# counts as the property's status. REPORT on a principal or a home is a
# calendar-multiget of the leader's event, judged by that event's status.
#                                               anon req viewer aide leader other rep protokol admin
ALL_401 = "401 401 "
row("caldav", "principal-own", "OPTIONS", ALL_401 + "200 200 200 200 200 200 200")
row("caldav", "principal-own", "PROPFIND", ALL_401 + "207 207 207 207 207 207 207")
row("caldav", "principal-own", "PROPPATCH", ALL_401 + "403 403 403 403 403 403 403")
row("caldav", "principal-own", "REPORT", ALL_401 + "403 200 200 403 403 200 200")
row("caldav", "principal-own", "GET", ALL_401 + "200 200 200 200 200 200 200")
row("caldav", "principal-own", "HEAD", ALL_401 + "200 200 200 200 200 200 200")
row("caldav", "principal-own", "PUT", ALL_401 + "405 405 405 405 405 405 405")
row("caldav", "principal-own", "DELETE", ALL_401 + "403 403 403 403 403 403 403")
row("caldav", "principal-own", "MKCALENDAR", ALL_401 + "405 405 405 405 405 405 405")

row("caldav", "principal-leader", "OPTIONS", ALL_401 + "200 200 200 200 200 200 200")
row("caldav", "principal-leader", "PROPFIND", ALL_401 + "207 207 207 207 207 207 207")
row("caldav", "principal-leader", "PROPPATCH", ALL_401 + "403 403 403 403 403 403 403")
row("caldav", "principal-leader", "REPORT", ALL_401 + "403 200 200 403 403 200 200")
row("caldav", "principal-leader", "GET", ALL_401 + "200 200 200 200 200 200 200")
row("caldav", "principal-leader", "HEAD", ALL_401 + "200 200 200 200 200 200 200")
row("caldav", "principal-leader", "PUT", ALL_401 + "403 403 405 403 403 403 403")
row("caldav", "principal-leader", "DELETE", ALL_401 + "403 403 403 403 403 403 403")
row("caldav", "principal-leader", "MKCALENDAR", ALL_401 + "403 403 405 403 403 403 403")

row("caldav", "home-own", "OPTIONS", ALL_401 + "200 200 200 200 200 200 200")
row("caldav", "home-own", "PROPFIND", ALL_401 + "207 207 207 207 207 207 207")
row("caldav", "home-own", "PROPPATCH", ALL_401 + "200 200 200 200 200 200 200")
row("caldav", "home-own", "REPORT", ALL_401 + "403 200 200 403 403 200 200")
row("caldav", "home-own", "GET", ALL_401 + "200 200 200 200 200 200 200")
row("caldav", "home-own", "HEAD", ALL_401 + "200 200 200 200 200 200 200")
row("caldav", "home-own", "PUT", ALL_401 + "405 405 405 405 405 405 405")
row("caldav", "home-own", "DELETE", ALL_401 + "403 403 403 403 403 403 403")
row("caldav", "home-own", "MKCALENDAR", ALL_401 + "403 403 201 201 201 201 201")

row("caldav", "home-leader", "OPTIONS", ALL_401 + "200 200 200 200 200 200 200")
row("caldav", "home-leader", "PROPFIND", ALL_401 + "403 403 207 403 403 403 207")
row("caldav", "home-leader", "PROPPATCH", ALL_401 + "403 403 200 403 403 403 200")
row("caldav", "home-leader", "REPORT", ALL_401 + "403 403 200 403 403 403 200")
row("caldav", "home-leader", "GET", ALL_401 + "403 403 200 403 403 403 200")
row("caldav", "home-leader", "HEAD", ALL_401 + "403 403 200 403 403 403 200")
row("caldav", "home-leader", "PUT", ALL_401 + "403 403 405 403 403 403 405")
row("caldav", "home-leader", "DELETE", ALL_401 + "403 403 403 403 403 403 403")
row("caldav", "home-leader", "MKCALENDAR", ALL_401 + "403 403 201 403 403 403 201")

row("caldav", "agenda-leader", "OPTIONS", ALL_401 + "200 200 200 200 200 200 200")
row("caldav", "agenda-leader", "PROPFIND", ALL_401 + "403 207 207 403 403 207 207")
row("caldav", "agenda-leader", "PROPPATCH", ALL_401 + "403 403 200 403 403 200 200")
row("caldav", "agenda-leader", "REPORT", ALL_401 + "403 207 207 403 403 207 207")
row("caldav", "agenda-leader", "GET", ALL_401 + "403 200 200 403 403 200 200")
row("caldav", "agenda-leader", "HEAD", ALL_401 + "403 200 200 403 403 200 200")
row("caldav", "agenda-leader", "PUT", ALL_401 + "403 403 201 403 403 201 201")
row("caldav", "agenda-leader", "DELETE", ALL_401 + "403 403 204 403 403 403 204")
row("caldav", "agenda-leader", "MKCALENDAR", ALL_401 + "403 403 405 403 403 403 405")

row("caldav", "agenda-other", "OPTIONS", ALL_401 + "200 200 200 200 200 200 200")
row("caldav", "agenda-other", "PROPFIND", ALL_401 + "403 403 403 207 403 207 207")
row("caldav", "agenda-other", "PROPPATCH", ALL_401 + "403 403 403 200 403 200 200")
row("caldav", "agenda-other", "REPORT", ALL_401 + "403 403 403 207 403 207 207")
row("caldav", "agenda-other", "GET", ALL_401 + "403 403 403 200 403 200 200")
row("caldav", "agenda-other", "HEAD", ALL_401 + "403 403 403 200 403 200 200")
row("caldav", "agenda-other", "PUT", ALL_401 + "403 403 403 201 403 201 201")
row("caldav", "agenda-other", "DELETE", ALL_401 + "403 403 403 204 403 403 204")
row("caldav", "agenda-other", "MKCALENDAR", ALL_401 + "403 403 403 405 403 403 405")

row("caldav", "calendar-shared", "OPTIONS", ALL_401 + "200 200 200 200 200 200 200")
row("caldav", "calendar-shared", "PROPFIND", ALL_401 + "207 403 403 207 403 207 207")
row("caldav", "calendar-shared", "PROPPATCH", ALL_401 + "403 403 403 200 403 200 200")
row("caldav", "calendar-shared", "REPORT", ALL_401 + "207 403 403 207 403 207 207")
row("caldav", "calendar-shared", "GET", ALL_401 + "200 403 403 200 403 200 200")
row("caldav", "calendar-shared", "HEAD", ALL_401 + "200 403 403 200 403 200 200")
row("caldav", "calendar-shared", "PUT", ALL_401 + "403 403 403 201 403 201 201")
row("caldav", "calendar-shared", "DELETE", ALL_401 + "403 403 403 403 403 204 204")
row("caldav", "calendar-shared", "MKCALENDAR", ALL_401 + "403 403 403 403 403 405 405")

row("caldav", "object-leader", "OPTIONS", ALL_401 + "200 200 200 200 200 200 200")
row("caldav", "object-leader", "PROPFIND", ALL_401 + "403 207 207 403 403 207 207")
row("caldav", "object-leader", "PROPPATCH", ALL_401 + "403 403 200 403 403 200 200")
row("caldav", "object-leader", "REPORT", ALL_401 + "403 207 207 403 403 207 207")
row("caldav", "object-leader", "GET", ALL_401 + "403 200 200 403 403 200 200")
row("caldav", "object-leader", "HEAD", ALL_401 + "403 200 200 403 403 200 200")
row("caldav", "object-leader", "PUT", ALL_401 + "403 403 204 403 403 204 204")
row("caldav", "object-leader", "DELETE", ALL_401 + "403 403 204 403 403 204 204")
row("caldav", "object-leader", "MKCALENDAR", ALL_401 + "403 403 405 403 403 403 405")

# --- web pages, letters, operations ---------------------------------------------------
# The requester holds the code of the request; "anyone" tries a code that does
# not exist. Logged-in roles use a web session and, where a code is needed,
# hold it too (a leaked or shown code).
row("web", "form", "GET", "200 200 200 200 200 200 200 200 200")
row("web", "status", "GET", "404 200 200 200 200 200 200 200 200")
row("web", "withdraw", "POST", "404 303 303 303 303 303 303 303 303",
    effects=dict({"requester": "withdrawn", "refused": "unchanged"},
                 **{r: "acted-as-user" for r in ROLES[2:]}))
row("web", "revise", "POST", "404 303 303 303 303 303 303 303 303",
    effects=dict({"requester": "resubmitted", "refused": "unchanged"},
                 **{r: "acted-as-user" for r in ROLES[2:]}))
row("web", "login", "POST", "401 401 303 303 303 303 303 303 303")
row("web", "login-foreign", "POST", "403 403 403 403 403 403 403 403 403")
row("web", "inbox", "GET", "303>login 303>login 403 200 200 200 200 200 200")
row("web", "request-page", "GET", "303>login 303>login 403 200 200 403 200 200 200")
# Every account holds its own choice; the POST saves it and shows the page again.
row("web", "morning-mail", "GET", "303>login 303>login 200 200 200 200 200 200 200")
row("web", "morning-mail", "POST", "303>login 303>login 303 303 303 303 303 303 303")
for action, from_state in (("verify", "diajukan"), ("return", "diajukan"), ("reject", "diajukan"),
                           ("approve", "diverifikasi"), ("represent", "diverifikasi"), ("reschedule", "disetujui"),
                           ("cancel", "disetujui"), ("held", "disetujui"), ("not-held", "disetujui")):
    # held and not-held wait for the activity's day: before it, staff get 400.
    staff = "400 400" if action in ("held", "not-held") else "303>done 303>done"
    decided = {} if action in ("held", "not-held") else {"protokol": "decided", "admin": "decided"}
    row("web", "decision", "POST " + action, "303>login 303>login 403 403 403 403 403 " + staff,
        effects=dict({"refused": "unchanged"}, **decided))
row("web", "disposition", "POST", "303>login 303>login 403 303>done 303>done 403 403 303>done 303>done",
    effects={"refused": "unchanged", "aide": "disposition", "leader": "disposition", "protokol": "disposition",
             "admin": "disposition"})
row("web", "agenda-details", "POST", "303>login 303>login 403 403 403 403 403 303>done 303>done",
    effects={"refused": "unchanged", "protokol": "details-set", "admin": "details-set"})
row("web", "letter", "GET", "401 401 403 200 200 403 200 200 200")
row("web", "letter-session", "GET", "401 401 403 200 200 403 200 200 200")
row("web", "staff-agenda", "GET", "303>login 303>login 200 200 200 200 200 200 200")
# A leader the user may not read answers as an unknown one.
row("web", "staff-agenda-leader", "GET", "303>login 303>login 404 200 200 404 404 200 200")
row("web", "agenda-text", "GET", "401 401 200 200 200 200 200 200 200")
row("web", "agenda-text-session", "GET", "401 401 200 200 200 200 200 200 200")
row("web", "agenda-pdf", "GET", "303>login 303>login 200 200 200 200 200 200 200")
# The work report: staff see everything, a leader or aide their own leaders only, a viewer nothing.
row("web", "recap", "GET", "303>login 303>login 403 200 200 200 200 200 200",
    effects={r: "no-code" for r in ("aide", "leader", "other_leader", "representative")})
row("web", "recap-csv", "GET", "401 401 403 200 200 200 200 200 200",
    effects={r: "no-code" for r in ("aide", "leader", "other_leader", "representative")})
_RECAP_EFFECTS = {"aide": "recap-bupati", "leader": "recap-bupati", "other_leader": "recap-own",
                  "representative": "recap-own", "protokol": "recap-all", "admin": "recap-all"}
row("web", "recap-json", "GET", "401 401 403 200 200 200 200 200 200", effects=_RECAP_EFFECTS)
row("web", "recap-json-session", "GET", "401 401 403 200 200 200 200 200 200", effects=_RECAP_EFFECTS)
_RECAP_XLSX_EFFECTS = {role: "recap-xlsx-" + effect.split("-", 1)[1] for role, effect in _RECAP_EFFECTS.items()}
row("web", "recap-xlsx", "GET", "401 401 403 200 200 200 200 200 200", effects=_RECAP_XLSX_EFFECTS)
row("web", "recap-xlsx-session", "GET", "401 401 403 200 200 200 200 200 200", effects=_RECAP_XLSX_EFFECTS)
# The same answer for everyone; the request's event is on it, its tracking code is not.
for _target in ("public-agenda", "public-agenda-json", "public-agenda-ics"):
    row("web", _target, "GET", "200 200 200 200 200 200 200 200 200", effects={r: "no-code" for r in ROLES})
# As the inbox: leaders and aides see their own leaders' requests; choosing
# another leader is refused as a choice not on the list.
row("web", "archive", "GET", "303>login 303>login 403 200 200 200 200 200 200")
row("web", "archive-other-leader", "GET", "303>login 303>login 403 400 400 200 400 200 200")
row("web", "account", "GET", "303>login 303>login 200 200 200 200 200 200 200")
row("web", "feed-create", "POST", "303>login 303>login 403 200 200 403 403 200 200",
    effects=dict({"refused": "no-feed"}, **{r: "feed-made" for r in ("aide", "leader", "protokol", "admin")}))
row("web", "feed-revoke-foreign", "POST", "303>login 303>login 404 - 404 404 404 404 404",
    effects={"refused": "feed-kept"})
# User administration: admins only; every other role gets a page saying so.
_ADMIN_ONLY = "303>login 303>login 403 403 403 403 403 403 200"
_ADMIN_KEPT = {r: "admin-unchanged" for r in ROLES[:-1]}
row("web", "admin-list", "GET", _ADMIN_ONLY)
row("web", "admin-audit", "GET", _ADMIN_ONLY)
row("web", "admin-create", "POST", _ADMIN_ONLY,
    effects=dict({r: "admin-no-user" for r in ROLES[:-1]}, admin="admin-user-made"))
row("web", "admin-user", "GET", _ADMIN_ONLY)
for _target in ("admin-reset", "admin-disable", "admin-enable", "admin-edit", "admin-assign", "admin-unassign",
                "admin-share", "admin-unshare"):
    row("web", _target, "POST", _ADMIN_ONLY, effects=dict(_ADMIN_KEPT, admin="admin-changed"))
row("web", "admin-no-csrf", "POST", "303>login 303>login 403 403 403 403 403 403 403",
    effects={r: "admin-unchanged" for r in ROLES})
row("web", "admin-password-page", "GET", "303>login 303>login 303 303 303 303 303 303 303")
row("web", "feed", "GET", "200 200 200 200 200 200 200 200 200")
row("web", "feed-revoked", "GET", "404 404 404 404 404 404 404 404 404")
row("web", "feed-unknown", "GET", "404 404 404 404 404 404 404 404 404")
row("web", "healthz", "GET", "200 200 200 200 200 200 200 200 200")
row("web", "metrics", "GET", "200 200 200 200 200 200 200 200 200")

# --- indirect paths ------------------------------------------------------------------
row("indirect", "move-leader-event", "PUT", ALL_401 + "403 403 204 403 403 204 204",
    effects={"refused": "unchanged", "leader": "request-unchanged", "protokol": "request-moved",
             "admin": "request-moved"})
row("indirect", "cancel-leader-event", "PUT", ALL_401 + "403 403 204 403 403 204 204",
    effects={"refused": "unchanged", "leader": "request-unchanged", "protokol": "request-cancelled",
             "admin": "request-cancelled"})
row("indirect", "delete-leader-event", "DELETE", ALL_401 + "403 403 204 403 403 204 204",
    effects={"refused": "unchanged", "leader": "request-unchanged", "protokol": "request-cancelled",
             "admin": "request-cancelled"})
row("indirect", "move-copy", "PUT", ALL_401 + "403 403 403 403 204 204 204",
    effects={"refused": "unchanged", "representative": "copy-only", "protokol": "copy-only", "admin": "copy-only"})
row("indirect", "delete-copy", "DELETE", ALL_401 + "403 403 403 403 204 204 204",
    effects={"refused": "unchanged", "representative": "copy-only", "protokol": "copy-only", "admin": "copy-only"})
row("indirect", "long-venue", "PUT", ALL_401 + "403 403 204 403 403 204 204",
    effects={"refused": "unchanged", "leader": "venue-bounded", "protokol": "venue-bounded",
             "admin": "venue-bounded"})
row("indirect", "delete-hold", "DELETE", ALL_401 + "403 403 403 403 403 204 204",
    effects={"refused": "unchanged", "protokol": "pending-kept", "admin": "pending-kept"})
row("indirect", "represent-viewer", "POST", "303>login 303>login 403 403 403 403 403 400 400",
    effects={"refused": "unchanged"})
row("indirect", "read-leader-event", "GET", ALL_401 + "403 200 200 403 403 200 200",
    effects={r: "no-code" for r in ("aide", "leader", "protokol", "admin")})
row("indirect", "read-copy", "GET", ALL_401 + "403 403 403 403 200 200 200",
    effects={r: "no-code" for r in ("representative", "protokol", "admin")})
row("indirect", "read-request-page", "GET", "303>login 303>login 403 200 200 403 200 - -",
    effects={r: "no-code" for r in ("aide", "leader", "representative")})
row("indirect", "read-inbox", "GET", "303>login 303>login 403 200 200 200 200 - -",
    effects={r: "no-code" for r in ("aide", "leader", "other_leader", "representative")})
for _target in ("archive-words", "archive-number"):
    row("indirect", _target, "GET", "303>login 303>login 403 200 200 200 200 200 200",
        effects={"aide": "archive-found", "leader": "archive-found", "other_leader": "archive-hidden",
                 "representative": "archive-hidden", "protokol": "archive-found", "admin": "archive-found"})
# Last: a regression that lets the deletion through takes the leader's agenda with it.
row("indirect", "delete-leader-calendar", "DELETE", ALL_401 + "403 403 409 403 403 403 409",
    effects={"refused": "unchanged", "leader": "calendar-kept", "admin": "calendar-kept"})


# --- Markdown --------------------------------------------------------------------------

LEGEND = (
    "Roles: *anyone* has neither an account nor the tracking code; the *requester* has the code but "
    "no account; the *aide* is assigned to the leader (the Bupati); the *other leader* is another "
    "pimpinan; the *representative* is a leader named to represent the leader at the request. Cells "
    "are HTTP statuses: 200/201/204/207 allowed, 303 a redirect (to the login page, or back to the "
    "request after the action), 400 refused as invalid, 401 login needed, 403 refused, 404 not "
    "found, 405 not possible there, 409 refused while something depends on it, \"a or b\" either; "
    "after a colon, what must hold afterwards. For a calendar, PUT creates an event in it and DELETE "
    "removes the calendar; for a home, MKCALENDAR creates a calendar in it; PROPPATCH sets the "
    "display name (of an event, a property of the client's own); REPORT on a principal or home is a "
    "calendar-multiget of the leader's event, judged by that event's status.")


def _cell_text(cell):
    if cell is None:
        return "-"
    text = " or ".join(str(s) for s in cell.statuses)
    if cell.redirect == "login":
        text += " login"
    if cell.effect and cell.effect != "unchanged":
        text += ": " + EFFECTS[cell.effect]
    return text


def _merged_rows(family):
    """The family's rows, consecutive methods of one target with equal cells in one line."""
    out = []
    for r in ROWS:
        if r.family != family:
            continue
        texts = [_cell_text(r.cells.get(role)) for role in ROLES]
        if out and out[-1][0] == r.target and out[-1][2] == texts:
            out[-1][1].append(r.method)
        else:
            out.append((r.target, [r.method], texts))
    return out


def _shared_rows(rows):
    """Lines that every target of the table has alike (e.g. OPTIONS), shown once first."""
    targets = {target for target, _, _ in rows}
    seen = collections.defaultdict(set)
    for target, methods, texts in rows:
        seen[(tuple(methods), tuple(texts))].add(target)
    common = [key for key, where in seen.items() if len(targets) > 1 and where == targets]
    rest = [r for r in rows if (tuple(r[1]), tuple(r[2])) not in common]
    return [("every resource below", list(m), list(t)) for m, t in common] + rest


def render_markdown():
    lines = ["## Who may do what", "", LEGEND, ""]
    for family, title in FAMILIES.items():
        lines += ["### " + title, ""]
        lines.append("| what | method | " + " | ".join(ROLE_HEADINGS[r] for r in ROLES) + " |")
        lines.append("|---|---|" + "---|" * len(ROLES))
        for target, methods, texts in _shared_rows(_merged_rows(family)):
            lines.append("| %s | %s | %s |" % (TARGETS.get(target, target), ", ".join(methods), " | ".join(texts)))
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(render_markdown())

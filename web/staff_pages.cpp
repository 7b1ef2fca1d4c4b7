// The staff and leader side of the web app: login and logout, the inbox,
// the request page, decisions and dispositions. Every page but the login
// needs a session; every POST checks the session's CSRF token.

#include <sodium.h>

#include <charconv>

#include "web/conflict_confirm.h"
#include "web/feeds.h"
#include "web/known_device.h"
#include "web/public_csrf.h"
#include "web/record_id.h"
#include "web/staff_admin.h"
#include "web/staff_views.h"
#include "web/web.h"
#include "web/web_session_internal.h"
#include "workflow/request_service.h"
#include "workflow/request_state.h"

namespace jadwal::web {

namespace mustache = kainjow::mustache;
using staff::StaffRequest;

namespace {

constexpr std::size_t kLoginFormLimit = 16 * 1024;  // a login form carries no files

// Only paths of this application are followed after login: anything else
// (another host, "//evil", a backslash trick) would make the login an open redirect.
bool isSafeNext(std::string_view next) {
  if (!(next == "/staf" || next.starts_with("/staf/") || next.starts_with("/staf?"))) return false;
  return next.find_first_of("\\\r\n") == std::string_view::npos;
}

WebResponse methodNotAllowed(const std::string& language, const char* allow) {
  WebResponse response = staff::messagePage(language, 405, tr(language, "error.method"));
  response.setHeader("Allow", allow);
  return response;
}

// The login form. It carries the public form's signed double-submit token
// (a hidden field and a cookie; see public_csrf.h), so another site cannot
// log a browser in to an account of its choosing. `message`: the id of a
// message shown above the form, or "".
WebResponse loginPage(WebContext& context, const WebRequest& request, const std::string& language, int status,
                      const std::string& name, const std::string& next, std::string_view message,
                      bool freshToken = false) {
  const sql::Instant now = context.clock->now();
  const PublicCsrf csrf = freshToken ? PublicCsrf{newPublicCsrfToken(context.store.sessions(), now), true}
                                     : publicCsrfFor(context.store.sessions(), request, now);
  mustache::data data = staff::anonymousData(language);
  data.set("nama", name);
  data.set("lanjut", isSafeNext(next) ? next : "");
  data.set("csrf", csrf.token);
  if (!message.empty()) data.set("galat", tr(language, message));
  WebResponse response;
  response.status = status;
  response.body = renderPage("staf_masuk", tr(language, "staf_login_title"), data, language);
  applyPublicCsrf(csrf, response, context.secureCookies);
  return response;
}

std::string basicHeader(const std::string& name, const std::string& password) {
  const std::string plain = name + ":" + password;
  std::string encoded(sodium_base64_ENCODED_LEN(plain.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  encoded.resize(encoded.find('\0'));
  return "Basic " + encoded;
}

WebResponse login(WebContext& context, const WebRequest& request, const std::string& language) {
  FormData form;
  if (parseForm(request, form, kLoginFormLimit) != FormError::None) {
    return loginPage(context, request, language, 400, "", request.queryValue("lanjut"), "staf_login_failed");
  }
  const std::string name = form.value("nama");
  const std::string next = form.value("lanjut");
  const sql::Instant now = context.clock->now();
  // Checked before the password, so a forged post costs no verification.
  if (!publicCsrfValid(context.store.sessions(), request, form, now)) {
    return loginPage(context, request, language, 403, name, next, "staf_login_expired", true);
  }
  // The same check as CalDAV's Basic auth, so both logins agree on who may
  // enter (disabled users, the password cache, the timing decoy, the
  // limits). A browser this user logged in from before passes the lockouts
  // of its address and is limited on its own.
  const sql::Instant deviceLifetime = context.authenticator.knownDeviceLifetime();
  const auto device = knownDeviceOf(context.store.sessions(), request, now, deviceLifetime);
  PasswordCheckResult auth;
  if (!name.empty() && name.find(':') == std::string::npos) {
    auth = context.authenticator.check(basicHeader(name, form.value("sandi")), request.clientKey,
                                       device && device->user == name ? device->id : "");
  }
  if (auth.throttled) {
    WebResponse refused = staff::messagePage(language, 429, tr(language, "staf_login_throttled"));
    refused.setHeader("Retry-After", "3600");
    return refused;
  }
  if (auth.busy) {
    WebResponse refused = staff::messagePage(language, 503, tr(language, "staf_login_busy"));
    refused.setHeader("Retry-After", std::to_string(context.authenticator.busyRetrySeconds()));
    return refused;
  }
  const auto& user = auth.user;
  if (!user) return loginPage(context, request, language, 401, name, next, "staf_login_failed");

  const auto session = startSession(context, *user, now);
  WebResponse response = WebResponse::redirect(isSafeNext(next) ? next : "/staf");
  response.setCookie(kSessionCookie, session.cookieValue, context.secureCookies,
                     static_cast<int>(kSessionLifetimeSeconds));
  if (deviceLifetime > 0) {
    response.setCookie(kKnownDeviceCookie, newKnownDeviceCookie(context.store.sessions(), user->name, now),
                       context.secureCookies, static_cast<int>(deviceLifetime));
  }
  return response;
}

WebResponse logout(WebContext& context, const WebRequest& request, const std::string& language) {
  FormData form;
  if (parseForm(request, form, kLoginFormLimit) != FormError::None || !csrfValid(context, request, form)) {
    return staff::messagePage(language, 403, tr(language, "staf_csrf"));
  }
  endSession(context, request);
  WebResponse response = WebResponse::redirect("/staf/masuk");
  response.setCookie(kSessionCookie, "", context.secureCookies, 0);
  return response;
}

// The refusals a decision or disposition may end in, as pages.
WebResponse outcomePage(StaffRequest& staff, const workflow::Outcome& outcome, std::int64_t requestId) {
  const std::string back = "/staf/permohonan/" + std::to_string(requestId);
  switch (outcome.status) {
    case workflow::Outcome::Status::NotFound:
      return staff::messagePage(staff.language, 404, tr(staff.language, "staf_not_found"), "/staf");
    case workflow::Outcome::Status::Forbidden:
      return staff::messagePage(staff.language, 403, tr(staff.language, "staf_forbidden"), back,
                                "staf_back_to_request");
    case workflow::Outcome::Status::Conflict:
      return staff::messagePage(staff.language, 409, staff::messageText(staff.language, "changed_meanwhile"), back,
                                "staf_back_to_request");
    default:
      return staff::messagePage(
          staff.language, 409,
          staff::messageText(staff.language, outcome.message.empty() ? "transition_not_allowed" : outcome.message),
          back, "staf_back_to_request");
  }
}

staff::FailedForm failedForm(const std::string& formName, const FormData& form, const workflow::FieldErrors& errors) {
  staff::FailedForm failed;
  failed.form = formName;
  for (const auto& [field, value] : form.fields) {
    if (field != "csrf" && field != "versi") failed.values.emplace(field, value);
    failed.corrections = form.values("perbaiki");
  }
  failed.errors = errors;
  return failed;
}

// POST /staf/permohonan/<id>/keputusan and /disposisi.
WebResponse decide(StaffRequest& staff, const sql::RequestRow& row, const FormData& form, bool disposition) {
  const workflow::Actor actor{staff.user};
  workflow::Outcome outcome;
  std::string formName;
  if (disposition) {
    formName = "disposisi";
    std::string leader = form.value("pimpinan");
    if (leader.empty() && staff.user.role == sql::Role::Leader) leader = staff.user.name;
    outcome = staff.web.requests.setDisposition(row.id, leader, form.value("pilihan"), form.value("wakil"),
                                                form.value("catatan"), actor);
    // Confirmed for the very overlaps it was asked about: taken (conflict_confirm.h).
    if (staff::confirmsOverlaps(form, outcome))
      outcome = staff.web.requests.setDisposition(row.id, leader, form.value("pilihan"), form.value("wakil"),
                                                  form.value("catatan"), actor, true);
  } else {
    if (!staff::isStaffRole(staff.user.role)) {
      return staff::messagePage(staff.language, 403, tr(staff.language, "staf_forbidden"),
                                "/staf/permohonan/" + std::to_string(row.id), "staf_back_to_request");
    }
    formName = form.value("aksi");
    const auto action = workflow::parseAction(formName);
    const auto version = parseRecordId(form.value("versi"));
    if (!action || !version) {
      workflow::FieldErrors errors{{"aksi", "invalid_choice"}};
      const auto failed = failedForm(formName, form, errors);
      return staff::requestPage(staff, row, 400, &failed);
    }
    workflow::Decision decision;
    decision.action = *action;
    decision.note = form.value("catatan");
    if (*action == workflow::Action::Return) decision.fieldsToCorrect = form.values("perbaiki");
    decision.leader = form.value("pimpinan");
    decision.date = form.value("tanggal");
    decision.startTime = form.value("jam_mulai");
    decision.endTime = form.value("jam_selesai");
    decision.untilDone = form.value("sampai_selesai") == "1";
    decision.venue = form.value("tempat");
    decision.representativeUser = form.value("wakil_user");
    decision.representativeName = form.value("wakil_nama");
    decision.representativePosition = form.value("wakil_jabatan");
    decision.verifyFirst = form.value("verifikasi") == "1";
    outcome = staff.web.requests.decide(row.id, *version, decision, actor);
    if (staff::confirmsOverlaps(form, outcome)) {
      decision.conflictsConfirmed = true;
      outcome = staff.web.requests.decide(row.id, *version, decision, actor);
    }
  }

  if (outcome.ok()) {
    // An answer given from the first screen goes back there, to the next request waiting.
    if (disposition && form.value("kembali") == "beranda") return WebResponse::redirect("/staf?pesan=disposisi");
    return WebResponse::redirect("/staf/permohonan/" + std::to_string(row.id) +
                                 (disposition ? "?pesan=disposisi" : "?pesan=keputusan"));
  }
  if (outcome.status == workflow::Outcome::Status::Invalid) {
    // Show the page as it is now, with the refused form open and its errors.
    const auto current = staff.web.store.requests().findRequest(row.id).value_or(row);
    const auto failed = failedForm(formName, form, outcome.errors);
    return staff::requestPage(staff, current, 400, &failed);
  }
  if (outcome.status == workflow::Outcome::Status::NeedsConfirmation)
    return staff::conflictConfirmPage(staff, row, form, disposition, outcome.conflicts);
  return outcomePage(staff, outcome, row.id);
}

// POST /staf/permohonan/<id>/rincian: what the agenda shows of the request.
WebResponse editDetails(StaffRequest& staff, const sql::RequestRow& row, const FormData& form) {
  const auto version = parseRecordId(form.value("versi"));
  if (!version) {
    const auto failed = failedForm("rincian", form, {{"versi", "changed_meanwhile"}});
    return staff::requestPage(staff, row, 400, &failed);
  }
  workflow::AgendaDetails details;
  details.dressCode = form.value("pakaian");
  details.leaderRole = form.value("peran");
  details.contactPerson = form.value("narahubung");
  // "": as the calendar does by default; "ya" / "tidak": staff's choice.
  const std::string published = form.value("publik");
  if (published == "ya" || published == "tidak") details.published = published == "ya";
  if (!published.empty() && !details.published) {
    const auto failed = failedForm("rincian", form, {{"publik", "invalid_choice"}});
    return staff::requestPage(staff, row, 400, &failed);
  }
  const auto outcome = staff.web.requests.editAgendaDetails(row.id, *version, details, workflow::Actor{staff.user});
  if (outcome.ok()) return WebResponse::redirect("/staf/permohonan/" + std::to_string(row.id) + "?pesan=rincian");
  if (outcome.status == workflow::Outcome::Status::Invalid) {
    const auto current = staff.web.store.requests().findRequest(row.id).value_or(row);
    const auto failed = failedForm("rincian", form, outcome.errors);
    return staff::requestPage(staff, current, 400, &failed);
  }
  return outcomePage(staff, outcome, row.id);
}

// /staf/permohonan/<id>[/keputusan|/disposisi|/rincian]
std::optional<WebResponse> requestPages(StaffRequest& staff, std::string_view rest) {
  const auto slash = rest.find('/');
  const auto id = parseRecordId(rest.substr(0, slash));
  const std::string_view tail = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  if (!tail.empty() && tail != "keputusan" && tail != "disposisi" && tail != "rincian") return std::nullopt;
  const auto row = id ? staff.web.store.requests().findRequest(*id) : std::nullopt;
  if (!row) return staff::messagePage(staff.language, 404, tr(staff.language, "staf_not_found"), "/staf");
  if (!staff.web.requests.maySee(*row, workflow::Actor{staff.user})) {
    return staff::messagePage(staff.language, 403, tr(staff.language, "staf_forbidden"), "/staf");
  }

  if (tail.empty()) {
    if (staff.request.method != "GET" && staff.request.method != "HEAD")
      return methodNotAllowed(staff.language, "GET, HEAD");
    return staff::requestPage(staff, *row);
  }
  if (staff.request.method != "POST") return methodNotAllowed(staff.language, "POST");
  FormData form;
  if (parseForm(staff.request, form, staff.web.maxFileBytes) != FormError::None) {
    return staff::messagePage(staff.language, 400, tr(staff.language, "staf_bad_form"),
                              "/staf/permohonan/" + std::to_string(row->id), "staf_back_to_request");
  }
  if (!csrfValid(staff.web, staff.request, form))
    return staff::messagePage(staff.language, 403, tr(staff.language, "staf_csrf"));
  if (tail == "rincian") {
    if (!staff::isStaffRole(staff.user.role))
      return staff::messagePage(staff.language, 403, tr(staff.language, "staf_forbidden"),
                                "/staf/permohonan/" + std::to_string(row->id), "staf_back_to_request");
    return editDetails(staff, *row, form);
  }
  return decide(staff, *row, form, tail == "disposisi");
}

}  // namespace

std::optional<WebResponse> staffPages(WebContext& context, const WebRequest& request) {
  const std::string& path = request.path;
  if (path != "/staf" && !path.starts_with("/staf/")) return std::nullopt;
  const std::string language = languageOf(request);

  if (path == "/staf/masuk") {
    if (request.method == "POST") return login(context, request, language);
    if (request.method != "GET" && request.method != "HEAD") return methodNotAllowed(language, "GET, HEAD, POST");
    // Already logged in: straight on.
    if (currentUser(context, request)) {
      const std::string next = request.queryValue("lanjut");
      return WebResponse::redirect(isSafeNext(next) ? next : "/staf");
    }
    return loginPage(context, request, language, 200, "", request.queryValue("lanjut"), "");
  }

  const auto user = currentUser(context, request);
  if (!user) {
    // A form posted after the session ended goes to the login too; the user starts over from the page.
    return WebResponse::redirect("/staf/masuk?lanjut=" + staff::encodeQueryValue(path, true));
  }
  if (path == "/staf/keluar") {
    if (request.method != "POST") return methodNotAllowed(language, "POST");
    return logout(context, request, language);
  }

  StaffRequest staff{context, request, *user, language, csrfTokenOf(context, request)};
  if (path == "/staf" || path == "/staf/") {
    if (request.method != "GET" && request.method != "HEAD") return methodNotAllowed(language, "GET, HEAD");
    if (staff::homeIsFirst(staff)) return staff::homePage(staff);
    return staff::inboxPage(staff);
  }
  if (path == "/staf/permohonan") {  // the inbox, also for leaders and aides, whose /staf is their agenda
    if (request.method != "GET" && request.method != "HEAD") return methodNotAllowed(language, "GET, HEAD");
    return staff::inboxPage(staff);
  }
  if (path == "/staf/akun/agenda-pagi") {
    if (request.method != "GET" && request.method != "HEAD" && request.method != "POST")
      return methodNotAllowed(language, "GET, HEAD, POST");
    return staff::morningMailPage(staff);
  }
  if (path == "/staf/akun") return accountPage(staff);
  if (auto admin = staff::adminPages(staff)) return std::move(*admin);
  if (path == "/staf/sandi-baru") return staff::newPasswordPage(staff);
  if (path == "/staf/arsip") {
    if (request.method != "GET" && request.method != "HEAD") return methodNotAllowed(language, "GET, HEAD");
    return staff::archivePage(staff);
  }
  constexpr std::string_view kRequestPrefix = "/staf/permohonan/";
  if (path.starts_with(kRequestPrefix)) {
    if (user->role == sql::Role::Viewer) return staff::messagePage(language, 403, tr(language, "staf_forbidden"));
    return requestPages(staff, std::string_view(path).substr(kRequestPrefix.size()));
  }
  return std::nullopt;
}

}  // namespace jadwal::web

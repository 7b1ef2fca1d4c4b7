// The requester's side, without an account: the form at /permohonan, the
// receipt, the status page with its revision and withdrawal forms, and the
// lookup of a typed tracking code.

#include <kainjow/mustache.hpp>

#include <ctime>
#include <set>
#include <string>

#include "base/percent.h"
#include "web/audit_text.h"
#include "web/public_corrections.h"
#include "web/public_csrf.h"
#include "web/public_form_view.h"
#include "web/web.h"
#include "web/web_page.h"
#include "workflow/rate_limiter.h"
#include "workflow/representative.h"
#include "workflow/request_corrections.h"
#include "workflow/request_service.h"
#include "workflow/request_state.h"
#include "workflow/tracking_code.h"
#include "workflow/wib_format.h"

namespace jadwal::web {
namespace {

using workflow::Outcome;
using workflow::RequestState;

WebResponse page(int status, const std::string& templateName, const std::string& title, const TemplateData& data,
                 const std::string& language) {
  WebResponse response;
  response.status = status;
  response.body = renderPage(templateName, title, data, language);
  return response;
}

WebResponse methodNotAllowed(const std::string& language, const std::string& allow) {
  WebResponse response = messagePage(405, language, "error.method_title", "error.method");
  response.setHeader("Allow", allow);
  return response;
}

std::string statusPath(const std::string& code) { return "/permohonan/" + code; }

// "an***@example.go.id": enough for the requester to recognise the address
// on a page anyone holding the code may open.
std::string maskedEmail(const std::string& email) {
  const auto at = email.find('@');
  if (at == std::string::npos) return "***";
  const std::size_t shown = std::min<std::size_t>(2, at);
  return email.substr(0, shown) + "***" + email.substr(at);
}

// ---- the form ----

WebResponse formPage(WebContext& context, int status, const PublicFormState& state, const PublicCsrf& csrf,
                     const std::string& language) {
  TemplateData data = publicFormData(context, state, csrf.token, language, context.clock->now());
  WebResponse response = page(status, "permohonan_form", tr(language, "form.title"), data, language);
  applyPublicCsrf(csrf, response, context.secureCookies);
  return response;
}

// A submission refused before the service judged it (an expired form, the
// hourly limit, a part that could not be read) still gets its form back as
// typed, with the files an earlier attempt kept, and a fresh CSRF token.
WebResponse formRefused(WebContext& context, const WebRequest& request, int status, FormData form,
                        const std::string& problemId, const std::string& language) {
  PublicFormState state;
  state.kept = keptFilesFrom(form, context.store.sessions());
  state.values = std::move(form);
  state.problem = problemId;
  const PublicCsrf csrf = publicCsrfFor(context.store.sessions(), request, context.clock->now());
  return formPage(context, status, state, csrf, language);
}

WebResponse showForm(WebContext& context, const WebRequest& request, const std::string& language) {
  const PublicCsrf csrf = publicCsrfFor(context.store.sessions(), request, context.clock->now());
  return formPage(context, 200, PublicFormState{}, csrf, language);
}

WebResponse submitForm(WebContext& context, const WebRequest& request, const std::string& language) {
  FormData form;
  // Files are bounded by the body limit of the HTTP layer here; the service
  // judges each against max_file_bytes and reports it beside its field, so
  // that a too-large file does not cost the requester everything typed.
  const FormError parsed = parseForm(request, form, std::max<std::size_t>(request.body.size(), 1));
  if (parsed != FormError::None)
    return formRefused(context, request, 400, FormData{}, "form.error_unreadable", language);
  const sql::Instant now = context.clock->now();
  if (!publicCsrfValid(context.store.sessions(), request, form, now)) {
    return formRefused(context, request, 403, std::move(form), "form.error_token", language);
  }
  const std::string& client = request.clientKey;
  const bool blocked = context.failedAttempts && context.failedAttempts->exhausted(client, now);
  if (blocked || (context.submissionLimiter && !context.submissionLimiter->tryAcquire(client, now))) {
    WebResponse response = formRefused(context, request, 429, std::move(form), "form.error_too_many", language);
    response.setHeader("Retry-After", "3600");
    return response;
  }

  Outcome outcome;
  workflow::RequestForm typed = requestFormFrom(form, language);
  typed.formToken = formTokenFrom(form, context.store.sessions());
  try {
    outcome = context.requests.submit(typed, uploadsFrom(form), keptFilesFrom(form, context.store.sessions()));
  } catch (...) {
    if (context.submissionLimiter) context.submissionLimiter->refund(client);
    throw;
  }
  // A repeat of a form already sent (a double tap) answers the first request.
  if (outcome.ok() && outcome.repeated && context.submissionLimiter) context.submissionLimiter->refund(client);
  if (!outcome.ok()) {
    // Only a request that was taken counts against the hourly limit; a
    // rejected one counts as a failed attempt (its files were stored).
    if (context.submissionLimiter) context.submissionLimiter->refund(client);
    if (context.failedAttempts) context.failedAttempts->tryAcquire(client, now);
    PublicFormState state{std::move(form), std::move(outcome.errors), std::move(outcome.keptFiles), ""};
    const PublicCsrf csrf{state.values.value("csrf"), false};
    return formPage(context, 400, state, csrf, language);
  }
  // A repeated form (a double tap, or Back and send again) lands on the first
  // request's receipt, which says that nothing new was sent.
  return WebResponse::redirect(statusPath(outcome.request.code) + "/tanda-terima" +
                               (outcome.repeated ? "?sudah=1" : ""));
}

// ---- lookup by typed code ----

// Tracking codes are the only key to a request: an address that looked up
// too many unknown ones looks up none for a while (a real code's answer
// would tell which codes exist). Codes found never count, so a requester
// opening their own request again and again is never refused.
bool codeLookupsBlocked(WebContext& context, const WebRequest& request) {
  return context.codeMisses && context.codeMisses->exhausted(request.clientKey, context.clock->now());
}

void countCodeMiss(WebContext& context, const WebRequest& request) {
  if (context.codeMisses) context.codeMisses->tryAcquire(request.clientKey, context.clock->now());
}

WebResponse tooManyCodeMisses(const std::string& language) {
  WebResponse response = messagePage(429, language, "lookup.too_many_title", "lookup.too_many");
  response.setHeader("Retry-After", "3600");
  return response;
}

WebResponse lookupPage(int status, const std::string& typed, const std::string& errorId, const std::string& language) {
  TemplateData data;
  data.set("kode", typed);
  if (!errorId.empty()) data.set("error", tr(language, errorId));
  return page(status, "permohonan_cek", tr(language, "lookup.title"), data, language);
}

WebResponse lookup(WebContext& context, const WebRequest& request, const std::string& language) {
  const std::string typed = request.queryValue("kode");
  if (typed.empty())
    return lookupPage(request.query.count("kode") ? 400 : 200, typed, request.query.count("kode") ? "required" : "",
                      language);
  const std::string code = workflow::normaliseTrackingCode(typed);
  if (code.empty()) return lookupPage(400, typed, "invalid_code", language);
  if (codeLookupsBlocked(context, request)) return tooManyCodeMisses(language);
  if (!context.store.requests().findRequestByCode(code)) {
    countCodeMiss(context, request);
    return lookupPage(404, typed, "unknown_code", language);
  }
  return WebResponse::redirect(statusPath(code));
}

// ---- receipt and status ----

TemplateData activityData(WebContext& context, const sql::RequestRow& row, const std::string& language) {
  const std::string& zone = context.requests.config().timezone;
  TemplateData data;
  data.set("code", row.code);
  data.set("event_name", row.eventName);
  data.set("when", workflow::formatSpan(row.start, row.end, zone, language));
  data.set("venue", row.venue);
  data.set("institution", row.institution);
  data.set("subject", row.subject);
  data.set("status_path", statusPath(row.code));
  data.set("status_url", context.publicUrl + statusPath(row.code));
  data.set("state_code", row.state);
  data.set("state_label", tr(language, "state." + row.state));
  data.set("office_name", context.requests.config().officeName);
  std::string leaders;
  for (const auto& name : row.leadersAsked) {
    auto user = context.store.findUser(name);
    if (!leaders.empty()) leaders += ", ";
    leaders += user && !user->displayName.empty() ? user->displayName : name;
  }
  data.set("leaders", leaders);
  return data;
}

// A wa.me link without a number: WhatsApp asks whom to send the code to
// (a colleague, the requester's own chat), and it is a plain link.
std::string whatsappShareLink(WebContext& context, const sql::RequestRow& row, const std::string& language) {
  const std::string text =
      filled(tr(language, "receipt.share_text"), {{"office", context.requests.config().officeName},
                                                  {"code", row.code},
                                                  {"event", row.eventName},
                                                  {"url", context.publicUrl + statusPath(row.code)}});
  return "https://wa.me/?text=" + base::percentEncoded(text);
}

WebResponse receipt(WebContext& context, const WebRequest& request, const sql::RequestRow& row,
                    const std::string& language) {
  TemplateData data = activityData(context, row, language);
  data.set("already_sent", request.queryValue("sudah") == "1");
  data.set("whatsapp_share", whatsappShareLink(context, row, language));
  if (!row.email.empty()) data.set("email", maskedEmail(row.email));
  return page(200, "permohonan_tanda_terima", tr(language, "receipt.title"), data, language);
}

// What a requester may read of the audit trail: the steps of their request
// and the notes written for them, never staff-internal entries or names.
struct PublicStep {
  std::string_view action;
  std::string_view labelId;
  bool noteIsPublic;
};
constexpr PublicStep kPublicSteps[] = {
    {"submit", "history.submit", false},
    {"resubmit", "history.resubmit", true},
    {"withdraw", "history.withdraw", true},
    {"verify", "history.verify", false},
    {"return", "history.return", true},
    {"approve", "history.approve", true},
    {"represent", "history.represent", true},
    {"reject", "history.reject", true},
    {"cancel", "history.cancel", true},
    {"reschedule", "history.reschedule", true},
    {"held", "history.held", false},
    {"not-held", "history.not_held", false},
    {"calendar-edit", "history.calendar_edit", false},
    {"calendar-delete", "history.cancel", false},
    {"calendar-cancel", "history.cancel", false},
};

TemplateData historyData(WebContext& context, const sql::RequestRow& row, const std::string& language) {
  TemplateData list(TemplateData::type::list);
  for (const auto& audit : context.store.requests().auditOf(row.id)) {
    const PublicStep* step = nullptr;
    for (const auto& candidate : kPublicSteps) {
      if (candidate.action == audit.action) step = &candidate;
    }
    if (!step) continue;
    TemplateData item;
    item.set("when", workflow::formatDateTime(audit.at, context.requests.config().timezone, language));
    const bool corrected = audit.action == "resubmit" && workflow::decodeAuditNote(audit.action, audit.note);
    item.set("label", tr(language, corrected ? "history.corrected" : step->labelId));
    // Notes the workflow stored as codes (fields asked and corrected) in words, never as stored.
    const std::string note = auditNoteText(language, audit, context.requests.config().timezone);
    if (step->noteIsPublic && !note.empty()) item.set("note", note);
    list.push_back(item);
  }
  return list;
}

struct StatusForms {
  std::string revisionNote, withdrawalNote;
  std::map<std::string, std::string> corrections;  // as posted, for a revision sent back
  workflow::FieldErrors revisionErrors, withdrawalErrors;
  std::string problem;  // a message id shown at the top (409 and such)
};

WebResponse statusPage(WebContext& context, const WebRequest& request, const sql::RequestRow& row, int status,
                       const StatusForms& forms, const std::string& language) {
  TemplateData data = activityData(context, row, language);
  const auto state = workflow::parseState(row.state);
  const bool decided = state && (*state == RequestState::Approved || *state == RequestState::Represented ||
                                 *state == RequestState::Rejected || *state == RequestState::Cancelled ||
                                 *state == RequestState::Returned);
  if (decided && !row.decisionNote.empty()) data.set("decision_note", row.decisionNote);
  if (state && *state == RequestState::Represented) {
    const std::string who = workflow::representativeText(row, [&](const std::string& name) {
      auto user = context.store.findUser(name);
      return user ? user->displayName : std::string();
    });
    if (!who.empty()) data.set("representative", who);
  }
  data.set("history", historyData(context, row, language));

  const PublicCsrf csrf = publicCsrfFor(context.store.sessions(), request, context.clock->now());
  data.set("csrf", csrf.token);
  if (state && nextState(*state, workflow::Action::Resubmit)) {
    TemplateData revision;
    revision.set("note", forms.revisionNote);
    // Fields staff asked about are corrected here; the letter is then optional.
    const auto asked = workflow::fieldsAskedToCorrect(context.store.requests().auditOf(row.id));
    if (!asked.empty()) {
      revision.set("has_corrections", true);
      revision.set("corrections", correctionInputs(row, asked, forms.corrections, forms.revisionErrors,
                                                   context.requests.config().timezone, language));
    }
    revision.set("letter_required", asked.empty());
    for (const auto& [field, message] : forms.revisionErrors) revision.set("error_" + field, tr(language, message));
    data.set("revision", revision);
  }
  if (state && nextState(*state, workflow::Action::Withdraw)) {
    TemplateData withdrawal;
    withdrawal.set("note", forms.withdrawalNote);
    for (const auto& [field, message] : forms.withdrawalErrors) withdrawal.set("error_" + field, tr(language, message));
    data.set("withdrawal", withdrawal);
  }
  static const std::set<std::string> kNotices = {"revisi_terkirim", "ditarik"};
  if (const std::string notice = request.queryValue("pesan"); kNotices.count(notice)) {
    data.set("notice", tr(language, "status.notice." + notice));
  }
  if (!forms.problem.empty()) data.set("problem", tr(language, forms.problem));

  WebResponse response = page(status, "permohonan_status", tr(language, "status.title"), data, language);
  applyPublicCsrf(csrf, response, context.secureCookies);
  return response;
}

// The answer to a refused revision or withdrawal.
WebResponse refused(WebContext& context, const WebRequest& request, const std::string& code, const Outcome& outcome,
                    StatusForms forms, const std::string& language) {
  auto row = context.store.requests().findRequestByCode(code);
  if (!row || outcome.status == Outcome::Status::NotFound) {
    return messagePage(404, language, "error.not_found_title", "status.unknown");
  }
  int status = 400;
  switch (outcome.status) {
    case Outcome::Status::NotAllowed:
      status = 409;
      forms.problem = "status.not_allowed";
      break;
    case Outcome::Status::Conflict:
      status = 409;
      forms.problem = "status.changed_meanwhile";
      break;
    case Outcome::Status::Forbidden:
      status = 403;
      forms.problem = "error.forbidden";
      break;
    default:
      break;
  }
  return statusPage(context, request, *row, status, forms, language);
}

WebResponse revise(WebContext& context, const WebRequest& request, const std::string& code,
                   const std::string& language) {
  FormData form;
  if (parseForm(request, form, std::max<std::size_t>(request.body.size(), 1)) != FormError::None) {
    return messagePage(400, language, "error.bad_form_title", "error.bad_form");
  }
  if (!publicCsrfValid(context.store.sessions(), request, form, context.clock->now())) {
    return messagePage(403, language, "error.csrf_title", "error.csrf");
  }
  workflow::UploadedFile letter{"surat", "", ""};
  for (const auto& file : form.files) {
    if (file.field == "surat") letter = {"surat", file.fileName, file.bytes};
  }
  // A logged-in user acting with the code is named in the history, not taken for the requester.
  const workflow::FieldCorrections corrections = correctionsFrom(form);
  const Outcome outcome =
      context.requests.resubmit(code, letter, form.value("catatan"), currentUser(context, request), corrections);
  if (outcome.ok()) return WebResponse::redirect(statusPath(code) + "?pesan=revisi_terkirim");
  StatusForms forms;
  forms.revisionNote = form.value("catatan");
  forms.corrections = corrections;
  for (const auto& [field, message] : outcome.errors)
    if (message == "field_not_asked") forms.problem = message;  // a field no input offers: said at the top
  forms.revisionErrors = outcome.errors;
  return refused(context, request, code, outcome, forms, language);
}

WebResponse withdraw(WebContext& context, const WebRequest& request, const std::string& code,
                     const std::string& language) {
  FormData form;
  if (parseForm(request, form, 0) != FormError::None) {
    return messagePage(400, language, "error.bad_form_title", "error.bad_form");
  }
  if (!publicCsrfValid(context.store.sessions(), request, form, context.clock->now())) {
    return messagePage(403, language, "error.csrf_title", "error.csrf");
  }
  // The first post asks (without script too); only the confirmed one withdraws.
  if (form.value("yakin") != "ya") {
    auto row = context.store.requests().findRequestByCode(code);
    const auto state = row ? workflow::parseState(row->state) : std::nullopt;
    if (row && state && nextState(*state, workflow::Action::Withdraw)) {
      TemplateData data = activityData(context, *row, language);
      data.set("csrf", form.value("csrf"));
      data.set("note", form.value("catatan"));
      return page(200, "permohonan_tarik", tr(language, "withdraw.confirm_title"), data, language);
    }
  }
  const Outcome outcome = context.requests.withdraw(code, form.value("catatan"), currentUser(context, request));
  if (outcome.ok()) return WebResponse::redirect(statusPath(code) + "?pesan=ditarik");
  StatusForms forms;
  forms.withdrawalNote = form.value("catatan");
  forms.withdrawalErrors = outcome.errors;
  return refused(context, request, code, outcome, forms, language);
}

// /permohonan/<code>[/<what>]
WebResponse requestPages(WebContext& context, const WebRequest& request, const std::vector<std::string>& segments,
                         const std::string& language) {
  const std::string code = workflow::normaliseTrackingCode(segments[0]);
  const std::string what = segments.size() > 1 ? segments[1] : "";
  if (code.empty() || segments.size() > 2 ||
      (!what.empty() && what != "tanda-terima" && what != "revisi" && what != "tarik")) {
    return messagePage(404, language, "error.not_found_title", code.empty() ? "status.unknown" : "error.not_found");
  }
  const bool isPost = what == "revisi" || what == "tarik";
  if (isPost && request.method != "POST") return methodNotAllowed(language, "POST");
  if (!isPost && request.method != "GET") return methodNotAllowed(language, "GET, HEAD");
  if (!isPost && code != segments[0]) {
    // A code typed by hand in the address: show it under its one spelling.
    return WebResponse::redirect(statusPath(code) + (what.empty() ? "" : "/" + what), 301);
  }

  if (codeLookupsBlocked(context, request)) return tooManyCodeMisses(language);
  auto row = context.store.requests().findRequestByCode(code);
  if (!row) {
    countCodeMiss(context, request);
    return messagePage(404, language, "error.not_found_title", "status.unknown");
  }
  if (what == "revisi") return revise(context, request, code, language);
  if (what == "tarik") return withdraw(context, request, code, language);
  if (what == "tanda-terima") return receipt(context, request, *row, language);
  return statusPage(context, request, *row, 200, StatusForms{}, language);
}

}  // namespace

std::optional<WebResponse> publicPages(WebContext& context, const WebRequest& request) {
  if (request.path != "/permohonan" && !request.path.starts_with("/permohonan/")) return std::nullopt;
  const std::string language = languageOf(request);
  const auto segments = pathSegmentsAfter(request.path, "/permohonan");
  if (segments.empty()) {
    if (request.method == "GET") return showForm(context, request, language);
    if (request.method == "POST") return submitForm(context, request, language);
    return methodNotAllowed(language, "GET, HEAD, POST");
  }
  if (segments.size() == 1 && segments[0] == "cek") {
    if (request.method != "GET") return methodNotAllowed(language, "GET, HEAD");
    return lookup(context, request, language);
  }
  return requestPages(context, request, segments, language);
}

}  // namespace jadwal::web

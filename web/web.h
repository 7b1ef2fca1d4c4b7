#pragma once
// The web application (pages for requesters, staff and leaders):
// request and response values, the shared context, and the pieces every
// page module uses. Pages are plain functions from a WebRequest to a
// WebResponse, so tests can drive them without sockets.
//
// Modules (one file each):
//   web_handler.cpp    routes /permohonan, /staf, /lampiran, /static to the modules below
//   form_data.cpp      urlencoded and multipart bodies (parseForm)
//   templates.cpp      the embedded mustache templates and the page layout (renderPage)
//   i18n.cpp           message catalog, Indonesian first, English second (tr)
//   web_session.cpp    staff login sessions and CSRF tokens (currentUser, ...)
//   public_pages.cpp   the request form, receipt and status pages
//   staff_pages.cpp    login, inbox, request page, decisions, dispositions
//   attachments.cpp    /lampiran/<id>/<name>: letters for those allowed to see them
//   staff_agenda.cpp   /staf/agenda and its text and PDF; public_agenda*.cpp: /agenda and its data
//   staff_account.cpp  /staf/akun: the user's own account and read-only feeds (feeds.h)
//   feed_ics.cpp       /ics/<token>.ics: a feed, for Outlook, Google Calendar and phones (feeds.h)

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "caldav/dav.h"
#include "sql/store.h"
#include "web/password_check.h"
#include "web/password_hasher.h"
#include "workflow/agenda_config.h"

namespace kainjow::mustache {
template <typename StringType>
class basic_data;
}

namespace jadwal::workflow {
class RequestService;
class RateLimiter;
}  // namespace jadwal::workflow

namespace jadwal::web {

using workflow::RateLimiter;

struct WebRequest {
  std::string method;                             // upper case
  std::string path;                               // percent-decoded, without the query
  std::multimap<std::string, std::string> query;  // decoded
  std::map<std::string, std::string, caldav::CaseInsensitiveLess> headers;
  std::string body;
  std::string remoteAddress;  // the client's IP (X-Forwarded-For's first hop from a trusted proxy, else the peer)
  std::string clientKey;      // what per-client bounds count by (client_key.h): an IPv6 client's whole prefix

  std::string header(std::string_view name) const;
  std::string queryValue(std::string_view name) const;  // first value or ""
  std::string cookie(std::string_view name) const;      // "" when absent
};

struct WebResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string contentType = "text/html; charset=utf-8";

  void setHeader(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
  // Set-Cookie with HttpOnly, SameSite=Lax, Path=/, and Secure when `secure`.
  void setCookie(const std::string& name, const std::string& value, bool secure, int maxAgeSeconds = -1);
  static WebResponse redirect(const std::string& location, int status = 303);
};

// A parsed form body: fields (several values per name allowed) and files.
struct FormFile {
  std::string field;
  std::string fileName;
  std::string bytes;
};
struct FormData {
  std::multimap<std::string, std::string> fields;
  std::vector<FormFile> files;
  std::string value(std::string_view name) const;  // first value or ""
  std::vector<std::string> values(std::string_view name) const;
};
enum class FormError { None, NotAForm, TooLarge, Malformed };
// application/x-www-form-urlencoded or multipart/form-data. `maxFileBytes`
// bounds each file (TooLarge when exceeded); the body size is bounded by the
// HTTP layer already.
FormError parseForm(const WebRequest& request, FormData& out, std::size_t maxFileBytes);

// Shared by every page module; each part is thread-safe.
struct WebContext {
  sql::Store& store;
  workflow::RequestService& requests;
  PasswordCheck& authenticator;  // the server's password check (password_check.h)
  std::string publicUrl;         // no trailing slash
  bool secureCookies = false;    // public_url is https
  std::size_t maxFileBytes = 10 * 1024 * 1024;
  RateLimiter* submissionLimiter = nullptr;  // public form submissions per client address; null: no limit
  // Forms sent back with errors per client address: past the limit the
  // address may not submit for a while (wrong logins are counted by the
  // Authenticator). null: no limit.
  RateLimiter* failedAttempts = nullptr;
  // Unknown tracking codes looked up per client address: past the limit the
  // address may look up no code for a while. null: no limit.
  RateLimiter* codeMisses = nullptr;
  // Expanding recurring events for the conflict check on the request page:
  // the bounds of one expansion ([caldav] max_instances, max_expansion_steps)
  // and of the page, as of one CalDAV report ([caldav] max_answer_steps).
  caldav::TimeContext time = {};
  std::size_t maxAnswerSteps = caldav::AnswerLimits{}.maxSteps;
  // The largest answer built whole in memory from many objects (a feed), as
  // of one CalDAV report ([caldav] max_answer_bytes).
  std::size_t maxAnswerBytes = caldav::AnswerLimits{}.maxBytes;
  // "Now" for sessions, CSRF tokens and limits (tests set it).
  const base::Clock* clock = &base::systemClock();
  // How the leaders' agenda is published ([agenda]): the agenda pages, and the
  // feeds' window and how many feeds a user may hold.
  workflow::AgendaConfig agenda = {};
  // Sets passwords from the browser (user administration); null: the pages
  // that set one answer 503.
  PasswordHasher* passwordHasher = nullptr;
};

// --- language (i18n.cpp) ---
// "en" when the request asks for English (?lang=en, a "lang" cookie, or
// Accept-Language preferring en over id); else "id".
std::string languageOf(const WebRequest& request);
// The message `id` in `language`, falling back to Indonesian, then to the id.
std::string tr(std::string_view language, std::string_view id);

// --- templates (templates.cpp) ---
using TemplateData = kainjow::mustache::basic_data<std::string>;
// Renders templates/<name>.html with `data` inside the page layout (title,
// language switch, stylesheet). Throws std::runtime_error for an unknown name.
std::string renderPage(std::string_view name, const std::string& title, const TemplateData& data,
                       const std::string& language);

// --- staff sessions (web_session.cpp) ---
// The logged-in user behind the session cookie, if the session is valid and
// the user still exists and is enabled.
std::optional<caldav::Principal> currentUser(WebContext& context, const WebRequest& request);
// The CSRF token of the request's session ("" without a session).
std::string csrfTokenOf(WebContext& context, const WebRequest& request);
// Whether the form's "csrf" field matches the session's token.
bool csrfValid(WebContext& context, const WebRequest& request, const FormData& form);

// --- page modules: each answers the paths it owns, nullopt for others ---
std::optional<WebResponse> publicPages(WebContext& context, const WebRequest& request);
std::optional<WebResponse> staffPages(WebContext& context, const WebRequest& request);
std::optional<WebResponse> attachmentPages(WebContext& context, const WebRequest& request);
std::optional<WebResponse> staticFiles(WebContext& context, const WebRequest& request);
// /staf/agenda(.txt|.pdf): the day's agenda for those who read the leaders' calendars
std::optional<WebResponse> staffAgendaPages(WebContext& context, const WebRequest& request);
// /staf/rekap, .csv and .json: the work report (staff_recap.cpp); the files also take Basic auth.
std::optional<WebResponse> staffRecapPages(WebContext& context, const WebRequest& request);
// /staf/rekap.xlsx: the work report as an Excel workbook (staff_recap_xlsx.cpp), with the CSV's access.
std::optional<WebResponse> staffRecapWorkbook(WebContext& context, const WebRequest& request);
// /agenda(.json|.ics): the published agenda, the same for everyone
std::optional<WebResponse> publicAgendaPages(WebContext& context, const WebRequest& request);

// Sends a logged-in user who must choose a new password (sql/user_admin_store.h)
// to /staf/sandi-baru from every other staff page (staff_password.cpp).
std::optional<WebResponse> passwordChangeGate(WebContext& context, const WebRequest& request);

// The web handler: tries the modules in turn; 404 page when none answers.
WebResponse handleWeb(WebContext& context, const WebRequest& request);

}  // namespace jadwal::web

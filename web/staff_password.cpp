// /staf/sandi-baru: a user whose password an admin reset (a one-time
// password) chooses their own before anything else; passwordChangeGate
// sends every other staff page there until they have.

#include <algorithm>
#include <string>

#include "base/utf8.h"
#include "web/staff_admin.h"
#include "web/web_session_internal.h"

namespace jadwal::web {

namespace mustache = kainjow::mustache;

namespace {

constexpr std::size_t kMinPasswordLength = 8;  // as the command line's
constexpr std::size_t kMaxPasswordLength = 128;
constexpr const char* kPasswordPage = "/staf/sandi-baru";

std::size_t characters(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); i += std::max<std::size_t>(1, base::utf8SequenceLength(text, i))) ++count;
  return count;
}

WebResponse formPage(staff::StaffRequest& staff, int status, const std::string& errorId) {
  mustache::data data = staff::baseData(staff);
  staff::setOptional(data, "galat", errorId.empty() ? "" : tr(staff.language, errorId));
  data.set("minSandi", std::to_string(kMinPasswordLength));
  data.set("maxSandi", std::to_string(kMaxPasswordLength));
  WebResponse response;
  response.status = status;
  response.body = renderPage("staf_sandi_baru", tr(staff.language, "admin_new_password_title"), data, staff.language);
  response.setHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace

std::optional<WebResponse> passwordChangeGate(WebContext& context, const WebRequest& request) {
  const std::string& path = request.path;
  if (path != "/staf" && !path.starts_with("/staf/")) return std::nullopt;
  if (path == "/staf/masuk" || path == "/staf/keluar" || path == kPasswordPage) return std::nullopt;
  if (request.cookie(kSessionCookie).empty()) return std::nullopt;  // Basic auth, or not logged in
  const auto session = sessionOf(context, request, context.clock->now());
  if (!session || !context.store.userAdmin().mustChangePassword(session->userId)) return std::nullopt;
  return WebResponse::redirect(kPasswordPage);
}

namespace staff {

WebResponse newPasswordPage(StaffRequest& staff) {
  auto& store = staff.web.store.userAdmin();
  if (!store.mustChangePassword(staff.user.id)) return WebResponse::redirect("/staf");
  if (staff.request.method == "GET" || staff.request.method == "HEAD") return formPage(staff, 200, "");
  if (staff.request.method != "POST") {
    WebResponse response =
        messagePage(staff.language, 405, tr(staff.language, "error.method"), kPasswordPage, "admin_back");
    response.setHeader("Allow", "GET, HEAD, POST");
    return response;
  }
  FormData form;
  if (parseForm(staff.request, form, admin::kAdminFormLimit) != FormError::None)
    return formPage(staff, 400, "staf_bad_form");
  if (!csrfValid(staff.web, staff.request, form)) return formPage(staff, 403, "staf_csrf");
  const std::string password = form.value("sandi");
  const std::size_t length = characters(password);
  if (length < kMinPasswordLength) return formPage(staff, 400, "admin_password_short");
  if (length > kMaxPasswordLength) return formPage(staff, 400, "admin_password_long");
  if (password != form.value("ulangi")) return formPage(staff, 400, "admin_password_mismatch");
  if (!staff.web.passwordHasher) return formPage(staff, 503, "admin_no_hasher");
  const auto hash = staff.web.passwordHasher->hash(password);
  if (!hash) return formPage(staff, 503, "admin_no_hasher");
  sql::UserChange change;
  change.passwordHash = *hash;
  change.mustChangePassword = false;
  sql::UserAuditRow audit{0, staff.web.clock->now(), staff.user.name, "password_chosen", staff.user.name, ""};
  if (store.changeUser(staff.user.id, change, audit) != sql::UserChangeStatus::Done)
    return formPage(staff, 404, "admin_user_not_found");
  return WebResponse::redirect("/staf?pesan=sandi");
}

}  // namespace staff

}  // namespace jadwal::web

// /staf/admin: the user list with the create form and the latest changes,
// the audit list, and the helpers the other staff_admin_*.cpp share.

#include "web/staff_admin.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>

#include "base/utf8.h"
#include "workflow/request_service.h"
#include "workflow/wib_format.h"

namespace jadwal::web::staff::admin {

namespace mustache = kainjow::mustache;

namespace {

constexpr std::array kRoles = {sql::Role::Leader, sql::Role::Aide, sql::Role::ProtocolStaff, sql::Role::Viewer,
                               sql::Role::Admin};

std::int64_t pageOf(const WebRequest& request) {
  const std::string text = request.queryValue("halaman");
  std::int64_t page = 1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), page);
  if (error != std::errc() || end != text.data() + text.size() || page < 1) return 1;
  return std::min<std::int64_t>(page, 1000000);
}

void setPaging(mustache::data& data, std::int64_t page, std::int64_t count, std::int64_t perPage,
               const std::string& base) {
  const std::int64_t pages = std::max<std::int64_t>(1, (count + perPage - 1) / perPage);
  data.set("paged", pages > 1);
  data.set("page", std::to_string(page));
  data.set("pageCount", std::to_string(pages));
  setOptional(data, "prev", page > 1 ? base + "?halaman=" + std::to_string(page - 1) : "");
  setOptional(data, "next", page < pages ? base + "?halaman=" + std::to_string(page + 1) : "");
}

mustache::data roleChoices(const std::string& language, std::string_view chosen) {
  mustache::data list{mustache::data::type::list};
  for (const sql::Role role : kRoles) {
    mustache::data item;
    item.set("value", std::string(sql::roleName(role)));
    item.set("label", roleLabel(language, role));
    item.set("selected", sql::roleName(role) == chosen);
    list << item;
  }
  return list;
}

// GET /staf/admin (and the list re-shown after a refused create).
WebResponse listPage(StaffRequest& staff, int status = 200, const Errors& errors = {},
                     const std::map<std::string, std::string>& values = {}) {
  auto& store = staff.web.store.userAdmin();
  const std::int64_t page = pageOf(staff.request);
  const std::int64_t count = store.userCount();
  mustache::data data = baseData(staff);
  mustache::data users{mustache::data::type::list};
  for (const auto& listing : store.usersPage((page - 1) * kUsersPerPage, kUsersPerPage)) {
    mustache::data item;
    item.set("nama", listing.user.name);
    item.set("tautan", "/staf/admin/pengguna/" + listing.user.name);
    item.set("namaTampilan", listing.user.displayName);
    item.set("peran", roleLabel(staff.language, listing.user.role));
    item.set("nonaktif", listing.user.disabled);
    item.set("wajibGanti", listing.mustChangePassword);
    item.set("masukTerakhir", whenText(staff, listing.lastLoginAt));
    users << item;
  }
  data.set("users", users);
  data.set("userCount", std::to_string(count));
  setPaging(data, page, count, kUsersPerPage, "/staf/admin");

  const auto value = [&](const std::string& key) {
    const auto found = values.find(key);
    return found == values.end() ? std::string() : found->second;
  };
  data.set("nama", value("nama"));
  data.set("nama_tampilan", value("nama_tampilan"));
  data.set("roles", roleChoices(staff.language, value("peran")));
  data.set("maxName", std::to_string(kMaxNameLength));
  data.set("maxDisplay", std::to_string(kMaxDisplayNameLength));
  mustache::data errorList{mustache::data::type::list};
  for (const auto& [field, id] : errors) {
    mustache::data item;
    item.set("field", field);
    item.set("message", tr(staff.language, id));
    errorList << item;
    data.set("salah_" + field, tr(staff.language, id));
  }
  data.set("errors", errorList);
  data.set("has_errors", !errors.empty());

  mustache::data audit{mustache::data::type::list};
  for (const auto& row : store.auditPage(0, kAuditOnList)) audit << auditItem(staff, row);
  data.set("audit", audit);
  data.set("has_audit", store.auditCount() > 0);

  WebResponse response;
  response.status = status;
  response.body = renderPage("staf_admin", tr(staff.language, "admin_title"), data, staff.language);
  return response;
}

// POST /staf/admin/pengguna: a new user with a one-time password.
WebResponse createUser(StaffRequest& staff, const FormData& form) {
  std::map<std::string, std::string> values{
      {"nama", form.value("nama")}, {"nama_tampilan", form.value("nama_tampilan")}, {"peran", form.value("peran")}};
  Errors errors;
  const std::string& name = values["nama"];
  if (name.empty()) {
    errors["nama"] = "admin_name_required";
  } else if (name.size() > kMaxNameLength) {
    errors["nama"] = "admin_name_too_long";
  } else if (!validUserName(name)) {
    errors["nama"] = "admin_name_invalid";
  } else if (staff.web.store.findUser(name)) {
    errors["nama"] = "admin_name_taken";
  }
  if (const std::string error = displayNameError(values["nama_tampilan"]); !error.empty())
    errors["nama_tampilan"] = error;
  const auto role = sql::parseRole(values["peran"]);
  if (!role) errors["peran"] = "admin_role_invalid";
  if (!errors.empty()) return listPage(staff, 400, errors, values);
  if (!staff.web.passwordHasher) return refusal(staff, 503, "admin_no_hasher", "/staf/admin");

  const std::string password = oneTimePassword();
  const auto hash = staff.web.passwordHasher->hash(password);
  if (!hash) return refusal(staff, 503, "admin_no_hasher", "/staf/admin");
  sql::User user;
  user.name = name;
  user.role = *role;
  user.displayName = values["nama_tampilan"];
  user.passwordHash = *hash;
  auto made = staff.web.store.userAdmin().createUser(
      user, true, auditRow(staff, "create", name, std::string(sql::roleName(*role))));
  if (!made.ok()) {  // taken meanwhile
    errors["nama"] = "admin_name_taken";
    return listPage(staff, 400, errors, values);
  }
  if (*role == sql::Role::Leader) {
    // As the command line does: a leader's agenda exists from the start.
    sql::Calendar agenda;
    agenda.ownerId = made.value().id;
    agenda.slug = "agenda";
    agenda.displayName = "Agenda " + user.displayName;
    if (staff.web.store.createCalendar(agenda).ok()) {
      staff.web.store.userAdmin().addAudit(auditRow(staff, "calendar_add", name, name + "/agenda"));
    }
  }
  const auto listing = staff.web.store.userAdmin().listing(made.value().id);
  if (!listing) return refusal(staff, 404, "admin_user_not_found", "/staf/admin");
  UserPageExtras extras;
  extras.oneTimePassword = password;
  extras.notice = "admin_created";
  return userPage(staff, *listing, extras);
}

// GET /staf/admin/audit: every change, latest first, a page at a time.
WebResponse auditPage(StaffRequest& staff) {
  auto& store = staff.web.store.userAdmin();
  const std::int64_t page = pageOf(staff.request);
  const std::int64_t count = store.auditCount();
  mustache::data data = baseData(staff);
  mustache::data audit{mustache::data::type::list};
  for (const auto& row : store.auditPage((page - 1) * kAuditPerPage, kAuditPerPage)) audit << auditItem(staff, row);
  data.set("audit", audit);
  data.set("has_audit", count > 0);
  setPaging(data, page, count, kAuditPerPage, "/staf/admin/audit");
  WebResponse response;
  response.body = renderPage("staf_admin_audit", tr(staff.language, "admin_audit_title"), data, staff.language);
  return response;
}

WebResponse methodNotAllowed(const StaffRequest& staff, const char* allow) {
  WebResponse response =
      messagePage(staff.language, 405, tr(staff.language, "error.method"), "/staf/admin", "admin_back_to_list");
  response.setHeader("Allow", allow);
  return response;
}

bool isRead(const StaffRequest& staff) { return staff.request.method == "GET" || staff.request.method == "HEAD"; }

}  // namespace

bool validUserName(std::string_view name) {
  if (name.size() < kMinNameLength || name.size() > kMaxNameLength) return false;
  const auto lowerOrDigit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!lowerOrDigit(name.front())) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return lowerOrDigit(c) || c == '.' || c == '_' || c == '-'; });
}

std::string displayNameError(std::string_view name) {
  if (name.find_first_not_of(" \t") == std::string_view::npos) return "admin_display_required";
  if (!base::isValidUtf8(name)) return "admin_display_invalid";
  std::size_t characters = 0;
  for (std::size_t i = 0; i < name.size(); i += std::max<std::size_t>(1, base::utf8SequenceLength(name, i))) {
    if (static_cast<unsigned char>(name[i]) < 0x20 || name[i] == 0x7f) return "admin_display_invalid";
    ++characters;
  }
  return characters > kMaxDisplayNameLength ? "admin_display_too_long" : "";
}

std::string oneTimePassword() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium did not start");
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string password;
  for (std::size_t i = 0; i < kOneTimePasswordLength; ++i) {
    password += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
  }
  return password;
}

sql::UserAuditRow auditRow(const StaffRequest& staff, std::string action, std::string target, std::string detail) {
  return {0, staff.web.clock->now(), staff.user.name, std::move(action), std::move(target), std::move(detail)};
}

std::string roleLabel(const std::string& language, sql::Role role) {
  return tr(language, "admin_role_" + std::string(sql::roleName(role)));
}

std::string whenText(const StaffRequest& staff, sql::Instant at) {
  if (at <= 0) return tr(staff.language, "admin_never");
  return workflow::formatDateTime(at, staff.web.requests.config().timezone, staff.language);
}

mustache::data auditItem(const StaffRequest& staff, const sql::UserAuditRow& row) {
  mustache::data item;
  item.set("when", whenText(staff, row.at));
  item.set("actor", row.actor == sql::kCommandLineActor ? tr(staff.language, "admin_actor_cli") : row.actor);
  const std::string id = "admin_action_" + row.action;
  const std::string label = tr(staff.language, id);
  item.set("action", label == id ? row.action : label);
  item.set("target", row.target);
  item.set("targetLink", "/staf/admin/pengguna/" + row.target);
  std::string detail = row.detail;
  if (const auto role = sql::parseRole(detail)) detail = roleLabel(staff.language, *role);
  setOptional(item, "detail", detail);
  return item;
}

WebResponse refusal(const StaffRequest& staff, int status, const std::string& messageId, const std::string& back) {
  return messagePage(staff.language, status, tr(staff.language, messageId), back,
                     back == "/staf" ? "staf_back_to_inbox" : "admin_back");
}

}  // namespace jadwal::web::staff::admin

namespace jadwal::web::staff {

std::optional<WebResponse> adminPages(StaffRequest& staff) {
  using namespace admin;
  const std::string& path = staff.request.path;
  if (path != "/staf/admin" && !path.starts_with("/staf/admin/")) return std::nullopt;
  if (staff.user.role != sql::Role::Admin) return refusal(staff, 403, "admin_forbidden", "/staf");
  WebResponse response;
  if (path == "/staf/admin" || path == "/staf/admin/") {
    response = isRead(staff) ? listPage(staff) : methodNotAllowed(staff, "GET, HEAD");
  } else if (path == "/staf/admin/audit") {
    response = isRead(staff) ? auditPage(staff) : methodNotAllowed(staff, "GET, HEAD");
  } else if (path == "/staf/admin/pengguna") {
    if (staff.request.method != "POST") return methodNotAllowed(staff, "POST");
    FormData form;
    if (parseForm(staff.request, form, kAdminFormLimit) != FormError::None)
      return refusal(staff, 400, "staf_bad_form", "/staf/admin");
    if (!csrfValid(staff.web, staff.request, form)) return refusal(staff, 403, "staf_csrf", "/staf/admin");
    response = createUser(staff, form);
  } else if (path.starts_with("/staf/admin/pengguna/")) {
    response = userPages(staff, std::string_view(path).substr(std::string_view("/staf/admin/pengguna/").size()));
  } else {
    return refusal(staff, 404, "admin_user_not_found", "/staf/admin");
  }
  // Pages that may show a one-time password, and lists of who may do what,
  // are kept by no cache.
  response.setHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace jadwal::web::staff

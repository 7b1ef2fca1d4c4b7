// /staf/admin/pengguna/<name>: one user's page, and the actions on the user
// themself: a password reset with a one-time password, disable and enable,
// and a new role or display name. The aide and share actions are in
// staff_admin_access.cpp.

#include <algorithm>
#include <array>
#include <string>

#include "web/staff_admin.h"

namespace jadwal::web::staff::admin {

namespace mustache = kainjow::mustache;

namespace {

constexpr std::array kRoleOrder = {sql::Role::Leader, sql::Role::Aide, sql::Role::ProtocolStaff, sql::Role::Viewer,
                                   sql::Role::Admin};

std::string userLink(const sql::UserListing& user) { return "/staf/admin/pengguna/" + user.user.name; }

// The user as it is now, re-read after a change.
WebResponse afterChange(StaffRequest& staff, std::int64_t userId, UserPageExtras extras) {
  const auto now = staff.web.store.userAdmin().listing(userId);
  if (!now) return refusal(staff, 404, "admin_user_not_found", "/staf/admin");
  return userPage(staff, *now, extras);
}

WebResponse changeRefused(StaffRequest& staff, const sql::UserListing& user, sql::UserChangeStatus status) {
  if (status == sql::UserChangeStatus::LastAdmin) return refusal(staff, 409, "admin_last_admin", userLink(user));
  return refusal(staff, 404, "admin_user_not_found", "/staf/admin");
}

// POST .../sandi: a new one-time password, shown once; the user must
// choose their own at the next login, and their sessions end.
WebResponse resetPassword(StaffRequest& staff, const sql::UserListing& user) {
  if (!staff.web.passwordHasher) return refusal(staff, 503, "admin_no_hasher", userLink(user));
  const std::string password = oneTimePassword();
  const auto hash = staff.web.passwordHasher->hash(password);
  if (!hash) return refusal(staff, 503, "admin_no_hasher", userLink(user));
  sql::UserChange change;
  change.passwordHash = *hash;
  change.mustChangePassword = true;
  change.endSessions = true;
  const auto status =
      staff.web.store.userAdmin().changeUser(user.user.id, change, auditRow(staff, "reset_password", user.user.name));
  if (status != sql::UserChangeStatus::Done) return changeRefused(staff, user, status);
  UserPageExtras extras;
  extras.oneTimePassword = password;
  extras.notice = "admin_password_reset";
  return afterChange(staff, user.user.id, extras);
}

// POST .../nonaktifkan and .../aktifkan. A disabled user's sessions end
// with it; CalDAV re-reads the user on every request and refuses them.
WebResponse setDisabled(StaffRequest& staff, const sql::UserListing& user, bool disabled) {
  sql::UserChange change;
  change.disabled = disabled;
  change.endSessions = disabled;
  const auto status = staff.web.store.userAdmin().changeUser(
      user.user.id, change, auditRow(staff, disabled ? "disable" : "enable", user.user.name));
  if (status != sql::UserChangeStatus::Done) return changeRefused(staff, user, status);
  UserPageExtras extras;
  extras.notice = disabled ? "admin_disabled" : "admin_enabled";
  return afterChange(staff, user.user.id, extras);
}

// POST .../ubah: role and display name.
WebResponse editUser(StaffRequest& staff, const sql::UserListing& user, const FormData& form) {
  UserPageExtras refused;
  refused.status = 400;
  refused.values = {{"peran", form.value("peran")}, {"nama_tampilan", form.value("nama_tampilan")}};
  const auto role = sql::parseRole(form.value("peran"));
  if (!role) refused.errors["peran"] = "admin_role_invalid";
  const std::string displayName = form.value("nama_tampilan");
  if (const std::string error = displayNameError(displayName); !error.empty()) refused.errors["nama_tampilan"] = error;
  if (!refused.errors.empty()) return userPage(staff, user, refused);

  auto& store = staff.web.store.userAdmin();
  if (*role != user.user.role) {
    sql::UserChange change;
    change.role = *role;
    const auto status = store.changeUser(user.user.id, change,
                                         auditRow(staff, "role", user.user.name, std::string(sql::roleName(*role))));
    if (status != sql::UserChangeStatus::Done) return changeRefused(staff, user, status);
  }
  if (displayName != user.user.displayName) {
    sql::UserChange change;
    change.displayName = displayName;
    const auto status =
        store.changeUser(user.user.id, change, auditRow(staff, "display_name", user.user.name, displayName));
    if (status != sql::UserChangeStatus::Done) return changeRefused(staff, user, status);
  }
  UserPageExtras extras;
  extras.notice = "admin_saved";
  return afterChange(staff, user.user.id, extras);
}

}  // namespace

WebResponse userPage(StaffRequest& staff, const sql::UserListing& user, const UserPageExtras& extras) {
  mustache::data data = baseData(staff);
  data.set("nama", user.user.name);
  data.set("tautan", userLink(user));
  data.set("namaTampilan", user.user.displayName);
  data.set("peran", roleLabel(staff.language, user.user.role));
  data.set("nonaktif", user.user.disabled);
  data.set("wajibGanti", user.mustChangePassword);
  data.set("masukTerakhir", whenText(staff, user.lastLoginAt));
  data.set("diriSendiri", user.user.id == staff.user.id);
  setOptional(data, "sandiSekali", extras.oneTimePassword);
  setOptional(data, "pemberitahuan", extras.notice.empty() ? "" : tr(staff.language, extras.notice));

  const auto value = [&](const std::string& key, const std::string& fallback) {
    const auto found = extras.values.find(key);
    return found == extras.values.end() ? fallback : found->second;
  };
  const std::string chosenRole = value("peran", std::string(sql::roleName(user.user.role)));
  mustache::data roles{mustache::data::type::list};
  for (const sql::Role role : kRoleOrder) {
    mustache::data item;
    item.set("value", std::string(sql::roleName(role)));
    item.set("label", roleLabel(staff.language, role));
    item.set("selected", sql::roleName(role) == chosenRole);
    roles << item;
  }
  data.set("roles", roles);
  data.set("nama_tampilan", value("nama_tampilan", user.user.displayName));
  data.set("maxDisplay", std::to_string(kMaxDisplayNameLength));
  mustache::data errorList{mustache::data::type::list};
  for (const auto& [field, id] : extras.errors) {
    mustache::data item;
    item.set("field", field);
    item.set("message", tr(staff.language, id));
    errorList << item;
    data.set("salah_" + field, tr(staff.language, id));
  }
  data.set("errors", errorList);
  data.set("has_errors", !extras.errors.empty());

  addAccessData(staff, user, data);

  mustache::data audit{mustache::data::type::list};
  for (const auto& row : staff.web.store.userAdmin().auditOf(user.user.name, kAuditOnUserPage))
    audit << auditItem(staff, row);
  data.set("audit", audit);

  WebResponse response;
  response.status = extras.status;
  response.body = renderPage("staf_admin_pengguna", tr(staff.language, "admin_user_title") + " " + user.user.name, data,
                             staff.language);
  return response;
}

WebResponse userPages(StaffRequest& staff, std::string_view rest) {
  const auto slash = rest.find('/');
  const std::string name(rest.substr(0, slash));
  const std::string_view action = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  const auto found = validUserName(name) ? staff.web.store.findUser(name) : std::optional<sql::User>();
  const auto user = found ? staff.web.store.userAdmin().listing(found->id) : std::nullopt;
  if (!user) return refusal(staff, 404, "admin_user_not_found", "/staf/admin");
  const std::string back = userLink(*user);

  if (action.empty()) {
    if (staff.request.method != "GET" && staff.request.method != "HEAD") {
      WebResponse response = refusal(staff, 405, "error.method", back);
      response.setHeader("Allow", "GET, HEAD");
      return response;
    }
    return userPage(staff, *user);
  }
  static constexpr std::array kActions = {"sandi",  "nonaktifkan",  "aktifkan", "ubah",
                                          "ajudan", "ajudan/lepas", "bagi",     "bagi/hapus"};
  if (std::find(kActions.begin(), kActions.end(), action) == kActions.end())
    return refusal(staff, 404, "admin_user_not_found", back);
  if (staff.request.method != "POST") {
    WebResponse response = refusal(staff, 405, "error.method", back);
    response.setHeader("Allow", "POST");
    return response;
  }
  FormData form;
  if (parseForm(staff.request, form, kAdminFormLimit) != FormError::None)
    return refusal(staff, 400, "staf_bad_form", back);
  if (!csrfValid(staff.web, staff.request, form)) return refusal(staff, 403, "staf_csrf", back);

  if (action == "sandi") return resetPassword(staff, *user);
  if (action == "nonaktifkan") return setDisabled(staff, *user, true);
  if (action == "aktifkan") return setDisabled(staff, *user, false);
  if (action == "ubah") return editUser(staff, *user, form);
  if (auto answer = accessAction(staff, *user, action, form)) return std::move(*answer);
  return refusal(staff, 404, "admin_user_not_found", back);
}

}  // namespace jadwal::web::staff::admin

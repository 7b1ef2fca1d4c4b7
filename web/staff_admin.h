#pragma once
// User administration at /staf/admin (admins only), shared by its files:
//   staff_admin.cpp         routing, the user list with the create form, the audit list
//   staff_admin_user.cpp    one user's page: password reset, disable and enable, role and name
//   staff_admin_access.cpp  an aide's leaders and the calendars shared with a user
// Every change goes through sql::UserAdminStore with its audit row; every
// POST checks the session's CSRF token.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "sql/user_admin_store.h"
#include "web/staff_views.h"

namespace jadwal::web::staff::admin {

// Bounds on what the forms take and the pages show.
inline constexpr std::size_t kMinNameLength = 2;
inline constexpr std::size_t kMaxNameLength = 64;
inline constexpr std::size_t kMaxDisplayNameLength = 100;  // characters
inline constexpr std::int64_t kUsersPerPage = 50;
inline constexpr std::int64_t kAuditPerPage = 50;
inline constexpr std::int64_t kAuditOnList = 10;         // latest changes on the list page
inline constexpr std::int64_t kAuditOnUserPage = 20;     // latest changes of one user
inline constexpr std::size_t kMaxCalendarChoices = 500;  // calendars offered in the share form
inline constexpr std::size_t kOneTimePasswordLength = 12;
inline constexpr std::size_t kAdminFormLimit = 16 * 1024;  // admin forms carry no files

// Field name -> message id, for a form re-shown with its errors.
using Errors = std::map<std::string, std::string>;

// Login names: [a-z0-9._-], 2 to 64, starting with a letter or digit (as
// the command line's).
bool validUserName(std::string_view name);
// Display names: 1 to kMaxDisplayNameLength characters of valid UTF-8
// without control characters. The message id when refused, else "".
std::string displayNameError(std::string_view name);

// A random password of kOneTimePasswordLength characters from an alphabet
// without look-alikes (libsodium randombytes).
std::string oneTimePassword();

// An audit row by the logged-in admin, now.
sql::UserAuditRow auditRow(const StaffRequest& staff, std::string action, std::string target, std::string detail = "");

// The label of a role ("Pimpinan") and of an audit row's action.
std::string roleLabel(const std::string& language, sql::Role role);
// "Rabu, 22 November 2023, 08.00 WIB", or "belum pernah" for 0.
std::string whenText(const StaffRequest& staff, sql::Instant at);
// The data of one audit row for a list (when, actor, action, target, detail).
kainjow::mustache::data auditItem(const StaffRequest& staff, const sql::UserAuditRow& row);

// Refusals as pages, with a way back.
WebResponse refusal(const StaffRequest& staff, int status, const std::string& messageId, const std::string& back);

// One user's page (GET), re-shown after an action: `status`, a one-time
// password shown once, a notice, and a refused form's errors and values.
struct UserPageExtras {
  int status = 200;
  std::string oneTimePassword;
  std::string notice;  // message id
  Errors errors;
  std::map<std::string, std::string> values;
};
WebResponse userPage(StaffRequest& staff, const sql::UserListing& user, const UserPageExtras& extras = {});

// /staf/admin/pengguna/<name>[/<action>...]: the user page and its actions.
WebResponse userPages(StaffRequest& staff, std::string_view rest);
// The aide and share actions (staff_admin_access.cpp): `action` is
// "ajudan", "ajudan/lepas", "bagi" or "bagi/hapus"; nullopt for others.
std::optional<WebResponse> accessAction(StaffRequest& staff, const sql::UserListing& user, std::string_view action,
                                        const FormData& form);
// The aide and share sections of the user page (staff_admin_access.cpp).
void addAccessData(StaffRequest& staff, const sql::UserListing& user, kainjow::mustache::data& data);

}  // namespace jadwal::web::staff::admin

namespace jadwal::web::staff {
// /staf/admin...: nullopt for other paths (staff_admin.cpp).
std::optional<WebResponse> adminPages(StaffRequest& staff);
// GET and POST /staf/sandi-baru: the user's own password after a reset (staff_password.cpp).
WebResponse newPasswordPage(StaffRequest& staff);
}  // namespace jadwal::web::staff

#pragma once
// The pieces the staff pages share: who is looking, in which language, the
// template data every staff page starts from, which leaders' requests a user
// may list, and the pages themselves (inbox and request page).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

#include "caldav/dav.h"
#include "sql/request_store.h"
#include "web/web.h"
#include "workflow/request_service.h"

namespace jadwal::web::staff {

// One request to a staff page by a logged-in user.
struct StaffRequest {
  WebContext& web;
  const WebRequest& request;
  caldav::Principal user;
  std::string language;
  std::string csrf;
};

bool isStaffRole(sql::Role role);  // protokol and admin decide; the others read
// Whether the user may read every calendar of `leader` (user name): only
// then does a page name the leader's other events (conflicts, history).
bool mayReadAgenda(StaffRequest& staff, const std::string& leader);

// The data every staff page starts from: the layout's staff navigation
// (staff_nav, staff_user) and "csrf". renderPage adds the translations.
kainjow::mustache::data baseData(const StaffRequest& staff);
// The same for pages shown without a login (the login page, errors).
kainjow::mustache::data anonymousData(const std::string& language);

// A short page with a title, a message and a link back (errors, refusals).
WebResponse messagePage(const std::string& language, int status, const std::string& message,
                        const std::string& backLink = "", const std::string& backLabelId = "");

// Sets `key` to `text`, or to false when it is empty: a mustache section
// ({{#key}}...{{/key}}) renders for any string, even an empty one.
void setOptional(kainjow::mustache::data& data, const std::string& key, const std::string& text);

std::string stateLabel(const std::string& language, std::string_view stateCode);
// A message id from the workflow ("changed_meanwhile", "required", ...) in
// `language`: the staff wording when there is one, else the common one.
std::string messageText(const std::string& language, const std::string& id);

// Which leaders' requests `user` may list: nullopt for all (staff), else the
// user names (a leader: themself; an aide: their leaders).
std::optional<std::vector<std::string>> leaderScope(sql::Store& store, const caldav::Principal& user);

// A user's display name by user name, remembered for one page.
class UserNames {
 public:
  explicit UserNames(sql::Store& store) : store_(store) {}
  std::string display(const std::string& name);
  std::string displayById(std::int64_t id);

 private:
  sql::Store& store_;
  std::map<std::string, std::string> byName_;
  std::map<std::int64_t, std::string> byId_;
};

// Percent-encodes a query value (everything but unreserved characters; '/' kept for paths).
std::string encodeQueryValue(std::string_view value, bool keepSlash = false);

// GET /staf
WebResponse inboxPage(StaffRequest& staff);

// GET /staf for leaders, aides and viewers: their agenda and the requests
// waiting for a disposition (staff_home.cpp). homeIsFirst: whether /staf
// shows it to this user (not to staff; not when the inbox's own filters
// ask for the inbox).
bool homeIsFirst(const StaffRequest& staff);
WebResponse homePage(StaffRequest& staff);

// GET /staf/arsip: the archive search (staff_archive.cpp).
WebResponse archivePage(StaffRequest& staff);

// A decision or disposition form that failed validation, re-shown with its values and errors.
struct FailedForm {
  std::string form;                           // a decision's action code ("return", ...) or "disposisi"
  std::map<std::string, std::string> values;  // by field name
  std::vector<std::string> corrections;       // a return's ticked "perbaiki" boxes, kept when it is refused
  workflow::FieldErrors errors;               // by field name (or the workflow's own key)
};
// GET /staf/permohonan/<id> (and the re-shown page after a refused form).
WebResponse requestPage(StaffRequest& staff, const sql::RequestRow& row, int status = 200,
                        const FailedForm* failed = nullptr);

// GET and POST /staf/akun/agenda-pagi: the morning mail choice (staff_morning_mail.cpp).
WebResponse morningMailPage(StaffRequest& staff);

}  // namespace jadwal::web::staff

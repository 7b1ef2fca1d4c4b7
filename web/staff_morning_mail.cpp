// GET and POST /staf/akun/agenda-pagi: a user's choice to receive the day's
// agenda by mail every morning (workflow/morning_mail.h), and the address.

#include "sql/agenda_mail_store.h"
#include "web/staff_views.h"
#include "workflow/request_validation.h"

namespace jadwal::web::staff {

namespace {

constexpr std::size_t kFormLimit = 16 * 1024;   // a checkbox and an address
constexpr std::size_t kMaxAddressLength = 254;  // RFC 5321's longest path

WebResponse showPage(StaffRequest& staff, int status, bool enabled, const std::string& address,
                     const std::string& error) {
  kainjow::mustache::data data = baseData(staff);
  data.set("aktif", enabled);
  data.set("surel", address);
  setOptional(data, "galat", error.empty() ? "" : tr(staff.language, error));
  if (status == 200 && staff.request.queryValue("pesan") == "tersimpan") {
    data.set("notice", tr(staff.language, "staf_morning_saved"));
  }
  WebResponse response;
  response.status = status;
  response.body = renderPage("staf_agenda_pagi", tr(staff.language, "staf_morning_title"), data, staff.language);
  return response;
}

}  // namespace

WebResponse morningMailPage(StaffRequest& staff) {
  sql::AgendaMailStore& mails = staff.web.store.agendaMails();
  if (staff.request.method == "GET" || staff.request.method == "HEAD") {
    const auto saved = mails.findAgendaMail(staff.user.id);
    return showPage(staff, 200, saved && saved->enabled, saved ? saved->address : "", "");
  }
  FormData form;
  if (parseForm(staff.request, form, kFormLimit) != FormError::None) {
    return messagePage(staff.language, 400, tr(staff.language, "staf_bad_form"), "/staf/akun/agenda-pagi");
  }
  if (!csrfValid(staff.web, staff.request, form))
    return messagePage(staff.language, 403, tr(staff.language, "staf_csrf"));

  const bool enabled = form.value("aktif") == "1";
  std::string address = form.value("surel");
  // Spaces around a pasted address are no part of it.
  address.erase(0, address.find_first_not_of(" \t"));
  address.erase(address.find_last_not_of(" \t") + 1);
  std::string error;
  if (address.empty() && enabled) {
    error = "staf_morning_address_missing";
  } else if (!address.empty() && (address.size() > kMaxAddressLength || !workflow::isPlausibleEmail(address))) {
    error = "staf_morning_address_invalid";
  }
  if (!error.empty()) return showPage(staff, 400, enabled, address, error);
  mails.saveAgendaMail(staff.user.id, address, enabled);
  return WebResponse::redirect("/staf/akun/agenda-pagi?pesan=tersimpan");
}

}  // namespace jadwal::web::staff

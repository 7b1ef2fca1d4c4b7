// GET /staf/arsip: the archive, every request in any state and any year,
// searched by its words (letters included), letter number, institution,
// leader, state, type and dates. Who sees what follows the inbox: leaders
// and aides only their own leaders' requests, staff all, viewers nothing.

#include <algorithm>
#include <array>

#include "web/archive_form.h"
#include "web/staff_views.h"
#include "workflow/request_state.h"
#include "workflow/wib_format.h"

namespace jadwal::web::staff {

namespace mustache = kainjow::mustache;

namespace {

constexpr std::array kLetterTypes = {"undangan", "audiensi", "kunjungan", "lainnya"};

// The leaders the user may choose, as (user name, display name): every
// leader for staff, else the user's own scope.
std::vector<std::pair<std::string, std::string>> leaderChoices(StaffRequest& staff,
                                                               const std::optional<std::vector<std::string>>& scope) {
  std::vector<std::pair<std::string, std::string>> choices;
  if (scope) {
    UserNames names(staff.web.store);
    for (const auto& name : *scope) choices.emplace_back(name, names.display(name));
  } else {
    // Disabled leaders too: the archive keeps the requests of earlier years.
    for (const auto& user : staff.web.store.listUsers()) {
      if (user.role == sql::Role::Leader)
        choices.emplace_back(user.name, user.displayName.empty() ? user.name : user.displayName);
    }
  }
  std::sort(choices.begin(), choices.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  return choices;
}

mustache::data optionList(const std::vector<std::pair<std::string, std::string>>& options, const std::string& chosen) {
  mustache::data list{mustache::data::type::list};
  for (const auto& [value, label] : options) {
    mustache::data option;
    option.set("value", value);
    option.set("label", label);
    option.set("selected", value == chosen);
    list.push_back(option);
  }
  return list;
}

// The form's fields, as typed, with the choices and the refused fields marked.
void setForm(mustache::data& data, StaffRequest& staff, const archive::Form& form,
             const std::vector<std::pair<std::string, std::string>>& leaders,
             const std::vector<archive::FieldError>& errors) {
  data.set("q", form.text);
  data.set("nomor", form.letterNumber);
  data.set("instansi", form.institution);
  data.set("dari", form.from);
  data.set("sampai", form.until);
  data.set("maxText", std::to_string(archive::kMaxTextLength));
  data.set("maxNumber", std::to_string(archive::kMaxLetterNumberLength));
  data.set("maxInstitution", std::to_string(archive::kMaxInstitutionLength));
  data.set("leaders", optionList(leaders, form.leader));

  std::vector<std::pair<std::string, std::string>> states;
  for (int i = 0; i <= static_cast<int>(workflow::RequestState::NotHeld); ++i) {
    const std::string code(workflow::stateCode(static_cast<workflow::RequestState>(i)));
    states.emplace_back(code, stateLabel(staff.language, code));
  }
  data.set("states", optionList(states, form.state));
  std::vector<std::pair<std::string, std::string>> types;
  for (const std::string type : kLetterTypes) types.emplace_back(type, tr(staff.language, "staf_type_" + type));
  data.set("types", optionList(types, form.letterType));
  data.set("bySubmission", form.dateField == "pengajuan");
  // The filters fold away on a phone; they stay open while one is in use.
  data.set("filtersOpen", !errors.empty() || !form.letterNumber.empty() || !form.institution.empty() ||
                              !form.leader.empty() || !form.state.empty() || !form.letterType.empty() ||
                              !form.from.empty() || !form.until.empty() || form.dateField == "pengajuan");

  mustache::data list{mustache::data::type::list};
  for (const auto& error : errors) {
    mustache::data item;
    item.set("field", error.field);
    item.set("message", tr(staff.language, error.message));
    list.push_back(item);
    // {{#salah_<field>}} marks the field and shows its message beside it.
    data.set("salah_" + error.field, tr(staff.language, error.message));
  }
  data.set("errors", list);
  data.set("has_errors", !errors.empty());
}

mustache::data hitData(StaffRequest& staff, const sql::ArchiveHit& hit, const sql::RequestRow& row, UserNames& names) {
  const std::string& timezone = staff.web.requests.config().timezone;
  mustache::data item;
  item.set("link", "/staf/permohonan/" + std::to_string(row.id));
  item.set("number", std::to_string(row.id));
  item.set("event", row.eventName);
  item.set("state", row.state);
  item.set("stateLabel", stateLabel(staff.language, row.state));
  item.set("when", workflow::formatSpan(row.start, row.end, timezone, staff.language));
  item.set("submitted", workflow::formatDateTime(row.createdAt, timezone, staff.language));
  item.set("institution", row.institution);
  setOptional(item, "letterNumber", row.letterNumber);
  std::string leaders;
  for (const auto& leader : row.leadersAsked) leaders += (leaders.empty() ? "" : ", ") + names.display(leader);
  item.set("leaders", leaders);
  // Escaped here, marks added after: the template prints it as it is.
  setOptional(item, "snippet", archive::snippetHtml(hit.snippet));
  setOptional(item, "matchedFile", hit.matchedFile);
  return item;
}

WebResponse page(StaffRequest& staff, mustache::data& data, int status) {
  WebResponse response;
  response.status = status;
  response.body = renderPage("staf_arsip", tr(staff.language, "staf_archive_title"), data, staff.language);
  response.setHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace

WebResponse archivePage(StaffRequest& staff) {
  if (staff.user.role == sql::Role::Viewer) {
    return messagePage(staff.language, 403, tr(staff.language, "staf_forbidden"));
  }
  const auto scope = leaderScope(staff.web.store, staff.user);
  const auto leaders = leaderChoices(staff, scope);
  std::vector<std::string> leaderNames;
  for (const auto& [name, display] : leaders) leaderNames.push_back(name);

  const archive::Form form(staff.request);
  sql::ArchiveQuery query;
  const auto errors = archive::toQuery(form, leaderNames, staff.web.requests.config().timezone, query);
  query.leaderScope = scope;

  mustache::data data = baseData(staff);
  setForm(data, staff, form, leaders, errors);
  if (!errors.empty()) {
    // The form comes back as typed, with what is wrong; no search is run.
    data.set("shown", false);
    return page(staff, data, 400);
  }

  const sql::ArchivePage found = staff.web.store.requests().searchArchive(query);
  UserNames names(staff.web.store);
  mustache::data hits{mustache::data::type::list};
  for (const auto& hit : found.hits) {
    // A request is never deleted; one missing here is skipped, not an error.
    const auto row = staff.web.store.requests().findRequest(hit.requestId);
    if (row) hits.push_back(hitData(staff, hit, *row, names));
  }
  data.set("shown", true);
  data.set("hits", hits);
  data.set("total", std::to_string(found.total));
  data.set("empty", found.hits.empty());
  data.set("newest", query.text.empty());

  const auto pageCount = static_cast<int>(
      std::clamp<std::int64_t>((found.total + archive::kPageSize - 1) / archive::kPageSize, 1, archive::kMaxPage));
  data.set("page", std::to_string(form.page));
  data.set("pageCount", std::to_string(pageCount));
  data.set("paged", pageCount > 1);
  if (form.page > 1) data.set("prev", form.link(std::min(form.page - 1, pageCount)));
  if (form.page < pageCount) data.set("next", form.link(form.page + 1));
  return page(staff, data, 200);
}

}  // namespace jadwal::web::staff

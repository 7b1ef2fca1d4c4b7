// GET /staf/permohonan/<id>: everything about one request, the leader's
// agenda that day, and the forms for what may happen next.

#include <algorithm>
#include <array>
#include <set>

#include "caldav/access.h"
#include "web/audit_text.h"
#include "web/public_corrections.h"
#include "web/staff_request_desk.h"
#include "web/staff_views.h"
#include "web/web_session_internal.h"
#include "workflow/conflicts.h"
#include "workflow/event_mapping.h"
#include "workflow/notifier.h"
#include "workflow/representative.h"
#include "workflow/request_state.h"
#include "workflow/request_validation.h"
#include "workflow/upload_check.h"
#include "workflow/wib_format.h"

namespace jadwal::web::staff {

namespace mustache = kainjow::mustache;
using workflow::Action;
using workflow::RequestState;

namespace {

// The decision forms, in the order staff meet them.
constexpr std::array kStaffActions = {Action::Verify,     Action::Return,   Action::Approve,
                                      Action::Represent,  Action::Reject,   Action::Cancel,
                                      Action::Reschedule, Action::MarkHeld, Action::MarkNotHeld};

// Every field a decision or disposition form may carry.
constexpr std::array<std::string_view, 17> kFormFields = {
    "catatan", "pimpinan",   "tanggal",    "jam_mulai",     "jam_selesai", "sampai_selesai",
    "tempat",  "wakil_user", "wakil_nama", "wakil_jabatan", "pilihan",     "wakil",
    "aksi",    "pakaian",    "peran",      "narahubung",    "publik"};

// The workflow may name a field by its Decision member; the page names it as the form does.
std::string formFieldOf(const std::string& key) {
  static const std::map<std::string, std::string> kAliases = {{"note", "catatan"},
                                                              {"leader", "pimpinan"},
                                                              {"date", "tanggal"},
                                                              {"startTime", "jam_mulai"},
                                                              {"endTime", "jam_selesai"},
                                                              {"venue", "tempat"},
                                                              {"representativeUser", "wakil_user"},
                                                              {"representativeName", "wakil_nama"},
                                                              {"representativePosition", "wakil_jabatan"},
                                                              {"choice", "pilihan"},
                                                              {"representative", "wakil"}};
  auto alias = kAliases.find(key);
  return alias == kAliases.end() ? key : alias->second;
}

// The label a form field carries, for the error summary at the top of the page.
std::string fieldLabel(const std::string& language, const std::string& field) {
  static const std::map<std::string, std::string> kLabels = {{"catatan", "staf_d_note"},
                                                             {"pimpinan", "staf_d_leader"},
                                                             {"tanggal", "staf_d_date"},
                                                             {"jam_mulai", "staf_d_start"},
                                                             {"jam_selesai", "staf_d_end"},
                                                             {"tempat", "staf_d_venue"},
                                                             {"wakil_user", "staf_d_rep_user"},
                                                             {"wakil_nama", "staf_d_rep_name"},
                                                             {"wakil_jabatan", "staf_d_rep_position"},
                                                             {"pilihan", "staf_disp_choice"},
                                                             {"wakil", "staf_disp_representative"},
                                                             {"pakaian", "staf_f_dress"},
                                                             {"peran", "staf_f_role"},
                                                             {"narahubung", "staf_f_contact"},
                                                             {"publik", "staf_details_public"}};
  auto label = kLabels.find(field);
  return label == kLabels.end() ? std::string() : tr(language, label->second);
}

std::string orDash(const std::string& value) { return value.empty() ? "—" : value; }

// A text with every occurrence of the tracking code blanked, for readers who
// may not hold the code (older history notes named events after it).
std::string withoutCode(std::string text, const std::string& code) {
  if (code.empty()) return text;
  for (auto at = text.find(code); at != std::string::npos; at = text.find(code, at)) text.replace(at, code.size(), "…");
  return text;
}

std::string translatedOr(const std::string& language, const std::string& id, const std::string& fallback) {
  const std::string text = tr(language, id);
  return text == id ? fallback : text;
}

std::string actionLabel(const std::string& language, std::string_view code) {
  std::string id = "staf_action_" + std::string(code);
  std::replace(id.begin(), id.end(), '-', '_');
  return translatedOr(language, id, std::string(code));
}

mustache::data fieldRow(const std::string& label, const std::string& value) {
  mustache::data row;
  row.set("label", label);
  row.set("value", orDash(value));
  return row;
}

// Puts a failed form's values and errors into a form's data: v_<field>,
// err_<field> (translated), and "errors" for keys the form has no field for.
void addFormState(mustache::data& form, const std::string& language, const FailedForm* failed,
                  const std::string& formName) {
  const bool mine = failed && failed->form == formName;
  form.set("open", mine);
  mustache::data others{mustache::data::type::list};
  for (const auto field : kFormFields) {
    const std::string name(field);
    std::string value;
    if (mine) {
      auto found = failed->values.find(name);
      if (found != failed->values.end()) value = found->second;
    }
    form.set("v_" + name, value);
    form.set("err_" + name, false);
  }
  if (mine) {
    for (const auto& [key, messageId] : failed->errors) {
      const std::string field = formFieldOf(key);
      const bool known = std::find(kFormFields.begin(), kFormFields.end(), field) != kFormFields.end();
      if (known) {
        form.set("err_" + field, messageText(language, messageId));
      } else {
        others.push_back(mustache::data(messageText(language, messageId)));
      }
    }
  }
  form.set("errors", others);
  form.set("hasErrors", mine && !failed->errors.empty());
}

// The requester's notice that matches the request's latest decision, if any.
std::optional<workflow::Notice> lastNotice(const sql::RequestRow& row, const std::vector<sql::AuditRow>& audit) {
  if (!audit.empty() && audit.back().action == "reschedule") return workflow::Notice::Rescheduled;
  switch (workflow::parseState(row.state).value_or(RequestState::Submitted)) {
    case RequestState::Returned:
      return workflow::Notice::Returned;
    case RequestState::Approved:
      return workflow::Notice::Approved;
    case RequestState::Represented:
      return workflow::Notice::Represented;
    case RequestState::Rejected:
      return workflow::Notice::Rejected;
    case RequestState::Cancelled:
      return workflow::Notice::Cancelled;
    default:
      return std::nullopt;
  }
}

// The leaders this user may give a disposition for on this request.
std::vector<std::string> dispositionLeaders(sql::Store& store, const caldav::Principal& user,
                                            const sql::RequestRow& row) {
  std::vector<std::string> addressed = row.leadersAsked;
  if (!row.assignedLeader.empty() &&
      std::find(addressed.begin(), addressed.end(), row.assignedLeader) == addressed.end()) {
    addressed.push_back(row.assignedLeader);
  }
  const auto scope = leaderScope(store, user);
  if (!scope) return addressed;
  std::vector<std::string> mine;
  for (const auto& leader : addressed) {
    if (std::find(scope->begin(), scope->end(), leader) != scope->end()) mine.push_back(leader);
  }
  return mine;
}

mustache::data leaderOptions(UserNames& names, const std::vector<std::string>& leaders, const std::string& selected) {
  mustache::data options{mustache::data::type::list};
  for (const auto& leader : leaders) {
    mustache::data option;
    option.set("name", leader);
    option.set("label", names.display(leader));
    option.set("selected", leader == selected);
    options.push_back(option);
  }
  return options;
}

// `conflicts` receives each conflicting item (time, summary, leader) for the desk at the top.
mustache::data agendaOf(StaffRequest& staff, const sql::RequestRow& row, UserNames& names, mustache::data& conflicts) {
  const auto& config = staff.web.requests.config();
  const std::string& zone = config.timezone;
  // The activity's whole day in the office's zone (Indonesian zones keep no daylight saving).
  const auto dayStart = workflow::fromLocal(workflow::isoDate(row.start, zone), "00:00", zone).value_or(row.start);
  const sql::Instant dayEnd = dayStart + 24 * 3600;
  caldav::TimeContext time = staff.web.time;
  time.defaultTzid = zone;
  // One budget for the page's expansions, as for one CalDAV report.
  caldav::ExpansionBudget budget;
  budget.stepsLeft = staff.web.maxAnswerSteps;

  std::vector<std::string> leaders;
  if (!row.assignedLeader.empty()) leaders.push_back(row.assignedLeader);
  for (const auto& leader : row.leadersAsked) {
    if (std::find(leaders.begin(), leaders.end(), leader) == leaders.end()) leaders.push_back(leader);
  }

  mustache::data agendas{mustache::data::type::list};
  for (const auto& leader : leaders) {
    // The same rule as CalDAV: only the agenda of a leader whose calendar the
    // viewer may read, so a co-invited leader or their aide sees nothing more
    // of another leader's day than a calendar client would show them.
    if (!mayReadAgenda(staff, leader)) continue;
    mustache::data agenda;
    agenda.set("leader", names.display(leader));
    mustache::data items{mustache::data::type::list};
    bool anyConflict = false;
    const auto around = workflow::agendaAround(staff.web.store, time, budget, leader, dayStart, dayEnd, row.start,
                                               row.end, config.openEndAssumedSeconds());
    for (const auto& item : around.items) {
      // The request's own event is not a conflict with itself.
      const bool own = (!row.eventObjectName.empty() && item.objectName == row.eventObjectName) ||
                       (!row.representativeObjectName.empty() && item.objectName == row.representativeObjectName);
      const bool conflict = item.overlaps && !own && !item.cancelled;
      anyConflict = anyConflict || conflict;
      mustache::data entry;
      // An open end reads as one, whatever span the conflict check assumes for it.
      entry.set("time", workflow::formatTime(item.start, zone, staff.language) +
                            (item.openEnd ? " " + tr(staff.language, "staf_conflict_open_end")
                                          : "–" + workflow::formatTime(item.end, zone, staff.language)));
      entry.set("summary", item.summary);
      setOptional(entry, "location", item.location);
      entry.set("conflict", conflict);
      entry.set("own", own);
      entry.set("tentative", item.tentative);
      entry.set("cancelled", item.cancelled);
      items.push_back(entry);
      if (conflict) {
        entry.set("leader", names.display(leader));
        conflicts.push_back(entry);
      }
    }
    agenda.set("incomplete", around.incomplete);
    agenda.set("empty", items.is_empty_list() && !around.incomplete);
    agenda.set("items", items);
    agenda.set("anyConflict", anyConflict);
    agendas.push_back(agenda);
  }
  return agendas;
}

mustache::data decisionForms(StaffRequest& staff, const sql::RequestRow& row, UserNames& names,
                             const FailedForm* failed) {
  const auto state = workflow::parseState(row.state);
  mustache::data forms{mustache::data::type::list};
  if (!state) return forms;
  // Who may stand in for a leader, as the workflow accepts them: the other
  // enabled leaders. With one leader asked, that leader is the one represented.
  std::vector<sql::User> officials;
  for (auto& user : staff.web.store.listUsers()) {
    const bool onlyLeaderAsked = row.leadersAsked.size() == 1 && row.leadersAsked.front() == user.name;
    if (!user.disabled && user.role == sql::Role::Leader && !onlyLeaderAsked) officials.push_back(std::move(user));
  }
  std::stable_sort(officials.begin(), officials.end(),
                   [](const sql::User& a, const sql::User& b) { return a.displayName < b.displayName; });

  for (const auto action : kStaffActions) {
    const bool verifyFirst = staff.web.requests.openVerifyingFirst(row, action);
    if (!staff.web.requests.actionOpen(row, action) && !verifyFirst) continue;
    const std::string code(workflow::actionCode(action));
    mustache::data form;
    form.set("aksi", code);
    form.set("verifyFirst", verifyFirst);  // a submitted request is verified by the same decision
    form.set("maxName", std::to_string(workflow::limits::kPersonName));
    form.set("maxVenue", std::to_string(workflow::limits::kVenue));
    form.set("label", actionLabel(staff.language, code));
    addFormState(form, staff.language, failed, code);
    if (openedDecision(staff) == code && !failed) {
      // Opened from the desk at the top: the form shows, and what to fill
      // first (a required reason, a representative) or its button has focus.
      form.set("open", true);
      const bool reason = workflow::RequestService::noteRequired(action);
      form.set("focusNote", reason);
      form.set("focusRep", !reason && action == Action::Represent);
      form.set("focusSubmit", !reason && action != Action::Represent);
    }
    const bool noteRequired = workflow::RequestService::noteRequired(action);
    form.set("noteLabel", tr(staff.language, action == Action::Return ? "staf_d_note_required"
                                             : noteRequired           ? "staf_d_reason_required"
                                                                      : "staf_d_note"));
    form.set("noteRequired", noteRequired);
    form.set("danger", action == Action::Reject || action == Action::Cancel);
    form.set("askCorrections", action == Action::Return);
    if (action == Action::Return)
      form.set("correctable",
               correctionChoices(staff.language,
                                 failed && failed->form == code ? failed->corrections : std::vector<std::string>{}));
    const bool chooseLeader = action == Action::Approve || action == Action::Represent;
    form.set("chooseLeader", chooseLeader);
    if (chooseLeader) {
      std::string selected = failed && failed->form == code
                                 ? failed->values.count("pimpinan") ? failed->values.at("pimpinan") : ""
                                 : row.assignedLeader;
      if (selected.empty() && !row.leadersAsked.empty()) selected = row.leadersAsked.front();
      form.set("leaders", leaderOptions(names, row.leadersAsked, selected));
    }
    form.set("adjust", action == Action::Approve || action == Action::Reschedule);
    form.set("untilDoneChecked", failed && failed->form == code && failed->values.count("sampai_selesai") &&
                                     failed->values.at("sampai_selesai") == "1");
    form.set("represent", action == Action::Represent);
    if (action == Action::Represent) {
      const std::string chosen =
          failed && failed->form == code && failed->values.count("wakil_user") ? failed->values.at("wakil_user") : "";
      mustache::data users{mustache::data::type::list};
      for (const auto& official : officials) {
        mustache::data option;
        option.set("name", official.name);
        option.set("label", official.displayName.empty() ? official.name : official.displayName);
        option.set("selected", official.name == chosen);
        users.push_back(option);
      }
      form.set("officials", users);
    }
    forms.push_back(form);
  }
  return forms;
}

mustache::data dispositionForm(StaffRequest& staff, const sql::RequestRow& row, UserNames& names,
                               const FailedForm* failed, const std::vector<std::string>& leaders) {
  mustache::data form;
  addFormState(form, staff.language, failed, "disposisi");
  form.set("maxName", std::to_string(workflow::limits::kPersonName));
  const bool mine = failed && failed->form == "disposisi";
  std::string selected = mine && failed->values.count("pimpinan") ? failed->values.at("pimpinan") : "";
  if (selected.empty()) selected = leaders.front();
  form.set("leaders", leaderOptions(names, leaders, selected));
  form.set("singleLeader", leaders.size() == 1);
  form.set("onlyLeader", leaders.front());
  form.set("onlyLeaderLabel", names.display(leaders.front()));
  const std::string chosen = mine && failed->values.count("pilihan") ? failed->values.at("pilihan") : "";
  mustache::data choices{mustache::data::type::list};
  for (const char* choice : {"hadir", "diwakilkan", "tidak_hadir"}) {
    mustache::data option;
    option.set("value", choice);
    option.set("label", tr(staff.language, std::string("staf_choice_") + choice));
    option.set("checked", chosen == choice);
    choices.push_back(option);
  }
  form.set("choices", choices);
  form.set("onBehalf", isStaffRole(staff.user.role));
  (void)row;
  return form;
}

// What the agenda shows of the request (dress code, the leader's role,
// contact person, public or not): staff edit it until the request ends.
mustache::data agendaDetailsForm(StaffRequest& staff, const sql::RequestRow& row, const FailedForm* failed) {
  mustache::data form;
  addFormState(form, staff.language, failed, "rincian");
  const bool mine = failed && failed->form == "rincian";
  if (!mine) {
    form.set("v_pakaian", row.dressCode);
    form.set("v_peran", workflow::leaderRoleText(row.leaderRole));  // as the agenda's "Ket." shows it
    form.set("v_narahubung", row.contactPerson);
  }
  // The choice as a select: as the calendar by default, yes, or no.
  const std::string chosen = mine             ? (failed->values.count("publik") ? failed->values.at("publik") : "")
                             : !row.published ? ""
                             : *row.published ? "ya"
                                              : "tidak";
  mustache::data choices{mustache::data::type::list};
  for (const auto& [value, label] : {std::pair<std::string, std::string>{"", "staf_details_public_default"},
                                     {"ya", "staf_details_public_yes"},
                                     {"tidak", "staf_details_public_no"}}) {
    mustache::data option;
    option.set("value", value);
    option.set("label", tr(staff.language, label));
    option.set("selected", value == chosen);
    choices.push_back(option);
  }
  form.set("publishedChoices", choices);
  form.set("maxText", std::to_string(workflow::limits::kShortText));
  return form;
}

}  // namespace

WebResponse requestPage(StaffRequest& staff, const sql::RequestRow& row, int status, const FailedForm* failed) {
  const auto& config = staff.web.requests.config();
  const std::string& zone = config.timezone;
  const std::string& lang = staff.language;
  auto& requests = staff.web.store.requests();
  UserNames names(staff.web.store);
  const bool isStaff = isStaffRole(staff.user.role);

  mustache::data data = baseData(staff);
  const std::string id = std::to_string(row.id);
  data.set("id", id);
  data.set("versi", std::to_string(row.version));
  // Staff read the tracking code out to a requester on the phone; to leaders
  // and aides it is only a key to act as the requester, so they never see it.
  setOptional(data, "code", isStaff ? row.code : "");
  data.set("event", row.eventName);
  data.set("state", row.state);
  data.set("stateLabel", stateLabel(lang, row.state));
  data.set("when", workflow::formatSpan(row.start, row.end, zone, lang));

  const std::string notice = staff.request.queryValue("pesan");
  if (notice == "keputusan" || notice == "disposisi" || notice == "rincian")
    data.set("notice", tr(lang, "staf_notice_" + notice));
  if (failed) {
    data.set("invalid", tr(lang, "staf_invalid"));
    mustache::data summary{mustache::data::type::list};
    for (const auto& [key, messageId] : failed->errors) {
      const std::string field = formFieldOf(key);
      mustache::data item;
      setOptional(item, "field", fieldLabel(lang, field));
      item.set("anchor", "galat-" + field);
      item.set("text", messageText(lang, messageId));
      summary.push_back(item);
    }
    data.set("errorSummary", summary);
  }

  // The fields, in the order of the public form.
  auto leadersText = [&](const std::vector<std::string>& leaders) {
    std::string text;
    for (const auto& leader : leaders) text += (text.empty() ? "" : ", ") + names.display(leader);
    return text;
  };
  mustache::data activity{mustache::data::type::list};
  activity.push_back(fieldRow(tr(lang, "staf_f_when"), workflow::formatSpan(row.start, row.end, zone, lang)));
  activity.push_back(fieldRow(tr(lang, "staf_f_venue"), row.venue));
  activity.push_back(fieldRow(tr(lang, "staf_f_address"), row.address));
  activity.push_back(fieldRow(tr(lang, "staf_f_dress"), row.dressCode));
  activity.push_back(
      fieldRow(tr(lang, "staf_f_role"), translatedOr(lang, "staf_role_" + row.leaderRole, row.leaderRole)));
  activity.push_back(fieldRow(tr(lang, "staf_f_leaders"), leadersText(row.leadersAsked)));
  activity.push_back(
      fieldRow(tr(lang, "staf_f_rep_accepted"), tr(lang, row.representativeAccepted ? "staf_yes" : "staf_no")));
  activity.push_back(fieldRow(tr(lang, "staf_f_invitees"), row.otherInvitees));
  activity.push_back(fieldRow(tr(lang, "staf_f_contact"), row.contactPerson));
  activity.push_back(fieldRow(tr(lang, "staf_f_published"), tr(lang, !row.published   ? "staf_details_public_default"
                                                                     : *row.published ? "staf_yes"
                                                                                      : "staf_no")));
  if (!row.assignedLeader.empty())
    activity.push_back(fieldRow(tr(lang, "staf_f_assigned"), names.display(row.assignedLeader)));
  if (workflow::isRepresented(row)) {
    const std::string representative =
        workflow::representativeText(row, [&](const std::string& name) { return names.display(name); });
    activity.push_back(fieldRow(tr(lang, "staf_f_representative"), representative));
  }
  if (!row.decisionNote.empty()) activity.push_back(fieldRow(tr(lang, "staf_f_decision_note"), row.decisionNote));
  data.set("activity", activity);

  mustache::data letter{mustache::data::type::list};
  letter.push_back(fieldRow(tr(lang, "staf_f_letter_number"), row.letterNumber));
  // The letter date is stored as typed (YYYY-MM-DD); people read it written out.
  const auto letterDay = workflow::fromLocal(row.letterDate, "12:00", zone);
  letter.push_back(fieldRow(tr(lang, "staf_f_letter_date"),
                            letterDay ? workflow::formatDate(*letterDay, zone, lang) : row.letterDate));
  letter.push_back(fieldRow(tr(lang, "staf_f_subject"), row.subject));
  letter.push_back(
      fieldRow(tr(lang, "staf_f_letter_type"), translatedOr(lang, "staf_type_" + row.letterType, row.letterType)));
  data.set("letter", letter);

  // Contact data: everyone who reaches this page passed maySee (staff, the leaders asked, their aides).
  mustache::data requester{mustache::data::type::list};
  requester.push_back(fieldRow(tr(lang, "staf_f_name"), row.requesterName));
  requester.push_back(fieldRow(tr(lang, "staf_f_position"), row.requesterPosition));
  requester.push_back(fieldRow(tr(lang, "staf_f_institution"), row.institution));
  requester.push_back(fieldRow(tr(lang, "staf_f_whatsapp"), row.whatsapp));
  requester.push_back(fieldRow(tr(lang, "staf_f_email"), row.email));
  requester.push_back(fieldRow(tr(lang, "staf_f_submitted"), workflow::formatDateTime(row.createdAt, zone, lang)));
  data.set("requester", requester);

  mustache::data files{mustache::data::type::list};
  for (const auto& file : requests.filesOf(row.id)) {
    mustache::data item;
    item.set("kind", translatedOr(lang, "staf_kind_" + file.kind, file.kind));
    // As in the events and downloads: no control that reorders how the name reads.
    const std::string name = workflow::withoutBidiControls(file.name);
    item.set("name", name);
    item.set("href", "/lampiran/" + std::to_string(file.id) + "/" + encodeQueryValue(name));
    item.set("size", std::to_string((file.size + 1023) / 1024) + " KB");
    item.set("when", workflow::formatDateTime(file.uploadedAt, zone, lang));
    files.push_back(item);
  }
  data.set("noFiles", files.is_empty_list());
  data.set("files", files);

  const auto auditRows = requests.auditOf(row.id);
  mustache::data audit{mustache::data::type::list};
  for (const auto& entry : auditRows) {
    mustache::data item;
    item.set("who", entry.actorName);
    item.set("when", workflow::formatDateTime(entry.at, zone, lang));
    item.set("action", actionLabel(lang, entry.action));
    const bool moved = !entry.fromState.empty() && entry.fromState != entry.toState;
    item.set("moved", moved);
    item.set("from", moved ? stateLabel(lang, entry.fromState) : "");
    item.set("to", stateLabel(lang, entry.toState));
    // A confirmed double booking names the other events only to who may read that agenda.
    const std::string overlapsOf = overlapsLeaderOf(entry);
    const std::string note = auditNoteText(
        lang, entry, zone, {[&](const std::string& name) { return names.display(name); }, config.holdCalendar},
        isStaff || overlapsOf.empty() || mayReadAgenda(staff, overlapsOf));
    setOptional(item, "note", isStaff ? note : withoutCode(note, row.code));
    audit.push_back(item);
  }
  data.set("noAudit", audit.is_empty_list());
  data.set("audit", audit);

  mustache::data dispositions{mustache::data::type::list};
  for (const auto& disposition : requests.dispositionsOf(row.id)) {
    mustache::data item;
    item.set("leader", names.displayById(disposition.leaderId));
    item.set("choice", translatedOr(lang, "staf_choice_" + disposition.choice, disposition.choice));
    setOptional(item, "representative", disposition.representative);
    setOptional(item, "note", dispositionNoteText(lang, disposition.note));
    setOptional(item, "by", disposition.byUserId ? names.displayById(*disposition.byUserId) : "");
    item.set("when", workflow::formatDateTime(disposition.at, zone, lang));
    dispositions.push_back(item);
  }
  data.set("noDispositions", dispositions.is_empty_list());
  data.set("dispositions", dispositions);

  data.set("requestedTime", workflow::formatSpan(row.start, row.end, zone, lang));
  mustache::data conflicts{mustache::data::type::list};
  data.set("agendas", agendaOf(staff, row, names, conflicts));

  data.set("isStaff", isStaff);
  const auto state = workflow::parseState(row.state);
  if (isStaff) {
    mustache::data forms = decisionForms(staff, row, names, failed);
    data.set("noActions", forms.is_empty_list());
    data.set("desk", deskDecisions(staff, row, conflicts));
    setOptional(data, "eventText", eventAgendaText(staff, row));
    data.set("actions", forms);
    if (state && !workflow::isFinal(*state)) data.set("details", agendaDetailsForm(staff, row, failed));
    if (const auto notice = lastNotice(row, auditRows)) {
      const std::string text =
          workflow::whatsappText(*notice, row, config, [&](const std::string& name) { return names.display(name); });
      mustache::data whatsapp;
      whatsapp.set("text", text);
      const std::string link = workflow::whatsappLink(row.whatsapp, text);
      setOptional(whatsapp, "link", link);
      whatsapp.set("noLink", link.empty());
      data.set("whatsapp", whatsapp);
    }
  }
  const auto leaders = dispositionLeaders(staff.web.store, staff.user, row);
  if (state && !workflow::isFinal(*state) && !leaders.empty()) {
    data.set("disposition", dispositionForm(staff, row, names, failed, leaders));
  }

  WebResponse response;
  response.status = status;
  response.body = renderPage("staf_permohonan", tr(lang, "staf_req_title") + " #" + id, data, lang);
  response.setHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace jadwal::web::staff

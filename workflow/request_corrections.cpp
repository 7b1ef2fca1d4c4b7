#include "workflow/request_corrections.h"

#include <algorithm>
#include <set>

#include "workflow/request_form_fields.h"
#include "workflow/request_validation.h"
#include "workflow/wib_format.h"

namespace jadwal::workflow {
namespace {

constexpr std::string_view kAsked = "correction_asked";
constexpr std::string_view kCorrected = "corrected";

bool isTimeField(const std::string& field) {
  return field == "tanggal" || field == "jam_mulai" || field == "jam_selesai";
}

// Where a correctable field lives in a stored request (the times excepted:
// they are the start and end instants).
std::string sql::RequestRow::*rowMember(const std::string& field) {
  static const std::pair<std::string_view, std::string sql::RequestRow::*> kMembers[] = {
      {"nama", &sql::RequestRow::requesterName},
      {"jabatan", &sql::RequestRow::requesterPosition},
      {"instansi", &sql::RequestRow::institution},
      {"whatsapp", &sql::RequestRow::whatsapp},
      {"email", &sql::RequestRow::email},
      {"nomor_surat", &sql::RequestRow::letterNumber},
      {"tanggal_surat", &sql::RequestRow::letterDate},
      {"perihal", &sql::RequestRow::subject},
      {"jenis_surat", &sql::RequestRow::letterType},
      {"nama_kegiatan", &sql::RequestRow::eventName},
      {"tempat", &sql::RequestRow::venue},
      {"alamat", &sql::RequestRow::address},
      {"pakaian", &sql::RequestRow::dressCode},
      {"peran", &sql::RequestRow::leaderRole},
      {"undangan_lain", &sql::RequestRow::otherInvitees},
      {"narahubung", &sql::RequestRow::contactPerson},
  };
  for (const auto& [name, member] : kMembers)
    if (name == field) return member;
  return nullptr;
}

// The request as its form would be filled in again, for the form's rules.
RequestForm formOf(const sql::RequestRow& row, const std::string& timezone) {
  RequestForm form;
  for (const auto& field : requestFormFields()) {
    if (!field.text) continue;
    const std::string name(field.name);
    form.*field.text = correctionValue(row, name, timezone);
  }
  form.untilDone = !row.end.has_value();
  form.leaders = row.leadersAsked;
  form.representativeAccepted = row.representativeAccepted;
  form.language = row.language;
  return form;
}

}  // namespace

bool correctableField(const std::string& field) {
  if (isTimeField(field)) return true;
  return rowMember(field) != nullptr;
}

std::string correctionAskedNote(const std::string& note, const std::vector<std::string>& fields) {
  // In the form's order, whatever order they were ticked or sent in; each once.
  std::vector<std::string> asked;
  for (const auto& described : requestFormFields()) {
    const std::string name(described.name);
    if (correctableField(name) && std::find(fields.begin(), fields.end(), name) != fields.end()) asked.push_back(name);
  }
  if (asked.empty()) return note;
  return encodeAuditNote({std::string(kAsked), {{"note", note}, {"fields", joinedSteps(asked)}}});
}

std::vector<std::string> fieldsAskedToCorrect(const std::vector<sql::AuditRow>& audit) {
  for (auto entry = audit.rbegin(); entry != audit.rend(); ++entry) {
    if (entry->action != "return") continue;
    const auto note = decodeAuditNote(entry->action, entry->note);
    if (!note || note->code != kAsked) return {};
    std::vector<std::string> fields;
    for (const auto& field : splitSteps(note->values.count("fields") ? note->values.at("fields") : ""))
      if (correctableField(field)) fields.push_back(field);
    return fields;
  }
  return {};
}

std::string correctionValue(const sql::RequestRow& row, const std::string& field, const std::string& timezone) {
  if (field == "tanggal") return isoDate(row.start, timezone);
  if (field == "jam_mulai") return isoTime(row.start, timezone);
  if (field == "jam_selesai") return row.end ? isoTime(*row.end, timezone) : std::string();
  if (auto member = rowMember(field)) return row.*member;
  return {};
}

std::string correctedNote(const std::string& note, const std::vector<FieldChange>& changes) {
  if (changes.empty()) return note;
  AuditNote coded{std::string(kCorrected), {{"note", note}}};
  for (const auto& change : changes) {
    coded.values["old:" + change.field] = change.before;
    coded.values["new:" + change.field] = change.after;
  }
  return encodeAuditNote(coded);
}

std::vector<FieldChange> changesOf(const AuditNote& note) {
  std::vector<FieldChange> changes;
  for (const auto& [name, value] : note.values) {
    if (!name.starts_with("new:")) continue;
    const std::string field = name.substr(4);
    auto before = note.values.find("old:" + field);
    changes.push_back({field, before == note.values.end() ? std::string() : before->second, value});
  }
  return changes;
}

AppliedCorrections applyCorrections(const sql::RequestRow& request, const std::vector<std::string>& asked,
                                    const FieldCorrections& corrections, sql::Store& store, const Clock& clock,
                                    const WorkflowConfig& config) {
  AppliedCorrections result;
  result.row = request;
  if (corrections.empty()) return result;
  const std::set<std::string> allowed(asked.begin(), asked.end());
  RequestForm form = formOf(request, config.timezone);
  bool timeCorrected = false;
  std::string firstTimeField;
  for (const auto& [field, value] : corrections) {
    if (!allowed.count(field) || !correctableField(field)) {
      result.errors.emplace(field, "field_not_asked");  // a forged field: nothing changes
      continue;
    }
    for (const auto& described : requestFormFields())
      if (described.name == field && described.text) form.*described.text = value;
    if (isTimeField(field)) {
      timeCorrected = true;
      if (firstTimeField.empty()) firstTimeField = field;
    }
  }
  if (!result.errors.empty()) return result;
  // An end left empty is an open end ("s.d. selesai"), as on the form.
  if (corrections.count("jam_selesai")) form.untilDone = form.endTime.empty();

  // The form's own rules; only what the corrected fields answer for counts.
  sql::RequestRow checked = request;
  const FieldErrors errors = validateFormFields(form, store, clock, config, checked);
  for (const auto& [field, message] : errors) {
    if (corrections.count(field))
      result.errors.emplace(field, message);
    else if (timeCorrected && isTimeField(field))
      result.errors.emplace(firstTimeField, message);  // e.g. a new start after the end kept
  }
  if (!result.errors.empty()) return result;

  for (const auto& [field, value] : corrections)
    if (auto member = rowMember(field)) result.row.*member = checked.*member;
  if (timeCorrected) {
    // As a reschedule moves them: the hold and events follow with the rewrite.
    result.row.start = checked.start;
    result.row.end = checked.end;
  }
  for (const auto& [field, value] : corrections) {
    const std::string before = correctionValue(request, field, config.timezone);
    const std::string after = correctionValue(result.row, field, config.timezone);
    if (before != after) result.changes.push_back({field, before, after});
  }
  return result;
}

}  // namespace jadwal::workflow

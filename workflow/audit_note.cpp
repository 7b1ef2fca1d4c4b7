#include "workflow/audit_note.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <sstream>

namespace jadwal::workflow {

namespace {

// The audit actions whose notes the workflow writes (calendar_follower.cpp,
// calendar_repair.cpp, request_calendar.cpp, request_service.cpp,
// conflict_guard.cpp); every
// other action's note is a person's words.
bool writtenByTheWorkflow(std::string_view action) {
  return action == "disposition" || action == "calendar-unlink" || action == "calendar-delete" ||
         action == "calendar-cancel" || action == "calendar-edit" || action == "calendar-restore" ||
         action == "calendar-write" || action == "calendar-error" || action == "calendar-repair" ||
         action == "edit-details" || action == "conflicts-confirmed";
}

std::optional<AuditNote> parsed(std::string_view stored) {
  if (!stored.starts_with("{")) return std::nullopt;
  try {
    Poco::JSON::Parser parser;
    const auto object = parser.parse(std::string(stored)).extract<Poco::JSON::Object::Ptr>();
    if (!object || !object->has("code")) return std::nullopt;
    AuditNote note;
    for (const auto& [name, value] : *object) {
      if (!value.isString()) return std::nullopt;
      if (name == "code")
        note.code = value.toString();
      else
        note.values.emplace(name, value.toString());
    }
    return note;
  } catch (const Poco::Exception&) {
    return std::nullopt;  // words that happen to start with a brace
  }
}

}  // namespace

std::string encodeAuditNote(const AuditNote& note) {
  Poco::JSON::Object object;
  object.set("code", note.code);
  for (const auto& [name, value] : note.values) object.set(name, value);
  std::ostringstream text;
  object.stringify(text);
  return text.str();
}

std::optional<AuditNote> decodeAuditNote(std::string_view action, std::string_view stored) {
  if (!writtenByTheWorkflow(action)) return std::nullopt;
  return parsed(stored);
}

std::string agendaDetailsNote(const std::string& dressCode, const std::string& leaderRole,
                              const std::string& contactPerson, std::optional<bool> published) {
  return encodeAuditNote({"agenda_details",
                          {{"dress", dressCode},
                           {"role", leaderRole},
                           {"contact", contactPerson},
                           {"published", !published   ? ""
                                         : *published ? "1"
                                                      : "0"}}});
}

std::string joinedSteps(const std::vector<std::string>& steps) {
  std::string text;
  for (const auto& step : steps) text += (text.empty() ? "" : "\n") + step;
  return text;
}

std::vector<std::string> splitSteps(const std::string& value) {
  std::vector<std::string> steps;
  for (std::size_t at = 0; at < value.size();) {
    const auto end = std::min(value.find('\n', at), value.size());
    steps.push_back(value.substr(at, end - at));
    at = end + 1;
  }
  return steps;
}

std::string dispositionNoteOfEdit(bool deleted) {
  return encodeAuditNote({std::string(deleted ? kEventDeletedInCalendar : kEventCancelledInCalendar), {}});
}

std::optional<AuditNote> decodeDispositionNote(std::string_view stored) {
  auto note = parsed(stored);
  // Only the exact notes the follower writes: anything else was typed.
  if (!note || !note->values.empty() ||
      (note->code != kEventDeletedInCalendar && note->code != kEventCancelledInCalendar))
    return std::nullopt;
  return note;
}

}  // namespace jadwal::workflow
